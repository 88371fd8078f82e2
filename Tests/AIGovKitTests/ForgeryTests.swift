import Foundation
import Testing

@testable import AIGovKit

/// Someone who holds the file and only appends: rows changed with SQL, and audit events with
/// correct hashes after them, as a short script with the `sqlite3` shell would. No trigger is
/// dropped and no event rewritten, so the chain and the reconciliation hold; only the replay of
/// the governance rules can tell.
struct Forger {
  let registry: Registry
  var database: Database { registry.database }

  init(fixture: GovernanceFixture) { registry = fixture.registry }
  init(registry: Registry) { self.registry = registry }

  /// Appends an event after the head with a correct hash; returns its position.
  @discardableResult
  func append<Record: AuditedRecord>(
    _ action: AuditAction, before: Record?, after: Record?, at: String = "2026-11-22T10:00:00Z",
    actor: String = "mallory"
  ) throws -> Int {
    try append(
      action, entity: Record.entity, key: (after ?? before)!.auditKey,
      before: before?.canonicalText, after: after?.canonicalText, at: at, actor: actor)
  }

  /// Appends an event whose JSON is given as text, with a correct hash; returns its position.
  @discardableResult
  func append(
    _ action: AuditAction, entity: AuditEntity, key: String, before: String?, after: String?,
    at: String = "2026-11-22T10:00:00Z", actor: String = "mallory"
  ) throws -> Int {
    let head = try database.queryOne("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    var event = AuditEvent(
      seq: (head?.optionalInteger("seq") ?? 0) + 1, at: at, actor: actor, action: action.rawValue,
      entity: entity.rawValue, entityKey: key, before: before, after: after,
      prevHash: head?.optionalText("hash") ?? AuditEvent.genesisHash, hash: "")
    event.hash = event.computedHash
    try database.execute(
      "INSERT INTO audit_events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [
        event.seq, event.at, event.actor, event.action, event.entity, event.entityKey,
        event.before, event.after, event.prevHash, event.hash,
      ])
    return event.seq
  }

  /// Changes a feature's row with `sql` (`?` is its key) and appends the event that says so.
  @discardableResult
  func changeFeature(
    _ key: String, _ action: AuditAction, _ sql: String, at: String = "2026-11-22T10:00:00Z"
  ) throws -> Int {
    let before = try registry.featureState(key)
    try database.execute(sql, [key])
    return try append(action, before: before, after: try registry.featureState(key), at: at)
  }

  /// Inserts an unsigned approval by `reviewer` for `discipline` into the feature's open round,
  /// dated `signedAt`, and appends the event that records it; returns the event's position.
  func signOff(
    _ feature: String, as reviewer: String, for discipline: Discipline,
    signedAt: String = "2026-11-22T10:00:00Z"
  ) throws -> Int {
    let round = try round(feature)
    try database.execute(
      """
      INSERT INTO signoffs (round_id, discipline, reviewer_id, decision, comment, signed_at)
      VALUES (?, ?, (SELECT id FROM reviewers WHERE handle = ?), 'approve', '', ?)
      """, [round.id, discipline.rawValue, reviewer, signedAt])
    let signOff = try #require(try registry.signOffs(roundID: round.id).last)
    return try append(.signOffAdd, before: nil, after: signOff, actor: reviewer)
  }

  func round(_ feature: String) throws -> ReviewRound {
    try #require(try registry.review(feature).rounds.last?.round)
  }
}

/// The bytes hold (chain and records), and the replay names event `seq` for `rule`: what a
/// forgery that only appends must come to.
func expectNamed(
  _ registry: Registry, event seq: Int, _ rule: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let result = try registry.verify()
  #expect(result.chain.isIntact, sourceLocation: sourceLocation)
  #expect(result.recordProblems == [], sourceLocation: sourceLocation)
  #expect(!result.isIntact, sourceLocation: sourceLocation)
  #expect(
    result.governanceProblems.contains { $0.seq == seq && $0.rule.contains(rule) },
    "\(result.governanceProblems)", sourceLocation: sourceLocation)
  try expectJudgedSince(registry, result, sourceLocation: sourceLocation)
}

