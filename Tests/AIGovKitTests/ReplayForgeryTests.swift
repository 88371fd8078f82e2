import Foundation
import Testing

@testable import AIGovKit

/// Forgeries by someone who holds the file and only appends rows and events with correct hashes,
/// against the rules that keys, material changes, incident holds and monitoring results obey. Each
/// is refused by the command and named by plain `audit verify`.
@Suite struct ReplayForgeryTests {
  /// Ends elena's key behind aigov's back with one appended event; returns its position.
  func endElenasKey(_ fixture: GovernanceFixture) throws -> Int {
    let before = try fixture.registry.reviewer("elena")
    try fixture.tamper(
      """
      UPDATE reviewer_keys SET retired_at = '2026-11-22T10:00:00Z' WHERE retired_at IS NULL
        AND reviewer_id = (SELECT id FROM reviewers WHERE handle = 'elena')
      """)
    return try Forger(fixture: fixture).append(
      .reviewerUpdate, before: before, after: try fixture.registry.reviewer("elena"))
  }

  // MARK: Keys

  @Test func aKeyEndedWithoutAReplacementCannotMakeWayForUnsignedDecisions() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    let ended = try endElenasKey(fixture)
    // The command refuses her unsigned decision, and a decision with any key.
    try fixture.expectRefusal(
      .refused(
        .keyEndedWithoutReplacement(
          reviewer: "elena", fingerprint: fixture.elenaKey.publicKey.fingerprint))
    ) {
      try fixture.acting(as: "elena").signOff(
        "email-ai", discipline: nil, decision: .approve, comment: "ok")
    }
    let forged = try Forger(fixture: fixture).signOff("email-ai", as: "elena", for: .legal)
    try expectNamed(fixture.registry, event: ended, "without registering a replacement")
    try expectNamed(fixture.registry, event: forged, "ended without a replacement")
    // The auditor's keys and checkpoint add nothing the file does not already prove.
    let keys = try TrustedKeys(
      text: TrustedKeys.line(name: "elena", key: fixture.elenaKey.publicKey) + "\n")
    #expect(!(try fixture.registry.verify(keys: keys).isIntact))
  }

  @Test func aKeyAfterAnEndedOneNeedsTheEndedKeysWord() throws {
    let fixture = try GovernanceFixture()
    let ended = try endElenasKey(fixture)
    let mine = SigningKey()
    var swap = ReviewerChanges()
    swap.publicKey = mine.publicKey
    // Not "as if it were her first": the key that ended must endorse it.
    try fixture.expectRefusal(
      .refused(
        .keyChangeNeedsProof(reviewer: "elena", inForce: fixture.elenaKey.publicKey.fingerprint))
    ) { try fixture.acting(as: "mallory").editReviewer("elena", swap) }
    // Appended with SQL instead, it is named.
    let before = try fixture.registry.reviewer("elena")
    try fixture.database.execute(
      """
      INSERT INTO reviewer_keys (reviewer_id, fingerprint, public_key, added_at)
      VALUES ((SELECT id FROM reviewers WHERE handle = 'elena'), ?, ?, '2026-11-22T10:00:00Z')
      """, [mine.publicKey.fingerprint, mine.publicKey.pem])
    let forged = try Forger(fixture: fixture).append(
      .reviewerUpdate, before: before, after: try fixture.registry.reviewer("elena"))
    try expectNamed(fixture.registry, event: ended, "without registering a replacement")
    try expectNamed(fixture.registry, event: forged, "only with a statement signed by that key")
    // Her own ended key may still endorse the replacement: a lost key's holder is not locked out.
    let honest = try GovernanceFixture()
    _ = try endElenasKey(honest)
    swap.endorsement = try KeyEndorsement(
      KeyStatement(
        reviewer: "elena", newKey: mine.publicKey.fingerprint,
        replacedKey: honest.elenaKey.publicKey.fingerprint), signedWith: honest.elenaKey)
    try honest.registry.editReviewer("elena", swap)
    #expect(
      try honest.registry.reviewer("elena").keyInForce?.fingerprint == mine.publicKey.fingerprint)
  }

  @Test func theFirstKeyAdministratorsAreNamedBeforeAnyKey() throws {
    let fixture = try GovernanceFixture()
    let mine = SigningKey()
    // elena holds a key: no one can now name an administrator who could replace it.
    try fixture.expectRefusal(.refused(.administratorsFixedOnceKeysExist)) {
      try fixture.registry.changeSetting(.keyAdministrators, to: mine.publicKey.fingerprint)
    }
    // Written with SQL and an appended event instead, it is named, and so is the key swap it
    // was meant for.
    try fixture.database.execute(
      "INSERT INTO settings (name, value) VALUES (?, ?)",
      [SettingName.keyAdministrators.rawValue, mine.publicKey.fingerprint])
    let named = try Forger(fixture: fixture).append(
      .settingUpdate, before: nil,
      after: Setting(
        name: SettingName.keyAdministrators.rawValue, value: mine.publicKey.fingerprint))
    try expectNamed(fixture.registry, event: named, "before any reviewer has a signing key")
  }

  @Test func theKeyAdministratorsChangeOnlyWithTheirWord() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    let first = SigningKey()
    let second = SigningKey()
    // The ceremony: named on a new database, before any reviewer has a key.
    try registry.changeSetting(.keyAdministrators, to: first.publicKey.fingerprint)
    let lost = SigningKey()
    try registry.addReviewer(
      handle: "elena", name: "Elena", email: "elena@example.com", disciplines: [.legal],
      publicKey: lost.publicKey)
    // An administrator endorses the replacement of a lost key.
    let found = SigningKey()
    var swap = ReviewerChanges()
    swap.publicKey = found.publicKey
    swap.endorsement = try KeyEndorsement(
      KeyStatement(
        reviewer: "elena", newKey: found.publicKey.fingerprint,
        replacedKey: lost.publicKey.fingerprint), signedWith: first)
    try registry.editReviewer("elena", swap)
    #expect(try registry.verify().isIntact)
    let value = [first.publicKey.fingerprint, second.publicKey.fingerprint].sorted()
      .joined(separator: ",")
    let before = try snapshot(registry.database)
    #expect(
      throws: AIGovError.refused(
        .administratorsChangeNeedsProof(administrators: [first.publicKey.fingerprint]))
    ) { try registry.changeSetting(.keyAdministrators, to: value) }
    let statement = AdministratorsStatement(
      administrators: value, replaced: first.publicKey.fingerprint)
    #expect(
      throws: AIGovError.refused(
        .administratorsEndorsedByStranger(signer: second.publicKey.fingerprint))
    ) {
      try registry.changeSetting(
        .keyAdministrators, to: value,
        endorsement: try KeyEndorsement(statement, signedWith: second))
    }
    #expect(try snapshot(registry.database) == before)
    try registry.changeSetting(
      .keyAdministrators, to: value, endorsement: try KeyEndorsement(statement, signedWith: first))
    #expect(
      try registry.governanceSettings().keyAdministrators
        == value.split(separator: ",").map(String.init))
    #expect(try registry.verify().isIntact)
    // Widened again behind aigov's back, with the event to match: named.
    let forger = Forger(registry: registry)
    let stored = try #require(
      try registry.database.queryOne(
        "SELECT \(Registry.settingColumns) FROM settings WHERE name = ?",
        [SettingName.keyAdministrators.rawValue]
      ).map(Registry.setting(from:)))
    let mine = SigningKey()
    try registry.database.execute(
      "UPDATE settings SET value = ?, endorsed_by = NULL, endorsing_key = NULL, endorsement = NULL WHERE name = ?",
      [mine.publicKey.fingerprint, SettingName.keyAdministrators.rawValue])
    let forged = try forger.append(
      .settingUpdate, before: stored,
      after: Setting(
        name: SettingName.keyAdministrators.rawValue, value: mine.publicKey.fingerprint))
    try expectNamed(
      registry, event: forged, "change only with a statement signed by one of their keys")
  }

  /// A company statement naming a framework nobody assessed, appended with the event to match,
  /// is named by the replay, as `config set` refuses it.
  @Test func aStatementClaimingAnUnassessedFrameworkIsNamed() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let claim = "Every feature is assessed against the EU AI Act."
    try fixture.tamper(
      "INSERT INTO settings (name, value) VALUES ('public.compliance', '\(claim)')")
    let forged = try Forger(registry: registry).append(
      .settingUpdate, before: Setting(name: SettingName.complianceStatement.rawValue, value: ""),
      after: Setting(name: SettingName.complianceStatement.rawValue, value: claim))
    try expectNamed(
      registry, event: forged, "names 'EU AI Act' (eu-ai-act), which nothing assessed")
    // Written after a decision assesses the framework, the same statement holds.
    let honest = try GovernanceFixture()
    try honest.registry.decideApplicability(
      framework: "eu-ai-act", requirement: "art-5", featureKey: "email-ai", applicable: true,
      justification: "It is screened like every feature.")
    try honest.registry.changeSetting(.complianceStatement, to: claim)
    let verified = try honest.registry.verify()
    #expect(verified.isIntact, "\(verified.problems)")
  }

  /// A mitigation mapped to a company-wide framework, appended with the event to match, is named
  /// by the replay, as `mitigation map` refuses it.
  @Test func aMitigationAnsweringACompanyFrameworkIsNamed() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let mitigation = try #require(
      try registry.featureRecord("email-ai").risks.first?.mitigations.first)
    try fixture.tamper(
      "INSERT INTO mitigation_mappings (id, mitigation_id, framework, requirement, relationship, "
        + "rationale) VALUES (1, \(mitigation.id), 'iso-iec-42001', 'A.6.2.4', 'equal', 'r')")
    let forged = try Forger(registry: registry).append(
      .mitigationMap, before: nil as MitigationMapping?,
      after: MitigationMapping(
        id: 1, mitigation: mitigation.id, framework: "iso-iec-42001", requirement: "A.6.2.4",
        relationship: .equal, rationale: "r"))
    try expectNamed(registry, event: forged, "which is not a framework assessed feature by feature")
  }

  // MARK: Material changes

  @Test func aMaterialChangeThatVoidsNoApprovalIsNamedEvenWhenReverted() throws {
    let fixture = try GovernanceFixture()
    try fixture.launchEmailAI()
    let forger = Forger(fixture: fixture)
    let change = try forger.changeFeature(
      "email-ai", .featureUpdate,
      "UPDATE features SET category = 'agentic', version = version + 1 WHERE key = ?")
    try forger.changeFeature(
      "email-ai", .featureUpdate,
      "UPDATE features SET category = 'generative', version = version + 1 WHERE key = ?")
    try expectNamed(fixture.registry, event: change, "is not voided after it")
    // The same change through the command voids the approval and verifies.
    let honest = try GovernanceFixture()
    try honest.launchEmailAI()
    var agentic = FeatureChanges()
    agentic.set("category", FeatureCategory.agentic)
    try honest.registry.editFeature("email-ai", agentic)
    #expect(try honest.status("email-ai") == .inReview)
    #expect(try honest.registry.verify().isIntact)
  }

  @Test func aProviderChangeThatVoidsNoApprovalIsNamed() throws {
    let fixture = try GovernanceFixture()
    try fixture.launchEmailAI()
    let before = try fixture.registry.provider("openai")
    try fixture.tamper(
      "UPDATE providers SET kind = 'ml-platform', version = version + 1 WHERE key = 'openai'")
    let forged = try Forger(fixture: fixture).append(
      .providerUpdate, before: before, after: try fixture.registry.provider("openai"))
    try expectNamed(fixture.registry, event: forged, "is not voided after it")
  }

  @Test func aRiskRescoredWithoutVoidingTheOpenRoundIsNamed() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    let before = try #require(try fixture.registry.featureRecord("email-ai").risks.first?.risk)
    try fixture.tamper(
      "UPDATE risks SET likelihood = 1, version = version + 1 WHERE id = \(before.id)")
    let after = try #require(try fixture.registry.featureRecord("email-ai").risks.first?.risk)
    let forged = try Forger(fixture: fixture).append(.riskUpdate, before: before, after: after)
    try expectNamed(fixture.registry, event: forged, "is not voided after it")
  }

  // MARK: The incident hold

  func openSeriousIncident(_ fixture: GovernanceFixture) throws {
    var draft = IncidentDraft(
      reference: "INC-9", title: "Harmful advice sent", category: .harmfulOutput,
      severity: .critical, occurredAt: "2026-11-21", features: ["email-ai"])
    draft.seriousKind = .general
    try fixture.registry.openIncident(draft)
  }

  @Test func aMaterialChangeUnderAnIncidentHoldWithoutItsOverrideIsNamed() throws {
    let fixture = try GovernanceFixture()
    try openSeriousIncident(fixture)
    var agentic = FeatureChanges()
    agentic.set("category", FeatureCategory.agentic)
    try fixture.expectRefusal(
      .refused(.incidentHold(feature: "email-ai", reference: "INC-9", due: "2026-12-07T10:00:00Z"))
    ) { try fixture.registry.editFeature("email-ai", agentic) }
    let forged = try Forger(fixture: fixture).changeFeature(
      "email-ai", .featureUpdate,
      "UPDATE features SET category = 'agentic', version = version + 1 WHERE key = ?")
    try expectNamed(fixture.registry, event: forged, "no override of the hold follows it")
    // With the override the command records, the same change verifies.
    let honest = try GovernanceFixture()
    try openSeriousIncident(honest)
    let overriding = honest.acting(as: "tester").allowing(
      ChangeOptions(incidentHoldOverride: "the regulator asked for the fix"))
    try overriding.editFeature("email-ai", agentic)
    #expect(try honest.registry.verify().isIntact)
  }

  // MARK: Monitoring

  @Test func aResultRecordedAgainstItsPlansJudgementIsNamed() throws {
    let fixture = try GovernanceFixture()
    var draft = MonitoringPlanDraft(
      metric: "acceptance-rate", kind: .metric, cadenceDays: 30, owner: "priya")
    draft.direction = .atLeast
    draft.threshold = "0.80"
    let plan = try fixture.registry.addMonitoringPlan(featureKey: "email-ai", draft)
    let failed = try fixture.registry.recordMonitoringResult(
      featureKey: "email-ai", metric: "acceptance-rate", value: "0.41", passed: nil,
      measuredAt: nil)
    #expect(!failed.passed)
    try fixture.tamper(
      """
      INSERT INTO monitoring_results (plan_id, measured_at, value, passed, evidence, note, created_at)
      VALUES (\(plan.id), '2026-11-22T10:00:00Z', '0.41', 1, '', '', '2026-11-22T10:00:00Z')
      """)
    let id = try #require(
      try fixture.database.scalarInteger("SELECT max(id) FROM monitoring_results"))
    var passed = failed
    passed.id = id
    passed.passed = true
    let forged = try Forger(fixture: fixture).append(
      .monitoringResultRecord, before: nil, after: passed)
    try expectNamed(fixture.registry, event: forged, "is recorded as passed, but 0.41 fails")
  }

  // MARK: Decisions signed elsewhere

  final class Clock: @unchecked Sendable {
    var now = Timestamp.parse("2026-11-22T10:00:00Z")!
  }

  /// elena's legal approval of `email-ai`'s open round, signed at `signedAt`.
  func signedApproval(_ fixture: GovernanceFixture, _ registry: Registry, at signedAt: String)
    throws -> SignedDecision
  {
    var draft = try registry.acting(as: "elena").draftSignOff(
      "email-ai", discipline: .legal, decision: .approve, comment: "ok")
    draft.signedAt = signedAt
    let signature = try fixture.elenaKey.signature(for: draft.signedMessage)
    return SignedDecision(
      round: draft.roundNumber, contentHash: draft.contentHash, signedAt: signedAt,
      signature: Data(signature).base64EncodedString())
  }

  @Test func aDecisionSignedAheadOfTheClockIsRefusedAndALateOneRecordedOnArrival() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    let clock = Clock()
    let elena = Registry(database: fixture.database, actor: "elena", clock: { clock.now })
    let ahead = try signedApproval(fixture, elena, at: "2026-11-22T10:04:59Z")
    try fixture.expectRefusal(
      .refused(
        .signedAtOutOfRange(
          signedAt: "2026-11-22T10:04:59Z", now: "2026-11-22T10:00:00Z", tolerance: 300))
    ) {
      try elena.signOff(
        "email-ai", discipline: .legal, decision: .approve, comment: "ok", signed: ahead)
    }
    // Signed a minute ago: recorded now, the signing time kept in the decision.
    let late = try signedApproval(fixture, elena, at: "2026-11-22T09:59:00Z")
    let outcome = try elena.signOff(
      "email-ai", discipline: .legal, decision: .approve, comment: "ok", signed: late)
    #expect(outcome.signOff.signedAt == "2026-11-22T09:59:00Z")
    let head = try #require(try fixture.registry.auditTrail.head())
    #expect(
      try fixture.database.queryOne("SELECT at FROM audit_events WHERE seq = ?", [head.seq])?
        .text("at") == "2026-11-22T10:00:00Z")
    // Any other write goes on at the clock's time.
    try fixture.registry.openReview("churn-risk")
    #expect(try fixture.registry.verify().isIntact)
    // Sent again: recorded once, and the answer is the first's.
    clock.now = Timestamp.parse("2026-11-22T10:01:00Z")!
    let events = try fixture.database.scalarInteger("SELECT count(*) FROM audit_events")
    let again = try elena.signOff(
      "email-ai", discipline: .legal, decision: .approve, comment: "ok", signed: late)
    #expect(again.signOff.id == outcome.signOff.id)
    #expect(try fixture.database.scalarInteger("SELECT count(*) FROM audit_events") == events)
  }

  @Test func aSignedDecisionOutsideItsWindowIsNamed() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    let clock = Clock()
    let elena = Registry(database: fixture.database, actor: "elena", clock: { clock.now })
    let signed = try signedApproval(fixture, elena, at: "2026-11-22T10:00:00Z")
    try elena.signOff(
      "email-ai", discipline: .legal, decision: .approve, comment: "ok", signed: signed)
    #expect(try fixture.registry.verify().isIntact)
    // The same decision re-appended ten minutes on, as if it had just arrived.
    let forger = Forger(fixture: fixture)
    let signOff = try #require(
      try fixture.registry.signOffs(roundID: try forger.round("email-ai").id).last)
    var copy = signOff
    try fixture.database.execute(
      """
      INSERT INTO signoffs (round_id, discipline, reviewer_id, decision, comment, signed_at,
        key_fingerprint, signature)
      SELECT round_id, discipline, reviewer_id, decision, comment, signed_at, key_fingerprint,
        signature FROM signoffs WHERE id = ?
      """, [signOff.id])
    copy.id = try #require(try fixture.database.scalarInteger("SELECT max(id) FROM signoffs"))
    let forged = try forger.append(
      .signOffAdd, before: nil, after: copy, at: "2026-11-22T10:10:00Z", actor: "elena")
    try expectNamed(fixture.registry, event: forged, "not at its event's time")
  }
}
