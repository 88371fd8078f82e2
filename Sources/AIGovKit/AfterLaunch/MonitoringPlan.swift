/// What is measured about a launched feature, how often, by whom and how.
public struct MonitoringPlan: Equatable, Sendable {
  public var id: Int
  public var featureKey: String
  /// The metric's name, key-shaped: `acceptance-rate`, `hallucination-review`.
  public var metric: String
  public var kind: MonitoringKind
  /// Which side of the threshold passes; only for a metric.
  public var direction: MetricDirection?
  /// The threshold as written (`0.92`); only for a metric.
  public var threshold: String?
  public var unit: String
  /// How often a result is due, in days.
  public var cadenceDays: Int
  public var owner: String
  /// How it is measured.
  public var method: String
  /// Where the results are kept.
  public var evidence: String
  public var status: MonitoringStatus
  public var createdAt: String
  public var updatedAt: String
  public var version: Int
}

/// A metric compared with a threshold, or a check a person judges.
public enum MonitoringKind: String, Vocabulary {
  case metric, check
  public static let termName = "monitoring kind"
}

public enum MonitoringStatus: String, Vocabulary {
  case active, retired
  public static let termName = "monitoring status"
}

/// What a governance lead states when planning the monitoring of a feature.
public struct MonitoringPlanDraft: Equatable, Sendable {
  public var metric: String
  public var kind: MonitoringKind
  public var direction: MetricDirection?
  public var threshold: String?
  public var unit: String = ""
  public var cadenceDays: Int
  public var owner: String
  public var method: String = ""
  public var evidence: String = ""

  public init(metric: String, kind: MonitoringKind, cadenceDays: Int, owner: String) {
    self.metric = metric
    self.kind = kind
    self.cadenceDays = cadenceDays
    self.owner = owner
  }
}

extension MonitoringPlan: TableRecord {
  public static let entity = AuditEntity.monitoringPlan
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    [("feature", .value(.text(featureKey)))]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    featureKey = try values.decode(String.self, forKey: FieldKey("feature"))
  }

}

extension MonitoringPlan {
  /// The `monitoring_plans` table, column by column. The trail names a plan's feature by its key.
  static let table = RecordTable<MonitoringPlan>(
    name: "monitoring_plans", alias: "mp",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .parentID("feature_id"),
      .text("metric", { $0.metric }, { $0.metric = $1 }),
      .term("kind", { $0.kind }, { $0.kind = $1 }),
      .optionalTerm("direction", { $0.direction }, { $0.direction = $1 }),
      .optionalText("threshold", { $0.threshold }, { $0.threshold = $1 }),
      .text("unit", { $0.unit }, { $0.unit = $1 }, .monitoringUnit),
      .integer("cadence_days", { $0.cadenceDays }, { $0.cadenceDays = $1 }),
      .text("owner", { $0.owner }, { $0.owner = $1 }, .monitoringOwner),
      .text("method", { $0.method }, { $0.method = $1 }, .monitoringMethod),
      .text("evidence", { $0.evidence }, { $0.evidence = $1 }, .monitoringEvidence),
      .term("status", { $0.status }, { $0.status = $1 }),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      MonitoringPlan(
        id: 0, featureKey: "", metric: "", kind: .check, direction: nil, threshold: nil,
        unit: "", cadenceDays: 0, owner: "", method: "", evidence: "", status: .active,
        createdAt: "", updatedAt: "", version: 0)
    })
}

extension MonitoringPlan {
  /// Whether a result of this plan passes: a metric's `value` by its threshold, a check by the
  /// person's word (`passed`). Throws when the plan takes no result (it is retired) or the result
  /// is not of the plan's kind. `monitor record` and `audit verify`'s replay both judge with it.
  func judge(value: String?, passed: Bool?) throws -> Bool {
    guard status == .active else {
      throw AIGovError.invalidValue(
        field: "metric", value: metric, expected: "a plan in force (this one is retired)")
    }
    switch kind {
    case .metric:
      guard let text = value else {
        throw AIGovError.missingValue(
          field: "measured value",
          reason: "the metric '\(metric)' is measured against a threshold")
      }
      guard let measured = MeasuredValue(text) else {
        throw AIGovError.invalidValue(
          field: "measured value", value: text, expected: "a decimal such as 0.92 or -3")
      }
      if let passed {
        throw AIGovError.invalidValue(
          field: "passed", value: String(passed),
          expected: "nothing: a metric is judged by its threshold")
      }
      guard let threshold = threshold.flatMap(MeasuredValue.init) else {
        throw AIGovError.invalidValue(
          field: "threshold", value: threshold ?? "", expected: "a decimal such as 0.92 or -3")
      }
      return measured.passes(threshold, direction ?? .atLeast)
    case .check:
      if let value {
        throw AIGovError.invalidValue(
          field: "measured value", value: value, expected: "nothing: '\(metric)' is a check")
      }
      guard let passed else {
        throw AIGovError.missingValue(
          field: "passed", reason: "the check '\(metric)' is judged by a person: pass or fail")
      }
      return passed
    }
  }
}

/// One measurement of a plan: history, never edited.
public struct MonitoringResult: Equatable, Sendable {
  public var id: Int
  public var planID: Int
  /// When it was measured.
  public var measuredAt: String
  /// The value as written, for a metric.
  public var value: String?
  public var passed: Bool
  public var evidence: String
  public var note: String
  public var createdAt: String
}

extension MonitoringResult: TableRecord {
  public static let entity = AuditEntity.monitoringResult
  public var auditKey: String { String(id) }

}

extension MonitoringResult {
  static let table = RecordTable<MonitoringResult>(
    name: "monitoring_results", alias: "mr",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .integer("plan_id", { $0.planID }, { $0.planID = $1 }, role: .parent),
      .text("measured_at", { $0.measuredAt }, { $0.measuredAt = $1 }),
      .optionalText("value", { $0.value }, { $0.value = $1 }),
      .boolean("passed", { $0.passed }, { $0.passed = $1 }),
      .text("evidence", { $0.evidence }, { $0.evidence = $1 }, .resultEvidence),
      .text("note", { $0.note }, { $0.note = $1 }, .resultNote),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
    ],
    empty: {
      MonitoringResult(
        id: 0, planID: 0, measuredAt: "", value: nil, passed: false, evidence: "", note: "",
        createdAt: "")
    })
}

/// A plan with its latest result, if any: what `check` judges.
public struct MonitoringStanding: Codable, Equatable, Sendable {
  public var plan: MonitoringPlan
  public var latest: MonitoringResult?
}

/// What is known of a feature after launch: its monitoring plans with their latest results, and
/// its incidents with where their reports stand.
public struct AfterLaunchRecord: Codable, Equatable, Sendable {
  public var monitoring: [MonitoringStanding]
  public var incidents: [IncidentRecord]
}