/// Verified since a checkpoint of each event in turn, the trail's events after it are judged as
/// the full verification judges them: every problem the full one finds with an event after the
/// checkpoint is found, and nothing it does not find. Resumed from the state the full
/// verification kept at the checkpoint (written to its file and read back), the verification
/// since finds exactly what it finds replaying the trail from its start.
func expectJudgedSince(
  _ registry: Registry, _ full: TrailVerification,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let key = SigningKey()
  let head = try #require(try registry.auditTrail.head())
  let (_, states) = try registry.verify(keepingStatesAt: Set(1...head.seq))
  #expect(
    states.map(\.seq) == Array(1...head.seq) || !full.chain.isIntact,
    sourceLocation: sourceLocation)
  for seq in 1...head.seq {
    let hash = try #require(
      try registry.database.queryOne("SELECT hash FROM audit_events WHERE seq = ?", [seq])?
        .optionalText("hash"))
    let statement = Checkpoint.statement(seq: seq, hash: hash, at: "2026-11-22T10:00:00Z")
    let checkpoint = HeldCheckpoint(
      statement: statement, signature: try key.signature(for: statement),
      publicKey: key.publicKey)
    let since = try registry.verify(since: checkpoint)
    if let kept = states.first(where: { $0.seq == seq }) {
      let state = try #require(ReplayState(reading: try kept.bytes), sourceLocation: sourceLocation)
      let resumed = try registry.verify(since: checkpoint, resuming: state)
      #expect(
        resumed == since,
        "since event \(seq), resumed: \(resumed.problems), replayed: \(since.problems)",
        sourceLocation: sourceLocation)
    }
    #expect(since.sinceCheckpoint == seq, sourceLocation: sourceLocation)
    #expect(since.chain.eventCount == head.seq - seq, sourceLocation: sourceLocation)
    #expect(since.auditorProblems == [], sourceLocation: sourceLocation)
    let expected = full.governanceProblems.filter { $0.seq > seq }
    #expect(
      expected.allSatisfy(since.governanceProblems.contains)
        && since.governanceProblems.allSatisfy(full.governanceProblems.contains),
      "since event \(seq): \(since.governanceProblems), in full: \(full.governanceProblems)",
      sourceLocation: sourceLocation)
    #expect(
      since.isIntact == (expected.isEmpty && since.governanceProblems.isEmpty),
      sourceLocation: sourceLocation)
    // Since the head, nothing is left to judge: the earlier events are replayed, not judged.
    if seq == head.seq { #expect(since.isIntact, sourceLocation: sourceLocation) }
  }
}

@Suite struct ForgeryTests {
  @Test func anApprovalForgedByAppendingRowsIsNamed() throws {
    let fixture = try GovernanceFixture()
    let forger = Forger(fixture: fixture)
    try fixture.registry.openReview("email-ai")
    try fixture.sign("email-ai", as: "sam")
    try fixture.sign("email-ai", as: "marcus")
    let open = try forger.round("email-ai")
    try fixture.tamper(
      """
      UPDATE review_rounds SET status = 'approved', closed_at = '2026-11-22T10:00:00Z',
        closed_by = 'mallory', close_reason = 'approved by all' WHERE id = \(open.id)
      """)
    let approval = try forger.append(
      .reviewApprove, before: open, after: try forger.round("email-ai"))
    try forger.changeFeature(
      "email-ai", .featureReviewApproved,
      "UPDATE features SET status = 'approved', version = version + 1 WHERE key = ?")
    // The CLI takes it from there: the approval looks in force.
    var implemented = MitigationChanges()
    implemented.set("status", MitigationStatus.implemented)
    try fixture.registry.editMitigation(1, implemented)
    try fixture.registry.setStatus("email-ai", to: .launched)
    try expectNamed(
      fixture.registry, event: approval, "without an approval from legal, privacy, security")
  }

  /// A breach closed behind aigov's back, its report never made, and then edited while closed.
  @Test func anIncidentClosedWithItsReportOwedIsNamed() throws {
    let fixture = try GovernanceFixture()
    let forger = Forger(fixture: fixture)
    var draft = IncidentDraft(
      reference: "INC-7", title: "Contacts shown to another account",
      category: .personalDataBreach, severity: .high, occurredAt: "2026-11-21",
      features: ["email-ai"])
    draft.personalDataBreach = true
    let open = try fixture.registry.openIncident(draft)
    try fixture.tamper(
      """
      UPDATE incidents SET status = 'closed', cause = 'x', corrective_action = 'y',
        closed_at = '2026-11-22T10:00:00Z', version = 2 WHERE reference = 'INC-7'
      """)
    let closed = try fixture.registry.incident("INC-7")
    let forged = try forger.append(.incidentClose, before: open, after: closed)
    try expectNamed(fixture.registry, event: forged, "its gdpr-art-33 report is still owed")
    try fixture.tamper("UPDATE incidents SET severity = 'low', version = 3")
    var lowered = closed
    lowered.severity = .low
    lowered.version = 3
    let edited = try forger.append(.incidentUpdate, before: closed, after: lowered)
    try expectNamed(fixture.registry, event: edited, "after it was closed")
  }

