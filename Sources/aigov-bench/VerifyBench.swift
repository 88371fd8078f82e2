import AIGovKit
import Foundation

extension BenchRun {
  /// `audit verify` of a trail of `options.verifyEvents` events: chain, signatures and
  /// reconciliation.
  func auditVerify() throws -> [Budget] {
    var budgets: [Budget] = []
    let features = Int(
      (Double(options.verifyEvents) / SyntheticInventory.eventsPerFeature).rounded(.up))
    let path = folder.appendingPathComponent("verify-\(features).sqlite").path
    let build = try measureSeconds { try SyntheticInventory(features: features).build(at: path) }
    let events = try eventCount(at: path)
    note(
      "built \(features) features (\(events) audit events) in \(String(format: "%.1f", build)) s")
    let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
    let comparison = Comparison(
      name: "audit verify", runs: max(3, options.runs / 3), aigov: { ["audit", "verify"] },
      sqlite: { [path, SyntheticInventory.hashEveryEvent] })
    let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    print(
      Report.row(size: features, events: events, name: comparison.name, ours: ours, theirs: theirs))
    let scan = try measureRuns(
      sqlite3, runs: max(3, options.runs / 3), label: "reading every event",
      arguments: { [path, SyntheticInventory.readEveryEvent] }, environment: env)
    let why =
      "sqlite3 alone takes \(Report.milliseconds(scan.seconds)) to read every event once; "
      + "reconciling every record looks up its latest event by key"
    budgets.append(
      Budget(
        name: "audit verify, \(events) events", measured: Report.milliseconds(ours.seconds),
        baseline: "", limit: "1 s", ratio: ours.seconds, peakKilobytes: ours.peakKilobytes, why: why
      ))
    budgets.append(
      Budget(
        name: "audit verify, \(events) events", measured: Report.milliseconds(ours.seconds),
        baseline: "sqlite3 hashing " + Report.milliseconds(theirs.seconds), limit: "1x sqlite3",
        ratio: ours.seconds / theirs.seconds, peakKilobytes: ours.peakKilobytes, why: why))
    return budgets
  }
}
