import AIGovKit
import ArgumentParser

extension AIGov.Review {
  struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "status",
      abstract: "Show where reviews stand: each required discipline's latest decision.",
      discussion: """
        Without a feature: a matrix of every live feature's latest round. With one: each \
        discipline's decision, who made it, when, and whether it was signed. --format json \
        includes each signature and the exact message it signs, for checking offline.
        """)

    @Argument(help: "Only this feature.")
    var feature: String?
    @OptionGroup var output: FormatOption
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let statuses =
        try RemoteServer.named(server).map {
          try $0.get("/api/reviews", query: [("feature", feature)], as: [ReviewStatus].self)
        } ?? global.openRegistryForReading().reviewStatus(feature)
      try output.emit(statuses.map(ReviewStatusOutput.init)) {
        if let status = statuses.first, feature != nil {
          return Console.output(
            ReviewStatusText(status: status, color: global.usesColor).render(),
            styled: global.usesColor)
        }
        guard !statuses.isEmpty else { return Console.note("no live features") }
        Console.output(
          ReviewMatrix(statuses: statuses, color: global.usesColor).render(),
          styled: global.usesColor
        )
      }
    }
  }
}

/// Words and colours for decisions.
enum DecisionStyle {
  static func word(_ decision: Decision) -> String {
    switch decision {
    case .approve: "approve"
    case .reject: "reject"
    case .changesRequested: "changes"
    }
  }

  static func style(_ text: String) -> Style? {
    switch text {
    case "approve": .green
    case "reject": .red
    case "changes": .yellow
    case "missing": .dim
    default: nil
    }
  }
}

/// A review status for JSON output, with each sign-off's signed message.
struct ReviewStatusOutput: Encodable {
  var status: ReviewStatus

  enum CodingKeys: String, CodingKey {
    case decisions
  }

  func encode(to encoder: any Encoder) throws {
    try status.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(status.decisions.map(DecisionOutput.init), forKey: .decisions)
  }
}

struct DecisionOutput: Encodable {
  var decision: DisciplineDecision

  enum CodingKeys: String, CodingKey {
    case discipline
    case signOff = "signoff"
  }

  func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(decision.discipline, forKey: .discipline)
    try values.encode(decision.signOff.map(SignOffOutput.init), forKey: .signOff)
  }
}

/// A sign-off for JSON output, with the exact bytes its signature covers.
struct SignOffOutput: Encodable {
  var signOff: SignOff

  enum CodingKeys: String, CodingKey {
    case signedMessage = "signed_message"
  }

  func encode(to encoder: any Encoder) throws {
    try signOff.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(
      String(decoding: signOff.signedMessage, as: UTF8.self), forKey: .signedMessage)
  }
}
