/// A monitoring plan of the sample and its results, each recorded by the plan's owner on its day.
public struct SampleMonitoringPlan: Decodable, Sendable {
  public var feature: String
  public var planned: String
  public var draft: MonitoringPlanDraft
  /// The handle of the person who records the results.
  public var recordedBy: String
  public var results: [SampleResult]

  public struct SampleResult: Decodable, Sendable {
    public var at: String
    public var value: String?
    public var passed: Bool?
    public var note: String?
  }

  enum CodingKeys: String, CodingKey {
    case feature, planned, metric, kind, direction, threshold, unit, owner, method, evidence
    case cadenceDays = "cadence_days"
    case recordedBy = "recorded_by"
    case results
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    feature = try values.decode(String.self, forKey: .feature)
    planned = try values.decode(String.self, forKey: .planned)
    draft = MonitoringPlanDraft(
      metric: try values.decode(String.self, forKey: .metric),
      kind: try values.decode(MonitoringKind.self, forKey: .kind),
      cadenceDays: try values.decode(Int.self, forKey: .cadenceDays),
      owner: try values.decode(String.self, forKey: .owner))
    draft.direction = try values.decodeIfPresent(MetricDirection.self, forKey: .direction)
    draft.threshold = try values.decodeIfPresent(String.self, forKey: .threshold)
    draft.unit = try values.decodeIfPresent(String.self, forKey: .unit) ?? ""
    draft.method = try values.decodeIfPresent(String.self, forKey: .method) ?? ""
    draft.evidence = try values.decodeIfPresent(String.self, forKey: .evidence) ?? ""
    recordedBy = try values.decode(String.self, forKey: .recordedBy)
    results = try values.decode([SampleResult].self, forKey: .results)
  }
}

/// An incident of the sample: opened, its reports made and closed, each on its day by the
/// person who did it.
public struct SampleIncident: Decodable, Sendable {
  public var opened: String
  public var openedBy: String
  public var draft: IncidentDraft
  /// The risks it realised, by their titles.
  public var riskTitles: [String]
  public var breachReported: String?
  public var authorityReported: String?
  public var closed: Closing?

  public struct Closing: Decodable, Sendable {
    public var at: String
    public var by: String
    public var cause: String
    public var correctiveAction: String

    enum CodingKeys: String, CodingKey {
      case at, by, cause
      case correctiveAction = "corrective_action"
    }
  }

  enum CodingKeys: String, CodingKey {
    case opened
    case openedBy = "opened_by"
    case reference, title, summary, category, severity, features, risks, serious
    case occurredAt = "occurred_at"
    case awareAt = "aware_at"
    case customerImpact = "customer_impact"
    case personalDataBreach = "personal_data_breach"
    case breachReported = "breach_reported"
    case authorityReported = "authority_reported"
    case closed
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    opened = try values.decode(String.self, forKey: .opened)
    openedBy = try values.decode(String.self, forKey: .openedBy)
    draft = IncidentDraft(
      reference: try values.decode(String.self, forKey: .reference),
      title: try values.decode(String.self, forKey: .title),
      category: try values.decode(IncidentCategory.self, forKey: .category),
      severity: try values.decode(IncidentSeverity.self, forKey: .severity),
      occurredAt: try values.decode(String.self, forKey: .occurredAt),
      features: try values.decode([String].self, forKey: .features))
    draft.summary = try values.decodeIfPresent(String.self, forKey: .summary) ?? ""
    draft.awareAt = try values.decode(String.self, forKey: .awareAt)
    draft.customerImpact = try values.decodeIfPresent(String.self, forKey: .customerImpact) ?? ""
    draft.seriousKind = try values.decodeIfPresent(SeriousIncidentKind.self, forKey: .serious)
    draft.personalDataBreach =
      try values.decodeIfPresent(Bool.self, forKey: .personalDataBreach) ?? false
    riskTitles = try values.decodeIfPresent([String].self, forKey: .risks) ?? []
    breachReported = try values.decodeIfPresent(String.self, forKey: .breachReported)
    authorityReported = try values.decodeIfPresent(String.self, forKey: .authorityReported)
    closed = try values.decodeIfPresent(Closing.self, forKey: .closed)
  }

  /// The draft with its risks found by title among its features' risks.
  func resolved(in registry: Registry) throws -> IncidentDraft {
    var draft = self.draft
    let risks = try draft.features.flatMap { try registry.featureRecord($0).risks.map(\.risk) }
    draft.risks = try riskTitles.map { title in
      guard let risk = risks.first(where: { $0.title == title }) else {
        throw AIGovError.notFound(entity: "risk", key: title)
      }
      return risk.id
    }
    return draft
  }
}
