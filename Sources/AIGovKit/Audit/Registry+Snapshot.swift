#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  /// The inventory as the audit trail left it after event `sequence`: every record as its latest
  /// event up to there wrote it, in a database of its own held in memory, read through a registry
  /// whose clock stands at `time`.
  ///
  /// Every change writes the record's whole state to the trail, so the trail rebuilds the inventory
  /// at any point. Records changed since are rebuilt from their events; the others are copied, as
  /// the tables hold them (`audit verify` proves the tables agree with the trail). Reports of a
  /// past quarter are built this way: they depend on the trail up to the quarter's end and nothing
  /// later, so the same report can be built again, byte for byte, however the inventory has moved
  /// on since.
  public func snapshot(throughEvent sequence: Int, at time: Date) throws -> Registry {
    try snapshot(throughEvent: sequence, at: time, tables: .all)
  }

  /// The inventory as it stood after event `sequence`, read through a registry whose clock stands
  /// at `time`: the tables in place when no event came after it (they are the inventory as it
  /// stood then), else a snapshot rebuilt from the trail.
  func inventory(throughEvent sequence: Int, at time: Date) throws -> Registry {
    guard let head = try auditTrail.head(), head.seq != sequence else {
      return acting(as: actor, clock: { time })
    }
    return try snapshot(throughEvent: sequence, at: time)
  }

  /// Which tables a snapshot fills: all of them, or only what a feature's material content is
  /// made of (features with their data categories and providers, providers, risks).
  enum SnapshotTables {
    case all, materialContent
  }

  func snapshot(throughEvent sequence: Int, at time: Date, tables: SnapshotTables) throws
    -> Registry
  {
    // A baseline after the event means the trail cannot rebuild it. Only the events after it are
    // read for one (no index leads to a baseline; the whole trail, read for each of a report's
    // snapshots, took a fifth of their time).
    let baselines: [any DatabaseValueConvertible] = AuditAction.baselines.map(\.rawValue)
    let actions = Array(repeating: "?", count: baselines.count).joined(separator: ", ")
    if try database.scalarInteger(
      "SELECT 1 FROM audit_events WHERE seq > ? AND action IN (\(actions)) LIMIT 1",
      [sequence] + baselines) != nil,
      let baseline = try database.scalarInteger(
        "SELECT max(seq) FROM audit_events WHERE action IN (\(actions))", baselines)
    {
      throw AIGovError.refused(.trailBeforeBaseline(event: baseline))
    }
    let memory = try Database(path: "snapshot of \(database.path)", mode: .memory)
    try memory.executeScript(try Self.latestSchema.get())
    try memory.execute("ATTACH DATABASE ? AS source", [database.path])
    defer { try? memory.execute("DETACH DATABASE source") }
    // Every row comes from a table with the same constraints, which held when it was written, or
    // from the event that wrote it: checking each again costs most of the copy (measured: 10,000
    // features 385 ms with the checks, 115 ms without). `audit verify`, not a report, is what
    // proves the tables agree with the trail.
    try memory.execute("PRAGMA ignore_check_constraints = ON")
    try memory.transaction {
      // The records changed after the event, and the latest event of each up to it.
      try memory.execute(
        """
        CREATE TEMP TABLE touched AS SELECT entity, entity_key FROM source.audit_events
        WHERE seq > ? GROUP BY entity, entity_key
        """, [sequence])
      try memory.execute(
        """
        CREATE TEMP TABLE latest AS
        SELECT t.entity, t.entity_key, e.after FROM temp.touched t
        JOIN source.audit_events e ON e.seq = (
          SELECT max(seq) FROM source.audit_events
          WHERE entity = t.entity AND entity_key = t.entity_key AND seq <= ?)
        WHERE e.after IS NOT NULL ORDER BY e.seq
        """, [sequence])
      let statements = Self.snapshotStatements.filter {
        tables == .all || $0.materialContent
      }
      for statement in statements {
        try memory.execute(statement.copy)
        try memory.execute(statement.rebuild)
      }
      try memory.execute("DROP TABLE temp.latest")
      try memory.execute("DROP TABLE temp.touched")
    }
    return Registry(database: memory, actor: actor, clock: { time })
  }

  /// The script that creates the latest schema in an empty database, and sets its version: read
  /// once per process from a database the migrations built in memory, so that a snapshot creates
  /// its tables at once rather than through every migration (measured: 40 to 100 ms a snapshot,
  /// four or five snapshots a quarterly report).
  private static let latestSchema = Result { () throws -> String in
    let memory = try Database(path: "the latest schema", mode: .memory)
    try migrator.migrate(memory)
    let statements = try memory.query(
      """
      SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
      ORDER BY rowid
      """
    ).map { try $0.text("sql") + ";" }
    return
      (["BEGIN;"] + statements + [
        "PRAGMA user_version = \(try memory.userVersion);", "COMMIT;",
      ]).joined(separator: "\n")
  }

  /// How one table is filled: rows of records the trail has not changed since the event are
  /// copied from the database as they are (`audit verify` proves they agree with the trail), and
  /// the records it has changed are rebuilt from their latest event up to it, keeping the ids
  /// they have, which other rows refer to. Parents come before children.
  private struct SnapshotStatement {
    var copy: String
    var rebuild: String
    var materialContent: Bool

    /// A table whose rows name their record by `column` in the trail's `entity`.
    init(
      table: String, entity: AuditEntity, key column: String, rebuild: String,
      materialContent: Bool = false
    ) {
      copy = """
        INSERT INTO \(table) SELECT * FROM source.\(table)
        WHERE CAST(\(column) AS TEXT) NOT IN
          (SELECT entity_key FROM temp.touched WHERE entity = '\(entity.rawValue)')
        """
      self.rebuild = rebuild
      self.materialContent = materialContent
    }

    /// Rows copied as they are, by `copy`: the stored evidence files the rebuilt evidence names,
    /// which no event holds (the evidence's SHA-256 does).
    init(copy: String) {
      self.copy = copy
      rebuild = "SELECT 1"
      materialContent = false
    }

    /// A record kind's table, rebuilt through its columns (`RecordTable.rebuildSQL`).
    init<Record>(
      _ table: RecordTable<Record>, entity: AuditEntity, key column: String,
      joins: String = "", expressions: [String: String], materialContent: Bool = false
    ) {
      self.init(
        table: table.name, entity: entity, key: column,
        rebuild: table.rebuildSQL(entity: entity, joins: joins, expressions: expressions),
        materialContent: materialContent)
    }

    /// A child table of `parent`, whose rows belong to the parent's record: its rows are the
    /// elements of the array `field` of the record, each giving `columns` (a column's value is
    /// the element's field of the same name, `x.value ->> '$.column'`, unless `values` gives
    /// another expression over the element `x`, joined to `joins`).
    init(
      child table: String, parent: String, entity: AuditEntity, key column: String,
      parentColumn: String, field: String, columns: [String], values: [String: String] = [:],
      joins: String = "", materialContent: Bool = false
    ) {
      copy = """
        INSERT INTO \(table) SELECT * FROM source.\(table)
        WHERE \(parentColumn) IN (SELECT id FROM source.\(parent) WHERE \(column) NOT IN
          (SELECT entity_key FROM temp.touched WHERE entity = '\(entity.rawValue)'))
        """
      let selected = columns.map { values[$0] ?? "x.value ->> '$.\($0)'" }
      rebuild = """
        INSERT INTO \(table) (\(([parentColumn] + columns).joined(separator: ", ")))
        SELECT owner.id, \(selected.joined(separator: ", "))
        FROM temp.latest l, json_each(l.after, '$.\(field)') x
        JOIN \(parent) owner ON owner.\(column) = l.entity_key \(joins)
        WHERE l.entity = '\(entity.rawValue)'
        """
      self.materialContent = materialContent
    }
  }

  private static let snapshotStatements = [
    SnapshotStatement(
      Provider.table, entity: .provider, key: "key",
      expressions: [
        "id": "(SELECT id FROM source.providers WHERE key = l.entity_key)", "key": "l.entity_key",
      ], materialContent: true),
    SnapshotStatement(
      Reviewer.table, entity: .reviewer, key: "handle",
      expressions: [
        "id": "(SELECT id FROM source.reviewers WHERE handle = l.entity_key)",
        "handle": "l.entity_key",
      ]),
    SnapshotStatement(
      child: "reviewer_disciplines", parent: "reviewers", entity: .reviewer, key: "handle",
      parentColumn: "reviewer_id", field: "disciplines", columns: ["discipline"],
      values: ["discipline": "x.value"]),
    SnapshotStatement(
      child: "reviewer_keys", parent: "reviewers", entity: .reviewer, key: "handle",
      parentColumn: "reviewer_id", field: "keys",
      columns: [
        "fingerprint", "public_key", "added_at", "retired_at", "endorsed_by", "endorsing_key",
        "endorsement",
      ]),
    SnapshotStatement(
      Feature.table, entity: .feature, key: "key",
      expressions: [
        "id": "(SELECT id FROM source.features WHERE key = l.entity_key)", "key": "l.entity_key",
      ], materialContent: true),
    SnapshotStatement(
      child: "feature_attributes", parent: "features", entity: .feature, key: "key",
      parentColumn: "feature_id", field: "attributes", columns: ["name", "value"]),
    SnapshotStatement(
      child: "feature_data_categories", parent: "features", entity: .feature, key: "key",
      parentColumn: "feature_id", field: "data_categories", columns: ["category"],
      values: ["category": "x.value"], materialContent: true),
    SnapshotStatement(
      child: "feature_providers", parent: "features", entity: .feature, key: "key",
      parentColumn: "feature_id", field: "providers", columns: ["provider_id", "model", "purpose"],
      values: ["provider_id": "provider.id"],
      joins: "JOIN providers provider ON provider.key = x.value ->> '$.provider'",
      materialContent: true),
    SnapshotStatement(
      Risk.table, entity: .risk, key: "id",
      joins: "JOIN features f ON f.key = l.after ->> '$.feature'",
      expressions: ["id": "l.entity_key", "feature_id": "f.id"], materialContent: true),
    SnapshotStatement(
      Mitigation.table, entity: .mitigation, key: "id", expressions: ["id": "l.entity_key"]),
    SnapshotStatement(
      MonitoringPlan.table, entity: .monitoringPlan, key: "id",
      joins: "JOIN features f ON f.key = l.after ->> '$.feature'",
      expressions: ["id": "l.entity_key", "feature_id": "f.id"]),
    SnapshotStatement(
      MonitoringResult.table, entity: .monitoringResult, key: "id",
      expressions: ["id": "l.entity_key"]),
    SnapshotStatement(Incident.table, entity: .incident, key: "reference", expressions: [:]),
    SnapshotStatement(
      child: "incident_features", parent: "incidents", entity: .incident, key: "reference",
      parentColumn: "incident_id", field: "features", columns: ["feature_id"],
      values: ["feature_id": "f.id"], joins: "JOIN features f ON f.key = x.value"),
    SnapshotStatement(
      child: "incident_risks", parent: "incidents", entity: .incident, key: "reference",
      parentColumn: "incident_id", field: "risks", columns: ["risk_id"],
      values: ["risk_id": "x.value"]),
    SnapshotStatement(
      Control.table, entity: .control, key: "key",
      expressions: [
        "id": "(SELECT id FROM source.controls WHERE key = l.entity_key)", "key": "l.entity_key",
      ]),
    SnapshotStatement(
      child: "control_scope", parent: "controls", entity: .control, key: "key",
      parentColumn: "control_id", field: "scope", columns: ["term"], values: ["term": "x.value"]),
    SnapshotStatement(
      child: "control_mappings", parent: "controls", entity: .control, key: "key",
      parentColumn: "control_id", field: "mappings",
      columns: ["framework", "requirement", "relationship", "rationale"]),
    SnapshotStatement(
      ControlException.table, entity: .controlException, key: "id",
      joins: """
        JOIN features f ON f.key = l.after ->> '$.feature'
        JOIN reviewers r ON r.handle = l.after ->> '$.accepted_by'
        LEFT JOIN controls c ON c.key = l.after ->> '$.control'
        """,
      expressions: [
        "id": "l.entity_key", "feature_id": "f.id", "control_id": "c.id", "reviewer_id": "r.id",
      ]),
    SnapshotStatement(
      ApplicabilityDecision.table, entity: .applicabilityDecision, key: "id",
      joins: "LEFT JOIN features f ON f.key = l.after ->> '$.feature'",
      expressions: ["id": "l.entity_key", "feature_id": "f.id"]),
    SnapshotStatement(
      ImportedCatalogue.table, entity: .frameworkCatalogue, key: "id",
      expressions: ["id": "l.entity_key"]),
    SnapshotStatement(
      MitigationMapping.table, entity: .mitigationMapping, key: "id",
      expressions: ["id": "l.entity_key"]),
    SnapshotStatement(
      CompanyStatement.table, entity: .statement, key: "key",
      expressions: [
        "id": "(SELECT id FROM source.statements WHERE key = l.entity_key)",
        "key": "l.entity_key",
      ]),
    SnapshotStatement(
      Meeting.table, entity: .meeting, key: "id",
      expressions: [
        "id": "l.entity_key",
        "attendees":
          "(SELECT group_concat(a.value, ', ') FROM json_each(l.after, '$.attendees') a)",
      ]),
    SnapshotStatement(
      child: "meeting_decisions", parent: "meetings", entity: .meeting, key: "id",
      parentColumn: "meeting_id", field: "decisions",
      columns: ["position", "item", "decision", "note", "until"],
      values: ["position": "x.key + 1"]),
    SnapshotStatement(
      MeetingAction.table, entity: .meetingAction, key: "id",
      expressions: ["id": "l.entity_key"]),
    SnapshotStatement(
      Evidence.table, entity: .evidence, key: "id", expressions: ["id": "l.entity_key"]),
    SnapshotStatement(
      child: "evidence_links", parent: "evidence", entity: .evidence, key: "id",
      parentColumn: "evidence_id", field: "links", columns: ["target"],
      values: ["target": "x.value"]),
    SnapshotStatement(
      copy: """
        INSERT INTO evidence_files SELECT * FROM source.evidence_files
        WHERE sha256 IN (SELECT sha256 FROM main.evidence WHERE file_name IS NOT NULL)
        """),
    SnapshotStatement(
      EvidenceAttestation.table, entity: .evidenceAttestation, key: "id",
      joins: "JOIN reviewers r ON r.handle = l.after ->> '$.reviewer'",
      expressions: ["id": "l.entity_key", "reviewer_id": "r.id"]),
    SnapshotStatement(
      ReviewRound.table, entity: .reviewRound, key: "id",
      joins: "JOIN features f ON f.key = l.after ->> '$.feature'",
      expressions: [
        "id": "l.entity_key", "feature_id": "f.id",
        "required_disciplines":
          "(SELECT group_concat(d.value, ',') FROM json_each(l.after, '$.required_disciplines') d)",
      ]),
    SnapshotStatement(
      SignOff.table, entity: .signoff, key: "id",
      joins: "JOIN reviewers r ON r.handle = l.after ->> '$.reviewer'",
      expressions: ["id": "l.entity_key", "reviewer_id": "r.id"]),
    SnapshotStatement(
      table: "settings", entity: .setting, key: "name",
      rebuild: """
        INSERT INTO settings (name, value)
        SELECT entity_key, after ->> '$.value' FROM temp.latest WHERE entity = '\(AuditEntity.setting.rawValue)'
        """),
  ]
}
