/// The lifecycle of a feature. This file and the review operations beside it are the only places
/// that know it; the README's state table describes them.
///
///   proposed --review open--> in-review --all required approve--> approved --launch--> launched
///   a reject sends an in-review feature back to proposed, a launched one (periodic review) to
///   suspended; a material change sends approved and launched features back to in-review; suspended
///   and retired are reached from any live status; retired is final.
extension Registry {
  /// Launches, suspends or retires a feature. `approved` and `in-review` are reached only through
  /// review rounds; `launched` only from `approved` (or from `suspended` with the approval still in
  /// force), and only when every high or critical risk has an implemented or verified mitigation.
  @discardableResult
  public func setStatus(_ featureKey: String, to status: FeatureStatus, reason: String? = nil)
    throws -> Feature
  {
    try TextField.featureStatusReason.check(reason)
    return try database.transaction {
      let featureID = try featureID(featureKey)
      let feature = try feature(featureKey)
      let reason = reason.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 }
      switch status {
      case .proposed:
        throw AIGovError.refused(.statusSetByReviews(feature: featureKey, status: .proposed))
      case .inReview:
        throw AIGovError.refused(.statusSetByReviews(feature: featureKey, status: .inReview))
      case .approved:
        throw AIGovError.refused(.statusSetByReviews(feature: featureKey, status: .approved))
      default:
        break
      }
      guard feature.status != status else {
        throw AIGovError.refused(.alreadyInStatus(feature: featureKey, status: status))
      }
      guard feature.status != .retired else {
        throw AIGovError.refused(.retiredStaysRetired(feature: featureKey))
      }
      if status == .launched { try checkLaunch(feature, featureID: featureID) }
      if let open = try rounds(featureID: featureID).last(where: { $0.status == .open }) {
        try closeRound(
          open, as: .withdrawn,
          reason: "feature \(status.rawValue)" + (reason.map { ": \($0)" } ?? ""), cause: nil)
      }
      return try changeStatus(
        featureKey, to: status, reason: reason,
        action: status == .retired ? .featureRetire : .featureSetStatus)
    }
  }

  /// Retires a feature: it stays in the inventory and its history, marked retired.
  @discardableResult
  public func retireFeature(_ key: String, reason: String?) throws -> Feature {
    try setStatus(key, to: .retired, reason: reason)
  }

  /// The high or critical risks of a feature that have no implemented or verified mitigation.
  public func risksBlockingLaunch(_ featureKey: String) throws -> [RiskRecord] {
    try featureRecord(featureKey).risks.filter(\.blocksLaunch)
  }

  // MARK: Internals

  private func checkLaunch(_ feature: Feature, featureID: Int) throws {
    let rounds = try rounds(featureID: featureID)
    let hash = try materialContent(featureID: featureID).hash
    if let refusal = GovernanceRules.launchRefusal(
      featureKey: feature.key, status: feature.status,
      approvalInForce: Self.approvalInForce(rounds, contentHash: hash) != nil,
      blocking: try risksBlockingLaunch(feature.key).map(\.risk))
    {
      throw AIGovError.refused(refusal)
    }
    guard try setting(.launchGate) == SettingName.launchGateCheck else { return }
    let findings = try launchFindings(feature.key)
    if !findings.isEmpty {
      throw AIGovError.refused(
        .launchBlockedByCheck(
          feature: feature.key, findings: findings.map { "\($0.rule.rawValue): \($0.message)" }))
    }
  }

  /// Moves a feature to `status` and records the feature's new state under `action`.
  @discardableResult
  func changeStatus(
    _ featureKey: String, to status: FeatureStatus, reason: String?, action: AuditAction,
    reviewedAt: String? = nil
  ) throws -> Feature {
    try TextField.featureStatusReason.check(reason)
    let before = try featureState(featureKey)
    precondition(
      GovernanceRules.allowsStatusChange(
        action, from: before.feature.status, to: status,
        unreviewed: before.feature.unreviewedStatus),
      "\(action.rawValue) never moves a feature from \(before.feature.status) to \(status)")
    var after = before
    after.feature.status = status
    after.feature.statusReason = reason
    after.feature.lastReviewedAt = reviewedAt ?? before.feature.lastReviewedAt
    // A review approved here earns the feature the status it arrived with by import.
    if reviewedAt != nil { after.feature.unreviewedStatus = nil }
    after.feature.updatedAt = now
    after.feature.version += 1
    try update(
      after.feature, in: Feature.table, .lifecycle, previousVersion: before.feature.version)
    try recordEvent(action, before: before, after: after)
    return after.feature
  }

  /// After a change recorded as `cause`: if the feature's material content is no longer what its
  /// open round or its approval was pinned to, holds it to its unreported serious incidents
  /// (`applyIncidentHold`), voids them, and sends an approved or launched
  /// feature back to review in a new round. A change that leaves the content as it was does
  /// nothing.
  func applyMaterialChangeRule(featureID: Int, before: MaterialContent, cause: AuditEvent) throws {
    let after = try materialContent(featureID: featureID)
    guard after.hash != before.hash else { return }
    try applyIncidentHold(featureID: featureID, cause: cause)
    let rounds = try rounds(featureID: featureID)
    guard let featureKey = rounds.first?.featureKey else { return }  // never reviewed
    let feature = try feature(featureKey)
    let changed = after.changes(from: before)
    let reason =
      "material change to " + (changed.isEmpty ? "its content" : changed.joined(separator: ", "))
      + " by event \(cause.seq) (\(cause.action))"
    var voided: [ReviewRound] = []
    if let open = rounds.last(where: { $0.status == .open }), open.contentHash != after.hash {
      voided.append(try closeRound(open, as: .voided, reason: reason, cause: cause.seq))
    }
    if let approval = rounds.last(where: { [.approved, .rejected, .voided].contains($0.status) }),
      approval.status == .approved, approval.contentHash != after.hash
    {
      voided.append(try closeRound(approval, as: .voided, reason: reason, cause: cause.seq))
    }
    guard !voided.isEmpty else { return }
    var reopened: ReviewRound?
    if [.inReview, .approved, .launched].contains(feature.status) {
      reopened = try insertRound(
        featureID: featureID, featureKey: featureKey, kind: .materialChange,
        contentHash: after.hash)
      try changeStatus(featureKey, to: .inReview, reason: reason, action: .featureReviewVoided)
    }
    let signOffCount = try voided.reduce(0) { $0 + (try signOffs(roundID: $1.id).count) }
    noteVoided(
      VoidedReview(
        featureKey: featureKey, rounds: voided.map(\.number), signOffCount: signOffCount,
        changes: changed, newRound: reopened?.number))
  }
}

