/// Why a rule of the inventory refused an operation, with the values that show it.
///
/// The wording says what is wrong in the inventory's own terms; the command line adds what to
/// type next.
public enum Refusal: Equatable, Sendable, CustomStringConvertible {
  // MARK: The lifecycle

  /// A status no command sets directly: `proposed`, `in-review` or `approved`, which reviews set.
  case statusSetByReviews(feature: String, status: FeatureStatus)
  case alreadyInStatus(feature: String, status: FeatureStatus)
  case retiredStaysRetired(feature: String)
  case retiredIsNotReviewed(feature: String)
  /// An approved or suspended feature whose approval does not cover what it is now.
  case noApprovalInForce(feature: String)
  /// Launching a feature that is neither approved nor suspended.
  case launchNeedsApproval(feature: String, status: FeatureStatus)
  /// High or critical risks without an implemented or verified mitigation.
  case launchBlockedByRisks(feature: String, risks: [Risk])
  /// Errors `check` finds about the feature once launched, which no exception accepts.
  case launchBlockedByCheck(feature: String, findings: [String])

  // MARK: Company controls

  /// An exception accepted for a discipline that does not own what it accepts.
  case exceptionOwnedByAnother(subject: String, owner: Discipline, given: Discipline)
  /// An exception to a control for a feature the control does not cover.
  case featureOutsideScope(feature: String, control: String)

  // MARK: Reviews

  case roundAlreadyOpen(feature: String, round: Int, openedAt: String, openedBy: String)
  case noOpenRound(feature: String)
  /// The feature's material content changed since the round was opened.
  case roundOutdated(feature: String, round: Int)
  case notAReviewer(actor: String)
  /// Separation of duties: the feature's owner never signs off on it.
  case ownerCannotSign(reviewer: String, feature: String)
  /// An owner given to a feature while a reviewer it names has a decision in the open round.
  case ownerSignedInOpenRound(owner: String, reviewer: String, feature: String, round: Int)
  case disciplineNotRequired(
    discipline: Discipline, feature: String, round: Int, required: [Discipline])
  case disciplineNotHeld(reviewer: String, discipline: Discipline, held: [Discipline])
  case reviewerWithoutDiscipline(reviewer: String)

  // MARK: Signing keys

  /// A signing key given for a reviewer who has none registered.
  case noRegisteredKey(reviewer: String)
  /// An unsigned decision by a reviewer who has a key in force.
  case signatureRequired(reviewer: String, fingerprint: String)
  case wrongSigningKey(reviewer: String, given: String, registered: String)
  case keyOfAnotherReviewer(fingerprint: String, reviewer: String)
  /// A new key for a reviewer whose key in force did not sign the replacement.
  case keyChangeNeedsProof(reviewer: String, inForce: String)
  /// The replacement was signed by a key that is neither the key in force nor an administrator's.
  case keyEndorsedByStranger(reviewer: String, signer: String)
  case keyEndorsementInvalid(reviewer: String, signer: String)
  /// A decision, unsigned or signed, by a reviewer whose key ended without a replacement.
  case keyEndedWithoutReplacement(reviewer: String, fingerprint: String)
  /// A change of the key administrators not signed by one of them, or naming the first ones
  /// after reviewers already hold keys.
  case administratorsChangeNeedsProof(administrators: [String])
  case administratorsFixedOnceKeysExist
  case administratorsEndorsedByStranger(signer: String)
  case administratorsEndorsementInvalid(signer: String)
  /// A decision signed elsewhere whose signature does not verify with the registered key.
  case signatureInvalid(reviewer: String, fingerprint: String)
  /// A decision signed elsewhere for another round, or another content, than the open one.
  case signedForAnotherRound(feature: String, round: Int, signedRound: Int)
  /// A decision signed elsewhere at a time too far from the time it reaches the inventory.
  case signedAtOutOfRange(signedAt: String, now: String, tolerance: Int)

  // MARK: Access tokens

  case tokenAlreadyRevoked(id: Int, at: String)

  // MARK: Providers of a feature

  case providerAlreadyUsed(feature: String, provider: String, model: String)
  case providerNotUsed(feature: String, provider: String, model: String?)

  // MARK: Incidents

  /// A material change to a feature while one of its serious incidents is unreported.
  case incidentHold(feature: String, reference: String, due: String)
  case incidentClosed(reference: String)
  /// Closing an incident whose report is still owed.
  case incidentReportOwed(reference: String, regime: String, due: String)

  // MARK: The trail and files

