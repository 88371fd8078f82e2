import AIGovKit
import ArgumentParser

extension AIGov.Review {
  struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "open",
      abstract: "Open a review round for a feature.",
      discussion: """
        A feature that is not launched moves to in-review. A launched feature stays launched \
        while its periodic review runs; an approval renews it, a rejection suspends it.
        """)

    @Argument(help: "The feature's key.")
    var feature: String
    @OptionGroup var output: FormatOption
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let round =
        try RemoteServer.named(server).map {
          try $0.post(
            RemoteServer.feature(feature, "/reviews"), body: [String: String](),
            as: ReviewRound.self)
        } ?? global.openRegistry().openReview(feature)
      try output.emit(round)
      Console.note(
        "opened round \(round.number) (\(round.kind.rawValue)) for '\(feature)'; required: "
          + round.requiredDisciplines.map(\.rawValue).joined(separator: ", "))
    }
  }
}
