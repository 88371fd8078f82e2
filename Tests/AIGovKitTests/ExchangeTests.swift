import Crypto
import Foundation
import Testing

@testable import AIGovKit

/// The sample inventory in a new database, and a registry on it at a fixed time.
func sampleRegistry(in directory: TemporaryDirectory, name: String = "sample.sqlite") throws
  -> Registry
{
  let fixed = Timestamp.parse("2026-11-22T10:00:00Z")!
  let path = directory.path(name)
  _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { fixed })
  return try Registry.open(path: path, actor: "auditor", clock: { fixed })
}

/// Every file of a folder, by its path in the folder (`evidence/SHA256` for a stored file).
func folderContents(_ path: String) throws -> [String: Data] {
  var files: [String: Data] = [:]
  let folder = URL(fileURLWithPath: path)
  for name in try FileManager.default.subpathsOfDirectory(atPath: path)
  where !FileManager.default.isFolder(atPath: folder.appendingPathComponent(name).path) {
    files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
  }
  return files
}

@Suite struct ExportTests {
  @Test(arguments: ExchangeFormat.allCases)
  func writesEveryTableWithAManifestThatProvesIt(_ format: ExchangeFormat) throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    let manifest = try registry.export(
      to: URL(fileURLWithPath: folder), format: format, toolVersion: "9.9")
    let files = try folderContents(folder)
    let tables = (ExchangeTable.all + ExchangeTable.derived).map(\.name)
    let stored = try registry.database.query("SELECT sha256 FROM evidence_files").map {
      "evidence/" + (try $0.text("sha256"))
    }
    #expect(stored.count == 5)
    #expect(
      Set(files.keys)
        == Set(
          tables.map { "\($0).\(format.rawValue)" } + ["manifest.json", "SHA256SUMS"] + stored))
    #expect(manifest.files.count == tables.count)
    #expect(
      manifest.schemaVersion == Registry.migrator.latestVersion && manifest.toolVersion == "9.9")
    #expect(manifest.auditChainHead?.hash == (try registry.auditTrail.head())?.hash)
    for file in manifest.files {
      let data = try #require(files[file.name])
      #expect(CanonicalJSON.hex(SHA256.hash(data: data)) == file.sha256, "\(file.name)")
      #expect(data.count == file.bytes)
    }
    let features = try #require(manifest.files.first { $0.name == "features.\(format.rawValue)" })
    #expect(features.rows == 24)
    // SHA256SUMS in the format sha256sum -c reads: every file but itself, manifest included.
    let sums = String(decoding: try #require(files["SHA256SUMS"]), as: UTF8.self)
    let lines = sums.split(separator: "\n").map(String.init)
    #expect(lines.count == files.count - 1)
    for line in lines {
      let name = String(line.dropFirst(66))
      #expect(line.dropFirst(64).hasPrefix("  "))
      #expect(
        String(line.prefix(64)) == CanonicalJSON.hex(SHA256.hash(data: try #require(files[name]))))
    }
  }

  @Test func theSameDatabaseAndTimeGiveTheSameBytes() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    for format in ExchangeFormat.allCases {
      try registry.export(
        to: URL(fileURLWithPath: directory.path("a-\(format)")), format: format, toolVersion: "1")
      try registry.export(
        to: URL(fileURLWithPath: directory.path("b-\(format)")), format: format, toolVersion: "1")
      #expect(
        try folderContents(directory.path("a-\(format)"))
          == folderContents(directory.path("b-\(format)")))
    }
  }

  @Test func refusesAFolderThatHoldsAnything() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    #expect(
      throws: AIGovError.refused(.exportFolderNotEmpty(path: directory.url.path))
    ) {
      try registry.export(to: directory.url, format: .csv, toolVersion: "1")
    }
  }

  /// A JSON export validates against the schemas the binary ships.
  @Test func jsonFilesValidateAgainstTheirSchemas() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try registry.export(to: URL(fileURLWithPath: folder), format: .json, toolVersion: "1")
    let schemas = directory.path("schemas")
    let written = try ExchangeSchema.write(
      to: URL(fileURLWithPath: schemas), schemaVersion: Registry.migrator.latestVersion)
    #expect(written.count == ExchangeTable.all.count + ExchangeTable.derived.count + 1)
    for name in try FileManager.default.contentsOfDirectory(atPath: folder)
    where name.hasSuffix(".json") {
      let stem = String(name.dropLast(5))
      let schema = try StrictJSON.parse(
        fixtureBytes(URL(fileURLWithPath: schemas).appendingPathComponent("\(stem).schema.json")))
      let document = try StrictJSON.parse(
        fixtureBytes(URL(fileURLWithPath: folder).appendingPathComponent(name)))
      #expect(SchemaCheck.errors(document, against: schema) == [], "\(name)")
    }
    // And the check can fail: a row with a value outside its vocabulary does not validate.
    let schema = ExchangeSchema.document(for: ExchangeTable.named("settings")!, schemaVersion: 5)
    let bad: JSONValue = .object([
      "entity": .string("settings"), "schema_version": .integer(5),
      "rows": .array([
        .object([
          "name": .string("x"), "value": .integer(3), "endorsed_by": .null,
          "endorsing_key": .null, "endorsement": .null,
        ])
      ]),
    ])
    #expect(SchemaCheck.errors(bad, against: schema) == ["$.rows[0].value: not string"])
  }

  /// Each reviewer's public key in the CSV export is the PEM as the reviewer gave it, which
  /// openssl reads as written, and it comes back as it went.
  @Test func publicKeysInTheCSVExportAreUsableAsWritten() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try registry.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/reviewer_keys.csv")))
    let records = try readAllRecords(bytes)
    let column = try #require(records.first?.fields.firstIndex(of: "public_key"))
    let keys = try registry.database.query("SELECT public_key FROM reviewer_keys ORDER BY id")
      .map { try $0.text("public_key") }
    #expect(!keys.isEmpty)
    #expect(records.dropFirst().map { $0.fields[column] } == keys)
    #expect(keys.allSatisfy { $0.hasPrefix("-----BEGIN PUBLIC KEY-----\n") })
  }

  /// Hostile text goes out guarded and comes back as it was.
  @Test func formulasAreNeutralisedAndRestored() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    var draft = FeatureDraft(
      key: "hostile", name: "=cmd|' /C calc'!A0", purpose: "+1 555 0100\n@SUM(1)",
      category: .generative, servingUse: .accountOnly, trainingUse: .none, owner: "-owner")
    draft.description = "<script>|\t\"q\"\n=1"
    try registry.addFeature(draft)
    let folder = directory.path("export")
    try registry.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    let csv = String(
      decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/features.csv")), as: UTF8.self)
    #expect(csv.contains(",'=cmd|' /C calc'!A0,"))
    #expect(csv.contains(",\"'+1 555 0100\n@SUM(1)\","))
    #expect(csv.contains(",'-owner,"))
    let restored = try makeRegistry(in: directory, name: "restored.sqlite")
    _ = try restored.importExport(from: folder)
    #expect(try restored.feature("hostile") == registry.feature("hostile"))
  }
}

