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
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let statuses = try global.openRegistry().reviewStatus(feature)
      if output.isJSON { return try Console.json(statuses.map(ReviewStatusOutput.init)) }
      if let status = statuses.first, feature != nil {
        return Console.output(
          ReviewStatusText(status: status, color: global.usesColor).render(),
          styled: global.usesColor)
      }
      guard !statuses.isEmpty else { return Console.note("no live features") }
      Console.output(
        ReviewMatrix(statuses: statuses, color: global.usesColor).render(), styled: global.usesColor
      )
    }
  }
}

/// The matrix of `review status`: one row per feature, one column per discipline.
struct ReviewMatrix {
  var statuses: [ReviewStatus]
  var color: Bool

  func render() -> String {
    let disciplines = Discipline.allCases
    var table = TextTable(
      ["FEATURE", "STATUS", "ROUND"] + disciplines.map { $0.rawValue.uppercased() })
    table.style = { column, text in
      switch column {
      case 1: TermStyle.status(text)
      case 2...: DecisionStyle.style(text)
      default: nil
      }
    }
    for status in statuses {
      let decisions = Dictionary(uniqueKeysWithValues: status.decisions.map { ($0.discipline, $0) })
      table.append(
        [status.featureKey, status.status.rawValue, RoundLabel(status.round).short]
          + disciplines.map { discipline in
            guard let entry = decisions[discipline] else { return "" }
            return entry.signOff.map { DecisionStyle.word($0.decision) } ?? "missing"
          })
    }
    return table.render(color: color)
  }
}

/// `review status FEATURE`: the latest round in full.
struct ReviewStatusText {
  var status: ReviewStatus
  var color: Bool

  func render() -> String {
    var lines = [
      Style.bold.apply(
        "\(status.featureName.visibleOnOneLine) (\(status.featureKey.visible))", when: color)
        + "  \(status.status.rawValue)"
    ]
    guard let round = status.round else {
      lines.append(
        "  never reviewed; open a round with 'aigov review open \(status.featureKey.visible)'")
      return lines.joined(separator: "\n")
    }
    lines.append("  " + RoundLabel(round).long)
    if status.contentMatches == false {
      lines.append(
        "  " + Style.red.apply("the feature changed since this round was opened", when: color))
    }
    lines += DecisionLines(decisions: status.decisions, color: color).render(indent: "    ")
    if round.status == .open {
      lines.append(
        status.missing.isEmpty
          ? "  nothing missing"
          : "  still needed: " + status.missing.map(\.rawValue).joined(separator: ", "))
    }
    lines.append(
      "  approval in force: " + (status.approvalInForce.map { "round \($0)" } ?? "none"))
    return lines.joined(separator: "\n")
  }
}

/// One line per required discipline: its latest decision, who, when, signed or not, and why.
struct DecisionLines {
  var decisions: [DisciplineDecision]
  var color: Bool

  func render(indent: String) -> [String] {
    let reviewerWidth =
      decisions.compactMap { $0.signOff?.reviewer.visibleOnOneLine.count }.max() ?? 0
    return decisions.map { entry in
      let discipline = entry.discipline.rawValue.padded(to: 13)
      guard let signOff = entry.signOff else {
        return indent + discipline + Style.dim.apply("missing", when: color)
      }
      let word = DecisionStyle.word(signOff.decision)
      let decision =
        (DecisionStyle.style(word).map { $0.apply(word, when: color) } ?? word)
        + String(repeating: " ", count: max(1, 10 - word.count))
      let reviewer = signOff.reviewer.visibleOnOneLine.padded(to: reviewerWidth)
      var line =
        indent + discipline + decision + "\(reviewer)  \(signOff.signedAt.visibleOnOneLine)"
        + (signOff.signature == nil ? "" : "  signed")
      if !signOff.comment.isEmpty { line += "  \"\(signOff.comment.visibleOnOneLine)\"" }
      return line
    }
  }
}

/// How a round is named in text output.
struct RoundLabel {
  var round: ReviewRound?

  init(_ round: ReviewRound?) {
    self.round = round
  }

  /// `3 open`, or `-` when there is none.
  var short: String {
    round.map { "\($0.number) \($0.status.rawValue)" } ?? "-"
  }

  /// `round 3 (material-change), open since 2026-06-02T09:00:00Z by dana`.
  var long: String {
    guard let round else { return "no round" }
    var text = "round \(round.number) (\(round.kind.rawValue)), "
    if round.status == .open {
      text += "open since \(round.openedAt.visibleOnOneLine) by \(round.openedBy.visibleOnOneLine)"
    } else {
      text += "\(round.status.rawValue) \((round.closedAt ?? "").visibleOnOneLine)"
      if let reason = round.closeReason { text += ": \(reason.visibleOnOneLine)" }
    }
    return text
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
