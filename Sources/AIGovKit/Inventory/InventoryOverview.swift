/// Counts that describe the whole inventory at a glance.
public struct InventoryOverview: Codable, Equatable, Sendable {
  public var featureCount: Int
  public var featuresByCategory: [FeatureCategory: Int]
  public var featuresByTrainingUse: [TrainingUse: Int]
  public var featuresByAudience: [Audience: Int]
  public var featuresByStatus: [FeatureStatus: Int]
  public var providerCount: Int
  public var riskCount: Int
  public var risksByLevel: [RiskLevel: Int]
  /// High or critical risks of live features, not closed, without an implemented or verified
  /// mitigation.
  public var unmitigatedHighRisks: Int
  public var mitigationCount: Int
  public var mitigationsByStatus: [MitigationStatus: Int]
  public var reviewerCount: Int
  public var auditEventCount: Int
  public var auditHeadHash: String?

  enum CodingKeys: String, CodingKey {
    case featureCount = "feature_count"
    case featuresByCategory = "features_by_category"
    case featuresByTrainingUse = "features_by_training_use"
    case featuresByAudience = "features_by_audience"
    case featuresByStatus = "features_by_status"
    case providerCount = "provider_count"
    case riskCount = "risk_count"
    case risksByLevel = "risks_by_level"
    case unmitigatedHighRisks = "unmitigated_high_risks"
    case mitigationCount = "mitigation_count"
    case mitigationsByStatus = "mitigations_by_status"
    case reviewerCount = "reviewer_count"
    case auditEventCount = "audit_event_count"
    case auditHeadHash = "audit_head_hash"
  }
}

extension Registry {
  /// Counts over the whole inventory.
  public func overview() throws -> InventoryOverview {
    func grouped<T: Vocabulary>(_ sql: String) throws -> [T: Int] {
      var counts: [T: Int] = [:]
      try database.forEachRow(sql) { row in
        counts[try row.term("term")] = try row.integer("n")
      }
      return counts
    }
    func count(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws -> Int {
      try database.scalarInteger(sql, arguments) ?? 0
    }
    var risksByLevel: [RiskLevel: Int] = [:]
    try database.forEachRow("SELECT \(Risk.scoreSQL("risks")) AS score FROM risks") { row in
      risksByLevel[RiskLevel(score: try row.integer("score")), default: 0] += 1
    }
    return InventoryOverview(
      featureCount: try count("SELECT count(*) FROM features"),
      featuresByCategory: try featureCounts(by: "category"),
      featuresByTrainingUse: try featureCounts(by: "training_use"),
      featuresByAudience: try featureCounts(by: "audience"),
      featuresByStatus: try featureCounts(by: "status"),
      providerCount: try count("SELECT count(*) FROM providers"),
      riskCount: try count("SELECT count(*) FROM risks"),
      risksByLevel: risksByLevel,
      unmitigatedHighRisks: try count(
        """
        SELECT count(*) FROM risks r JOIN features f ON f.id = r.feature_id
        WHERE f.status != ? AND \(RiskRecord.blocksLaunchSQL("r"))
        """, [FeatureStatus.retired.rawValue] + RiskRecord.blocksLaunchArguments),
      mitigationCount: try count("SELECT count(*) FROM mitigations"),
      mitigationsByStatus: try grouped(
        "SELECT status AS term, count(*) AS n FROM mitigations GROUP BY status"),
      reviewerCount: try count("SELECT count(*) FROM reviewers"),
      auditEventCount: try count("SELECT count(*) FROM audit_events"),
      auditHeadHash: try auditTrail.head()?.hash)
  }

  /// Features counted by one of their terms (`category`, `processing_mode` or `status`); with
  /// `liveOnly`, retired ones are left out.
  func featureCounts<T: Vocabulary>(by column: String, liveOnly: Bool = false) throws -> [T: Int] {
    var counts: [T: Int] = [:]
    try database.forEachRow(
      "SELECT \(column) AS term, count(*) AS n FROM features "
        + (liveOnly ? "WHERE status != 'retired' " : "") + "GROUP BY \(column)"
    ) { row in
      // A set of terms (a training use) counts once under each of its terms.
      for term in try row.text("term").split(separator: ",") {
        counts[try DatabaseValue.text(String(term)).term(column: column), default: 0] +=
          try row.integer("n")
      }
    }
    return counts
  }
}
