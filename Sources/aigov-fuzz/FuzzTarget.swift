import AIGovKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A reader of untrusted files that the fuzzer feeds: each takes any bytes, must not crash, and
/// stops the process (a finding) when a property of what it read does not hold.
enum FuzzTarget: String, CaseIterable, Sendable {
  /// The CSV reader, and that what it reads writes back as the same fields.
  case csv
  /// The strict JSON reader, and the import of a JSON export file (checked, never written).
  case json
  /// The import of the US federal AI use-case inventory, 2025 template (checked, never written).
  case federal

  func run(_ bytes: [UInt8]) {
    switch self {
    case .csv: Self.readCSV(bytes)
    case .json: Self.importJSON(bytes)
    case .federal: Self.importFederal(bytes)
    }
  }

  /// The files of `Fixtures/` that seed this target's corpus, relative to the package root.
  var seedFolders: [String] {
    switch self {
    case .csv: ["Fixtures/exchange/csv-spectrum/csvs", "Fixtures/exchange/csv-injection-payloads"]
    case .json: ["Fixtures/exchange/JSONTestSuite/test_parsing", "Fixtures/golden"]
    case .federal: ["Fixtures/exchange/omb-2025"]
    }
  }

  private static func readCSV(_ bytes: [UInt8]) {
    var reader = CSVReader(bytes: bytes)
    var records: [CSVRecord] = []
    while let record = try? reader.next() { records.append(record) }
    var writer = CSVWriter()
    for record in records {
      writer.record(zip(record.fields, record.quoted).map { $1 || !$0.isEmpty ? $0 : nil })
    }
    var again = CSVReader(bytes: writer.take())
    for record in records {
      guard let reread = try? again.next(),
        reread.fields.map(SpreadsheetFormula.restored) == record.fields
      else {
        fatalError("a record read from CSV did not read back the same once written: \(record)")
      }
    }
  }

  private static func importJSON(_ bytes: [UInt8]) {
    _ = try? StrictJSON.parse(bytes)
    for table in ["features", "providers", "risks", "audit_events"] {
      _ = try? registry.importExport(
        fileNamed: table + ".json", bytes: bytes, options: ImportOptions(dryRun: true))
    }
  }

  private static func importFederal(_ bytes: [UInt8]) {
    _ = try? registry.importFederalInventory(
      fileNamed: "inventory.csv", bytes: bytes, options: ImportOptions(dryRun: true))
  }

  /// One database in memory for the whole run; dry runs leave it as it was.
  nonisolated(unsafe) private static let registry: Registry = {
    do {
      let database = try Database(path: "fuzzing", mode: .memory)
      try database.execute("PRAGMA foreign_keys = ON")
      try Registry.migrator.migrate(database)
      return Registry(
        database: database, actor: "fuzzer", clock: { Date(timeIntervalSince1970: 1_790_000_000) })
    } catch {
      fatalError("cannot open a database in memory: \(error)")
    }
  }()
}
