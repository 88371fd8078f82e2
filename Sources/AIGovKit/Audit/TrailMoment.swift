/// The inventory as the trail left it just after event `seq`, read record by record from the
/// trail: what a governance rule needs to know of a feature at that moment. Which risks a feature
/// has and which mitigations a risk has are read from the tables (a risk never moves to another
/// feature, nor a mitigation to another risk, and `audit verify` proves the tables agree with the
/// trail); what each was at the moment comes from its latest event up to there.
struct TrailMoment {
  let database: Database
  let seq: Int

  func owner(ofFeature key: String) throws -> String? {
    try database.queryOne(
      """
      SELECT after ->> '$.owner' AS owner FROM audit_events WHERE seq =
        (SELECT max(seq) FROM audit_events WHERE entity = ? AND entity_key = ? AND seq <= ?)
      """, [AuditEntity.feature.rawValue, key, seq], cached: true)?.optionalText("owner")
  }

  /// The feature's material content at the moment; nil when it did not exist.
  func materialContent(ofFeature key: String) throws -> MaterialContent? {
    guard let feature = try record(Feature.table, Self.featureSQL, .feature, key) else {
      return nil
    }
    let featureEvent = try latestEvent(.feature, key)
    var withCategories = feature
    withCategories.dataCategories = try database.query(
      "SELECT x.value AS category FROM audit_events l, json_each(l.after, '$.data_categories') x "
        + "WHERE l.seq = ?", [featureEvent], cached: true
    ).map { try $0.term("category") }
    var providers: [(link: FeatureProviderLink, provider: Provider)] = []
    try database.forEachRow(
      """
      SELECT x.value ->> '$.provider' AS provider, x.value ->> '$.model' AS model,
             x.value ->> '$.purpose' AS purpose
      FROM audit_events l, json_each(l.after, '$.providers') x WHERE l.seq = ?
      """, [featureEvent], cached: true
    ) { row in
      let link = FeatureProviderLink(
        provider: try row.text("provider"), model: try row.text("model"),
        purpose: try row.text("purpose"))
      if let provider = try record(Provider.table, Self.providerSQL, .provider, link.provider) {
        providers.append((link, provider))
      }
    }
    return MaterialContent(
      feature: withCategories, providers: providers, risks: try risks(ofFeature: key))
  }

  /// The feature's high or critical risks that had no mitigation in place at the moment.
  func risksBlockingLaunch(ofFeature key: String) throws -> [Risk] {
    try risks(ofFeature: key).compactMap { risk in
      let mitigations = try database.query(
        "SELECT id FROM mitigations WHERE risk_id = ? ORDER BY id", [risk.id], cached: true
      ).compactMap {
        try record(Mitigation.table, Self.mitigationSQL, .mitigation, String(try $0.integer("id")))
      }
      return RiskRecord(risk: risk, mitigations: mitigations).blocksLaunch ? risk : nil
    }
  }

  private func risks(ofFeature key: String) throws -> [Risk] {
    try database.query(
      "SELECT r.id FROM risks r JOIN features f ON f.id = r.feature_id WHERE f.key = ? ORDER BY r.id",
      [key], cached: true
    ).compactMap { try record(Risk.table, Self.riskSQL, .risk, String(try $0.integer("id"))) }
  }

  private func latestEvent(_ entity: AuditEntity, _ key: String) throws -> Int {
    try database.scalarInteger(
      "SELECT max(seq) FROM audit_events WHERE entity = ? AND entity_key = ? AND seq <= ?",
      [entity.rawValue, key, seq], cached: true) ?? 0
  }

  private func record<Record>(
    _ table: RecordTable<Record>, _ sql: String, _ entity: AuditEntity, _ key: String
  ) throws -> Record? {
    guard
      let row = try database.queryOne(sql, [entity.rawValue, key, seq], cached: true)
    else { return nil }
    return try table.record(values: row.values)
  }

  private static let featureSQL = Feature.table.atEventSQL(expressions: [
    "id": "0", "key": "l.entity_key",
  ])
  private static let providerSQL = Provider.table.atEventSQL(expressions: [
    "id": "0", "key": "l.entity_key",
  ])
  private static let riskSQL = Risk.table.atEventSQL(expressions: [
    "id": "CAST(l.entity_key AS INTEGER)", "feature_id": "0",
  ])
  private static let mitigationSQL = Mitigation.table.atEventSQL(expressions: [
    "id": "CAST(l.entity_key AS INTEGER)"
  ])
}
