#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  // MARK: Reading controls

  /// One control, by its key, or `AIGovError.notFound`.
  public func control(_ key: String) throws -> Control {
    guard
      let row = try database.queryOne(
        "SELECT \(Control.table.selectList("c")) FROM controls c WHERE c.key = ?", [key],
        cached: true)
    else {
      throw AIGovError.notFound(entity: "control", key: key)
    }
    return try withScope(Control.table.record(at: row))
  }

  /// Every control, optionally of one status, by key.
  public func controls(status: ControlStatus? = nil) throws -> [Control] {
    try database.query(
      "SELECT \(Control.table.selectList("c")), c.id AS control_id FROM controls c "
        + "WHERE ?1 IS NULL OR c.status = ?1 ORDER BY c.key", [status?.rawValue], cached: true
    ).map { try withScope(Control.table.record(at: $0), id: $0.integer("control_id")) }
  }

  /// The control with its scope and its mappings, which rows of their own hold.
  func withScope(_ control: Control, id: Int? = nil) throws -> Control {
    var control = control
    let id = try id ?? controlID(control.key)
    control.scope = ControlScope(
      validated: try database.query(
        "SELECT term FROM control_scope WHERE control_id = ? ORDER BY term", [id], cached: true
      ).map { try $0.text("term") })
    control.mappings = try database.query(
      """
      SELECT framework, requirement, relationship, rationale FROM control_mappings
      WHERE control_id = ? ORDER BY framework, requirement
      """, [id], cached: true
    ).map {
      RequirementMapping(
        framework: try $0.text("framework"), requirement: try $0.text("requirement"),
        relationship: try $0.term("relationship"), rationale: try $0.text("rationale"))
    }
    return control
  }

  func controlID(_ key: String) throws -> Int {
    guard
      let id = try database.scalarInteger(
        "SELECT id FROM controls WHERE key = ?", [key], cached: true)
    else { throw AIGovError.notFound(entity: "control", key: key) }
    return id
  }

  // MARK: Changing controls

  /// Records a company control.
  @discardableResult
  public func addControl(_ draft: ControlDraft) throws -> Control {
    try database.transaction {
      try Validation.key(draft.key)
      if try database.queryOne("SELECT 1 FROM controls WHERE key = ?", [draft.key]) != nil {
        throw AIGovError.duplicate(entity: "control", key: draft.key)
      }
      let timestamp = now
      let control = Control(
        key: draft.key, title: draft.title, description: draft.description, kind: draft.kind,
        discipline: draft.discipline, owner: draft.owner,
        reviewIntervalDays: draft.reviewIntervalDays, status: draft.status, claim: draft.claim,
        publicStatement: draft.publicStatement.flatMap { $0.isEmpty ? nil : $0 },
        createdAt: timestamp, updatedAt: timestamp, version: 1, scope: draft.scope,
        mappings: draft.mappings.sorted(by: RequirementMapping.ordered))
      try validate(control)
      for mapping in control.mappings { try checkMapping(mapping) }
      let id = try insert(control, into: Control.table)
      try writeScope(of: id, control.scope)
      try writeMappings(of: id, control.mappings)
      try recordEvent(.controlCreate, before: nil, after: control)
      return control
    }
  }

  /// Applies `changes` (and a new scope, when given) to a control; a change that changes nothing
  /// records nothing.
  @discardableResult
  public func editControl(
    _ key: String, _ changes: ControlChanges, scope: ControlScope? = nil,
    mappings: [RequirementMapping]? = nil, expectedVersion: Int? = nil
  ) throws -> Edited<Control> {
    try database.transaction {
      let before = try control(key)
      try Self.checkVersion(expectedVersion, of: before.version, entity: "control", key: key)
      var after = before
      try Control.table.apply(changes.fields, to: &after)
      if let scope { after.scope = scope }
      if let mappings {
        for mapping in mappings where !before.mappings.contains(mapping) {
          try checkMapping(mapping)
        }
        after.mappings = mappings.sorted(by: RequirementMapping.ordered)
      }
      try validate(after)
      guard try saveEdit(&after, from: before, in: Control.table) else {
        return Edited(before: before, after: before)
      }
      if after.scope != before.scope {
        let id = try controlID(key)
        try database.execute("DELETE FROM control_scope WHERE control_id = ?", [id])
        try writeScope(of: id, after.scope)
      }
      if after.mappings != before.mappings {
        let id = try controlID(key)
        try database.execute("DELETE FROM control_mappings WHERE control_id = ?", [id])
        try writeMappings(of: id, after.mappings)
      }
      try recordEvent(.controlUpdate, before: before, after: after)
      return Edited(before: before, after: after)
    }
  }

  private func validate(_ control: Control) throws {
    try Control.table.checkTexts(control)
    try Validation.nonEmpty(control.title, field: "title")
    try Validation.nonEmpty(control.owner, field: "owner")
    try Validation.range(control.reviewIntervalDays, 1...1096, field: "review interval days")
    for term in control.scope.terms where term.hasPrefix("feature:") {
      _ = try featureID(String(term.dropFirst("feature:".count)))
    }
  }

  private func writeMappings(of controlID: Int, _ mappings: [RequirementMapping]) throws {
    for mapping in mappings {
      try database.execute(
        """
        INSERT INTO control_mappings (control_id, framework, requirement, relationship, rationale)
        VALUES (?, ?, ?, ?, ?)
        """,
        [
          controlID, mapping.framework, mapping.requirement, mapping.relationship.rawValue,
          mapping.rationale,
        ], cached: true)
    }
  }

  private func writeScope(of controlID: Int, _ scope: ControlScope) throws {
    for term in scope.terms {
      try database.execute(
        "INSERT INTO control_scope (control_id, term) VALUES (?, ?)", [controlID, term],
        cached: true)
    }
  }

  // MARK: Exceptions

  /// The query that reads exceptions with the keys the trail names them by.
  static let exceptionQuery = """
    SELECT \(ControlException.table.selectList("e")), f.key AS feature_key, c.key AS control_key,
      r.handle AS reviewer_handle
    FROM control_exceptions e JOIN features f ON f.id = e.feature_id
    LEFT JOIN controls c ON c.id = e.control_id JOIN reviewers r ON r.id = e.reviewer_id
    """

  static func exception(from row: Row) throws -> ControlException {
    var exception = try ControlException.table.record(at: row)
    exception.featureKey = try row.text("feature_key")
    exception.control = row.optionalText("control_key")
    exception.acceptedBy = try row.text("reviewer_handle")
    return exception
  }

  /// The exceptions of a feature (of every feature, without one), oldest first.
  public func exceptions(featureKey: String? = nil) throws -> [ControlException] {
    if let featureKey { _ = try featureID(featureKey) }
    return try database.query(
      Self.exceptionQuery + " WHERE ?1 IS NULL OR f.key = ?1 ORDER BY e.id", [featureKey],
      cached: true
    ).map(Self.exception(from:))
  }

  /// Accepts a gap for one feature until a day: what a control does not cover of it, or what a
  /// check rule finds about it. The acting person must be a reviewer holding the discipline that
  /// owns the gap (the control's; for a rule, the one they choose), must not own the feature,
  /// and signs with their key when they hold one.
  @discardableResult
  public func acceptException(_ draft: ExceptionDraft, key: SigningKey? = nil) throws
    -> ControlException
  {
    try Validation.day(draft.until, field: "until")
    return try database.transaction {
      let featureID = try featureID(draft.featureKey)
      let feature = try feature(draft.featureKey)
      guard let reviewerID = try? reviewerID(actor) else {
        throw AIGovError.refused(.notAReviewer(actor: actor))
      }
      let reviewer = try reviewer(id: reviewerID)
      var controlID: Int?
      var discipline = draft.discipline
      switch (draft.control, draft.rule) {
      case (let key?, nil):
        let control = try control(key)
        controlID = try self.controlID(key)
        if let chosen = discipline, chosen != control.discipline {
          throw AIGovError.refused(
            .exceptionOwnedByAnother(
              subject: "control '\(key)'", owner: control.discipline, given: chosen))
        }
        discipline = control.discipline
        guard control.scope.covers(try featureRecord(draft.featureKey)) else {
          throw AIGovError.refused(.featureOutsideScope(feature: draft.featureKey, control: key))
        }
      case (nil, _?):
        break
      default:
        throw AIGovError.invalidValue(
          field: "exception",
          value: [draft.control, draft.rule?.rawValue].compactMap { $0 }
            .joined(separator: " and "),
          expected: "either a control or a check rule, not both")
      }
      let chosen = try discipline ?? Self.onlyDiscipline(of: reviewer)
      guard reviewer.disciplines.contains(chosen) else {
        throw AIGovError.refused(
          .disciplineNotHeld(
            reviewer: reviewer.handle, discipline: chosen, held: reviewer.disciplines))
      }
      if feature.owner == reviewer.handle {
        throw AIGovError.refused(.ownerCannotSign(reviewer: reviewer.handle, feature: feature.key))
      }
      let timestamp = now
      guard draft.until >= String(timestamp.prefix(10)) else {
        throw AIGovError.invalidValue(
          field: "until", value: draft.until,
          expected: "a day from today (\(timestamp.prefix(10))) on")
      }
      if let refusal = GovernanceRules.signingKeyRefusal(
        reviewer: reviewer, given: key?.publicKey.fingerprint)
      {
        throw AIGovError.refused(refusal)
      }
      var exception = ControlException(
        id: 0, featureKey: feature.key, control: draft.control, rule: draft.rule,
        notCovered: draft.notCovered.trimmingWhitespace(),
        reason: draft.reason.trimmingWhitespace(), discipline: chosen,
        acceptedBy: reviewer.handle, acceptedAt: timestamp, until: draft.until,
        keyFingerprint: key?.publicKey.fingerprint, signature: nil,
        rows: .init(feature: featureID, control: controlID, reviewer: reviewerID))
      try ControlException.table.checkTexts(exception)
      try Validation.nonEmpty(exception.notCovered, field: "not covered")
      try Validation.nonEmpty(exception.reason, field: "reason")
      if let key {
        exception.signature = Data(try key.signature(for: exception.signedMessage))
          .base64EncodedString()
      }
      exception.id = try insert(exception, into: ControlException.table)
      try recordEvent(.exceptionAccept, before: nil, after: exception)
      return exception
    }
  }

  private static func onlyDiscipline(of reviewer: Reviewer) throws -> Discipline {
    guard reviewer.disciplines.count == 1 else {
      throw AIGovError.disciplineUnspecified(reviewer: reviewer.handle, held: reviewer.disciplines)
    }
    return reviewer.disciplines[0]
  }

  // MARK: What check and the pages read

  /// The controls in place and the exceptions of every feature: what `check`, the launch gate
  /// and the pages judge features against.
  func controlStanding() throws -> ControlStanding {
    var exceptions: [String: [ControlException]] = [:]
    for exception in try self.exceptions() {
      exceptions[exception.featureKey, default: []].append(exception)
    }
    let every = try controls()
    return ControlStanding(
      controls: every.filter { $0.status == .inPlace },
      byKey: Dictionary(every.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first }),
      exceptions: exceptions,
      today: String(Timestamp.format(clock()).prefix(10)))
  }
}

