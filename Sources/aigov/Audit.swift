import AIGovKit
import ArgumentParser

extension AIGov {
  struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract: "Read and verify the tamper-evident audit trail.",
      subcommands: [Log.self, Verify.self])
  }
}
