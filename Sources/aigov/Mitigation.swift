import AIGovKit
import ArgumentParser

extension AIGov {
  struct Mitigation: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mitigation",
      abstract: "Record and update the mitigations of risks ('feature show' lists them).",
      subcommands: [Add.self, Edit.self, List.self, Map.self, Unmap.self])
  }
}
