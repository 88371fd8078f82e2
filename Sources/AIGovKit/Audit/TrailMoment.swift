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

  /// Whether the feature sent data to the provider at the moment.
  func feature(_ key: String, linksProvider provider: String) throws -> Bool {
    try database.queryOne(
      """
      SELECT 1 FROM audit_events l, json_each(l.after, '$.providers') x
      WHERE l.seq = ?1 AND x.value ->> '$.provider' = ?2 LIMIT 1
      """, [try latestEvent(.feature, key), provider], cached: true) != nil
  }

  /// The feature's material content at the moment; nil when it did not exist.
  func materialContent(ofFeature key: String) throws -> MaterialContent? {
    try featureRecord(key, withMitigations: false).map(MaterialContent.init)
  }

  /// The feature's record at the moment: its fields, providers with their terms, and risks (with
  /// their mitigations, when asked); nil when it did not exist.
  func featureRecord(_ key: String, withMitigations: Bool = true) throws -> FeatureRecord? {
    guard var feature = try record(Feature.table, Self.featureSQL, .feature, key) else {
      return nil
    }
    feature.key = key
    let featureEvent = try latestEvent(.feature, key)
    var withCategories = feature
    withCategories.dataCategories = try database.query(
      "SELECT x.value AS category FROM audit_events l, json_each(l.after, '$.data_categories') x "
        + "WHERE l.seq = ?", [featureEvent], cached: true
    ).map { try $0.term("category") }
    var providers: [ProviderLink] = []
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
      if var provider = try record(Provider.table, Self.providerSQL, .provider, link.provider) {
        provider.key = link.provider
        providers.append(ProviderLink(provider: provider, model: link.model, purpose: link.purpose))
      }
    }
    return FeatureRecord(
      feature: withCategories, providers: providers,
      risks: try risks(ofFeature: key).map { risk in
        RiskRecord(risk: risk, mitigations: withMitigations ? try mitigations(ofRisk: risk.id) : [])
      })
  }

  /// Why event `seq`, an upgrade of a feature or provider to schema 5 (`<entity>.upgrade`), is not
  /// the record its previous event recorded, said in schema 5's words; nil when it is. An upgrade
  /// follows an event written under schema 4 (one without the fields schema 5 added), and every
  /// field read through the mapping (`Schema4Fields`), with the lists a feature holds, is the same:
  /// so an upgrade event can restate a record and never change it.
  func upgradeProblem(_ entity: AuditEntity, key: String) throws -> String? {
    let previous = try database.queryOne(
      """
      SELECT p.seq, json_type(p.after, ?1) IS NULL AS legacy,
        p.after ->> '$.data_categories' IS u.after ->> '$.data_categories'
          AND p.after ->> '$.providers' IS u.after ->> '$.providers'
          AND p.after ->> '$.attributes' IS u.after ->> '$.attributes' AS lists
      FROM audit_events p, audit_events u
      WHERE u.seq = ?2 AND p.seq = (SELECT max(seq) FROM audit_events
        WHERE entity = ?3 AND entity_key = ?4 AND seq < ?2) AND p.after IS NOT NULL
      """,
      [entity == .feature ? "$.serving_use" : "$.dpa", seq, entity.rawValue, key], cached: true)
    guard let previous else { return "it upgrades a \(entity.rawValue) the trail never recorded" }
    guard try previous.integer("legacy") == 1 else {
      return "it upgrades \(entity.rawValue) '\(key)', whose previous event was already written "
        + "under schema 5"
    }
    let earlier = TrailMoment(database: database, seq: try previous.integer("seq"))
    let same: Bool
    switch entity {
    case .feature:
      same =
        try previous.integer("lists") == 1
        && earlier.record(Feature.table, Self.featureSQL, .feature, key)
          == record(Feature.table, Self.featureSQL, .feature, key)
    default:
      same =
        try earlier.record(Provider.table, Self.providerSQL, .provider, key)
        == record(Provider.table, Self.providerSQL, .provider, key)
    }
    return same
      ? nil
      : "it changes \(entity.rawValue) '\(key)' while saying only that it restates it in "
        + "schema 5's words"
  }

  private func mitigations(ofRisk id: Int) throws -> [Mitigation] {
    try database.query(
      "SELECT id FROM mitigations WHERE risk_id = ? ORDER BY id", [id], cached: true
    ).compactMap {
      try record(Mitigation.table, Self.mitigationSQL, .mitigation, String(try $0.integer("id")))
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
