import AIGovKit
import ArgumentParser

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