@Suite struct ImportTests {
  /// Export, restore into a new database, export again: the same files, the same chain head.
  @Test(arguments: ExchangeFormat.allCases)
  func aWholeExportRoundTripsLosslessly(_ format: ExchangeFormat) throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let first = directory.path("first")
    try registry.export(to: URL(fileURLWithPath: first), format: format, toolVersion: "1")
    let restored = try makeRegistry(in: directory, name: "restored.sqlite")
    let report = try restored.importExport(from: first)
    #expect(report.mode == .restore)
    #expect(report.auditChainHead == (try registry.auditTrail.head())?.hash)
    #expect(try restored.verify().isIntact)
    #expect(try snapshot(restored.database) == snapshot(registry.database))
    let second = directory.path("second")
    try restored.export(to: URL(fileURLWithPath: second), format: format, toolVersion: "1")
    #expect(try folderContents(first) == folderContents(second))
  }

  @Test func aRestoreThatDoesNotVerifyWritesNothing() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try registry.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    // Rename a feature behind the trail's back, and drop the manifest that would catch it first.
    let features = URL(fileURLWithPath: folder + "/features.csv")
    let text = try String(contentsOf: features, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "Email AI", with: "Email Helper").utf8).write(
      to: features)
    try FileManager.default.removeItem(atPath: folder + "/manifest.json")
    let target = try makeRegistry(in: directory, name: "target.sqlite")
    let before = try snapshot(target.database)
    let refused = try #require(throws: ImportRefused.self) { try target.importExport(from: folder) }
    #expect(refused.report.problems.count == 1)
    #expect(refused.report.problems[0].file == "audit_events.csv")
    #expect(refused.report.problems[0].reason.contains("feature 'email-ai'"))
    #expect(try snapshot(target.database) == before)
  }

  /// Rows are restored many to a statement; a row the database refuses is still named on its own
  /// line, and the rows around it are not.
  @Test func eachRowTheDatabaseRefusesIsNamedByItsLine() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try registry.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    // Two rows repeated in the middle of the file: one statement holds them and good rows.
    let categories = URL(fileURLWithPath: folder + "/feature_data_categories.csv")
    var lines = try String(contentsOf: categories, encoding: .utf8).components(
      separatedBy: "\r\n")
    #expect(lines.count > 10)
    lines.insert(lines[3], at: 4)
    lines.insert(lines[6], at: 7)
    try Data(lines.joined(separator: "\r\n").utf8).write(to: categories)
    try FileManager.default.removeItem(atPath: folder + "/manifest.json")
    try FileManager.default.removeItem(atPath: folder + "/SHA256SUMS")
    let target = try makeRegistry(in: directory, name: "target.sqlite")
    let before = try snapshot(target.database)
    let refused = try #require(throws: ImportRefused.self) { try target.importExport(from: folder) }
    #expect(
      refused.report.problems.map(\.file)
        == Array(repeating: "feature_data_categories.csv", count: 2))
    #expect(refused.report.problems.map(\.line) == [5, 8])
    #expect(
      refused.report.problems.allSatisfy {
        $0.reason == "the database refused the row (UNIQUE constraint failed: "
          + "feature_data_categories.feature_id, feature_data_categories.category)"
      }, "\(refused.report.problems)")
    #expect(try snapshot(target.database) == before)
  }

  @Test func aFileChangedSinceTheExportIsCaughtByTheManifest() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try registry.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    let settings = URL(fileURLWithPath: folder + "/settings.csv")
    try (try Data(contentsOf: settings) + Data("x,y,,,\r\n".utf8)).write(to: settings)
    let target = try makeRegistry(in: directory, name: "target.sqlite")
    let refused = try #require(throws: ImportRefused.self) { try target.importExport(from: folder) }
    #expect(refused.report.problems.map(\.file) == ["settings.csv"])
    #expect(refused.report.problems[0].reason.hasPrefix("differs from the SHA-256"))
  }

  /// Into a database with records of its own: new records are added and audited here, launched
  /// features are marked unreviewed, a second import changes nothing.
  @Test func mergingAddsRecordsAndEarnsNoApproval() throws {
    let directory = try TemporaryDirectory()
    let sample = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try sample.export(to: URL(fileURLWithPath: folder), format: .json, toolVersion: "1")
    let target = try makeRegistry(in: directory, name: "target.sqlite")
    try target.addProvider(ProviderDraft(key: "local", name: "Local", kind: .internal))
    let report = try target.importExport(from: folder)
    #expect(report.mode == .merge)
    #expect(report.records["feature"]?.added == 24)
    #expect(report.records["provider"]?.added == 6)
    #expect(report.records["risk"]?.added == 42)
    #expect(report.notes.contains { $0.hasPrefix("not merged: ") })
    let launched = try sample.features(FeatureFilter(status: .launched)).map(\.key)
    #expect(Set(report.unreviewed).isSuperset(of: launched))
    let key = try #require(launched.first)
    let arrived = try target.feature(key)
    #expect(arrived.status == .launched && arrived.unreviewedStatus == .launched)
    #expect(arrived.lastReviewedAt == nil)
    #expect(
      try target.check().findings.contains { $0.feature == key && $0.rule == .unreviewedImport })
    #expect(try target.verify().isIntact)
    #expect(
      try target.auditTrail.events(AuditFilter(entity: "feature", entityKey: key)).map(\.action)
        == ["feature.import"])
    let again = try target.importExport(from: folder)
    #expect(again.records["feature"] == ImportReport.Tally(added: 0, updated: 0, unchanged: 24))
  }

  /// New features are written many to a statement before any feature's event: they still take
  /// the ids SQLite gives one at a time and their events the import's order, between those of
  /// features that existed, and a key repeated later in the import finds the feature its first
  /// row added.
  @Test func newFeaturesTakeTheirIdsAndEventsInTheImportsOrder() throws {
    let directory = try TemporaryDirectory()
    let sample = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try sample.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    try FileManager.default.removeItem(atPath: folder + "/manifest.json")
    try FileManager.default.removeItem(atPath: folder + "/SHA256SUMS")
    let featuresFile = URL(fileURLWithPath: folder + "/features.csv")
    let lines = try String(contentsOf: featuresFile, encoding: .utf8)
      .components(separatedBy: "\r\n").filter { !$0.isEmpty }
    let keys = lines.dropFirst().map { String($0.split(separator: ",")[1]) }
    #expect(keys.count == 24)
    // The first feature once more at the end, renamed, and so without the rows of its record.
    let first = lines[1].split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false)
    #expect(!first[2].hasPrefix("\""))
    // Under an id of its own: the other files name a feature's rows by its id.
    let renamed = ["9999", first[1], "Renamed Feature", first[3]].joined(separator: ",")
    try Data((lines + [renamed, ""]).joined(separator: "\r\n").utf8).write(to: featuresFile)

    let target = try makeRegistry(in: directory, name: "target.sqlite")
    _ = try target.importExport(from: folder + "/providers.csv")
    _ = try target.importExport(
      fileNamed: "features.csv", bytes: Array(lines.prefix(4).joined(separator: "\r\n").utf8))
    // The three already here came without the data categories and providers another file
    // holds: those that have any change now, each with an event; the repeated row renames one.
    let changed = try keys.prefix(3).filter {
      let here = try target.featureState($0)
      let there = try sample.featureState($0)
      return here.providers != there.providers
        || here.feature.dataCategories != there.feature.dataCategories
    }
    #expect(!changed.isEmpty)
    let report = try target.importExport(from: folder, options: ImportOptions(update: true))
    #expect(
      report.records["feature"]
        == ImportReport.Tally(added: 21, updated: changed.count + 1, unchanged: 3 - changed.count))

    var byID: [(id: Int, key: String)] = []
    try target.database.forEachRow("SELECT id, key FROM features ORDER BY id") {
      byID.append((try $0.integer("id"), try $0.text("key")))
    }
    #expect(byID.map(\.id) == Array(1...24))
    #expect(byID.map(\.key) == keys)
    let events = try target.auditTrail.events(AuditFilter(entity: "feature"))
    #expect(
      events.map(\.entityKey) == Array(keys.prefix(3)) + changed + keys.dropFirst(3) + [keys[0]])
    #expect(try target.feature(keys[0]).name == "Renamed Feature")
    for key in keys.dropFirst() {
      let arrived = try target.featureState(key)
      let original = try sample.featureState(key)
      #expect(arrived.providers == original.providers, "\(key)")
      #expect(arrived.feature.dataCategories == original.feature.dataCategories, "\(key)")
      #expect(arrived.attributes == original.attributes, "\(key)")
    }
    #expect(try target.verify().isIntact)
  }

  @Test func aDifferingRecordNeedsUpdate() throws {
    let directory = try TemporaryDirectory()
    let sample = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try sample.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    try FileManager.default.removeItem(atPath: folder + "/manifest.json")
    let target = try makeRegistry(in: directory, name: "target.sqlite")
    _ = try target.importExport(from: folder + "/providers.csv")
    _ = try target.importExport(from: folder + "/features.csv")
    let features = URL(fileURLWithPath: folder + "/features.csv")
    let text = try String(contentsOf: features, encoding: .utf8)
    try Data(text.replacingOccurrences(of: ",Email AI,", with: ",Email Assistant,").utf8).write(
      to: features)
    let before = try snapshot(target.database)
    let refused = try #require(throws: ImportRefused.self) {
      try target.importExport(from: folder + "/features.csv")
    }
    #expect(
      refused.report.problems.map(\.description) == [
        "features.csv:\(try lineOf("email-ai", in: text)) (key): feature 'email-ai' exists already and differs"
      ])
    #expect(refused.report.problems.map(\.remedy) == [.update])
    #expect(try snapshot(target.database) == before)
    let updated = try target.importExport(
      from: folder + "/features.csv", options: ImportOptions(update: true))
    #expect(updated.records["feature"]?.updated == 1)
    #expect(try target.feature("email-ai").name == "Email Assistant")
    #expect(try target.verify().isIntact)
  }

  /// Every bad row is listed, not only the first, and nothing is written.
  @Test func everyRejectedRowIsListed() throws {
    let directory = try TemporaryDirectory()
    let target = try makeRegistry(in: directory)
    let columns = ExchangeTable.named("providers")!.columns.map(\.name).joined(separator: ",")
    let csv =
      [
        columns,
        "1,openai,OpenAI,llm,true,yes,2024-01-01,,true,0,us,,\"\",t,t,1",
        "2,bad,Bad,cloud,maybe,unknown,,,true,,us,,\"\",t,t,1",
        "3,short,Short,llm,true",
        "4,Bad_Key,X,llm,false,no,,,false,,\"\",,\"\",t,t,1",
        "5,vague,Vague,llm,false,perhaps,,,false,,\"\",,\"\",t,t,1",
      ].joined(separator: "\r\n") + "\r\n"
    let file = directory.path("providers.csv")
    try Data(csv.utf8).write(to: URL(fileURLWithPath: file))
    let before = try snapshot(target.database)
    for dryRun in [false, true] {
      let refused = try #require(throws: ImportRefused.self) {
        try target.importExport(from: file, options: ImportOptions(dryRun: dryRun))
      }
      #expect(
        refused.report.problems.map(\.description) == [
          "providers.csv:3 (kind): unknown kind 'cloud' (expected one of: llm, ml-platform, internal)",
          "providers.csv:3 (subprocessor_listed): 'maybe' is not true or false",
          "providers.csv:4: 5 fields where the header has 16",
          "providers.csv:6 (dpa): unknown dpa 'perhaps' (expected one of: yes, no, unknown)",
        ])
    }
    #expect(try snapshot(target.database) == before)
  }

  @Test func aDryRunReportsAndWritesNothing() throws {
    let directory = try TemporaryDirectory()
    let sample = try sampleRegistry(in: directory)
    let folder = directory.path("export")
    try sample.export(to: URL(fileURLWithPath: folder), format: .csv, toolVersion: "1")
    let target = try makeRegistry(in: directory, name: "target.sqlite")
    let before = try snapshot(target.database)
    let report = try target.importExport(from: folder, options: ImportOptions(dryRun: true))
    #expect(report.dryRun && report.mode == .restore && report.records["features"]?.added == 24)
    #expect(try snapshot(target.database) == before)
  }

  @Test func badFilesGetAClearAnswer() throws {
    let directory = try TemporaryDirectory()
    let target = try makeRegistry(in: directory)
    let settingsHeader = "name,value,endorsed_by,endorsing_key,endorsement"
    let cases: [(String, [UInt8], String)] = [
      (
        "settings.csv", Array("\(settingsHeader)\r\na,\"open\r\n".utf8),
        "settings.csv:2: a quoted field that is never closed"
      ),
      (
        "settings.csv", Array("\(settingsHeader)\n".utf8) + [0xFF, 0xFE] + Array(",b,,,\n".utf8),
        "settings.csv:2: bytes that are not UTF-8 (save the file as UTF-8)"
      ),
      (
        "settings.csv", Array("\(settingsHeader)\r\na,b,c\r\n".utf8),
        "settings.csv:2: 3 fields where the header has 5"
      ),
      (
        "settings.csv", Array("name,endorsed_by,endorsing_key,endorsement\r\na,,,\r\n".utf8),
        "settings.csv:1 (value): missing column"
      ),
      (
        "features.json", Array(#"{"entity":"features","rows":[],}"#.utf8),
        "features.json:1: column 32: a comma before the end of an object"
      ),
      (
        "features.json", Array(#"{"entity":"features","rows":[],"rows":[]}"#.utf8),
        "features.json:1: column 32: the key \"rows\" appears twice in one object"
      ),
      (
        "notes.txt", Array("hello".utf8),
        "notes.txt: not an aigov export file (expected a .csv or .json file written by aigov export, or its folder)"
      ),
      (
        "settings.csv", Array("\(settingsHeader),colour\r\na,b,,,,c\r\n".utf8),
        "settings.csv:1 (colour): unknown column (settings has: name, value, endorsed_by, "
          + "endorsing_key, endorsement)"
      ),
      (
        "settings.csv", Array("\(settingsHeader),colour,shade,hue\r\na,b,,,,c,d,e\r\n".utf8),
        "settings.csv:1 (colour): unknown column (and 2 more) (settings has: name, value, "
          + "endorsed_by, endorsing_key, endorsement)"
      ),
      (
        "settings.csv",
        Array(
          (["name", "value"] + (0..<1_000_000).map { "c\($0)" }).joined(separator: ",").utf8),
        "settings.csv:1: the header has more than 256 columns; a table of aigov has a few dozen"
      ),
      (
        "settings.json",
        Array(
          #"{"entity":"settings","rows":[{"name":"a","endorsed_by":null,"endorsing_key":null,"endorsement":null}],"schema_version":\#(Registry.migrator.latestVersion)}"#
            .utf8),
        "settings.json row 1 (value): missing field"
      ),
      (
        "settings.json", Array(#"{"entity":"settings","rows":[],"schema_version":2}"#.utf8),
        "settings.json (schema_version): is 2; this aigov reads exports of schema version "
          + "\(Registry.migrator.latestVersion) (export again with an aigov of that version)"
      ),
    ]
    let before = try snapshot(target.database)
    for (name, bytes, message) in cases {
      let file = directory.path(name)
      try Data(bytes).write(to: URL(fileURLWithPath: file))
      let refused = try #require(throws: ImportRefused.self) { try target.importExport(from: file) }
      #expect(refused.report.problems.map(\.description) == [message])
      try FileManager.default.removeItem(atPath: file)
    }
    #expect(try snapshot(target.database) == before)
  }

  private func lineOf(_ key: String, in text: String) throws -> Int {
    let lines = text.components(separatedBy: "\r\n")
    return try #require(lines.firstIndex { $0.contains(",\(key),") }) + 1
  }
}

@Suite struct FederalInventoryTests {
  static let file = exchangeFixture("omb-2025/2025_individually_reported_AI_use_cases.csv")

  /// The real 2025 inventory: every row a feature, every cell kept, every cell given back.
  @Test func theWholeRealFileImportsAndExportsWithNothingLost() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    let report = try registry.importFederalInventory(from: Self.file.path)
    #expect(report.records["feature"]?.added == 3611)
    #expect(try registry.database.scalarInteger("SELECT count(*) FROM features") == 3611)
    #expect(try registry.verify().isIntact)
    let original = try readAllRecords(try fixtureBytes(Self.file))
    #expect(original.count == 3612)
    // Every cell is kept with its feature, in file order.
    var cells = 0
    try registry.database.forEachRow(
      "SELECT count(*) AS n FROM feature_attributes"
    ) { cells = try $0.integer("n") }
    #expect(cells == 3611 * 36)
    let exported = directory.path("omb.csv")
    #expect(try registry.exportFederalInventory(to: exported) == 3611)
    let bytes = try fixtureBytes(URL(fileURLWithPath: exported))
    #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
    let written = try readAllRecords(bytes)
    #expect(written.count == original.count)
    #expect(written[0].fields == original[0].fields)
    var guarded = 0
    for (before, after) in zip(original, written) {
      #expect(after.fields.map(SpreadsheetFormula.restored) == before.fields)
      guarded += zip(before.fields, after.fields).filter { $0 != $1 }.count
    }
    // The cells that begin with '-' (and two already apostrophed) went out guarded.
    #expect(guarded == 33)
  }

  @Test func keysAreDecidedForEmptyAndRepeatedIds() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    _ = try registry.importFederalInventory(from: Self.file.path)
    let keys = try registry.database.query("SELECT key FROM features ORDER BY id").map {
      try $0.text("key")
    }
    #expect(Set(keys).count == 3611)
    let original = try readAllRecords(try fixtureBytes(Self.file))
    let header = original[0].fields
    let agency = header.firstIndex(of: "agency")!
    let id = header.firstIndex(of: "id")!
    let firstDOJ0357 = original.dropFirst().firstIndex { $0.fields[id] == "DOJ-0357" }!
    #expect(keys[firstDOJ0357 - 1] == "doj-doj-0357")
    let second = original.dropFirst(firstDOJ0357 + 1).firstIndex { $0.fields[id] == "DOJ-0357" }!
    #expect(keys[second - 1] == "doj-doj-0357-row-\(second)")
    let empty = original.dropFirst().firstIndex { $0.fields[id].isEmpty }!
    #expect(
      keys[empty - 1] == FederalInventory.slug(original[empty].fields[agency]) + "-row-\(empty)")
  }

  @Test func aFieldChangedHereIsExportedAsItIsNow() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    _ = try registry.importFederalInventory(from: Self.file.path)
    let key = try #require(
      try registry.database.query("SELECT key FROM features WHERE status = 'proposed' LIMIT 1")
        .first?.text("key"))
    var changes = FeatureChanges()
    changes.set("category", FeatureCategory.agentic)
    try registry.editFeature(key, changes)
    let exported = directory.path("omb.csv")
    try registry.exportFederalInventory(to: exported)
    let rows = try readAllRecords(try fixtureBytes(URL(fileURLWithPath: exported)))
    let column = rows[0].fields.firstIndex(of: "classification")!
    let position = try #require(
      try registry.database.scalarInteger("SELECT id FROM features WHERE key = ?", [key]))
    #expect(rows[position].fields[column] == "Agentic AI")
  }

  @Test func aValueOutsideTheTemplateIsRefusedWithItsLine() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    var records = try readAllRecords(try fixtureBytes(Self.file)).prefix(4).map(\.fields)
    let stage = records[0].firstIndex(of: "development_stage")!
    records[2][stage] = "Someday"
    var writer = CSVWriter()
    for record in records { writer.record(record) }
    let file = directory.path("omb.csv")
    try Data(writer.bytes).write(to: URL(fileURLWithPath: file))
    let before = try snapshot(registry.database)
    let refused = try #require(throws: ImportRefused.self) {
      try registry.importFederalInventory(from: file)
    }
    #expect(
      refused.report.problems.map(\.description) == [
        "omb.csv:3 (development_stage): unknown stage 'Someday' (expected Pre-deployment, Pilot, Deployed, Retired or empty)"
      ])
    #expect(try snapshot(registry.database) == before)
  }
}

