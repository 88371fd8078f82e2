import AIGovKit
import ArgumentParser

extension AIGov {
  struct Monitor: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "monitor",
      abstract: "Plan what is monitored about a feature after launch, and record the results.",
      subcommands: [Plan.self, Record.self, List.self])
  }
}
