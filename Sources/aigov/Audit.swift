import AIGovKit
import ArgumentParser

extension AIGov {
  struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract: "Read, verify and checkpoint the tamper-evident audit trail.",
      subcommands: [Log.self, Verify.self, Checkpoint.self])
  }
}
