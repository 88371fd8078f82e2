#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  // MARK: Opening a round

  /// Opens a review round for a feature, pinned to its content hash and to the disciplines the
  /// settings require now. A launched feature stays launched while its (periodic) round runs; any
  /// other feature moves to `in-review`.
  @discardableResult
  public func openReview(_ featureKey: String) throws -> ReviewRound {
    try database.transaction {
      let featureID = try featureID(featureKey)
      let feature = try feature(featureKey)
      guard feature.status != .retired else {
        throw AIGovError.refused(.retiredIsNotReviewed(feature: featureKey))
      }
      let content = try materialContent(featureID: featureID)
      if let open = try rounds(featureID: featureID).last(where: { $0.status == .open }) {
        guard open.contentHash != content.hash else {
          throw AIGovError.refused(
            .roundAlreadyOpen(
              feature: featureKey, round: open.number, openedAt: open.openedAt,
              openedBy: open.openedBy))
        }
        // Changed outside aigov since it was opened: that round can never be approved.
        try closeRound(
          open, as: .voided,
          reason: "the feature's content no longer matches the round's content hash", cause: nil)
      }
      let round = try insertRound(
        featureID: featureID, featureKey: featureKey,
        kind: feature.status == .launched ? .periodic : .initial, contentHash: content.hash)
      if feature.status != .launched && feature.status != .inReview {
        try changeStatus(featureKey, to: .inReview, reason: nil, action: .featureReviewOpened)
      }
      return round
    }
  }

  // MARK: Signing off

  /// Records the acting reviewer's decision for one discipline in the feature's open round, and
  /// closes the round when the decision settles it: a rejection rejects it; the approval that
  /// completes the required disciplines approves it.
  ///
  /// The acting person must be a registered reviewer holding the discipline, and must not own the
  /// feature. A reviewer with a registered key must sign with it.
  @discardableResult
  public func signOff(
    _ featureKey: String, discipline: Discipline?, decision: Decision, comment: String = "",
    key: SigningKey? = nil
  ) throws -> SignOffOutcome {
    try signOff(
      featureKey, discipline: discipline, decision: decision, comment: comment,
      signer: key.map(SignOffSigner.key) ?? .unsigned)
  }

  /// Records a decision signed on the reviewer's own machine: the signature must verify with the
  /// reviewer's registered key over the decision as it is recorded now, in the open round, signed
  /// no later than this registry's clock and no earlier than `SignedDecision.tolerance` before
  /// it. The event is recorded at this registry's time, the signing time kept in the decision,
  /// so that no one can date a decision ahead and hold the trail. The same signed decision sent
  /// again is recorded once: the second answer is the first's.
  @discardableResult
  public func signOff(
    _ featureKey: String, discipline: Discipline?, decision: Decision, comment: String,
    signed: SignedDecision
  ) throws -> SignOffOutcome {
    guard let signedTime = Timestamp.parse(signed.signedAt),
      Timestamp.format(signedTime) == signed.signedAt
    else {
      throw AIGovError.invalidValue(
        field: "signed_at", value: signed.signedAt,
        expected: "a time like 2026-11-22T09:30:00Z")
    }
    let arrival = clock()
    if let refusal = GovernanceRules.signingTimeRefusal(
      signedAt: signed.signedAt, recordedAt: Timestamp.format(arrival))
    {
      throw AIGovError.refused(refusal)
    }
    return try database.transaction {
      if let recorded = try recordedOutcome(signature: signed.signature, featureKey: featureKey) {
        return recorded
      }
      return try signOff(
        featureKey, discipline: discipline, decision: decision, comment: comment,
        signer: .presigned(signed))
    }
  }

  /// The outcome of the decision already recorded with `signature`, by the acting reviewer on
  /// `featureKey`; nil when there is none.
  private func recordedOutcome(signature: String, featureKey: String) throws -> SignOffOutcome? {
    guard
      let row = try database.queryOne(
        "SELECT * FROM (\(Self.signOffQuery)) WHERE signature = ?", [signature])
    else { return nil }
    let signOff = try Self.signOff(from: row)
    guard signOff.reviewer == actor, signOff.featureKey == featureKey else { return nil }
    let round = try rounds(featureID: try featureID(featureKey)).first { $0.id == signOff.roundID }
    guard let round else { return nil }
    return SignOffOutcome(
      signOff: signOff, round: round, featureStatus: try feature(featureKey).status,
      missing: GovernanceRules.missingApprovals(
        round, decisions: try latestDecisions(roundID: round.id)))
  }

  /// The decision a reviewer would sign now, unsigned: what a client signs with the reviewer's
  /// key, after checking every rule the recording will check. Nothing is written.
  public func draftSignOff(
    _ featureKey: String, discipline: Discipline?, decision: Decision, comment: String
  ) throws -> SignOff {
    try database.readTransaction {
      try prepareSignOff(featureKey, discipline: discipline, decision: decision, comment: comment)
        .signOff
    }
  }

  private func prepareSignOff(
    _ featureKey: String, discipline: Discipline?, decision: Decision, comment: String
  ) throws -> PreparedSignOff {
    let featureID = try featureID(featureKey)
    let feature = try feature(featureKey)
    guard let reviewerID = try? reviewerID(actor) else {
      throw AIGovError.refused(.notAReviewer(actor: actor))
    }
    let reviewer = try reviewer(id: reviewerID)
    let discipline = try chooseDiscipline(discipline, of: reviewer)
    let round = try rounds(featureID: featureID).last(where: { $0.status == .open })
    let owners = try round.map { try ownersDuring($0) } ?? [feature.owner]
    if let refusal = GovernanceRules.signOffRefusal(
      reviewer: reviewer, discipline: discipline, round: round, featureKey: featureKey,
      owners: owners)
    {
      throw AIGovError.refused(refusal)
    }
    guard let round else { throw AIGovError.refused(.noOpenRound(feature: featureKey)) }
    guard try materialContent(featureID: featureID).hash == round.contentHash else {
      throw AIGovError.refused(.roundOutdated(feature: featureKey, round: round.number))
    }
    let comment = comment.trimmingWhitespace()
    try TextField.signOffComment.check(comment)
    if decision != .approve && comment.isEmpty {
      throw AIGovError.commentRequired(decision)
    }
    let signOff = SignOff(
      id: 0, roundID: round.id, roundNumber: round.number, featureKey: featureKey,
      discipline: discipline, decision: decision, reviewer: reviewer.handle, comment: comment,
      signedAt: now, keyFingerprint: reviewer.keyInForce?.fingerprint, signature: nil,
      contentHash: round.contentHash)
    return PreparedSignOff(
      signOff: signOff, reviewer: reviewer, reviewerID: reviewerID, round: round,
      featureID: featureID, feature: feature)
  }

  private func signOff(
    _ featureKey: String, discipline: Discipline?, decision: Decision, comment: String,
    signer: SignOffSigner
  ) throws -> SignOffOutcome {
    try database.transaction {
      let prepared = try prepareSignOff(
        featureKey, discipline: discipline, decision: decision, comment: comment)
      var signOff = prepared.signOff
      let (reviewer, reviewerID, round, feature, featureID) = (
        prepared.reviewer, prepared.reviewerID, prepared.round, prepared.feature,
        prepared.featureID
      )
      let discipline = signOff.discipline
      switch signer {
      case .unsigned:
        signOff.keyFingerprint = try checkSigningKey(nil, of: reviewer)
      case .key(let key):
        signOff.keyFingerprint = try checkSigningKey(key, of: reviewer)
        signOff.signature = Data(try key.signature(for: signOff.signedMessage))
          .base64EncodedString()
      case .presigned(let signed):
        guard signed.round == round.number, signed.contentHash == round.contentHash else {
          throw AIGovError.refused(
            .signedForAnotherRound(
              feature: featureKey, round: round.number, signedRound: signed.round))
        }
        guard let registered = reviewer.keyInForce else {
          throw AIGovError.refused(
            GovernanceRules.signingKeyRefusal(reviewer: reviewer, given: "")
              ?? .noRegisteredKey(reviewer: reviewer.handle))
        }
        signOff.keyFingerprint = registered.fingerprint
        signOff.signedAt = signed.signedAt
        guard let signature = Data(base64Encoded: signed.signature), signature.count == 64,
          let publicKey = try? ReviewerPublicKey(pem: registered.publicKey),
          publicKey.isValidSignature(Array(signature), for: signOff.signedMessage)
        else {
          throw AIGovError.refused(
            .signatureInvalid(reviewer: reviewer.handle, fingerprint: registered.fingerprint))
        }
        signOff.signature = signature.base64EncodedString()
      }
      signOff.id = try insert(signOff, into: SignOff.table, parent: reviewerID)
      try recordEvent(.signOffAdd, before: nil, after: signOff)

      let decisions = try latestDecisions(roundID: round.id)
      switch decision {
      case .reject:
        let reason =
          "rejected by \(discipline.rawValue) (\(reviewer.handle)) in round \(round.number)"
        try closeRound(round, as: .rejected, reason: reason, cause: nil)
        let wasLaunched = feature.status == .launched
        try changeStatus(
          featureKey, to: wasLaunched ? .suspended : .proposed,
          reason: wasLaunched ? reason + ", a periodic review" : reason,
          action: .featureReviewRejected)
      case .approve where GovernanceRules.missingApprovals(round, decisions: decisions).isEmpty:
        try closeRound(
          round, as: .approved,
          reason:
            "approved by \(round.requiredDisciplines.map(\.rawValue).joined(separator: ", "))",
          cause: nil)
        try changeStatus(
          featureKey, to: feature.status == .launched ? .launched : .approved, reason: nil,
          action: .featureReviewApproved, reviewedAt: now)
      case .approve, .changesRequested:
        break
      }
      let closed = try rounds(featureID: featureID).first { $0.id == round.id } ?? round
      return SignOffOutcome(
        signOff: signOff, round: closed, featureStatus: try self.feature(featureKey).status,
        missing: GovernanceRules.missingApprovals(round, decisions: decisions))
    }
  }

  // MARK: Reading

  /// A feature's rounds, oldest first, each with every decision made in it.
  public func review(_ featureKey: String) throws -> FeatureReview {
    let featureID = try featureID(featureKey)
    let rounds = try rounds(featureID: featureID)
    let content = try materialContent(featureID: featureID)
    return FeatureReview(
      rounds: try rounds.map { RoundRecord(round: $0, signOffs: try signOffs(roundID: $0.id)) },
      contentHash: content.hash,
      approvalInForce: Self.approvalInForce(rounds, contentHash: content.hash)?.number)
  }

  /// For each live feature (or the one named), where its review stands, ordered by key.
  public func reviewStatus(_ featureKey: String? = nil) throws -> [ReviewStatus] {
    let settings = try governanceSettings()
    if let featureKey {
      return [
        Self.reviewStatus(
          of: try feature(featureKey), review: try review(featureKey), settings: settings)
      ]
    }
    var statuses: [ReviewStatus] = []
    try forEachGovernedFeature { governed in
      let hash = governed.contentHash
      let review = FeatureReview(
        rounds: governed.rounds, contentHash: hash,
        approvalInForce: Self.approvalInForce(governed.rounds.map(\.round), contentHash: hash)?
          .number)
      statuses.append(
        Self.reviewStatus(of: governed.record.feature, review: review, settings: settings))
    }
    return statuses.sorted { $0.featureKey < $1.featureKey }
  }

  static func reviewStatus(
    of feature: Feature, review: FeatureReview, settings: GovernanceSettings
  ) -> ReviewStatus {
    let latest = review.rounds.last
    let decisions = latest.map { Self.latest($0.signOffs) } ?? [:]
    let required = latest?.round.requiredDisciplines ?? settings.requiredDisciplines
    return ReviewStatus(
      featureKey: feature.key, featureName: feature.name, status: feature.status,
      round: latest?.round,
      contentMatches: latest.map { $0.round.contentHash == review.contentHash },
      decisions: required.map { DisciplineDecision(discipline: $0, signOff: decisions[$0]) },
      missing: latest.map { GovernanceRules.missingApprovals($0.round, decisions: decisions) }
        ?? required,
      approvalInForce: review.approvalInForce)
  }

  // MARK: Internals

  func rounds(featureID: Int) throws -> [ReviewRound] {
    try database.query(
      """
      SELECT \(ReviewRound.table.selectList("r")), f.key AS feature_key FROM review_rounds r JOIN features f ON f.id = r.feature_id
      WHERE r.feature_id = ? ORDER BY r.number
      """, [featureID], cached: true
    ).map(Self.round(from:))
  }

  func signOffs(roundID: Int) throws -> [SignOff] {
    try database.query(
      Self.signOffQuery + " WHERE s.round_id = ? ORDER BY s.id", [roundID], cached: true
    ).map(Self.signOff(from:))
  }

  /// Every sign-off with the round, feature and reviewer it names; `WHERE` and `ORDER BY` are
  /// appended. Outer joins, so that `audit verify` still reads a sign-off whose round or reviewer
  /// was deleted behind aigov's back (and then finds it differs from the trail).
  static let signOffQuery = """
    SELECT \(SignOff.table.selectList("s")), coalesce(r.number, 0) AS round_number, coalesce(r.content_hash, '') AS content_hash,
           coalesce(f.key, '') AS feature_key, coalesce(v.handle, '') AS reviewer_handle,
           r.feature_id
    FROM signoffs s LEFT JOIN review_rounds r ON r.id = s.round_id
    LEFT JOIN features f ON f.id = r.feature_id LEFT JOIN reviewers v ON v.id = s.reviewer_id
    """

  /// The latest decision for each discipline in a round.
  func latestDecisions(roundID: Int) throws -> [Discipline: SignOff] {
    Self.latest(try signOffs(roundID: roundID))
  }

  static func latest(_ signOffs: [SignOff]) -> [Discipline: SignOff] {
    var latest: [Discipline: SignOff] = [:]
    for signOff in signOffs { latest[signOff.discipline] = signOff }
    return latest
  }

  /// The round whose approval the feature holds now: the newest round that settled anything
  /// (approved, rejected or voided), if it approved the feature as it is now.
  static func approvalInForce(_ rounds: [ReviewRound], contentHash: String) -> ReviewRound? {
    guard
      let decisive = rounds.last(where: { [.approved, .rejected, .voided].contains($0.status) }),
      decisive.status == .approved, decisive.contentHash == contentHash
    else { return nil }
    return decisive
  }

  func insertRound(
    featureID: Int, featureKey: String, kind: RoundKind, contentHash: String
  ) throws -> ReviewRound {
    let number =
      (try database.scalarInteger(
        "SELECT max(number) FROM review_rounds WHERE feature_id = ?", [featureID]) ?? 0) + 1
    let required = try governanceSettings().requiredDisciplines
    let round = ReviewRound(
      id: 0, featureKey: featureKey, number: number, kind: kind, status: .open,
      contentHash: contentHash, requiredDisciplines: required, openedAt: now, openedBy: actor,
      closedAt: nil, closedBy: nil, closeReason: nil, causeEvent: nil)
    var inserted = round
    inserted.id = try insert(round, into: ReviewRound.table, parent: featureID)
    try recordEvent(.reviewOpen, before: nil, after: inserted)
    return inserted
  }

  /// Closes a round (or, for `.voided`, also an approved one) and records why.
  @discardableResult
  func closeRound(_ round: ReviewRound, as status: RoundStatus, reason: String, cause: Int?) throws
    -> ReviewRound
  {
    try TextField.roundCloseReason.check(reason)
    var closed = round
    closed.status = status
    closed.closedAt = now
    closed.closedBy = actor
    closed.closeReason = reason
    closed.causeEvent = cause
    try update(closed, in: ReviewRound.table, .lifecycle, previousVersion: 0)
    try recordEvent(.closing(as: status), before: round, after: closed)
    return closed
  }

  private func chooseDiscipline(_ discipline: Discipline?, of reviewer: Reviewer) throws
    -> Discipline
  {
    guard let discipline else {
      guard reviewer.disciplines.count == 1 else {
        throw AIGovError.disciplineUnspecified(
          reviewer: reviewer.handle, held: reviewer.disciplines)
      }
      return reviewer.disciplines[0]
    }
    guard reviewer.disciplines.contains(discipline) else {
      throw AIGovError.refused(
        .disciplineNotHeld(
          reviewer: reviewer.handle, discipline: discipline, held: reviewer.disciplines))
    }
    return discipline
  }

  /// The fingerprint to record: the reviewer's key in force, which `key` must be; nil when the
  /// reviewer has no key (and then no key may be given).
  private func checkSigningKey(_ key: SigningKey?, of reviewer: Reviewer) throws -> String? {
    let given = key?.publicKey.fingerprint
    if let refusal = GovernanceRules.signingKeyRefusal(reviewer: reviewer, given: given) {
      throw AIGovError.refused(refusal)
    }
    return given
  }

  /// The feature's owners at every moment of `round` so far, from the trail: its owner when the
  /// round opened and every owner a change gave it since.
  func ownersDuring(_ round: ReviewRound) throws -> [String] {
    try database.query(
      """
      SELECT DISTINCT after ->> '$.owner' AS owner FROM audit_events
      WHERE entity = ?1 AND entity_key = ?2 AND after IS NOT NULL AND seq >= coalesce(
        (SELECT max(seq) FROM audit_events WHERE entity = ?1 AND entity_key = ?2 AND seq <=
          (SELECT min(seq) FROM audit_events WHERE entity = ?3 AND entity_key = ?4)), 0)
      """,
      [
        AuditEntity.feature.rawValue, round.featureKey, AuditEntity.reviewRound.rawValue,
        String(round.id),
      ]
    ).compactMap { $0.optionalText("owner") }
  }

  /// Refuses to make `owner` the owner of a feature while a reviewer it names has a decision in
  /// the feature's open round: whoever owns a feature at any moment of a round never signs in it.
  func checkOwnerChange(featureID: Int, featureKey: String, to owner: String) throws {
    guard let open = try rounds(featureID: featureID).last(where: { $0.status == .open }) else {
      return
    }
    let name = OwnerName(owner)
    for signOff in try signOffs(roundID: open.id) {
      let signer = try reviewer(signOff.reviewer)
      if name.names(signer) {
        throw AIGovError.refused(
          .ownerSignedInOpenRound(
            owner: owner, reviewer: signer.handle, feature: featureKey, round: open.number))
      }
    }
  }

  /// A round from a row that selected `ReviewRound.table.selectList` first, and its feature's
  /// key (`feature_key`).
  static func round(from row: Row) throws -> ReviewRound {
    var round = try ReviewRound.table.record(at: row)
    round.featureKey = try row.text("feature_key")
    return round
  }

  /// A sign-off from a row of `signOffQuery`.
  static func signOff(from row: Row) throws -> SignOff {
    var signOff = try SignOff.table.record(at: row)
    signOff.roundNumber = try row.integer("round_number")
    signOff.featureKey = try row.text("feature_key")
    signOff.reviewer = try row.text("reviewer_handle")
    signOff.contentHash = try row.text("content_hash")
    return signOff
  }
}

