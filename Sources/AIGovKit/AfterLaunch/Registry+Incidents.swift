#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  // MARK: Reading

  /// One incident, by its reference.
  public func incident(_ reference: String) throws -> Incident {
    guard
      let row = try database.queryOne(
        "SELECT \(Incident.table.selectList("i")) FROM incidents i WHERE i.reference = ?",
        [reference], cached: true)
    else {
      throw AIGovError.notFound(entity: "incident", key: reference)
    }
    return try withLinks(Incident.table.record(at: row))
  }

  /// The incidents of a feature (of every feature, without one), optionally of one status, in
  /// the order the company became aware of them.
  public func incidents(featureKey: String? = nil, status: IncidentStatus? = nil) throws
    -> [Incident]
  {
    try incidents(featureID: featureKey.map(featureID), status: status)
  }

  func incidents(featureID: Int?, status: IncidentStatus?) throws -> [Incident] {
    // A feature's incidents are found through its links, not by reading every incident.
    let source =
      featureID == nil
      ? "incidents i"
      : "incident_features x JOIN incidents i ON i.id = x.incident_id AND x.feature_id = ?1"
    return try database.query(
      """
      SELECT \(Incident.table.selectList("i")) FROM \(source)
      WHERE ?2 IS NULL OR i.status = ?2 ORDER BY i.aware_at, i.reference
      """, [featureID, status?.rawValue], cached: true
    ).map { try withLinks(Incident.table.record(at: $0)) }
  }

  /// Every incident with its features and risks, by reference: what `check` and the reports judge.
  func incidentsByFeature() throws -> [String: [Incident]] {
    var byFeature: [String: [Incident]] = [:]
    for incident in try incidents() {
      for feature in incident.features { byFeature[feature, default: []].append(incident) }
    }
    return byFeature
  }

  // MARK: Changing

  /// Opens an incident on one or more features (and the risks of theirs it realised).
  @discardableResult
  public func openIncident(_ draft: IncidentDraft) throws -> Incident {
    try database.transaction {
      let timestamp = now
      var incident = Incident(
        id: 0, reference: draft.reference, title: draft.title, summary: draft.summary,
        category: draft.category, severity: draft.severity, occurredAt: draft.occurredAt,
        awareAt: draft.awareAt ?? timestamp, customerImpact: draft.customerImpact,
        seriousKind: draft.seriousKind, personalDataBreach: draft.personalDataBreach,
        authorityReportedAt: nil, breachReportedAt: nil, status: .open, cause: nil,
        correctiveAction: nil, closedAt: nil, holdOverride: nil, createdAt: timestamp,
        updatedAt: timestamp, version: 1, features: draft.features, risks: draft.risks)
      try Validation.reference(incident.reference)
      if try database.queryOne("SELECT 1 FROM incidents WHERE reference = ?", [draft.reference])
        != nil
      {
        throw AIGovError.duplicate(entity: "incident", key: draft.reference)
      }
      let links = try validate(&incident)
      incident.id = try insert(incident, into: Incident.table)
      try writeLinks(of: incident.id, links)
      try recordEvent(.incidentOpen, before: nil, after: incident)
      return incident
    }
  }

  /// Changes what is known of an open incident: `edit` may change anything but its reference,
  /// its status and what closing records. Reports made are recorded here
  /// (`authorityReportedAt`, `breachReportedAt`). Nothing changes when `edit` changes nothing.
  @discardableResult
  public func updateIncident(
    _ reference: String, expectedVersion: Int? = nil, _ edit: (inout Incident) throws -> Void
  ) throws -> Incident {
    try database.transaction {
      let before = try incident(reference)
      try Self.checkVersion(
        expectedVersion, of: before.version, entity: "incident", key: reference)
      guard before.status == .open else {
        throw AIGovError.refused(.incidentClosed(reference: reference))
      }
      var after = before
      try edit(&after)
      // What the edit may not change.
      after.id = before.id
      after.reference = before.reference
      after.status = before.status
      after.cause = before.cause
      after.correctiveAction = before.correctiveAction
      after.closedAt = before.closedAt
      after.holdOverride = before.holdOverride
      after.createdAt = before.createdAt
      let links = try validate(&after)
      after.updatedAt = before.updatedAt
      after.version = before.version
      guard try saveEdit(&after, from: before, in: Incident.table) else { return before }
      if after.features != before.features || after.risks != before.risks {
        try database.execute("DELETE FROM incident_features WHERE incident_id = ?", [after.id])
        try database.execute("DELETE FROM incident_risks WHERE incident_id = ?", [after.id])
        try writeLinks(of: after.id, links)
      }
      try recordEvent(.incidentUpdate, before: before, after: after)
      return after
    }
  }

  /// Closes an incident with its cause and the corrective action taken. An incident whose
  /// reports are still owed stays open: closing it would hide that they are.
  @discardableResult
  public func closeIncident(
    _ reference: String, cause: String, correctiveAction: String, closedAt: String? = nil
  ) throws -> Incident {
    try database.transaction {
      let before = try incident(reference)
      guard before.status == .open else {
        throw AIGovError.refused(.incidentClosed(reference: reference))
      }
      try Validation.nonEmpty(cause, field: "cause")
      try Validation.nonEmpty(correctiveAction, field: "corrective action")
      try TextField.incidentCause.check(cause)
      try TextField.incidentCorrectiveAction.check(correctiveAction)
      if let owed = before.deadlines.first(where: { $0.reportedAt == nil }) {
        throw AIGovError.refused(
          .incidentReportOwed(
            reference: reference, regime: owed.regime.rawValue,
            due: Timestamp.format(owed.due)))
      }
      let timestamp = now
      let closed = try Self.time(
        closedAt ?? timestamp, field: "closed at", notBefore: before.awareAt,
        notAfter: timestamp, expected: "a time from when it became known until now")
      var after = before
      after.status = .closed
      after.cause = cause
      after.correctiveAction = correctiveAction
      after.closedAt = closed
      after.updatedAt = timestamp
      after.version += 1
      try update(after, in: Incident.table, .lifecycle, previousVersion: before.version)
      try recordEvent(.incidentClose, before: before, after: after)
      return after
    }
  }

  /// Before a material change to a feature lands: refused while one of its serious incidents has
  /// not been reported to the authority, unless the change is made anyway with a reason
  /// (`options.incidentHoldOverride`), which each such incident then records.
  func applyIncidentHold(featureID: Int, cause: AuditEvent) throws {
    let holding = try database.query(
      """
      SELECT \(Incident.table.selectList("i")) FROM incidents i
      JOIN incident_features x ON x.incident_id = i.id AND x.feature_id = ?
      WHERE i.status = ? AND i.serious_kind IS NOT NULL AND i.authority_reported_at IS NULL
      ORDER BY i.reference
      """, [featureID, IncidentStatus.open.rawValue]
    ).map { try withLinks(Incident.table.record(at: $0)) }
    guard let first = holding.first else { return }
    guard let reason = options.incidentHoldOverride, !reason.allSatisfy(\.isWhitespace) else {
      let featureKey =
        try database.queryOne("SELECT key FROM features WHERE id = ?", [featureID])?.text("key")
        ?? ""
      throw AIGovError.refused(
        .incidentHold(
          feature: featureKey, reference: first.reference,
          due: first.deadlines.first.map { Timestamp.format($0.due) } ?? ""))
    }
    try TextField.incidentHoldOverride.check(reason)
    for before in holding {
      var after = before
      after.holdOverride = "\(reason) (event \(cause.seq), \(cause.action))"
      after.updatedAt = now
      after.version += 1
      try update(after, in: Incident.table, previousVersion: before.version)
      try recordEvent(.incidentHoldOverride, before: before, after: after)
    }
  }

  // MARK: Internals

  /// Fills in an incident's features and risks from their tables.
  func withLinks(_ incident: Incident) throws -> Incident {
    var incident = incident
    incident.features = try database.query(
      """
      SELECT f.key FROM incident_features x JOIN features f ON f.id = x.feature_id
      WHERE x.incident_id = ? ORDER BY f.key
      """, [incident.id], cached: true
    ).map { try $0.text("key") }
    incident.risks = try database.query(
      "SELECT risk_id FROM incident_risks WHERE incident_id = ? ORDER BY risk_id",
      [incident.id], cached: true
    ).map { try $0.integer("risk_id") }
    return incident
  }

  private func writeLinks(of incidentID: Int, _ links: (features: [Int], risks: [Int])) throws {
    for feature in links.features {
      try database.execute(
        "INSERT INTO incident_features (incident_id, feature_id) VALUES (?, ?)",
        [incidentID, feature], cached: true)
    }
    for risk in links.risks {
      try database.execute(
        "INSERT INTO incident_risks (incident_id, risk_id) VALUES (?, ?)", [incidentID, risk],
        cached: true)
    }
  }

  /// Checks an incident's values, writes its times in the stored form and its features and
  /// risks in order; gives the ids of its features and risks.
  private func validate(_ incident: inout Incident) throws -> (features: [Int], risks: [Int]) {
    try TextField.incidentTitle.check(incident.title)
    try Validation.nonEmpty(incident.title, field: "title")
    try TextField.incidentSummary.check(incident.summary)
    try TextField.incidentCustomerImpact.check(incident.customerImpact)
    let timestamp = now
    incident.awareAt = try Self.time(
      incident.awareAt, field: "aware at", notBefore: nil, notAfter: timestamp,
      expected: "a time no later than now")
    incident.occurredAt = try Self.time(
      incident.occurredAt, field: "occurred at", notBefore: nil, notAfter: incident.awareAt,
      expected: "a time no later than when the company became aware (\(incident.awareAt))")
    incident.authorityReportedAt = try incident.authorityReportedAt.map {
      try Self.time(
        $0, field: "authority reported at", notBefore: incident.awareAt, notAfter: timestamp,
        expected: "a time from when it became known until now")
    }
    incident.breachReportedAt = try incident.breachReportedAt.map {
      try Self.time(
        $0, field: "breach reported at", notBefore: incident.awareAt, notAfter: timestamp,
        expected: "a time from when it became known until now")
    }
    if incident.authorityReportedAt != nil, incident.seriousKind == nil {
      throw AIGovError.invalidValue(
        field: "authority reported at", value: incident.authorityReportedAt ?? "",
        expected: "nothing: only a serious incident is reported to the authority (--serious)")
    }
    if incident.breachReportedAt != nil, !incident.personalDataBreach {
      throw AIGovError.invalidValue(
        field: "breach reported at", value: incident.breachReportedAt ?? "",
        expected: "nothing: only a personal-data breach is reported as one (--personal-data-breach)"
      )
    }
    incident.features = Array(Set(incident.features)).sorted()
    incident.risks = Array(Set(incident.risks)).sorted()
    guard !incident.features.isEmpty else {
      throw AIGovError.missingValue(field: "feature", reason: "an incident concerns a feature")
    }
    let featureIDs = try incident.features.map(featureID)
    for risk in incident.risks {
      guard
        let owner = try database.queryOne(
          "SELECT f.key FROM risks r JOIN features f ON f.id = r.feature_id WHERE r.id = ?",
          [risk])?.text("key")
      else {
        throw AIGovError.notFound(entity: "risk", key: String(risk))
      }
      guard incident.features.contains(owner) else {
        throw AIGovError.invalidValue(
          field: "risk", value: String(risk),
          expected: "a risk of a feature the incident concerns (it is a risk of '\(owner)')")
      }
    }
    return (featureIDs, incident.risks)
  }

  /// A time as stored, when it lies within the bounds (stored times) it must.
  static func time(
    _ text: String, field: String, notBefore: String?, notAfter: String, expected: String
  ) throws -> String {
    guard let date = Timestamp.parse(text) else {
      throw AIGovError.invalidValue(
        field: field, value: text,
        expected: "a time written 2026-05-04T09:30:00Z, or a day written 2026-05-04")
    }
    let stored = Timestamp.format(date)
    if let notBefore, stored < notBefore {
      throw AIGovError.invalidValue(field: field, value: text, expected: expected)
    }
    guard stored <= notAfter else {
      throw AIGovError.invalidValue(field: field, value: text, expected: expected)
    }
    return stored
  }
}
