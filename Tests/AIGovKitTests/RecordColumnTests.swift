import Foundation
import Testing

@testable import AIGovKit

/// Each record kind states its columns once (`RecordTable`); inserts, updates, reads, exchange
/// files and the rebuilt inventory derive from that statement. These tests hold the schema and
/// the audit trail's records to it, so that a column added to one and not the other fails here.
@Suite struct RecordColumnTests {
  /// One record kind's columns, without its Swift type.
  struct Mapping {
    var table: String
    var entity: AuditEntity
    /// The column the trail's `entity_key` names a record by.
    var keyColumn: String
    var columns: [String]
    /// The columns whose values the record's audit JSON holds, with the field that holds each.
    var auditFields: [(column: String, field: String)]

    init<Record>(_ table: RecordTable<Record>, entity: AuditEntity, keyColumn: String) {
      self.table = table.name
      self.entity = entity
      self.keyColumn = keyColumn
      columns = table.columns.map(\.name)
      auditFields = table.columns.compactMap { column in
        column.auditField.map { (column.name, $0) }
      }
    }
  }

  static let mappings = [
    Mapping(Feature.table, entity: .feature, keyColumn: "key"),
    Mapping(Provider.table, entity: .provider, keyColumn: "key"),
    Mapping(Risk.table, entity: .risk, keyColumn: "id"),
    Mapping(Mitigation.table, entity: .mitigation, keyColumn: "id"),
    Mapping(Reviewer.table, entity: .reviewer, keyColumn: "handle"),
    Mapping(ReviewRound.table, entity: .reviewRound, keyColumn: "id"),
    Mapping(SignOff.table, entity: .signoff, keyColumn: "id"),
  ]

  /// The columns the schema gives a table, in their order.
  static func schemaColumns(_ table: String, in database: Database) throws -> [String] {
    try database.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [table]).map {
      try $0.text("name")
    }
  }

  @Test func everyColumnOfARecordTableIsMapped() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    for mapping in Self.mappings {
      let schema = try Self.schemaColumns(mapping.table, in: registry.database)
      #expect(!schema.isEmpty, "no table \(mapping.table)")
      #expect(
        Set(schema).subtracting(mapping.columns).sorted() == [],
        "columns of \(mapping.table) that its record does not map")
      #expect(
        Set(mapping.columns).subtracting(schema).sorted() == [],
        "columns mapped for \(mapping.table) that the schema lacks")
      #expect(mapping.columns.count == Set(mapping.columns).count, "\(mapping.table) maps twice")
    }
  }

  @Test func everyExportedFileHoldsEveryColumnOfItsTable() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    let tables = try registry.database.query(
      """
      SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
      ORDER BY name
      """
    ).map { try $0.text("name") }
    // The stored evidence files travel as files of their own, under evidence/. The webhooks hold
    // their signing secrets and the server's delivery queue: they never leave the database.
    #expect(
      Set(tables)
        == Set(
          ExchangeTable.all.map(\.name) + [
            "evidence_files", "webhooks", "webhook_messages", "webhook_scan",
          ]),
      "tables that no file exports")
    for table in ExchangeTable.all {
      let schema = try Self.schemaColumns(table.name, in: registry.database)
      #expect(Set(schema) == Set(table.columns.map(\.name)), "\(table.name)")
    }
  }

  /// Every mapped column holds, for every record, what the latest event of the record says.
  @Test func theTrailRecordsEveryMappedColumnAsTheTableHoldsIt() throws {
    let fixture = try GovernanceFixture()
    try fixture.approve("email-ai")
    try fixture.registry.openReview("churn-risk")
    try fixture.sign("churn-risk", as: "tom", .changesRequested, comment: "say why")
    let database = fixture.registry.database
    for mapping in Self.mappings {
      var compared = 0
      for (column, field) in mapping.auditFields {
        try database.forEachRow(
          """
          SELECT CAST(t.\(mapping.keyColumn) AS TEXT) AS record, t.\(column) AS stored,
            e.after ->> ? AS recorded
          FROM \(mapping.table) t JOIN audit_events e ON e.seq = (
            SELECT max(seq) FROM audit_events
            WHERE entity = ? AND entity_key = CAST(t.\(mapping.keyColumn) AS TEXT))
          """, ["$.\(field)", mapping.entity.rawValue]
        ) { row in
          compared += 1
          let record = row.optionalText("record") ?? "?"
          #expect(
            row["stored"] == row["recorded"],
            "\(mapping.table) \(record): \(column) against the trail's \(field)")
        }
      }
      #expect(compared > 0, "no record of \(mapping.table) to compare")
    }
  }

  /// A row read through the mapping and written back through it is the same row.
  @Test func readingAndInsertingARowRoundTrips() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let feature = try registry.feature("email-ai")
    var copy = feature
    copy.key = "email-ai-copy"
    try registry.database.transaction {
      let id = try registry.insert(copy, into: Feature.table)
      let row = try #require(
        try registry.database.queryOne(
          "SELECT \(Feature.table.selectList()) FROM features WHERE id = ?", [id]))
      var read = try Feature.table.record(at: row)
      read.dataCategories = copy.dataCategories
      #expect(read == copy)
    }
  }

  /// A value of every mapped column, none of them empty, read into a record through the mapping,
  /// must come out of the record's audit JSON under the column's field: a column the canonical
  /// record forgets to write, or writes from another field, fails here.
  func expectAuditRecordHoldsEveryColumn<Record>(
    _ table: RecordTable<Record>, canonical: (Record) -> String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var record = table.empty()
    var expected: [String: JSONValue] = [:]
    for (index, column) in table.columns.enumerated() where column.value != nil {
      let value: DatabaseValue
      let json: JSONValue
      switch (column.exchange.kind, column.exchange.terms) {
      case (.text, let terms?):
        value = .text(terms.last!)
        json = .string(terms.last!)
      case (.text, nil):
        value = .text("value of \(column.name)")
        json = .string("value of \(column.name)")
      case (.integer, _):
        value = .integer(Int64(100 + index))
        json = .integer(100 + index)
      case (.boolean, _):
        value = .integer(1)
        json = .bool(true)
      }
      // Required disciplines are stored as comma-separated terms: give it one.
      if column.name == "required_disciplines" {
        try column.read(&record, .text("legal"))
        expected["required_disciplines"] = .array([.string("legal")])
        continue
      }
      try column.read(&record, value)
      #expect(column.value!(record) == value, "\(table.name).\(column.name) reads back")
      if let field = column.auditField { expected[field] = json }
    }
    guard case .object(let written)? = try? JSONValue(parsing: canonical(record)) else {
      Issue.record("no audit JSON for \(table.name)", sourceLocation: sourceLocation)
      return
    }
    for (field, value) in expected {
      #expect(written[field] == value, "\(table.name): \(field)", sourceLocation: sourceLocation)
    }
  }

  @Test func everyMappedColumnReachesTheAuditRecord() throws {
    try expectAuditRecordHoldsEveryColumn(Feature.table) {
      FeatureState(feature: $0, providers: []).canonicalText
    }
    try expectAuditRecordHoldsEveryColumn(Provider.table) { $0.canonicalText }
    try expectAuditRecordHoldsEveryColumn(Risk.table) { $0.canonicalText }
    try expectAuditRecordHoldsEveryColumn(Mitigation.table) { $0.canonicalText }
    try expectAuditRecordHoldsEveryColumn(Reviewer.table) { $0.canonicalText }
    try expectAuditRecordHoldsEveryColumn(ReviewRound.table) { $0.canonicalText }
    try expectAuditRecordHoldsEveryColumn(SignOff.table) { $0.canonicalText }
  }
}