/// Checks a document against the parts of JSON Schema 2020-12 the export's schemas use.
enum SchemaCheck {
  static func errors(_ value: JSONValue, against schema: JSONValue, at path: String = "$")
    -> [String]
  {
    guard case .object(let rules) = schema else { return [] }
    var errors: [String] = []
    if let type = rules["type"] {
      let allowed: [String] =
        switch type {
        case .string(let one): [one]
        case .array(let many): many.compactMap { if case .string(let s) = $0 { s } else { nil } }
        default: []
        }
      if !allowed.contains(where: { matches(value, $0) }) {
        return ["\(path): not \(allowed.joined(separator: " or "))"]
      }
    }
    if let constant = rules["const"], constant != value {
      errors.append("\(path): not the constant")
    }
    if case .array(let terms)? = rules["enum"], !terms.contains(value) {
      errors.append("\(path): not one of the terms")
    }
    if case .string(let pattern)? = rules["pattern"], case .string(let text) = value,
      text.range(of: pattern, options: .regularExpression) == nil
    {
      errors.append("\(path): does not match \(pattern)")
    }
    if case .object(let object) = value {
      if case .array(let required)? = rules["required"] {
        for case .string(let name) in required where object[name] == nil {
          errors.append("\(path): missing \(name)")
        }
      }
      let properties: [String: JSONValue]
      if case .object(let declared)? = rules["properties"] {
        properties = declared
      } else {
        properties = [:]
      }
      for (name, member) in object.sorted(by: { $0.key < $1.key }) {
        if let rule = properties[name] {
          errors += Self.errors(member, against: rule, at: "\(path).\(name)")
        } else if rules["additionalProperties"] == .bool(false) {
          errors.append("\(path): unexpected \(name)")
        }
      }
    }
    if case .array(let items) = value, let rule = rules["items"] {
      for (index, item) in items.enumerated() {
        errors += Self.errors(item, against: rule, at: "\(path)[\(index)]")
      }
    }
    return errors
  }

