#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  // MARK: Reading

  /// One monitoring plan, by its number.
  public func monitoringPlan(_ id: Int) throws -> MonitoringPlan {
    guard
      let row = try database.queryOne(
        Self.planQuery + " WHERE mp.id = ?", [id], cached: true)
    else {
      throw AIGovError.notFound(entity: "monitoring plan", key: String(id))
    }
    return try Self.plan(from: row)
  }

  /// A feature's monitoring plan of `metric`.
  public func monitoringPlan(featureKey: String, metric: String) throws -> MonitoringPlan {
    let featureID = try featureID(featureKey)
    guard
      let row = try database.queryOne(
        Self.planQuery + " WHERE mp.feature_id = ? AND mp.metric = ?", [featureID, metric],
        cached: true)
    else {
      throw AIGovError.notFound(entity: "monitoring plan", key: "\(featureKey) \(metric)")
    }
    return try Self.plan(from: row)
  }

  /// The monitoring plans of a feature (of every feature, without one), by feature and metric.
  public func monitoringPlans(featureKey: String? = nil) throws -> [MonitoringPlan] {
    // Two statements: one condition for both would let SQLite walk every feature in key order.
    guard let featureKey else {
      return try database.query(Self.planQuery + " ORDER BY f.key, mp.metric").map(
        Self.plan(from:))
    }
    return try monitoringPlans(featureID: try featureID(featureKey))
  }

  func monitoringPlans(featureID: Int) throws -> [MonitoringPlan] {
    try database.query(
      Self.planQuery + " WHERE mp.feature_id = ? ORDER BY mp.metric", [featureID], cached: true
    ).map(Self.plan(from:))
  }

  /// A plan's results, oldest measurement first.
  public func monitoringResults(planID: Int) throws -> [MonitoringResult] {
    try database.query(
      "SELECT \(MonitoringResult.table.selectList("mr")) FROM monitoring_results mr "
        + "WHERE mr.plan_id = ? ORDER BY mr.measured_at, mr.id", [planID], cached: true
    ).map { try MonitoringResult.table.record(at: $0) }
  }

  /// A feature's monitoring plans with their latest results, and its incidents as of now.
  public func afterLaunch(_ featureKey: String) throws -> AfterLaunchRecord {
    let featureID = try featureID(featureKey)
    // Most features have neither: one statement says so, rather than two that find nothing.
    guard
      let found = try database.queryOne(
        """
        SELECT EXISTS (SELECT 1 FROM monitoring_plans WHERE feature_id = ?1) AS planned,
               EXISTS (SELECT 1 FROM incident_features WHERE feature_id = ?1) AS incidents
        """, [featureID])
    else { return AfterLaunchRecord(monitoring: [], incidents: []) }
    let now = clock()
    return AfterLaunchRecord(
      monitoring: try found.integer("planned") == 0
        ? []
        : monitoringPlans(featureID: featureID).map { plan in
          MonitoringStanding(
            plan: plan,
            latest: try database.queryOne(
              "SELECT \(MonitoringResult.table.selectList("mr")) FROM monitoring_results mr "
                + "WHERE mr.plan_id = ? ORDER BY mr.measured_at DESC, mr.id DESC LIMIT 1",
              [plan.id], cached: true
            ).map { try MonitoringResult.table.record(at: $0) })
        },
      incidents: try found.integer("incidents") == 0
        ? []
        : incidents(featureID: featureID, status: nil).map { IncidentRecord($0, at: now) })
  }

  /// Every plan of a live feature with its latest result, by feature key.
  func monitoringStandings() throws -> [String: [MonitoringStanding]] {
    var latest: [Int: MonitoringResult] = [:]
    try database.forEachRow(
      """
      SELECT \(MonitoringResult.table.selectList("mr")) FROM monitoring_results mr
      WHERE mr.id = (SELECT r.id FROM monitoring_results r WHERE r.plan_id = mr.plan_id
                     ORDER BY r.measured_at DESC, r.id DESC LIMIT 1)
      """
    ) { row in
      let result = try MonitoringResult.table.record(at: row)
      latest[result.planID] = result
    }
    var standings: [String: [MonitoringStanding]] = [:]
    try database.forEachRow(
      Self.planQuery + " WHERE f.status != ? ORDER BY f.key, mp.metric",
      [FeatureStatus.retired.rawValue]
    ) { row in
      let plan = try Self.plan(from: row)
      standings[plan.featureKey, default: []].append(
        MonitoringStanding(plan: plan, latest: latest[plan.id]))
    }
    return standings
  }

  // MARK: Changing

  /// Plans the monitoring of a feature: a metric with its direction and threshold, or a check.
  @discardableResult
  public func addMonitoringPlan(featureKey: String, _ draft: MonitoringPlanDraft) throws
    -> MonitoringPlan
  {
    try database.transaction {
      let featureID = try featureID(featureKey)
      let timestamp = now
      var plan = MonitoringPlan(
        id: 0, featureKey: featureKey, metric: draft.metric, kind: draft.kind,
        direction: draft.direction, threshold: draft.threshold, unit: draft.unit,
        cadenceDays: draft.cadenceDays, owner: draft.owner, method: draft.method,
        evidence: draft.evidence, status: .active, createdAt: timestamp, updatedAt: timestamp,
        version: 1)
      try Self.validate(plan)
      if try database.queryOne(
        "SELECT 1 FROM monitoring_plans WHERE feature_id = ? AND metric = ?",
        [featureID, plan.metric]) != nil
      {
        throw AIGovError.duplicate(entity: "monitoring plan", key: "\(featureKey) \(plan.metric)")
      }
      plan.id = try insert(plan, into: MonitoringPlan.table, parent: featureID)
      try recordEvent(.monitoringPlanCreate, before: nil, after: plan)
      return plan
    }
  }

  /// Records a measurement of a feature's `metric`, judged against the plan: a metric's value
  /// passes or fails by its threshold; a check's outcome is given (`passed`). Results are
  /// history: none is ever edited.
  @discardableResult
  public func recordMonitoringResult(
    featureKey: String, metric: String, value: String?, passed: Bool?, measuredAt: String?,
    evidence: String = "", note: String = ""
  ) throws -> MonitoringResult {
    try database.transaction {
      let plan = try monitoringPlan(featureKey: featureKey, metric: metric)
      let judged = try plan.judge(value: value, passed: passed)
      let timestamp = now
      let measured = measuredAt ?? timestamp
      guard Timestamp.parse(measured) != nil, measured <= timestamp else {
        throw AIGovError.invalidValue(
          field: "measured at", value: measured, expected: "a time no later than now")
      }
      var result = MonitoringResult(
        id: 0, planID: plan.id, measuredAt: Timestamp.parse(measured).map(Timestamp.format)!,
        value: value, passed: judged, evidence: evidence, note: note, createdAt: timestamp)
      try TextField.resultEvidence.check(result.evidence)
      try TextField.resultNote.check(result.note)
      result.id = try insert(result, into: MonitoringResult.table, parent: plan.id)
      try recordEvent(.monitoringResultRecord, before: nil, after: result)
      return result
    }
  }

  // MARK: Internals

  static let planQuery =
    "SELECT \(MonitoringPlan.table.selectList("mp")), f.key AS feature_key "
    + "FROM monitoring_plans mp JOIN features f ON f.id = mp.feature_id"

  static func plan(from row: Row) throws -> MonitoringPlan {
    var plan = try MonitoringPlan.table.record(at: row)
    plan.featureKey = try row.text("feature_key")
    return plan
  }

  static func validate(_ plan: MonitoringPlan) throws {
    try Validation.key(plan.metric, field: "metric")
    try TextField.monitoringUnit.check(plan.unit)
    try TextField.monitoringOwner.check(plan.owner)
    try TextField.monitoringMethod.check(plan.method)
    try TextField.monitoringEvidence.check(plan.evidence)
    try Validation.nonEmpty(plan.owner, field: "owner")
    try Validation.range(plan.cadenceDays, 1...366, field: "cadence days")
    switch plan.kind {
    case .metric:
      guard plan.direction != nil else {
        throw AIGovError.missingValue(
          field: "direction", reason: "a metric passes at least or at most its threshold")
      }
      guard let threshold = plan.threshold else {
        throw AIGovError.missingValue(field: "threshold", reason: "a metric has a threshold")
      }
      guard MeasuredValue(threshold) != nil else {
        throw AIGovError.invalidValue(
          field: "threshold", value: threshold, expected: "a decimal such as 0.92 or -3")
      }
    case .check:
      guard plan.direction == nil, plan.threshold == nil else {
        throw AIGovError.invalidValue(
          field: "threshold", value: plan.threshold ?? plan.direction?.rawValue ?? "",
          expected: "nothing: a check is judged by a person, pass or fail")
      }
    }
  }
}
