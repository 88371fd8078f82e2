import Foundation

extension Registry {
  /// The inventory as the audit trail left it after event `sequence`: every record as its latest
  /// event up to there wrote it, in a database of its own held in memory, read through a registry
  /// whose clock stands at `time`.
  ///
  /// Every change writes the record's whole state to the trail (and `audit verify` proves that the
  /// tables agree with it), so the trail alone rebuilds the inventory at any point. Reports of a
  /// past quarter are built this way: they depend on the trail up to the quarter's end and nothing
  /// later, so the same report can be built again, byte for byte, however the inventory has moved
  /// on since.
  public func snapshot(throughEvent sequence: Int, at time: Date) throws -> Registry {
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
      try memory.execute(
        """
        CREATE TEMP TABLE latest AS
        SELECT e.entity, e.after FROM (
          SELECT max(seq) AS last, min(seq) AS first FROM source.audit_events
          WHERE seq <= ? GROUP BY entity, entity_key
        ) AS l JOIN source.audit_events e ON e.seq = l.last
        WHERE e.after IS NOT NULL ORDER BY l.first
        """, [sequence])
      for statement in Self.snapshotStatements {
        try memory.execute(statement)
      }
      try memory.execute("DROP TABLE temp.latest")
    }
    return Registry(database: memory, actor: actor, clock: { time })
  }

  /// Fills each table from the records' latest events, parents first; `temp.latest` lists them in
  /// the order they were created, so features get the ids they had.
  private static let snapshotStatements = [
    """
    INSERT INTO providers (key, name, kind, subprocessor_listed, dpa_signed_on, no_training,
      retention_days, regions, notes, created_at, updated_at, version)
    SELECT after ->> '$.key', after ->> '$.name', after ->> '$.kind',
      after ->> '$.subprocessor_listed', after ->> '$.dpa_signed_on', after ->> '$.no_training',
      after ->> '$.retention_days', after ->> '$.regions', after ->> '$.notes',
      after ->> '$.created_at', after ->> '$.updated_at', after ->> '$.version'
    FROM temp.latest WHERE entity = 'provider'
    """,
    """
    INSERT INTO reviewers (handle, name, email, created_at)
    SELECT after ->> '$.handle', after ->> '$.name', after ->> '$.email', after ->> '$.created_at'
    FROM temp.latest WHERE entity = 'reviewer'
    """,
    """
    INSERT INTO reviewer_disciplines (reviewer_id, discipline)
    SELECT r.id, d.value FROM temp.latest l, json_each(l.after, '$.disciplines') d
    JOIN reviewers r ON r.handle = l.after ->> '$.handle' WHERE l.entity = 'reviewer'
    """,
    """
    INSERT INTO reviewer_keys (reviewer_id, fingerprint, public_key, added_at, retired_at)
    SELECT r.id, k.value ->> '$.fingerprint', k.value ->> '$.public_key',
      k.value ->> '$.added_at', k.value ->> '$.retired_at'
    FROM temp.latest l, json_each(l.after, '$.keys') k
    JOIN reviewers r ON r.handle = l.after ->> '$.handle' WHERE l.entity = 'reviewer'
    """,
    """
    INSERT INTO features (key, name, description, purpose, category, processing_mode, status,
      owner, team, human_oversight, customer_facing, customer_control, trains_models,
      min_aggregation_size, eu_ai_act_tier, review_interval_days, last_reviewed_at, created_at,
      updated_at, version, status_reason)
    SELECT after ->> '$.key', after ->> '$.name', after ->> '$.description',
      after ->> '$.purpose', after ->> '$.category', after ->> '$.processing_mode',
      after ->> '$.status', after ->> '$.owner', after ->> '$.team', after ->> '$.human_oversight',
      after ->> '$.customer_facing', after ->> '$.customer_control', after ->> '$.trains_models',
      after ->> '$.min_aggregation_size', after ->> '$.eu_ai_act_tier',
      after ->> '$.review_interval_days', after ->> '$.last_reviewed_at', after ->> '$.created_at',
      after ->> '$.updated_at', after ->> '$.version', after ->> '$.status_reason'
    FROM temp.latest WHERE entity = 'feature'
    """,
    """
    INSERT INTO feature_data_categories (feature_id, category)
    SELECT f.id, c.value FROM temp.latest l, json_each(l.after, '$.data_categories') c
    JOIN features f ON f.key = l.after ->> '$.key' WHERE l.entity = 'feature'
    """,
    """
    INSERT INTO feature_providers (feature_id, provider_id, model, purpose)
    SELECT f.id, p.id, link.value ->> '$.model', link.value ->> '$.purpose'
    FROM temp.latest l, json_each(l.after, '$.providers') link
    JOIN features f ON f.key = l.after ->> '$.key'
    JOIN providers p ON p.key = link.value ->> '$.provider'
    WHERE l.entity = 'feature'
    """,
    """
    INSERT INTO risks (id, feature_id, title, description, category, likelihood, impact, status,
      owner, residual_likelihood, residual_impact, created_at, updated_at, version)
    SELECT l.after ->> '$.id', f.id, l.after ->> '$.title', l.after ->> '$.description',
      l.after ->> '$.category', l.after ->> '$.likelihood', l.after ->> '$.impact',
      l.after ->> '$.status', l.after ->> '$.owner', l.after ->> '$.residual_likelihood',
      l.after ->> '$.residual_impact', l.after ->> '$.created_at', l.after ->> '$.updated_at',
      l.after ->> '$.version'
    FROM temp.latest l JOIN features f ON f.key = l.after ->> '$.feature'
    WHERE l.entity = 'risk'
    """,
    """
    INSERT INTO mitigations (id, risk_id, title, description, kind, status, evidence, owner,
      due_on, created_at, updated_at, version)
    SELECT after ->> '$.id', after ->> '$.risk_id', after ->> '$.title',
      after ->> '$.description', after ->> '$.kind', after ->> '$.status', after ->> '$.evidence',
      after ->> '$.owner', after ->> '$.due_on', after ->> '$.created_at',
      after ->> '$.updated_at', after ->> '$.version'
    FROM temp.latest WHERE entity = 'mitigation'
    """,
    """
    INSERT INTO review_rounds (id, feature_id, number, kind, status, content_hash,
      required_disciplines, opened_at, opened_by, closed_at, closed_by, close_reason, cause_event)
    SELECT l.after ->> '$.id', f.id, l.after ->> '$.number', l.after ->> '$.kind',
      l.after ->> '$.status', l.after ->> '$.content_hash',
      (SELECT group_concat(d.value, ',') FROM json_each(l.after, '$.required_disciplines') d),
      l.after ->> '$.opened_at', l.after ->> '$.opened_by', l.after ->> '$.closed_at',
      l.after ->> '$.closed_by', l.after ->> '$.close_reason', l.after ->> '$.cause_event'
    FROM temp.latest l JOIN features f ON f.key = l.after ->> '$.feature'
    WHERE l.entity = 'review-round'
    """,
    """
    INSERT INTO signoffs (id, round_id, discipline, reviewer_id, decision, comment, signed_at,
      key_fingerprint, signature)
    SELECT l.after ->> '$.id', l.after ->> '$.round', l.after ->> '$.discipline', r.id,
      l.after ->> '$.decision', l.after ->> '$.comment', l.after ->> '$.signed_at',
      l.after ->> '$.key_fingerprint', l.after ->> '$.signature'
    FROM temp.latest l JOIN reviewers r ON r.handle = l.after ->> '$.reviewer'
    WHERE l.entity = 'signoff'
    """,
    """
    INSERT INTO settings (name, value)
    SELECT after ->> '$.name', after ->> '$.value' FROM temp.latest WHERE entity = 'setting'
    """,
  ]
}