  private static func matches(_ value: JSONValue, _ type: String) -> Bool {
    switch (value, type) {
    case (.object, "object"), (.array, "array"), (.string, "string"), (.integer, "integer"),
      (.bool, "boolean"), (.null, "null"):
      true
    default: false
    }
  }
}

@Suite struct ExchangeProviderChainTests {
  /// A provider reached through a platform is imported only when the platform is known, and an
  /// update brings every term of the new schema.
  @Test func aPlatformMustBeKnownAndEveryTermIsUpdated() throws {
    let directory = try TemporaryDirectory()
    let target = try makeRegistry(in: directory)
    let columns = ExchangeTable.named("providers")!.columns.map(\.name).joined(separator: ",")
    let file = directory.path("providers.csv")
    func write(_ rows: [String]) throws {
      try Data(([columns] + rows).joined(separator: "\r\n").appending("\r\n").utf8)
        .write(to: URL(fileURLWithPath: file))
    }
    try write([
      "1,claude,Anthropic,llm,true,yes,,AWS DPA,true,0,us,bedrock,\"\",t,t,1",
      "2,bedrock,AWS Bedrock,llm,true,yes,2022-11-02,,true,0,us,,\"\",t,t,1",
    ])
    let before = try snapshot(target.database)
    let refused = try #require(throws: ImportRefused.self) {
      try target.importExport(from: file)
    }
    #expect(
      refused.report.problems.map(\.description) == [
        "providers.csv:2 (served_through): is served through provider 'bedrock', which is neither "
          + "in this database nor earlier in the import"
      ])
    #expect(try snapshot(target.database) == before)
    try write([
      "1,bedrock,AWS Bedrock,llm,true,yes,2022-11-02,,true,0,us,,\"\",t,t,1",
      "2,claude,Anthropic,llm,true,yes,,AWS DPA,true,0,us,bedrock,\"\",t,t,1",
    ])
    #expect(try target.importExport(from: file).records["provider"]?.added == 2)
    #expect(try target.provider("claude").servedThrough == "bedrock")
    try write([
      "1,bedrock,AWS Bedrock,llm,true,unknown,,,true,0,us,,\"\",t,t,1",
      "2,claude,Anthropic,llm,true,yes,,AWS DPA 2,true,0,us,,\"\",t,t,1",
    ])
    let updated = try target.importExport(from: file, options: ImportOptions(update: true))
    #expect(updated.records["provider"]?.updated == 2)
    #expect(try target.provider("bedrock").dpa == .unknown)
    let claude = try target.provider("claude")
    #expect(claude.servedThrough == nil && claude.dpaReference == "AWS DPA 2")
    #expect(try target.verify().isIntact)
  }
}
