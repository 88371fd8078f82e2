#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The kind of serious incident under the EU AI Act (Art. 3(49), Art. 73), which sets how soon
/// the market surveillance authority must be told.
public enum SeriousIncidentKind: String, Vocabulary {
  /// Serious harm to health, property, the environment or fundamental rights: 15 days.
  case general
  /// The death of a person: 10 days.
  case death
  /// A widespread infringement, or a serious and irreversible disruption of critical
  /// infrastructure: 2 days.
  case widespread
  public static let termName = "serious incident kind"

  /// How long after the company became aware the report is due (Art. 73(2) to (4)).
  public var reportingPeriod: TimeInterval {
    switch self {
    case .general: 15 * 86_400
    case .death: 10 * 86_400
    case .widespread: 2 * 86_400
    }
  }
}

/// A report an incident calls for: to whom, by when, and when it was made.
public struct ReportingDeadline: Equatable, Sendable {
  /// Whose rule sets the deadline.
  public enum Regime: String, Sendable {
    /// The EU AI Act, Art. 73: a serious incident, to the market surveillance authority.
    case euAIActSeriousIncident = "eu-ai-act-art-73"
    /// The GDPR, Art. 33: a personal-data breach, to the supervisory authority, within 72 hours.
    case gdprBreach = "gdpr-art-33"
  }

  /// Where a report stands, as of a time.
  public enum Standing: String, Sendable {
    case met
    case missedButMade = "made-late"
    case due, overdue
  }

  public var regime: Regime
  public var due: Date
  public var reportedAt: Date?

  /// The reports an incident calls for. `awareAt` is when the company became aware of it; the
  /// periods run from then, whenever the incident itself occurred.
  public static func deadlines(
    awareAt: Date, serious: SeriousIncidentKind?, personalDataBreach: Bool,
    authorityReportedAt: Date?, breachReportedAt: Date?
  ) -> [ReportingDeadline] {
    var deadlines: [ReportingDeadline] = []
    if let serious {
      deadlines.append(
        ReportingDeadline(
          regime: .euAIActSeriousIncident, due: awareAt.addingTimeInterval(serious.reportingPeriod),
          reportedAt: authorityReportedAt))
    }
    if personalDataBreach {
      deadlines.append(
        ReportingDeadline(
          regime: .gdprBreach, due: awareAt.addingTimeInterval(72 * 3_600),
          reportedAt: breachReportedAt))
    }
    return deadlines
  }

  /// Whether the report was made in time, late, or not yet (and whether it is late already).
  public func standing(at now: Date) -> Standing {
    if let reportedAt { return reportedAt <= due ? .met : .missedButMade }
    return now <= due ? .due : .overdue
  }
}

/// An incident with where its reports stand as of a moment: what `incident show` prints and an
/// assistant is given.
public struct IncidentRecord: Codable, Equatable, Sendable {
  public var incident: Incident
  public var deadlines: [DeadlineEntry]

  /// One report an incident calls for, as of a moment.
  public struct DeadlineEntry: Codable, Equatable, Sendable {
    public var regime: String
    public var due: String
    public var reportedAt: String?
    public var standing: String

    enum CodingKeys: String, CodingKey {
      case regime, due
      case reportedAt = "reported_at"
      case standing
    }
  }

  public init(_ incident: Incident, at now: Date) {
    self.incident = incident
    deadlines = incident.deadlines.map {
      DeadlineEntry(
        regime: $0.regime.rawValue, due: Timestamp.format($0.due),
        reportedAt: $0.reportedAt.map(Timestamp.format), standing: $0.standing(at: now).rawValue)
    }
  }
}

extension Registry {
  /// An incident with where its reports stand now.
  public func incidentRecord(_ reference: String) throws -> IncidentRecord {
    IncidentRecord(try incident(reference), at: clock())
  }
}
