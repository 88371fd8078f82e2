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

  /// Which tables a snapshot fills: all of them, or only what a feature's material content is
  /// made of (features with their data categories and providers, providers, risks).
  enum SnapshotTables {
    case all, materialContent
  }

  func snapshot(throughEvent sequence: Int, at time: Date, tables: SnapshotTables) throws
    -> Registry
  {
    if let baseline = try database.scalarInteger(
      "SELECT max(seq) FROM audit_events WHERE action GLOB '*.baseline'"), sequence < baseline
    {
      throw AIGovError.refused(
        "the audit trail before event \(baseline) was recorded by schema version 1, in a shape "
          + "the inventory cannot be rebuilt from; choose a time after that event")
    }
    let memory = try Database(path: "snapshot of \(database.path)", mode: .memory)
    try Self.migrator.migrate(memory)
    try memory.execute("ATTACH DATABASE ? AS source", [database.path])
    defer { try? memory.execute("DETACH DATABASE source") }
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
      table: String, entity: String, key column: String, rebuild: String,
      materialContent: Bool = false
    ) {
      copy = """
        INSERT INTO \(table) SELECT * FROM source.\(table)
        WHERE CAST(\(column) AS TEXT) NOT IN
          (SELECT entity_key FROM temp.touched WHERE entity = '\(entity)')
        """
      self.rebuild = rebuild
      self.materialContent = materialContent
    }

    /// A child table of `parent`, whose rows belong to the parent's record.
    init(
      child table: String, parent: String, entity: String, key column: String,
      parentColumn: String, rebuild: String, materialContent: Bool = false
    ) {
      copy = """
        INSERT INTO \(table) SELECT * FROM source.\(table)
        WHERE \(parentColumn) IN (SELECT id FROM source.\(parent) WHERE \(column) NOT IN
          (SELECT entity_key FROM temp.touched WHERE entity = '\(entity)'))
        """
      self.rebuild = rebuild
      self.materialContent = materialContent
    }
  }

  private static let snapshotStatements = [
    SnapshotStatement(
      table: "providers", entity: "provider", key: "key",
      rebuild: """
        INSERT INTO providers (id, key, name, kind, subprocessor_listed, dpa_signed_on,
          no_training, retention_days, regions, notes, created_at, updated_at, version)
        SELECT (SELECT id FROM source.providers WHERE key = entity_key), entity_key,
          after ->> '$.name', after ->> '$.kind', after ->> '$.subprocessor_listed',
          after ->> '$.dpa_signed_on', after ->> '$.no_training', after ->> '$.retention_days',
          after ->> '$.regions', after ->> '$.notes', after ->> '$.created_at',
          after ->> '$.updated_at', after ->> '$.version'
        FROM temp.latest WHERE entity = 'provider'
        """, materialContent: true),
    SnapshotStatement(
      table: "reviewers", entity: "reviewer", key: "handle",
      rebuild: """
        INSERT INTO reviewers (id, handle, name, email, created_at)
        SELECT (SELECT id FROM source.reviewers WHERE handle = entity_key), entity_key,
          after ->> '$.name', after ->> '$.email', after ->> '$.created_at'
        FROM temp.latest WHERE entity = 'reviewer'
        """),
    SnapshotStatement(
      child: "reviewer_disciplines", parent: "reviewers", entity: "reviewer", key: "handle",
      parentColumn: "reviewer_id",
      rebuild: """
        INSERT INTO reviewer_disciplines (reviewer_id, discipline)
        SELECT r.id, d.value FROM temp.latest l, json_each(l.after, '$.disciplines') d
        JOIN reviewers r ON r.handle = l.entity_key WHERE l.entity = 'reviewer'
        """),
    SnapshotStatement(
      child: "reviewer_keys", parent: "reviewers", entity: "reviewer", key: "handle",
      parentColumn: "reviewer_id",
      rebuild: """
        INSERT INTO reviewer_keys (reviewer_id, fingerprint, public_key, added_at, retired_at)
        SELECT r.id, k.value ->> '$.fingerprint', k.value ->> '$.public_key',
          k.value ->> '$.added_at', k.value ->> '$.retired_at'
        FROM temp.latest l, json_each(l.after, '$.keys') k
        JOIN reviewers r ON r.handle = l.entity_key WHERE l.entity = 'reviewer'
        """),
    SnapshotStatement(
      table: "features", entity: "feature", key: "key",
      rebuild: """
        INSERT INTO features (id, key, name, description, purpose, category, processing_mode,
          status, owner, team, human_oversight, customer_facing, customer_control, trains_models,
          min_aggregation_size, eu_ai_act_tier, review_interval_days, last_reviewed_at,
          created_at, updated_at, version, status_reason, unreviewed_status)
        SELECT (SELECT id FROM source.features WHERE key = entity_key), entity_key,
          after ->> '$.name', after ->> '$.description', after ->> '$.purpose',
          after ->> '$.category', after ->> '$.processing_mode', after ->> '$.status',
          after ->> '$.owner', after ->> '$.team', after ->> '$.human_oversight',
          after ->> '$.customer_facing', after ->> '$.customer_control',
          after ->> '$.trains_models', after ->> '$.min_aggregation_size',
          after ->> '$.eu_ai_act_tier', after ->> '$.review_interval_days',
          after ->> '$.last_reviewed_at', after ->> '$.created_at', after ->> '$.updated_at',
          after ->> '$.version', after ->> '$.status_reason', after ->> '$.unreviewed_status'
        FROM temp.latest WHERE entity = 'feature'
        """, materialContent: true),
    SnapshotStatement(
      child: "feature_attributes", parent: "features", entity: "feature", key: "key",
      parentColumn: "feature_id",
      rebuild: """
        INSERT INTO feature_attributes (feature_id, name, value)
        SELECT f.id, a.value ->> '$.name', a.value ->> '$.value'
        FROM temp.latest l, json_each(l.after, '$.attributes') a
        JOIN features f ON f.key = l.entity_key WHERE l.entity = 'feature'
        """),
    SnapshotStatement(
      child: "feature_data_categories", parent: "features", entity: "feature", key: "key",
      parentColumn: "feature_id",
      rebuild: """
        INSERT INTO feature_data_categories (feature_id, category)
        SELECT f.id, c.value FROM temp.latest l, json_each(l.after, '$.data_categories') c
        JOIN features f ON f.key = l.entity_key WHERE l.entity = 'feature'
        """, materialContent: true),
    SnapshotStatement(
      child: "feature_providers", parent: "features", entity: "feature", key: "key",
      parentColumn: "feature_id",
      rebuild: """
        INSERT INTO feature_providers (feature_id, provider_id, model, purpose)
        SELECT f.id, p.id, link.value ->> '$.model', link.value ->> '$.purpose'
        FROM temp.latest l, json_each(l.after, '$.providers') link
        JOIN features f ON f.key = l.entity_key
        JOIN providers p ON p.key = link.value ->> '$.provider'
        WHERE l.entity = 'feature'
        """, materialContent: true),
    SnapshotStatement(
      table: "risks", entity: "risk", key: "id",
      rebuild: """
        INSERT INTO risks (id, feature_id, title, description, category, likelihood, impact,
          status, owner, residual_likelihood, residual_impact, created_at, updated_at, version)
        SELECT l.entity_key, f.id, l.after ->> '$.title', l.after ->> '$.description',
          l.after ->> '$.category', l.after ->> '$.likelihood', l.after ->> '$.impact',
          l.after ->> '$.status', l.after ->> '$.owner', l.after ->> '$.residual_likelihood',
          l.after ->> '$.residual_impact', l.after ->> '$.created_at',
          l.after ->> '$.updated_at', l.after ->> '$.version'
        FROM temp.latest l JOIN features f ON f.key = l.after ->> '$.feature'
        WHERE l.entity = 'risk'
        """, materialContent: true),
    SnapshotStatement(
      table: "mitigations", entity: "mitigation", key: "id",
      rebuild: """
        INSERT INTO mitigations (id, risk_id, title, description, kind, status, evidence, owner,
          due_on, created_at, updated_at, version)
        SELECT entity_key, after ->> '$.risk_id', after ->> '$.title',
          after ->> '$.description', after ->> '$.kind', after ->> '$.status',
          after ->> '$.evidence', after ->> '$.owner', after ->> '$.due_on',
          after ->> '$.created_at', after ->> '$.updated_at', after ->> '$.version'
        FROM temp.latest WHERE entity = 'mitigation'
        """),
    SnapshotStatement(
      table: "review_rounds", entity: "review-round", key: "id",
      rebuild: """
        INSERT INTO review_rounds (id, feature_id, number, kind, status, content_hash,
          required_disciplines, opened_at, opened_by, closed_at, closed_by, close_reason,
          cause_event)
        SELECT l.entity_key, f.id, l.after ->> '$.number', l.after ->> '$.kind',
          l.after ->> '$.status', l.after ->> '$.content_hash',
          (SELECT group_concat(d.value, ',') FROM json_each(l.after, '$.required_disciplines') d),
          l.after ->> '$.opened_at', l.after ->> '$.opened_by', l.after ->> '$.closed_at',
          l.after ->> '$.closed_by', l.after ->> '$.close_reason', l.after ->> '$.cause_event'
        FROM temp.latest l JOIN features f ON f.key = l.after ->> '$.feature'
        WHERE l.entity = 'review-round'
        """),
    SnapshotStatement(
      table: "signoffs", entity: "signoff", key: "id",
      rebuild: """
        INSERT INTO signoffs (id, round_id, discipline, reviewer_id, decision, comment,
          signed_at, key_fingerprint, signature)
        SELECT l.entity_key, l.after ->> '$.round', l.after ->> '$.discipline', r.id,
          l.after ->> '$.decision', l.after ->> '$.comment', l.after ->> '$.signed_at',
          l.after ->> '$.key_fingerprint', l.after ->> '$.signature'
        FROM temp.latest l JOIN reviewers r ON r.handle = l.after ->> '$.reviewer'
        WHERE l.entity = 'signoff'
        """),
    SnapshotStatement(
      table: "settings", entity: "setting", key: "name",
      rebuild: """
        INSERT INTO settings (name, value)
        SELECT entity_key, after ->> '$.value' FROM temp.latest WHERE entity = 'setting'
        """),
  ]
}
