import AIGovKit
import Foundation

extension BenchRun {
  /// `feature add`, `feature show`, `feature list` and `audit verify` on a database of `size`
  /// synthetic features, against the sqlite3 shell's equivalent queries.
  func singleRecordCommands(size: Int) throws -> [Budget] {
    var budgets: [Budget] = []
    let path = folder.appendingPathComponent("bench-\(size).sqlite").path
    let build = try measureSeconds { try SyntheticInventory(features: size).build(at: path) }
    let events = try eventCount(at: path)
    note(
      "built \(size) features (\(events) audit events) in \(String(format: "%.1f", build)) s "
        + "(\(Int(Double(size) / build)) features/s through AIGovKit)")
    // The sqlite3 shell's inserts go to a copy: rows written behind aigov's back are exactly what
    // audit verify exists to catch.
    let rawCopy = folder.appendingPathComponent("bench-\(size)-sqlite3.sqlite").path
    try FileManager.default.copyItem(atPath: path, toPath: rawCopy)
    let middle = "feature-\(size / 2)"
    let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
    let heavyRuns = max(3, options.runs / 3)
    var counter = 0
    var rawCounter = 0
    let comparisons: [Comparison] = [
      Comparison(
        name: "feature add", runs: options.runs,
        aigov: {
          counter += 1
          return [
            "feature", "add", "added-\(counter)", "--name", "Added \(counter)", "--category",
            "automation", "--serving", "account-only", "--training", "none", "--purpose", "bench",
            "--owner", "bench",
          ]
        },
        sqlite: {
          rawCounter += 1
          return [
            rawCopy,
            "INSERT INTO features (key, name, purpose, category, serving_use, training_use, "
              + "owner, human_oversight, audience, final_say, customer_control, created_at, "
              + "updated_at) VALUES ('raw-\(rawCounter)', 'Raw', 'bench', 'automation', "
              + "'account-only', 'none', 'bench', 'human-in-the-loop', 'customers', 'customer', "
              + "'always-on', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
          ]
        }),
      Comparison(
        name: "feature show", runs: options.runs,
        aigov: { ["feature", "show", middle] },
        sqlite: {
          [
            path,
            "SELECT * FROM features WHERE key = '\(middle)'; "
              + "SELECT category FROM feature_data_categories WHERE feature_id = "
              + "(SELECT id FROM features WHERE key = '\(middle)'); "
              + "SELECT p.*, fp.model FROM feature_providers fp JOIN providers p ON p.id = "
              + "fp.provider_id JOIN features f ON f.id = fp.feature_id WHERE f.key = '\(middle)'; "
              + "SELECT r.* FROM risks r JOIN features f ON f.id = r.feature_id "
              + "WHERE f.key = '\(middle)'; "
              + "SELECT m.* FROM mitigations m JOIN risks r ON r.id = m.risk_id JOIN features f "
              + "ON f.id = r.feature_id WHERE f.key = '\(middle)';",
          ]
        }),
      Comparison(
        name: "feature list --format json", runs: heavyRuns,
        aigov: { ["feature", "list", "--format", "json"] },
        sqlite: {
          [
            "-json", path,
            "SELECT f.*, (SELECT json_group_array(category) FROM feature_data_categories c "
              + "WHERE c.feature_id = f.id) AS data_categories FROM features f ORDER BY key;",
          ]
        }),
      Comparison(
        name: "audit verify", runs: heavyRuns,
        aigov: { ["audit", "verify"] },
        sqlite: {
          [path, SyntheticInventory.hashEveryEvent]
        }),
    ]
    var measured: [String: (ours: Measurement, theirs: Measurement)] = [:]
    for comparison in comparisons {
      let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
      let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
      measured[comparison.name] = (ours, theirs)
      print(
        Report.row(size: size, events: events, name: comparison.name, ours: ours, theirs: theirs))
    }
    // The single-record budget is set at 100,000 features: judged at the largest size measured.
    guard size == options.sizes.max() else { return budgets }
    if let featureShow = measured["feature show"]?.theirs {
      try mcpToolCalls(size: size, path: path, events: events, featureShow: featureShow)
    }
    let startUp = try measureRuns(
      aigov, runs: options.runs, label: "--version", arguments: { ["--version"] }, environment: env)
    let startUpWhy =
      "start-up alone ('aigov --version') takes \(Report.milliseconds(startUp.seconds)): "
      + "loading the binary and parsing the command line"
    let limits: [(name: String, label: String, times: Double, why: String)] = [
      ("feature show", "feature show, \(size) features", 3, startUpWhy),
      ("feature add", "feature add, \(size) features", 3, startUpWhy),
      (
        "feature list --format json", "feature list --format json, \(size)", 2,
        "each feature is read into a record and written as JSON, with its text made visible, "
          + "where sqlite3 prints its columns"
      ),
    ]
    for limit in limits {
      guard let (ours, theirs) = measured[limit.name] else { continue }
      budgets.append(
        Budget(
          name: limit.label, measured: Report.milliseconds(ours.seconds),
          baseline: "sqlite3 " + Report.milliseconds(theirs.seconds),
          limit: "\(Int(limit.times))x sqlite3", ratio: ours.seconds / theirs.seconds / limit.times,
          peakKilobytes: ours.peakKilobytes, why: limit.why))
    }
    return budgets
  }
}
