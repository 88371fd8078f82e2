import AIGovKit
import Foundation

extension BenchRun {
  /// The quarterly report: a year of history of `reportFeatures` features, the report of its
  /// third quarter in each format.
  func quarterlyReport(features reportFeatures: Int) throws -> [Budget] {
    var budgets: [Budget] = []
    let path = folder.appendingPathComponent("year-\(reportFeatures).sqlite").path
    let build = try measureSeconds { try YearOfHistory(features: reportFeatures).build(at: path) }
    let events = try eventCount(at: path)
    note(
      "built \(reportFeatures) features with a year of history (\(events) audit events) in "
        + String(format: "%.1f", build) + " s")
    let env = [
      "AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1",
      "AIGOV_NOW": "2026-12-15T00:00:00Z",
    ]
    // The baseline rebuilds the features as they stood at the quarter's end from the trail and
    // counts them by status: the first step of the report, in SQL alone.
    let baseline = [
      path,
      "SELECT after ->> '$.status', count(*) FROM audit_events WHERE seq IN (SELECT max(seq) "
        + "FROM audit_events WHERE at < '2026-10-01' AND entity = 'feature' GROUP BY entity_key) "
        + "GROUP BY 1; SELECT after FROM audit_events WHERE at >= '2026-07-01' "
        + "AND at < '2026-10-01';",
    ]
    var slowest = 0.0
    var slowestPeak = 0
    for format in ReportFormat.allCases {
      let comparison = Comparison(
        name: "report quarterly --format \(format.rawValue)", runs: max(3, options.runs / 3),
        aigov: { ["report", "quarterly", "--quarter", "2026-Q3", "--format", format.rawValue] },
        sqlite: { baseline })
      let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
      let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
      if ours.seconds > slowest { (slowest, slowestPeak) = (ours.seconds, ours.peakKilobytes) }
      print(
        Report.row(
          size: reportFeatures, events: events, name: comparison.name, ours: ours, theirs: theirs))
    }
    // The public page as of now, dated by the last event that changed it, beside sqlite3 reading
    // the launched features and the trail's events since the quarter began.
    let page = Comparison(
      name: "report public --format html", runs: max(3, options.runs / 3),
      aigov: { ["report", "public", "--format", "html"] },
      sqlite: {
        [
          path,
          "SELECT * FROM features WHERE status = 'launched'; SELECT seq, at FROM audit_events "
            + "WHERE at >= '2026-10-01' ORDER BY seq DESC;",
        ]
      })
    let pageOurs = try page.measure(aigov, arguments: page.aigov, environment: env)
    let pageTheirs = try page.measure(sqlite3, arguments: page.sqlite, environment: env)
    print(
      Report.row(
        size: reportFeatures, events: events, name: page.name, ours: pageOurs, theirs: pageTheirs))
    budgets.append(
      Budget(
        name: "report public, \(reportFeatures) features",
        measured: Report.milliseconds(pageOurs.seconds), baseline: "", limit: "0.5 s",
        ratio: pageOurs.seconds / 0.5, peakKilobytes: pageOurs.peakKilobytes,
        why: "the page is dated by rebuilding it as it stood before each earlier event that can "
          + "change it, until it differs"))
    budgets.append(
      Budget(
        name: "report quarterly (slowest format), \(reportFeatures) features",
        measured: Report.milliseconds(slowest), baseline: "", limit: "0.5 s",
        ratio: slowest / 0.5, peakKilobytes: slowestPeak,
        why: "the report rebuilds the inventory from the trail at each quarter end its trends "
          + "show (every table copied into memory) and checks every feature at each, split over "
          + "two connections; on the first, the check at the quarter's end and writing the "
          + "report's megabytes take most of it"))
    return budgets
  }
}