/// The controls in place and every feature's exceptions, as of a day.
struct ControlStanding {
  var controls: [Control]
  /// Every control, whatever its status, by key.
  var byKey: [String: Control]
  var exceptions: [String: [ControlException]]
  /// YYYY-MM-DD.
  var today: String

  /// The exception in force that accepts `rule`'s findings, or `control`'s gap, for a feature.
  func exception(feature: String, rule: CheckRule? = nil, control: String? = nil)
    -> ControlException?
  {
    (exceptions[feature] ?? []).last {
      $0.isInForce(on: today) && ($0.rule == rule && $0.control == control)
    }
  }

  /// The last exception of the same kind that has ended, when none is in force.
  func ended(feature: String, rule: CheckRule? = nil, control: String? = nil) -> ControlException? {
    (exceptions[feature] ?? []).last {
      $0.until < today && $0.rule == rule && $0.control == control
    }
  }

  /// What each control in place with a claim finds about one feature in its scope.
  func findings(for record: FeatureRecord) -> [Finding] {
    let key = record.feature.key
    var findings: [Finding] = []
    findings += mitigationFindings(for: record)
    for control in controls {
      guard let claim = control.claim, control.scope.covers(record),
        let contradiction = claim.contradiction(by: record)
      else { continue }
      var message =
        "is in the scope of control '\(control.key)', which claims \(claim.rawValue), but "
        + contradiction
      if let ended = ended(feature: key, control: control.key) {
        message += "; its exception #\(ended.id) ended on \(ended.until)"
      }
      var finding = Finding(
        key, .claimContradicted, message,
        fix: [
          Remedy(
            "accept the gap until a day, with the reason",
            .acceptException(feature: key, control: control.key, rule: nil)),
          Remedy("take it out of the control's scope", .narrowControlScope(control: control.key)),
        ])
      finding.control = control.key
      findings.append(finding)
    }
    return findings
  }