  @Test func aStatusChangedByAnEditIsNamed() throws {
    let fixture = try GovernanceFixture()
    let forged = try Forger(fixture: fixture).changeFeature(
      "churn-risk", .featureUpdate,
      "UPDATE features SET status = 'launched', version = version + 1 WHERE key = ?")
    try expectNamed(fixture.registry, event: forged, "which feature.update never does")
  }

  @Test func aLaunchWithoutTheGateIsNamed() throws {
    let fixture = try GovernanceFixture()
    try fixture.approve("email-ai")
    // Its high risk has no mitigation in place: the CLI refuses, the forger appends.
    let forged = try Forger(fixture: fixture).changeFeature(
      "email-ai", .featureSetStatus,
      "UPDATE features SET status = 'launched', version = version + 1 WHERE key = ?")
    try expectNamed(fixture.registry, event: forged, "cannot launch")
  }

  @Test func aBackdatedUnsignedSignOffIsNamed() throws {
    let fixture = try GovernanceFixture()
    let forger = Forger(fixture: fixture)
    try fixture.registry.openReview("email-ai")
    // elena has had a key since she was added; the forger dates her decision before it.
    let forged = try forger.signOff(
      "email-ai", as: "elena", for: .legal, signedAt: "2020-01-01T00:00:00Z")
    try expectNamed(fixture.registry, event: forged, "not at its event's time")
    try expectNamed(fixture.registry, event: forged, "has a registered signing key")
  }

  @Test func aRetroactiveKeyIsNamed() throws {
    let fixture = try GovernanceFixture()
    let forger = Forger(fixture: fixture)
    let mine = SigningKey()
    let before = try fixture.registry.reviewer("elena")
    try fixture.tamper(
      """
      UPDATE reviewer_keys SET retired_at = '2026-11-22T10:00:00Z' WHERE retired_at IS NULL
        AND reviewer_id = (SELECT id FROM reviewers WHERE handle = 'elena');
      INSERT INTO reviewer_keys (reviewer_id, fingerprint, public_key, added_at)
      VALUES ((SELECT id FROM reviewers WHERE handle = 'elena'), '\(mine.publicKey.fingerprint)',
        '\(mine.publicKey.pem)', '2019-01-01T00:00:00Z');
      """)
    let forged = try forger.append(
      .reviewerUpdate, before: before, after: try fixture.registry.reviewer("elena"))
    try expectNamed(
      fixture.registry, event: forged, "not at the time of the event that registers it")
    try expectNamed(fixture.registry, event: forged, "only with a statement signed by that key")
  }

  @Test func aKeyReplacementWithAForgedStatementIsNamed() throws {
    let fixture = try GovernanceFixture()
    let forger = Forger(fixture: fixture)
    let mine = SigningKey()
    let before = try fixture.registry.reviewer("elena")
    let old = fixture.elenaKey.publicKey
    // The statement names elena's key as its signer, but the forger signed it with their own.
    let statement = KeyStatement(
      reviewer: "elena", newKey: mine.publicKey.fingerprint, replacedKey: old.fingerprint)
    let signature = try KeyEndorsement(statement, signedWith: mine).signature
    try fixture.database.execute(
      "UPDATE reviewer_keys SET retired_at = '2026-11-22T10:00:00Z' WHERE fingerprint = ?",
      [old.fingerprint])
    try fixture.database.execute(
      """
      INSERT INTO reviewer_keys (reviewer_id, fingerprint, public_key, added_at, endorsed_by,
        endorsing_key, endorsement)
      VALUES ((SELECT id FROM reviewers WHERE handle = 'elena'), ?, ?, '2026-11-22T10:00:00Z', ?,
        ?, ?)
      """,
      [
        mine.publicKey.fingerprint, mine.publicKey.pem, old.fingerprint, old.pem,
        Data(signature).base64EncodedString(),
      ])
    let forged = try forger.append(
      .reviewerUpdate, before: before, after: try fixture.registry.reviewer("elena"))
    try expectNamed(fixture.registry, event: forged, "does not verify with key")
  }