/// What a sign-off did: the decision recorded, the round after it, and the feature's status.
public struct SignOffOutcome: Codable, Equatable, Sendable {
  public var signOff: SignOff
  public var round: ReviewRound
  public var featureStatus: FeatureStatus
  /// Required disciplines without an approval in the round.
  public var missing: [Discipline]

  enum CodingKeys: String, CodingKey {
    case signOff = "signoff"
    case round
    case featureStatus = "feature_status"
    case missing
  }
}

/// A feature's whole review history.
public struct FeatureReview: Codable, Equatable, Sendable {
  public var rounds: [RoundRecord]
  /// The feature's content hash now.
  public var contentHash: String
  /// The number of the round whose approval the feature holds, if any.
  public var approvalInForce: Int?

  enum CodingKeys: String, CodingKey {
    case rounds
    case contentHash = "content_hash"
    case approvalInForce = "approval_in_force"
  }
}

/// A round with every decision made in it, oldest first.
public struct RoundRecord: Codable, Equatable, Sendable {
  public var round: ReviewRound
  public var signOffs: [SignOff]

  enum CodingKeys: String, CodingKey {
    case round
    case signOffs = "signoffs"
  }
}

/// Where one feature's review stands: its latest round and each required discipline's latest
/// decision in it.
public struct ReviewStatus: Codable, Equatable, Sendable {
  public var featureKey: String
  public var featureName: String
  public var status: FeatureStatus
  public var round: ReviewRound?
  /// Whether the feature still has the content the round was opened on.
  public var contentMatches: Bool?
  public var decisions: [DisciplineDecision]
  /// Required disciplines without an approval in the latest round.
  public var missing: [Discipline]
  public var approvalInForce: Int?