  /// What the mitigations in place that are company controls find: a control that is not in
  /// place, does not cover the feature, or has an exception in force for it lowers no risk of it.
  func mitigationFindings(for record: FeatureRecord) -> [Finding] {
    let key = record.feature.key
    var findings: [Finding] = []
    for risk in record.risks {
      for mitigation in risk.mitigations where mitigation.status.isInPlace {
        guard let name = mitigation.control, let control = byKey[name] else { continue }
        let gap: String
        if control.status != .inPlace {
          gap = "which is \(control.status.rawValue)"
        } else if !control.scope.covers(record) {
          gap = "whose scope does not cover it"
        } else if let exception = exception(feature: key, control: name) {
          gap = "which exception #\(exception.id) takes it out of until \(exception.until)"
        } else {
          continue
        }
        findings.append(
          Finding(
            key, .controlMitigation,
            "mitigation #\(mitigation.id) of risk #\(risk.risk.id) is \(mitigation.status.rawValue) "
              + "as control '\(name)', \(gap)",
            fix: [
              Remedy("mark it planned", .planMitigation(mitigation.id)),
              Remedy("give the risk a measure of its own", .addMitigation(risk: risk.risk.id)),
            ]))
      }
    }
    return findings
  }

  /// `findings` with every error an exception in force accepts turned into a warning that names
  /// it, and the rule's ended exception named where one is no longer in force.
  func accepting(_ findings: [Finding]) -> [Finding] {
    findings.map { finding in
      guard finding.severity == .error else { return finding }
      var finding = finding
      let control = finding.control
      let rule = control == nil ? finding.rule : nil
      if let exception = exception(feature: finding.feature, rule: rule, control: control) {
        finding.severity = .warning
        finding.exception = exception.id
        finding.message +=
          "; accepted until \(exception.until) by \(exception.acceptedBy) "
          + "(\(exception.discipline.rawValue), exception #\(exception.id)): \(exception.reason)"
      } else if control == nil, let ended = ended(feature: finding.feature, rule: rule) {
        finding.message += "; its exception #\(ended.id) ended on \(ended.until)"
      }
      return finding
    }
  }
}

