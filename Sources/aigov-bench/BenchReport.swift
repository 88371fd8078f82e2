import AIGovKit
import Foundation

enum Report {
  static let header = [
    pad("features", 9), pad("command", 36), pad("aigov", 11), pad("sqlite3", 11), pad("ratio", 7),
    "aigov peak",
  ].joined()

  static func row(size: Int, events: Int, name: String, ours: Measurement, theirs: Measurement)
    -> String
  {
    [
      pad(String(size), 9), pad(name, 36), pad(milliseconds(ours.seconds), 11),
      pad(milliseconds(theirs.seconds), 11),
      pad(String(format: "%.2fx", ours.seconds / theirs.seconds), 7),
      "\(ours.peakKilobytes / 1024) MiB",
    ].joined()
  }

  /// Every budget in one table, each met or missed by how much, and why for those missed.
  static func budgetTable(_ budgets: [Budget]) -> String {
    guard !budgets.isEmpty else { return "no budget was measured (see --help)" }
    var lines = [
      "budgets (DESIGN section 9), measured in this run:",
      [
        pad("budget", 48), pad("aigov", 12), pad("baseline", 26), pad("limit", 19),
        pad("ratio", 7), pad("peak", 9), "verdict",
      ].joined(),
    ]
    for budget in budgets {
      lines.append(
        [
          pad(budget.name, 48), pad(budget.measured, 12), pad(budget.baseline, 26),
          pad(budget.limit, 19), pad(String(format: "%.2f", budget.ratio), 7),
          pad("\(budget.peakKilobytes / 1024) MiB", 9), budget.verdict,
        ].joined())
    }
    let missed = budgets.filter { $0.ratio > 1 }
    if !missed.isEmpty { lines.append("why the missed ones miss:") }
    for budget in missed { lines.append("  \(budget.name): \(budget.why)") }
    return lines.joined(separator: "\n")
  }

  static func milliseconds(_ seconds: Double) -> String {
    String(format: "%.1f ms", seconds * 1000)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}
