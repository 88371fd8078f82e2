#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension QuarterlyReport {
  /// A monitoring plan of a live feature, with its results measured in the quarter.
  public struct MonitoringEntry: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    public var metric: String
    public var kind: MonitoringKind
    public var direction: MetricDirection?
    public var threshold: String?
    public var unit: String
    public var cadenceDays: Int
    public var owner: String
    /// Measured in the quarter, oldest first.
    public var results: [MonitoringPoint]
    /// The latest result as of the report's moment, whenever it was measured.
    public var latest: MonitoringPoint?

    enum CodingKeys: String, CodingKey {
      case feature, name, metric, kind, direction, threshold, unit
      case cadenceDays = "cadence_days"
      case owner, results, latest
    }

    public var failures: Int { results.filter { !$0.passed }.count }
  }

  public struct MonitoringPoint: Codable, Equatable, Sendable {
    public var measuredAt: String
    public var value: String?
    public var passed: Bool

    enum CodingKeys: String, CodingKey {
      case measuredAt = "measured_at"
      case value, passed
    }
  }

  /// The incidents open at some moment of the quarter, and how they were handled.
  public struct IncidentSection: Codable, Equatable, Sendable {
    /// Of which the company became aware in the quarter.
    public var opened: Int
    /// Closed in the quarter.
    public var closed: Int
    /// Reports made by their deadline, made late or still overdue, and still due, as of the
    /// report's moment.
    public var deadlinesMet: Int
    public var deadlinesMissed: Int
    public var deadlinesDue: Int
    /// In the order the company became aware of them.
    public var entries: [IncidentEntry]

    enum CodingKeys: String, CodingKey {
      case opened, closed
      case deadlinesMet = "deadlines_met"
      case deadlinesMissed = "deadlines_missed"
      case deadlinesDue = "deadlines_due"
      case entries
    }
  }

  public struct IncidentEntry: Codable, Equatable, Sendable {
    public var reference: String
    public var title: String
    public var features: [String]
    public var category: IncidentCategory
    public var severity: IncidentSeverity
    public var seriousKind: SeriousIncidentKind?
    public var personalDataBreach: Bool
    public var occurredAt: String
    public var awareAt: String
    /// As of the report's moment.
    public var status: IncidentStatus
    public var closedAt: String?
    /// From awareness to closing, in days (to a tenth), when closed.
    public var daysToClose: Double?
    public var cause: String?
    public var correctiveAction: String?
    public var deadlines: [IncidentRecord.DeadlineEntry]

    enum CodingKeys: String, CodingKey {
      case reference, title, features, category, severity
      case seriousKind = "serious_kind"
      case personalDataBreach = "personal_data_breach"
      case occurredAt = "occurred_at"
      case awareAt = "aware_at"
      case status
      case closedAt = "closed_at"
      case daysToClose = "days_to_close"
      case cause
      case correctiveAction = "corrective_action"
      case deadlines
    }
  }
}

extension Registry {
  /// Every plan of a live feature in a snapshot, with the results measured between `start` and
  /// `asOf`, by feature and metric.
  func quarterMonitoring(
    names: [String: String], start: String, asOf: String
  ) throws -> [QuarterlyReport.MonitoringEntry] {
    let standings = try monitoringStandings()
    return try standings.keys.sorted().flatMap { key in
      try (standings[key] ?? []).map { standing in
        let plan = standing.plan
        func point(_ result: MonitoringResult) -> QuarterlyReport.MonitoringPoint {
          QuarterlyReport.MonitoringPoint(
            measuredAt: result.measuredAt, value: result.value, passed: result.passed)
        }
        let results = try monitoringResults(planID: plan.id).filter {
          $0.measuredAt >= start && $0.measuredAt <= asOf
        }
        return QuarterlyReport.MonitoringEntry(
          feature: key, name: names[key] ?? key, metric: plan.metric, kind: plan.kind,
          direction: plan.direction, threshold: plan.threshold, unit: plan.unit,
          cadenceDays: plan.cadenceDays, owner: plan.owner, results: results.map(point),
          latest: standing.latest.map(point))
      }
    }
  }

  /// The incidents of a snapshot open at some moment between `start` and `asOf`.
  func quarterIncidents(start: String, asOf: Date) throws -> QuarterlyReport.IncidentSection {
    let end = Timestamp.format(asOf)
    let incidents = try incidents().filter {
      $0.awareAt <= end && ($0.closedAt.map { $0 >= start } ?? true)
    }
    var section = QuarterlyReport.IncidentSection(
      opened: incidents.filter { $0.awareAt >= start }.count,
      closed: incidents.filter { $0.closedAt != nil }.count, deadlinesMet: 0,
      deadlinesMissed: 0, deadlinesDue: 0, entries: [])
    for incident in incidents {
      let deadlines = IncidentRecord(incident, at: asOf).deadlines
      for deadline in deadlines {
        switch ReportingDeadline.Standing(rawValue: deadline.standing) {
        case .met?: section.deadlinesMet += 1
        case .missedButMade?, .overdue?: section.deadlinesMissed += 1
        case .due?, nil: section.deadlinesDue += 1
        }
      }
      let days = incident.closedAt.flatMap(Timestamp.parse).flatMap { closed in
        Timestamp.parse(incident.awareAt).map {
          (closed.timeIntervalSince($0) / 8_640).rounded() / 10
        }
      }
      section.entries.append(
        QuarterlyReport.IncidentEntry(
          reference: incident.reference, title: incident.title, features: incident.features,
          category: incident.category, severity: incident.severity,
          seriousKind: incident.seriousKind, personalDataBreach: incident.personalDataBreach,
          occurredAt: incident.occurredAt, awareAt: incident.awareAt, status: incident.status,
          closedAt: incident.closedAt, daysToClose: days, cause: incident.cause,
          correctiveAction: incident.correctiveAction, deadlines: deadlines))
    }
    return section
  }
}
