extension Registry {
  /// What the audit trail records after event `first` and up to event `last`, read from the
  /// events themselves. `names` gives each feature's name as of the report.
  func quarterActivity(
    after first: Int, through last: Int, names: [String: String],
    materialChanges: [QuarterlyReport.MaterialChange]
  ) throws -> QuarterlyReport.Activity {
    let range = "seq > ? AND seq <= ?"
    let bounds: [any DatabaseValueConvertible] = [first, last]
    /// The bounds, then the values of the query's other parameters, in order.
    func bound(_ values: any RawRepresentable<String>...) -> [any DatabaseValueConvertible] {
      bounds + values.map { $0.rawValue }
    }
    func name(_ key: String) -> String { names[key] ?? key }

    var added: [QuarterlyReport.FeatureEvent] = []
    try database.forEachRow(
      """
      SELECT entity_key, at, actor FROM audit_events WHERE \(range)
        AND action IN (?, ?) AND before IS NULL ORDER BY seq
      """, bound(AuditAction.featureCreate, AuditAction.featureImport)
    ) { row in
      let key = try row.text("entity_key")
      added.append(
        QuarterlyReport.FeatureEvent(
          feature: key, name: name(key), at: try row.text("at"), by: try row.text("actor")))
    }

    var statusChanges: [QuarterlyReport.StatusChange] = []
    try database.forEachRow(
      """
      SELECT entity_key, at, actor, before ->> '$.status' AS old, after ->> '$.status' AS new,
        after ->> '$.status_reason' AS reason
      FROM audit_events WHERE \(range) AND entity = ?
        AND before ->> '$.status' IS NOT after ->> '$.status'
        AND after ->> '$.status' IN (?, ?, ?)
      ORDER BY seq
      """,
      bound(
        AuditEntity.feature, FeatureStatus.launched, FeatureStatus.suspended, FeatureStatus.retired)
    ) { row in
      let key = try row.text("entity_key")
      statusChanges.append(
        QuarterlyReport.StatusChange(
          feature: key, name: name(key), from: try row.term("old"), to: try row.term("new"),
          reason: row.optionalText("reason"), at: try row.text("at"),
          by: try row.text("actor")))
    }

    var rounds: [QuarterlyReport.RoundEvent] = []
    try database.forEachRow(
      """
      SELECT at, actor, after ->> '$.feature' AS feature, after ->> '$.number' AS number,
        after ->> '$.kind' AS kind, after ->> '$.status' AS status,
        after ->> '$.close_reason' AS reason
      FROM audit_events WHERE \(range) AND entity = ? AND after IS NOT NULL
        AND before ->> '$.status' IS NOT after ->> '$.status'
      ORDER BY seq
      """, bound(AuditEntity.reviewRound)
    ) { row in
      let key = try row.text("feature")
      rounds.append(
        QuarterlyReport.RoundEvent(
          feature: key, name: name(key), round: try row.integer("number"),
          kind: try row.term("kind"), status: try row.term("status"),
          reason: row.optionalText("reason"), at: try row.text("at"),
          by: try row.text("actor")))
    }

    var signOffs: [QuarterlyReport.SignOffEvent] = []
    try database.forEachRow(
      """
      SELECT after ->> '$.feature' AS feature, after ->> '$.round_number' AS round,
        after ->> '$.discipline' AS discipline, after ->> '$.decision' AS decision,
        after ->> '$.reviewer' AS reviewer, after ->> '$.signed_at' AS signed_at,
        after ->> '$.comment' AS comment,
        after ->> '$.signature' IS NOT NULL AS signed
      FROM audit_events WHERE \(range) AND action = ? ORDER BY seq
      """, bound(AuditAction.signOffAdd)
    ) { row in
      signOffs.append(
        QuarterlyReport.SignOffEvent(
          feature: try row.text("feature"), name: name(try row.text("feature")),
          round: try row.integer("round"), discipline: try row.term("discipline"),
          decision: try row.term("decision"), reviewer: try row.text("reviewer"),
          comment: row.optionalText("comment") ?? "", signed: try row.integer("signed") == 1,
          at: try row.text("signed_at")))
    }

    var providersAdded: [QuarterlyReport.ProviderEvent] = []
    var termChanges: [QuarterlyReport.ProviderEvent] = []
    let terms = [
      ("dpa", "DPA"), ("dpa_signed_on", "DPA day"), ("no_training", "no-training term"),
      ("retention_days", "retention"), ("served_through", "platform"),
      ("subprocessor_listed", "subprocessor listing"), ("kind", "kind"),
    ]
    let compared = terms.map { field, _ in
      "before ->> '$.\(field)' IS NOT after ->> '$.\(field)' AS changed_\(field)"
    }.joined(separator: ", ")
    try database.forEachRow(
      """
      SELECT entity_key, action, before, at, actor, after ->> '$.name' AS name, \(compared)
      FROM audit_events WHERE \(range) AND entity = ? AND action IN (?, ?, ?) ORDER BY seq
      """,
      bound(
        AuditEntity.provider, AuditAction.providerCreate, AuditAction.providerUpdate,
        AuditAction.providerImport)
    ) { row in
      let created = row.optionalText("before") == nil
      let event = QuarterlyReport.ProviderEvent(
        provider: try row.text("entity_key"), name: try row.text("name"),
        changed: created
          ? [] : terms.filter { row.optionalInteger("changed_\($0.0)") == 1 }.map(\.1),
        at: try row.text("at"), by: try row.text("actor"))
      if created {
        providersAdded.append(event)
      } else if !event.changed.isEmpty {
        termChanges.append(event)
      }
    }

    return QuarterlyReport.Activity(
      featuresAdded: added, materialChanges: materialChanges, statusChanges: statusChanges,
      reviewRounds: rounds, signOffs: signOffs, providersAdded: providersAdded,
      providerTermChanges: termChanges)
  }
}