  /// A key administrator named through the settings by whoever holds the file, and a reviewer's
  /// key swapped with it: plain verify names the setting, and the auditor's keys tell as well.
  @Test func aKeyAdministratorTheAuditorDoesNotHoldIsNamed() throws {
    let fixture = try GovernanceFixture()
    let administrator = SigningKey()
    try fixture.database.execute(
      "INSERT INTO settings (name, value) VALUES (?, ?)",
      [SettingName.keyAdministrators.rawValue, administrator.publicKey.fingerprint])
    let named = try Forger(fixture: fixture).append(
      .settingUpdate, before: nil,
      after: Setting(
        name: SettingName.keyAdministrators.rawValue, value: administrator.publicKey.fingerprint))
    let mine = SigningKey()
    var swap = ReviewerChanges()
    swap.publicKey = mine.publicKey
    swap.endorsement = try KeyEndorsement(
      KeyStatement(
        reviewer: "elena", newKey: mine.publicKey.fingerprint,
        replacedKey: fixture.elenaKey.publicKey.fingerprint), signedWith: administrator)
    try fixture.registry.editReviewer("elena", swap)
    try expectNamed(fixture.registry, event: named, "before any reviewer has a signing key")
    let keys = try TrustedKeys(
      text: TrustedKeys.line(name: "elena", key: fixture.elenaKey.publicKey) + "\n")
    let problems = try fixture.registry.verify(keys: keys).auditorProblems
    #expect(problems.contains { $0.contains("key administrator") })
    #expect(
      problems.contains {
        $0.contains("reviewer 'elena''s key \(mine.publicKey.fingerprint.prefix(16))")
      })
    #expect(problems.contains { $0.contains("was signed by key") })
  }

  @Test func aKeySwapNeedsTheOldKeysWord() throws {
    let fixture = try GovernanceFixture()
    let mine = SigningKey()
    var swap = ReviewerChanges()
    swap.publicKey = mine.publicKey
    try fixture.expectRefusal(
      .refused(
        .keyChangeNeedsProof(reviewer: "elena", inForce: fixture.elenaKey.publicKey.fingerprint))
    ) { try fixture.acting(as: "priya").editReviewer("elena", swap) }
    // Signed by the new key itself: no proof.
    swap.endorsement = try KeyEndorsement(
      KeyStatement(
        reviewer: "elena", newKey: mine.publicKey.fingerprint,
        replacedKey: fixture.elenaKey.publicKey.fingerprint), signedWith: mine)
    try fixture.expectRefusal(
      .refused(.keyEndorsedByStranger(reviewer: "elena", signer: mine.publicKey.fingerprint))
    ) { try fixture.acting(as: "priya").editReviewer("elena", swap) }
    // Elena's key named as the signer, with a signature she never made.
    swap.endorsement = KeyEndorsement(
      signer: fixture.elenaKey.publicKey, signature: [UInt8](repeating: 7, count: 64))
    try fixture.expectRefusal(
      .refused(
        .keyEndorsementInvalid(
          reviewer: "elena", signer: fixture.elenaKey.publicKey.fingerprint))
    ) { try fixture.acting(as: "priya").editReviewer("elena", swap) }
  }

  @Test func anOwnerWhoSignsInTheRoundIsRefusedAndNamed() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    var away = FeatureChanges()
    away.set("owner", "someone else")
    try fixture.registry.editFeature("email-ai", away)
    // priya owned it when the round opened.
    try fixture.expectRefusal(.refused(.ownerCannotSign(reviewer: "priya", feature: "email-ai"))) {
      try fixture.sign("email-ai", as: "priya")
    }
    // Signing first and taking ownership later is refused too.
    try fixture.sign("email-ai", as: "sam")
    var toSam = FeatureChanges()
    toSam.set("owner", "Sam (product)")
    try fixture.expectRefusal(
      .refused(
        .ownerSignedInOpenRound(
          owner: "Sam (product)", reviewer: "sam", feature: "email-ai", round: 1))
    ) { try fixture.registry.editFeature("email-ai", toSam) }
    // Forged: priya's decision appended after all.
    let forged = try Forger(fixture: fixture).signOff("email-ai", as: "priya", for: .product)
    try expectNamed(fixture.registry, event: forged, "owns or owned feature 'email-ai'")
  }

  @Test(arguments: ["Priya Raman (PM)", "PRIYA", "ｐｒｉｙａ", "owner: priya@example.com", "priya"])
  func anOwnerNamingAReviewerIsMatched(_ owner: String) throws {
    let fixture = try GovernanceFixture()
    var changes = FeatureChanges()
    changes.set("owner", owner)
    try fixture.registry.editFeature("email-ai", changes)
    try fixture.registry.openReview("email-ai")
    try fixture.expectRefusal(.refused(.ownerCannotSign(reviewer: "priya", feature: "email-ai"))) {
      try fixture.sign("email-ai", as: "priya")
    }
  }

  @Test(arguments: ["Priyа Raman", "pri\u{200B}ya", "pri\u{00AD}ya", "\u{FEFF}priya"])
  func anOwnerThatHidesANameIsRefused(_ owner: String) throws {
    let fixture = try GovernanceFixture()
    var changes = FeatureChanges()
    changes.set("owner", owner)
    let before = try snapshot(fixture.database)
    #expect(throws: AIGovError.self) { try fixture.registry.editFeature("email-ai", changes) }
    #expect(try snapshot(fixture.database) == before)
  }

  @Test(arguments: ["priyа", "prіya", "ｐriya"])
  func aHandleInAnotherScriptIsRefused(_ handle: String) throws {
    let fixture = try GovernanceFixture()
    let before = try snapshot(fixture.database)
    #expect(throws: AIGovError.self) {
      try fixture.registry.addReviewer(
        handle: handle, name: "Imposter", email: "i@example.com", disciplines: [.legal])
    }
    #expect(try snapshot(fixture.database) == before)
  }

  @Test func aTimeInAnotherFormIsNamed() throws {
    let fixture = try GovernanceFixture()
    // "+00:00" sorts after "Z": written so, a backdated event would look later than it is.
    let forged = try Forger(fixture: fixture).changeFeature(
      "email-ai", .featureUpdate, "UPDATE features SET team = 'x' WHERE key = ?",
      at: "2026-11-22T10:00:00+00:00")
    try expectNamed(fixture.registry, event: forged, "is not a time as aigov records one")
  }

  @Test func timeGoingBackwardsAlongTheTrailIsNamed() throws {
    let fixture = try GovernanceFixture()
    let forger = Forger(fixture: fixture)
    let forged = try forger.changeFeature(
      "email-ai", .featureUpdate, "UPDATE features SET team = 'x' WHERE key = ?",
      at: "2026-01-01T00:00:00Z")
    try expectNamed(fixture.registry, event: forged, "times never go back")
  }

  /// One change dated far ahead (a wrong clock, or `--trust-now`) used to end every report's
  /// trail before it, hiding all that came after.
  @Test func aTimeFarAheadCannotHideLaterEventsFromAReport() throws {
    final class Clock: @unchecked Sendable {
      var now = Timestamp.parse("2026-07-10T10:00:00Z")!
    }
    let clock = Clock()
    let directory = try TemporaryDirectory()
    let registry = try Registry.open(
      path: directory.path("r.sqlite"), create: true, actor: "lead", clock: { clock.now }
    ).allowing(ChangeOptions(acceptsTimeBeforeTrail: true))
    try registry.seed()
    var rename = FeatureChanges()
    clock.now = Timestamp.parse("9999-12-31T00:00:00Z")!
    rename.set("name", "From the future")
    try registry.editFeature("email-ai", rename)
    clock.now = Timestamp.parse("2026-09-20T10:00:00Z")!
    rename.set("name", "Renamed in September")
    try registry.editFeature("email-ai", rename)
    let last = try #require(try registry.auditTrail.head()).seq
    clock.now = Timestamp.parse("2026-10-05T10:00:00Z")!
    let report = try registry.quarterlyReport(Quarter(year: 2026, number: 3), toolVersion: "t")
    #expect(report.trail.events == last)
    // And the trail says which event went wrong.
    let problems = try registry.verify().governanceProblems
    #expect(problems.map(\.seq) == [last])
    #expect(problems.first?.rule.contains("times never go back") == true)
  }

  @Test func anHonestHistoryReplaysClean() throws {
    let fixture = try GovernanceFixture()
    try fixture.launchEmailAI()
    try fixture.registry.openReview("churn-risk")
    try fixture.sign("churn-risk", as: "sam", .reject, comment: "no")
    let result = try fixture.registry.verify()
    #expect(result.governanceProblems == [])
    #expect(result.isIntact)
  }
}