  /// The trail before the baseline event was written by schema version 1 and cannot rebuild the
  /// inventory.
  case trailBeforeBaseline(event: Int)
  /// A change dated before the trail's newest event.
  case timeBeforeTrail(time: String, newest: String, event: Int)
  /// A checkpoint of a trail that has no event yet.
  case emptyTrail
  case exportTargetIsAFile(path: String)
  case exportFolderNotEmpty(path: String)
  case cannotCreateFolder(path: String)
  case cannotCreateFile(path: String, reason: String)
  case cannotWriteFile(path: String, reason: String)

  public var description: String {
    switch self {
    case .statusSetByReviews(_, let status):
      switch status {
      case .proposed:
        "a feature returns to proposed only when a review rejects it; to stop it, suspend or "
          + "retire it"
      case .inReview: "a feature enters in-review when a review round is opened"
      default:
        "a feature is approved only by a review round in which every required discipline "
          + "approves"
      }
    case .alreadyInStatus(let feature, let status):
      "feature '\(feature)' is already \(status.rawValue)"
    case .retiredStaysRetired(let feature):
      "feature '\(feature)' is retired, and a retired feature stays retired"
    case .retiredIsNotReviewed(let feature):
      "feature '\(feature)' is retired; a retired feature is not reviewed"
    case .noApprovalInForce(let feature):
      "feature '\(feature)' has no approval in force for what it is now"
    case .launchNeedsApproval(let feature, let status):
      "feature '\(feature)' is \(status.rawValue): only an approved feature can be launched"
    case .launchBlockedByRisks(let feature, let risks):
      "feature '\(feature)' cannot launch: \(risks.count) high or critical "
        + "risk\(risks.count == 1 ? " has" : "s have") no implemented or verified mitigation: "
        + risks.map { "#\($0.id) '\($0.title)' (\($0.level.rawValue))" }.joined(separator: ", ")
    case .roundAlreadyOpen(let feature, let round, let openedAt, let openedBy):
      "feature '\(feature)' already has an open review round (round \(round), opened "
        + "\(openedAt) by \(openedBy))"
    case .noOpenRound(let feature):
      "feature '\(feature)' has no open review round"
    case .roundOutdated(let feature, let round):
      "feature '\(feature)' changed since round \(round) was opened (its content hash no longer "
        + "matches), so the round cannot be signed"
    case .notAReviewer(let actor):
      "'\(actor)' is not a registered reviewer, so cannot sign off"
    case .ownerCannotSign(let reviewer, let feature):
      "reviewer '\(reviewer)' owns or owned feature '\(feature)' during this round and cannot "
        + "sign off on it (separation of duties)"
    case .ownerSignedInOpenRound(let owner, let reviewer, let feature, let round):
      "owner '\(owner)' names reviewer '\(reviewer)', who signed in round \(round) of '\(feature)', "
        + "which is still open; whoever owns a feature during a round never signs in it"
    case .disciplineNotRequired(let discipline, let feature, let round, let required):
      "discipline '\(discipline.rawValue)' is not required in round \(round) of '\(feature)' "
        + "(required: \(required.map(\.rawValue).joined(separator: ", ")))"
    case .disciplineNotHeld(let reviewer, let discipline, let held):
      "reviewer '\(reviewer)' does not hold the \(discipline.rawValue) discipline (they sign "
        + "for: \(held.map(\.rawValue).joined(separator: ", ")))"
    case .reviewerWithoutDiscipline(let reviewer):
      "reviewer '\(reviewer)' would hold no discipline; a reviewer signs for at least one"
    case .noRegisteredKey(let reviewer):
      "reviewer '\(reviewer)' has no registered public key, so a signature could not be checked"
    case .signatureRequired(let reviewer, let fingerprint):
      "reviewer '\(reviewer)' has a registered signing key (fingerprint "
        + "\(fingerprint.prefix(16))...)"
    case .wrongSigningKey(let reviewer, let given, let registered):
      "that private key is not reviewer '\(reviewer)''s registered key (its fingerprint is "
        + "\(given.prefix(16))..., the registered key's is \(registered.prefix(16))...)"
    case .keyOfAnotherReviewer(let fingerprint, let reviewer):
      "that public key (fingerprint \(fingerprint)) is already registered for reviewer "
        + "'\(reviewer)'; each reviewer signs with a key of their own"
    case .keyChangeNeedsProof(let reviewer, let inForce):
      "reviewer '\(reviewer)' has a key in force (\(inForce.prefix(16))...); a new key replaces "
        + "it only with a statement signed by that key or by a key administrator's key"
    case .keyEndorsedByStranger(let reviewer, let signer):
      "the replacement of reviewer '\(reviewer)''s key was signed by key \(signer.prefix(16))..., "
        + "which is neither their key in force nor a key administrator's"
    case .keyEndorsementInvalid(let reviewer, let signer):
      "the statement replacing reviewer '\(reviewer)''s key does not verify with key "
        + "\(signer.prefix(16))..."
    case .keyEndedWithoutReplacement(let reviewer, let fingerprint):
      "reviewer '\(reviewer)''s key \(fingerprint.prefix(16))... ended without a replacement; a "
        + "reviewer who had a key never signs without one, until a new key endorsed by that key or "
        + "a key administrator's is registered"
    case .administratorsChangeNeedsProof(let administrators):
      "the key administrators (\(administrators.map { "\($0.prefix(16))..." }.joined(separator: ", "))) "
        + "change only with a statement signed by one of their keys"
    case .administratorsFixedOnceKeysExist:
      "the first key administrators are named before any reviewer has a signing key, on a new "
        + "inventory; once reviewers hold keys, no one can name an administrator who could replace "
        + "them"
    case .administratorsEndorsedByStranger(let signer):
      "the change of the key administrators was signed by key \(signer.prefix(16))..., which is "
        + "not a key administrator's"
    case .administratorsEndorsementInvalid(let signer):
      "the statement changing the key administrators does not verify with key \(signer.prefix(16))..."
    case .providerAlreadyUsed(let feature, let provider, let model):
      "feature '\(feature)' already uses provider '\(provider)'"
        + (model.isEmpty ? "" : " with model '\(model)'")
    case .providerNotUsed(let feature, let provider, let model):
      "feature '\(feature)' does not use provider '\(provider)'"
        + (model.map { " with model '\($0)'" } ?? "")
    case .incidentHold(let feature, let reference, let due):
      "feature '\(feature)' has serious incident '\(reference)', not yet reported to the "
        + "authority (due \(due)); until it is, a material change could hinder the investigation"
    case .launchBlockedByCheck(let feature, let findings):
      "feature '\(feature)' cannot launch while check finds "
        + findings.joined(separator: "; and ")
        + "; fix it, or have the discipline that owns it accept the gap until a day"
    case .exceptionOwnedByAnother(let subject, let owner, let given):
      "\(subject) is owned by \(owner.rawValue); its exceptions are accepted by a \(owner.rawValue) "
        + "reviewer, not for \(given.rawValue)"
    case .featureOutsideScope(let feature, let control):
      "control '\(control)' does not cover feature '\(feature)'; an exception accepts a gap in a "
        + "control that covers the feature"
    case .incidentClosed(let reference):
      "incident '\(reference)' is closed; a closed incident is history (open a new one for what "
        + "happened since)"
    case .signatureInvalid(let reviewer, let fingerprint):
      "the signature does not verify with reviewer '\(reviewer)''s registered key "
        + "(\(fingerprint.prefix(16))...) over the decision as recorded"
    case .signedForAnotherRound(let feature, let round, let signedRound):
      "the decision was signed for round \(signedRound) of '\(feature)' as it was then, but the "
        + "open round is \(round) with the content it holds now; sign again"
    case .signedAtOutOfRange(let signedAt, let now, let tolerance):
      "the decision is dated \(signedAt), which is not within the \(tolerance) seconds before the "
        + "time it arrives (\(now)); sign again, with a clock that is right"
    case .tokenAlreadyRevoked(let id, let at):
      "access token \(id) was already revoked at \(at)"
    case .incidentReportOwed(let reference, let regime, let due):
      "incident '\(reference)' still owes its \(regime) report (due \(due)); record when it was "
        + "made before closing it"
    case .trailBeforeBaseline(let event):
      "the audit trail before event \(event) was recorded by schema version 1, in a shape the "
        + "inventory cannot be rebuilt from; choose a time after that event"
    case .timeBeforeTrail(let time, let newest, let event):
      "the time to record, \(time), is before the trail's newest event (event \(event), at "
        + "\(newest)); times never go back along the trail"
    case .emptyTrail:
      "the audit trail has no event yet, so there is no head to sign"
    case .exportTargetIsAFile(let path):
      "'\(path)' is a file, not a folder; choose a new folder for the export"
    case .exportFolderNotEmpty(let path):
      "the folder '\(path)' is not empty; choose a new or empty folder, so that an export is "
        + "never mixed with other files"
    case .cannotCreateFolder(let path):
      "cannot create the folder '\(path)'"
    case .cannotCreateFile(let path, let reason):
      "cannot create '\(path)': \(reason)"
    case .cannotWriteFile(let path, let reason):
      "cannot write '\(path)': \(reason)"
    }
  }
}
