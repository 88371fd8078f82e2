#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Something that went wrong with one or more features after launch: what happened, when, how
/// badly, the reports the law asks for and, once closed, why it happened and what was done.
public struct Incident: Equatable, Sendable {
  public var id: Int
  /// The company's own reference, `INC-2291`: how people and the trail name it.
  public var reference: String
  public var title: String
  public var summary: String
  public var category: IncidentCategory
  public var severity: IncidentSeverity
  /// When it happened, as far as is known.
  public var occurredAt: String
  /// When the company became aware of it: reporting periods run from here.
  public var awareAt: String
  /// What customers saw or lost.
  public var customerImpact: String
  /// The EU AI Act serious-incident case, which sets the authority's deadline; nil when it is
  /// not a serious incident.
  public var seriousKind: SeriousIncidentKind?
  /// Whether it is a personal-data breach (GDPR Art. 33: 72 hours).
  public var personalDataBreach: Bool
  public var authorityReportedAt: String?
  public var breachReportedAt: String?
  public var status: IncidentStatus
  public var cause: String?
  public var correctiveAction: String?
  public var closedAt: String?
  /// The reason last given for changing a linked feature materially before the authority was
  /// told of this serious incident.
  public var holdOverride: String?
  public var createdAt: String
  public var updatedAt: String
  public var version: Int
  /// The keys of the features it concerns, in order.
  public var features: [String]
  /// The numbers of the risks it realised, in order.
  public var risks: [Int]

  /// The reports it calls for, with their deadlines and when they were made.
  public var deadlines: [ReportingDeadline] {
    guard let aware = Timestamp.parse(awareAt) else { return [] }
    return ReportingDeadline.deadlines(
      awareAt: aware, serious: seriousKind, personalDataBreach: personalDataBreach,
      authorityReportedAt: authorityReportedAt.flatMap(Timestamp.parse),
      breachReportedAt: breachReportedAt.flatMap(Timestamp.parse))
  }

  /// High or critical: it demands a decision on the features it concerns.
  public var isSevere: Bool { severity >= .high || seriousKind != nil }

  /// A serious incident the authority has not been told of: until it is, a material change to
  /// its features could hinder the investigation (EU AI Act Art. 73(6)).
  public var holdsChanges: Bool {
    status == .open && seriousKind != nil && authorityReportedAt == nil
  }
}

/// What kind of thing went wrong.
public enum IncidentCategory: String, Vocabulary {
  case harmfulOutput = "harmful-output"
  case inaccurateOutput = "inaccurate-output"
  case personalDataBreach = "personal-data-breach"
  case security
  case promptInjection = "prompt-injection"
  case bias, availability, misuse, other
  public static let termName = "incident category"
}

public enum IncidentSeverity: String, Vocabulary, Comparable {
  case low, medium, high, critical
  public static let termName = "severity"

  public static func < (lhs: Self, rhs: Self) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

public enum IncidentStatus: String, Vocabulary {
  case open, closed
  public static let termName = "incident status"
}

/// What a person states when opening an incident.
public struct IncidentDraft: Equatable, Sendable {
  public var reference: String
  public var title: String
  public var summary = ""
  public var category: IncidentCategory
  public var severity: IncidentSeverity
  public var occurredAt: String
  /// When the company became aware; now when not given.
  public var awareAt: String?
  public var customerImpact = ""
  public var seriousKind: SeriousIncidentKind?
  public var personalDataBreach = false
  public var features: [String]
  public var risks: [Int] = []

  public init(
    reference: String, title: String, category: IncidentCategory, severity: IncidentSeverity,
    occurredAt: String, features: [String]
  ) {
    self.reference = reference
    self.title = title
    self.category = category
    self.severity = severity
    self.occurredAt = occurredAt
    self.features = features
  }
}

extension Incident {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension Incident: TableRecord {
  public static let entity = AuditEntity.incident
  public var auditKey: String { reference }

  var extraFields: [(name: String, value: ExtraField)] {
    [("features", .texts(features)), ("risks", .integers(risks))]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    features = try values.decode([String].self, forKey: FieldKey("features"))
    risks = try values.decode([Int].self, forKey: FieldKey("risks"))
  }

}

extension Incident: VersionedRecord {}

extension Incident {
  /// The `incidents` table, column by column; the features and risks are rows of
  /// `incident_features` and `incident_risks`.
  static let table = RecordTable<Incident>(
    name: "incidents", alias: "i",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .text("reference", { $0.reference }, { $0.reference = $1 }, role: .key),
      .text("title", { $0.title }, { $0.title = $1 }, .incidentTitle),
      .text("summary", { $0.summary }, { $0.summary = $1 }, .incidentSummary),
      .term("category", { $0.category }, { $0.category = $1 }),
      .term("severity", { $0.severity }, { $0.severity = $1 }),
      .text("occurred_at", { $0.occurredAt }, { $0.occurredAt = $1 }),
      .text("aware_at", { $0.awareAt }, { $0.awareAt = $1 }),
      .text(
        "customer_impact", { $0.customerImpact }, { $0.customerImpact = $1 },
        .incidentCustomerImpact),
      .optionalTerm("serious_kind", { $0.seriousKind }, { $0.seriousKind = $1 }),
      .boolean("personal_data_breach", { $0.personalDataBreach }, { $0.personalDataBreach = $1 }),
      .optionalText(
        "authority_reported_at", { $0.authorityReportedAt }, { $0.authorityReportedAt = $1 }),
      .optionalText("breach_reported_at", { $0.breachReportedAt }, { $0.breachReportedAt = $1 }),
      .term("status", { $0.status }, { $0.status = $1 }, role: .lifecycle),
      .optionalText(
        "cause", { $0.cause }, { $0.cause = $1 }, .incidentCause, role: .lifecycle),
      .optionalText(
        "corrective_action", { $0.correctiveAction }, { $0.correctiveAction = $1 },
        .incidentCorrectiveAction, role: .lifecycle),
      .optionalText(
        "closed_at", { $0.closedAt }, { $0.closedAt = $1 }, role: .lifecycle),
      .optionalText(
        "hold_override", { $0.holdOverride }, { $0.holdOverride = $1 }, .incidentHoldOverride),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      Incident(
        id: 0, reference: "", title: "", summary: "", category: .other, severity: .low,
        occurredAt: "", awareAt: "", customerImpact: "", seriousKind: nil,
        personalDataBreach: false, authorityReportedAt: nil, breachReportedAt: nil, status: .open,
        cause: nil, correctiveAction: nil, closedAt: nil, holdOverride: nil, createdAt: "",
        updatedAt: "", version: 0, features: [], risks: [])
    })
}