/// What a material change did to a feature's review, for the person who made the change.
public struct VoidedReview: Equatable, Sendable {
  public var featureKey: String
  /// The numbers of the rounds voided: an open round, an approval, or both.
  public var rounds: [Int]
  public var signOffCount: Int
  public var changes: [String]
  /// The round opened in their place, when the feature went back to review.
  public var newRound: Int?
}

extension RiskRecord {
  /// Not closed, and without an implemented or verified mitigation: nothing in place answers it.
  public var lacksMitigationInPlace: Bool {
    risk.status != .closed && !mitigations.contains { $0.status.isInPlace }
  }

  /// High or critical and without a mitigation in place: the feature may not launch.
  public var blocksLaunch: Bool { risk.level >= .high && lacksMitigationInPlace }

  /// `lacksMitigationInPlace` as a SQL condition on the risks table named `table` in the query;
  /// its parameters are `lacksMitigationArguments`, bound after the query's own.
  static func lacksMitigationSQL(_ table: String) -> String {
    let inPlace = MitigationStatus.allCases.filter(\.isInPlace)
    return """
      \(table).status != ?
        AND NOT EXISTS (SELECT 1 FROM mitigations m WHERE m.risk_id = \(table).id
          AND m.status IN (\(Array(repeating: "?", count: inPlace.count).joined(separator: ", "))))
      """
  }

  static var lacksMitigationArguments: [any DatabaseValueConvertible] {
    [RiskStatus.closed.rawValue] + MitigationStatus.allCases.filter(\.isInPlace).map(\.rawValue)
  }

  /// `blocksLaunch` as a SQL condition on the risks table named `table` in the query, for
  /// counting over every risk at once; its parameters are `blocksLaunchArguments`, bound after
  /// the query's own. `RiskRuleTests` holds it to `blocksLaunch`.
  static func blocksLaunchSQL(_ table: String) -> String {
    "\(Risk.scoreSQL(table)) >= ? AND \(lacksMitigationSQL(table))"
  }

  static var blocksLaunchArguments: [any DatabaseValueConvertible] {
    [RiskLevel.high.minimumScore] + lacksMitigationArguments
  }
}