/// A live feature a control covers, and how it stands against the control's claim.
public struct CoveredFeature: Encodable, Equatable, Sendable {
  public var feature: String
  public var name: String
  public var status: FeatureStatus
  /// How the feature's records contradict the claim, in words; nil when they do not.
  public var contradiction: String?
  /// The exception in force that accepts the gap, if any.
  public var exception: ControlException?
}

/// A control with the live features in its scope.
public struct ControlCoverage: Encodable, Equatable, Sendable {
  public var control: Control
  public var features: [CoveredFeature]
  /// The evidence linked to the control, oldest first.
  public var evidence: [Evidence] = []

  /// The features that break the control's claim, or hold an exception to it: what the public
  /// page states as not covered.
  public var exceptions: [CoveredFeature] {
    features.filter { $0.contradiction != nil || $0.exception != nil }
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try control.encodeFields(to: &values)
    try values.encode(control.scope.words(), forKey: FieldKey("scope_words"))
    try values.encode(features, forKey: FieldKey("features"))
    try values.encode(evidence, forKey: FieldKey("evidence"))
  }
}

extension CoveredFeature {
  enum CodingKeys: String, CodingKey {
    case feature, name, status, contradiction, exception
  }
}

extension Registry {
  /// Every control (of one status, when given) with the live features in its scope, by key.
  public func controlCoverage(status: ControlStatus? = nil, key: String? = nil) throws
    -> [ControlCoverage]
  {
    let controls = try key.map { [try control($0)] } ?? controls(status: status)
    let standing = try controlStanding()
    let evidence = try evidenceByTarget(prefix: "control:")
    var coverage = controls.map {
      ControlCoverage(
        control: $0, features: [], evidence: evidence["control:\($0.key)"] ?? [])
    }
    guard !coverage.isEmpty else { return [] }
    try forEachGovernedFeature { governed in
      let record = governed.record
      for index in coverage.indices where coverage[index].control.scope.covers(record) {
        let control = coverage[index].control
        coverage[index].features.append(
          CoveredFeature(
            feature: record.feature.key, name: record.feature.name, status: record.feature.status,
            contradiction: control.claim?.contradiction(by: record),
            exception: standing.exception(feature: record.feature.key, control: control.key)))
      }
    }
    return coverage
  }
}
