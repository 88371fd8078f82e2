#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The rules of review and lifecycle, stated once. The commands apply them to the inventory as it
/// is when they run; `audit verify` applies them to the inventory as the trail left it at each
/// event, and names every event they would have refused.
enum GovernanceRules {
  /// Why `reviewer` may not sign for `discipline` in `round` of feature `featureKey`; nil when
  /// they may. `owners` are the feature's owners at every moment of the round so far: whoever
  /// owned it at any moment of the round never signs in it.
  static func signOffRefusal(
    reviewer: Reviewer, discipline: Discipline, round: ReviewRound?, featureKey: String,
    owners: [String]
  ) -> Refusal? {
    guard reviewer.disciplines.contains(discipline) else {
      return .disciplineNotHeld(
        reviewer: reviewer.handle, discipline: discipline, held: reviewer.disciplines)
    }
    if owners.contains(where: { OwnerName($0).names(reviewer) }) {
      return .ownerCannotSign(reviewer: reviewer.handle, feature: featureKey)
    }
    guard let round, round.status == .open else { return .noOpenRound(feature: featureKey) }
    guard round.requiredDisciplines.contains(discipline) else {
      return .disciplineNotRequired(
        discipline: discipline, feature: featureKey, round: round.number,
        required: round.requiredDisciplines)
    }
    return nil
  }

  /// Why a decision signed with the key `given` (nil: unsigned) may not be recorded for
  /// `reviewer`; nil when it may. A reviewer with a key in force signs with it; a reviewer who
  /// never had a key signs without one; a reviewer whose key ended without a replacement (which
  /// no command does, but an appended event might) never signs again until a replacement is
  /// registered.
  static func signingKeyRefusal(reviewer: Reviewer, given: String?) -> Refusal? {
    guard let inForce = reviewer.keyInForce?.fingerprint else {
      if let last = reviewer.keys.last {
        return .keyEndedWithoutReplacement(reviewer: reviewer.handle, fingerprint: last.fingerprint)
      }
      return given == nil ? nil : .noRegisteredKey(reviewer: reviewer.handle)
    }
    guard let given else {
      return .signatureRequired(reviewer: reviewer.handle, fingerprint: inForce)
    }
    return given == inForce
      ? nil : .wrongSigningKey(reviewer: reviewer.handle, given: given, registered: inForce)
  }

  /// Why a decision signed at `signedAt` may not be recorded at `recordedAt`; nil when it may. A
  /// decision signed on the reviewer's machine is recorded when it arrives: never before it was
  /// signed, and at most `SignedDecision.tolerance` seconds after.
  static func signingTimeRefusal(signedAt: String, recordedAt: String) -> Refusal? {
    guard let signed = Timestamp.parse(signedAt), let recorded = Timestamp.parse(recordedAt) else {
      return .signedAtOutOfRange(
        signedAt: signedAt, now: recordedAt, tolerance: Int(SignedDecision.tolerance))
    }
    let behind = recorded.timeIntervalSince(signed)
    guard behind >= 0, behind <= SignedDecision.tolerance else {
      return .signedAtOutOfRange(
        signedAt: signedAt, now: recordedAt, tolerance: Int(SignedDecision.tolerance))
    }
    return nil
  }

  /// The required disciplines of `round` without an approval among `decisions` (the latest
  /// decision of each discipline): the round may close as approved only when there are none.
  static func missingApprovals(_ round: ReviewRound, decisions: [Discipline: SignOff])
    -> [Discipline]
  {
    round.requiredDisciplines.filter { decisions[$0]?.decision != .approve }
  }

  /// Why a feature in `status` may not launch; nil when it may. It needs an approval in force for
  /// what it is now, and no high or critical risk without a mitigation in place.
  static func launchRefusal(
    featureKey: String, status: FeatureStatus, approvalInForce: Bool, blocking: [Risk]
  ) -> Refusal? {
    switch status {
    case .approved, .suspended:
      guard approvalInForce else { return .noApprovalInForce(feature: featureKey) }
    default:
      return .launchNeedsApproval(feature: featureKey, status: status)
    }
    return blocking.isEmpty ? nil : .launchBlockedByRisks(feature: featureKey, risks: blocking)
  }

  /// Whether an event of `action` may move a feature from `before` (nil: it did not exist) to
  /// `after`. A review sets `in-review`, `approved` and `proposed` (on a rejection); a person sets
  /// `launched`, `suspended` and `retired`; an edit never changes the status. An import brings a
  /// feature in as proposed or retired, or with the status it had elsewhere marked unreviewed.
  static func allowsStatusChange(
    _ action: AuditAction, from before: FeatureStatus?, to after: FeatureStatus,
    unreviewed: FeatureStatus?
  ) -> Bool {
    switch action {
    case .featureBaseline:
      // What a database of schema version 1 already held when the trail began.
      return before == nil
    case .featureUpgrade:
      // A feature as schema 5 says it: the same feature in more words, its status unchanged.
      return before != nil && before == after
    case .featureCreate:
      return before == nil && after == .proposed
    case .featureImport:
      guard let before else {
        return after == .proposed || after == .retired || after == unreviewed
      }
      return before == after
    case .featureUpdate, .featureLinkProvider, .featureUnlinkProvider:
      return before != nil && before == after
    case .featureReviewOpened:
      return [.proposed, .approved, .suspended].contains(before) && after == .inReview
    case .featureReviewApproved:
      return (before == .inReview && after == .approved)
        || (before == .launched && after == .launched)
    case .featureReviewRejected:
      return (before == .inReview && after == .proposed)
        || (before == .launched && after == .suspended)
    case .featureReviewVoided:
      return [.inReview, .approved, .launched].contains(before) && after == .inReview
    case .featureSetStatus:
      guard let before, before != .retired, before != after else { return false }
      return after == .launched || after == .suspended
    case .featureRetire:
      guard let before else { return false }
      return before != .retired && after == .retired
    default:
      return false
    }
  }
}
