import AIGovKit
import ArgumentParser

extension AIGov {
  struct Risk: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "risk",
      abstract: "Record, list and change the risks of features.",
      discussion: """
        A risk's score is likelihood x impact (each 1-5): 1-4 low, 5-9 medium, 10-16 high, \
        20-25 critical.
        """,
      subcommands: [Add.self, List.self, Edit.self])
  }
}
