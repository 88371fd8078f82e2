import AIGovKit
import Foundation

extension BenchRun {
  /// Export and import of a whole synthetic inventory at each size, and the export's memory
  /// from the smallest size to the largest.
  func exchange() throws -> [Budget] {
    var budgets: [Budget] = []
    var exportPeaks: [(size: Int, kilobytes: Int)] = []
    for size in options.exchangeSizes {
      let path = folder.appendingPathComponent("exchange-\(size).sqlite").path
      let build = try measureSeconds { try SyntheticInventory(features: size).build(at: path) }
      note("built \(size) features for the exchange rows in \(String(format: "%.1f", build)) s")
      let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
      var run = 0
      func freshFolder(_ label: String) -> String {
        run += 1
        let made = folder.appendingPathComponent("\(label)-\(size)-\(run)").path
        try? FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
        return made
      }
      let runs = max(3, options.runs / 3)
      for format in ExchangeFormat.allCases {
        // The same rows, table by table, written by the sqlite3 shell in its own CSV or JSON mode.
        let comparison = Comparison(
          name: "export --format \(format.rawValue)", runs: runs,
          aigov: {
            let target = freshFolder("aigov-\(format.rawValue)")
            try? FileManager.default.removeItem(atPath: target)
            return ["export", "--format", format.rawValue, "--output", target]
          },
          sqlite: {
            let target = freshFolder("sqlite3-\(format.rawValue)")
            var arguments = [path, format == .csv ? ".mode csv" : ".mode json", ".headers on"]
            for table in ExchangeTable.all + [ExchangeTable.inventory] {
              arguments += [
                ".once \(target)/\(table.name).\(format.rawValue)", table.selectSQL + ";",
              ]
            }
            return arguments
          })
        let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
        let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
        print(Report.row(size: size, events: 0, name: comparison.name, ours: ours, theirs: theirs))
        if format == .csv {
          exportPeaks.append((size, ours.peakKilobytes))
          if size == options.exchangeSizes.max() {
            budgets.append(
              Budget(
                name: "export --format csv, \(size) features",
                measured: Report.milliseconds(ours.seconds),
                baseline: "sqlite3 " + Report.milliseconds(theirs.seconds), limit: "1.5x sqlite3",
                ratio: ours.seconds / theirs.seconds / 1.5, peakKilobytes: ours.peakKilobytes,
                why: "every value is checked for the spreadsheet-formula guard and hashed"))
          }
        }
      }
      // Import: the features with their data categories and providers, as an export holds them,
      // into a new database; the baseline is the sqlite3 shell's .import of the features file.
      let source = freshFolder("source")
      try? FileManager.default.removeItem(atPath: source)
      _ = try spawn(aigov, ["export", "--format", "csv", "--output", source], environment: env)
      let featuresOnly = freshFolder("features-only")
      for table in ["providers", "features", "feature_data_categories", "feature_providers"] {
        try FileManager.default.copyItem(
          atPath: "\(source)/\(table).csv", toPath: "\(featuresOnly)/\(table).csv")
      }
      for (name, input) in [
        ("import features (merge)", featuresOnly), ("import whole export (restore)", source),
      ] {
        let comparison = Comparison(
          name: name, runs: runs,
          aigov: { ["import", input, "--db", freshFolder("import") + "/new.sqlite"] },
          sqlite: {
            [
              freshFolder("sqlite3-import") + "/new.sqlite",
              ".import --csv \(source)/features.csv features",
            ]
          })
        let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
        let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
        print(Report.row(size: size, events: 0, name: comparison.name, ours: ours, theirs: theirs))
        if size == options.exchangeSizes.max() {
          budgets.append(
            Budget(
              name: "\(name), \(size) features", measured: String(format: "%.2f s", ours.seconds),
              baseline: "", limit: "5 s", ratio: ours.seconds / 5,
              peakKilobytes: ours.peakKilobytes,
              why: name.contains("restore")
                ? "the whole export is read into memory, inserted with its audit trail, then "
                  + "verified before it commits"
                : "each feature is matched by its key and written with its audit event"))
        }
      }
    }
    if let smallest = exportPeaks.min(by: { $0.size < $1.size }),
      let largest = exportPeaks.max(by: { $0.size < $1.size }), largest.size > smallest.size
    {
      budgets.append(
        Budget(
          name: "export memory, \(smallest.size) to \(largest.size) features",
          measured: "\(largest.kilobytes / 1024) MiB", baseline: "\(smallest.kilobytes / 1024) MiB",
          limit: "flat (within 25%)",
          ratio: Double(largest.kilobytes) / Double(max(1, smallest.kilobytes)) / 1.25,
          peakKilobytes: largest.kilobytes, why: "rows are held in memory instead of streamed"))
    }

    return budgets
  }
}