  enum CodingKeys: String, CodingKey {
    case featureKey = "feature"
    case featureName = "name"
    case status, round
    case contentMatches = "content_matches"
    case decisions, missing
    case approvalInForce = "approval_in_force"
  }
}

/// One required discipline's latest decision, if any.
public struct DisciplineDecision: Codable, Equatable, Sendable {
  public var discipline: Discipline
  public var signOff: SignOff?

  public init(discipline: Discipline, signOff: SignOff?) {
    self.discipline = discipline
    self.signOff = signOff
  }

  enum CodingKeys: String, CodingKey {
    case discipline
    case signOff = "signoff"
  }
}

/// How a decision is signed: not at all, here with the reviewer's key, or on the reviewer's own
/// machine.
enum SignOffSigner {
  case unsigned
  case key(SigningKey)
  case presigned(SignedDecision)
}

/// What a sign-off's checks found, before it is signed and recorded.
struct PreparedSignOff {
  var signOff: SignOff
  var reviewer: Reviewer
  var reviewerID: Int
  var round: ReviewRound
  var featureID: Int
  var feature: Feature
}

/// A decision signed on the reviewer's own machine (the CLI with `--server`, or a browser): the
/// round and content it was signed for, when, and the Ed25519 signature over
/// `SignOff.signedMessage`, in base64.
public struct SignedDecision: Codable, Equatable, Sendable {
  public var round: Int
  public var contentHash: String
  public var signedAt: String
  public var signature: String

  /// How far the signing time may be from the time the decision arrives.
  public static let tolerance: Double = 300

  public init(round: Int, contentHash: String, signedAt: String, signature: String) {
    self.round = round
    self.contentHash = contentHash
    self.signedAt = signedAt
    self.signature = signature
  }

  enum CodingKeys: String, CodingKey {
    case round
    case contentHash = "content_hash"
    case signedAt = "signed_at"
    case signature
  }
}
