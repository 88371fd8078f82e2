import AIGovKit
import ArgumentParser

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
