/// One live feature with everything governance looks at: its record (providers with their terms,
/// risks with their mitigations) and its review rounds with their decisions.
struct GovernedFeature {
  var record: FeatureRecord
  var rounds: [RoundRecord]

  /// The feature's material content and its hash, as they stand now.
  var contentHash: String { MaterialContent(record).hash }
}

extension Registry {
  /// Calls `body` with every live feature (every status but retired), or only the launched ones,
  /// in order of id, read in one pass: each child table is read beside the features, in the same
  /// order, so memory does not grow with the inventory.
  func forEachGovernedFeature(
    launchedOnly: Bool = false, _ body: (GovernedFeature) throws -> Void
  ) throws {
    let condition = launchedOnly ? "= 'launched'" : "!= 'retired'"
    let live = "SELECT id FROM features WHERE status \(condition)"
    let categories = try ChildRows(
      database.cursor(
        "SELECT feature_id, category FROM feature_data_categories "
          + "WHERE feature_id IN (\(live)) ORDER BY feature_id, category"),
      parentColumn: "feature_id")
    let links = try ChildRows(
      database.cursor(
        """
        SELECT \(Provider.table.selectList("p")), fp.feature_id, fp.model AS link_model,
          fp.purpose AS link_purpose
        FROM feature_providers fp JOIN providers p ON p.id = fp.provider_id
        WHERE fp.feature_id IN (\(live)) ORDER BY fp.feature_id, p.key, fp.model
        """), parentColumn: "feature_id")
    let risks = try ChildRows(
      database.cursor(
        """
        SELECT \(Risk.table.selectList("r")), f.key AS feature_key FROM risks r JOIN features f ON f.id = r.feature_id
        WHERE f.status \(condition) ORDER BY r.feature_id, \(Risk.scoreSQL("r")) DESC, r.id
        """), parentColumn: "feature_id")
    let mitigations = try ChildRows(
      database.cursor(
        """
        SELECT \(Mitigation.table.selectList("m")), r.feature_id FROM mitigations m JOIN risks r ON r.id = m.risk_id
        WHERE r.feature_id IN (\(live)) ORDER BY r.feature_id, m.id
        """), parentColumn: "feature_id")
    let rounds = try ChildRows(
      database.cursor(
        """
        SELECT \(ReviewRound.table.selectList("r")), f.key AS feature_key FROM review_rounds r JOIN features f ON f.id = r.feature_id
        WHERE f.status \(condition) ORDER BY r.feature_id, r.number
        """), parentColumn: "feature_id")
    let signOffs = try ChildRows(
      database.cursor(
        Self.signOffQuery + " WHERE f.status \(condition) ORDER BY r.feature_id, s.id"),
      parentColumn: "feature_id")
    try database.forEachRow(
      "SELECT \(Feature.table.selectList()) FROM features WHERE status \(condition) ORDER BY id"
    ) { row in
      let id = try row.integer("id")
      var feature = try Feature.table.record(at: row)
      feature.dataCategories = try categories.rows(for: id).map { try $0.term("category") }
      var mitigationsByRisk: [Int: [Mitigation]] = [:]
      for mitigation in try mitigations.rows(for: id).map(Self.mitigation(from:)) {
        mitigationsByRisk[mitigation.riskID, default: []].append(mitigation)
      }
      let record = FeatureRecord(
        feature: feature,
        providers: try links.rows(for: id).map {
          ProviderLink(
            provider: try Self.provider(from: $0), model: try $0.text("link_model"),
            purpose: try $0.text("link_purpose"))
        },
        risks: try risks.rows(for: id).map(Self.risk(from:)).map {
          RiskRecord(risk: $0, mitigations: mitigationsByRisk[$0.id] ?? [])
        })
      let decisions = Dictionary(
        grouping: try signOffs.rows(for: id).map(Self.signOff(from:)), by: \.roundID)
      try body(
        GovernedFeature(
          record: record,
          rounds: try rounds.rows(for: id).map(Self.round(from:)).map {
            RoundRecord(round: $0, signOffs: decisions[$0.id] ?? [])
          }))
    }
  }
}
