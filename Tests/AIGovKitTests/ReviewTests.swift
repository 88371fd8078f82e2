import Foundation
import Testing

@testable import AIGovKit

@Suite struct ReviewTests {
  let fixture: GovernanceFixture
  var registry: Registry { fixture.registry }

  init() throws {
    fixture = try GovernanceFixture()
  }

  @Test func aFeatureGoesFromProposedToLaunchedOnlyThroughTheFullReview() throws {
    #expect(try fixture.status("email-ai") == .proposed)
    let round = try registry.openReview("email-ai")
    #expect(round.number == 1 && round.kind == .initial && round.status == .open)
    #expect(round.requiredDisciplines == Discipline.allCases)
    #expect(try fixture.status("email-ai") == .inReview)

    for (handle, _) in GovernanceFixture.reviewers.dropLast() {
      let outcome = try fixture.sign("email-ai", as: handle)
      #expect(outcome.round.status == .open)
      #expect(try fixture.status("email-ai") == .inReview)
    }
    let last = try fixture.sign("email-ai", as: "aisha")
    #expect(last.round.status == .approved && last.missing.isEmpty)
    #expect(last.featureStatus == .approved)
    #expect(try registry.feature("email-ai").lastReviewedAt == "2026-11-22T10:00:00Z")

    // The high risk's only mitigation is planned: launching is refused, naming the risk.
    try fixture.expectRefusal(
      .refused(.launchBlockedByRisks(feature: "email-ai", risks: [try registry.risk(1)]))
    ) { try registry.setStatus("email-ai", to: .launched) }
    #expect(
      AIGovError.refused(.launchBlockedByRisks(feature: "email-ai", risks: [try registry.risk(1)]))
        .description
        == "feature 'email-ai' cannot launch: 1 high or critical risk has no implemented or "
        + "verified mitigation: #1 'Hallucinated offers' (high)")
    var implemented = MitigationChanges()
    implemented.set("status", MitigationStatus.implemented)
    try registry.editMitigation(1, implemented)
    #expect(try registry.setStatus("email-ai", to: .launched).status == .launched)
    let actions = try registry.auditTrail.events().map(\.action)
    #expect(actions.filter { $0 == "signoff.add" }.count == 5)
    #expect(actions.contains("review.approve") && actions.last == "feature.set-status")
  }

  @Test func approvedAndInReviewAreReachedOnlyThroughRounds() throws {
    for (status, fragment) in [
      (FeatureStatus.approved, "a feature is approved only by a review round"),
      (.inReview, "a feature enters in-review when a review round is opened"),
      (.proposed, "a feature returns to proposed only when a review rejects it"),
    ] {
      let before = try snapshot(fixture.database)
      let error = #expect(throws: AIGovError.self) {
        try registry.setStatus("email-ai", to: status)
      }
      #expect(String(describing: error).contains(fragment))
      #expect(try snapshot(fixture.database) == before)
    }
    try fixture.expectRefusal(
      .refused(.launchNeedsApproval(feature: "email-ai", status: .proposed))
    ) { try registry.setStatus("email-ai", to: .launched) }
  }

  @Test func whoMaySignIsEnforced() throws {
    try registry.openReview("email-ai")
    try fixture.expectRefusal(
      .refused(.notAReviewer(actor: "mallory"))
    ) {
      try fixture.acting(as: "mallory").signOff("email-ai", discipline: .legal, decision: .approve)
    }
    try fixture.expectRefusal(
      .refused(.disciplineNotHeld(reviewer: "tom", discipline: .security, held: [.privacy]))
    ) {
      try fixture.acting(as: "tom").signOff("email-ai", discipline: .security, decision: .approve)
    }
    // priya owns email-ai; the owner named by name or email is the same person.
    try fixture.expectRefusal(
      .refused(.ownerCannotSign(reviewer: "priya", feature: "email-ai"))
    ) { try fixture.sign("email-ai", as: "priya") }
    var owner = FeatureChanges()
    owner.set("owner", "Priya Raman")
    try registry.editFeature("email-ai", owner)
    #expect(throws: AIGovError.self) { try fixture.sign("email-ai", as: "priya") }
    try fixture.expectRefusal(
      .commentRequired(.reject)
    ) { try fixture.sign("email-ai", as: "tom", .reject, comment: "  ") }
  }

  @Test func signingNeedsAnOpenRoundAndARequiredDiscipline() throws {
    try fixture.expectRefusal(
      .refused(.noOpenRound(feature: "email-ai"))
    ) { try fixture.sign("email-ai", as: "tom") }
    try registry.changeSetting(.requiredDisciplines, to: "legal, privacy")
    try registry.openReview("email-ai")
    try fixture.expectRefusal(
      .refused(
        .disciplineNotRequired(
          discipline: .security, feature: "email-ai", round: 1, required: [.legal, .privacy]))
    ) { try fixture.sign("email-ai", as: "aisha") }
    try fixture.expectRefusal(
      .refused(
        .roundAlreadyOpen(
          feature: "email-ai", round: 1, openedAt: "2026-11-22T10:00:00Z", openedBy: "tester"))
    ) { try registry.openReview("email-ai") }
    // The round keeps the two disciplines it was opened with, whatever the settings say later.
    try registry.changeSetting(
      .requiredDisciplines, to: Discipline.allCases.map(\.rawValue).joined(separator: ","))
    try fixture.sign("email-ai", as: "elena")
    #expect(try fixture.sign("email-ai", as: "tom").round.status == .approved)
  }

  @Test func aRegisteredKeyMustSignEveryDecision() throws {
    try registry.openReview("email-ai")
    let elena = fixture.acting(as: "elena")
    try fixture.expectRefusal(
      .refused(
        .signatureRequired(reviewer: "elena", fingerprint: fixture.elenaKey.publicKey.fingerprint))
    ) { try elena.signOff("email-ai", discipline: nil, decision: .approve) }
    let stranger = SigningKey()
    try fixture.expectRefusal(
      .refused(
        .wrongSigningKey(
          reviewer: "elena", given: stranger.publicKey.fingerprint,
          registered: fixture.elenaKey.publicKey.fingerprint))
    ) { try elena.signOff("email-ai", discipline: nil, decision: .approve, key: stranger) }
    try fixture.expectRefusal(
      .refused(.noRegisteredKey(reviewer: "tom"))
    ) {
      try fixture.acting(as: "tom").signOff(
        "email-ai", discipline: nil, decision: .approve, key: stranger)
    }
    let signed = try fixture.sign("email-ai", as: "elena").signOff
    #expect(signed.keyFingerprint == fixture.elenaKey.publicKey.fingerprint)
    let signature = try #require(signed.signature.flatMap { Data(base64Encoded: $0) })
    #expect(
      fixture.elenaKey.publicKey.isValidSignature(Array(signature), for: signed.signedMessage))
    let message = String(decoding: signed.signedMessage, as: UTF8.self)
    for field in [
      #""feature":"email-ai""#, #""round":1"#, #""discipline":"legal""#, #""decision":"approve""#,
      #""reviewer":"elena""#, #""signed_at":"2026-11-22T10:00:00Z""#, #""comment":"ok""#,
      #""content_hash":"\#(signed.contentHash)""#,
    ] {
      #expect(message.contains(field), "\(message)")
    }
  }

  @Test func aRejectionClosesTheRoundAndSendsTheFeatureBack() throws {
    try registry.openReview("email-ai")
    try fixture.sign("email-ai", as: "sam")
    let outcome = try fixture.sign("email-ai", as: "elena", .reject, comment: "no IP review")
    #expect(outcome.round.status == .rejected)
    #expect(outcome.featureStatus == .proposed)
    #expect(try registry.feature("email-ai").statusReason == "rejected by legal (elena) in round 1")
    try fixture.expectRefusal(
      .refused(.noOpenRound(feature: "email-ai"))
    ) { try fixture.sign("email-ai", as: "tom") }
    #expect(try registry.openReview("email-ai").number == 2)
  }

  @Test func changesRequestedKeepsTheRoundOpenUntilALaterDecisionReplacesIt() throws {
    try registry.openReview("email-ai")
    for handle in ["sam", "marcus", "elena", "aisha"] { try fixture.sign("email-ai", as: handle) }
    let requested = try fixture.sign(
      "email-ai", as: "tom", .changesRequested, comment: "retention?")
    #expect(requested.round.status == .open && requested.missing == [.privacy])
    let approved = try fixture.sign("email-ai", as: "tom")
    #expect(approved.round.status == .approved)
    // Both decisions stay on record; the later one decided.
    let signOffs = try registry.review("email-ai").rounds[0].signOffs
    #expect(
      signOffs.filter { $0.discipline == .privacy }.map(\.decision) == [
        .changesRequested, .approve,
      ])
  }

  @Test func aPeriodicReviewKeepsALaunchedFeatureLaunched() throws {
    try fixture.launchEmailAI()
    let round = try registry.openReview("email-ai")
    #expect(round.kind == .periodic && round.number == 2)
    #expect(try fixture.status("email-ai") == .launched)
    try fixture.sign("email-ai", as: "sam")
    #expect(try fixture.status("email-ai") == .launched)
    for handle in ["marcus", "elena", "tom", "aisha"] { try fixture.sign("email-ai", as: handle) }
    #expect(try fixture.status("email-ai") == .launched)
    #expect(try registry.review("email-ai").approvalInForce == 2)
  }

  @Test func aRejectedPeriodicReviewSuspendsTheFeature() throws {
    try fixture.launchEmailAI()
    try registry.openReview("email-ai")
    let outcome = try fixture.sign("email-ai", as: "aisha", .reject, comment: "new jailbreaks")
    #expect(outcome.featureStatus == .suspended)
    #expect(
      try registry.feature("email-ai").statusReason
        == "rejected by security (aisha) in round 2, a periodic review")
    // The rejection is the latest decision: there is no approval to resume on.
    try fixture.expectRefusal(
      .refused(.noApprovalInForce(feature: "email-ai"))
    ) { try registry.setStatus("email-ai", to: .launched) }
  }

  @Test func aSuspendedFeatureResumesOnlyWhileItsApprovalIsInForce() throws {
    try fixture.launchEmailAI()
    try registry.openReview("email-ai")
    try registry.setStatus("email-ai", to: .suspended, reason: "incident")
    #expect(try fixture.rounds("email-ai").last?.status == .withdrawn)
    #expect(try registry.feature("email-ai").statusReason == "incident")
    #expect(try registry.setStatus("email-ai", to: .launched).status == .launched)
    try registry.setStatus("email-ai", to: .suspended)
    var change = FeatureChanges()
    change.set("purpose", "Draft and send emails")
    try registry.editFeature("email-ai", change)
    #expect(try fixture.status("email-ai") == .suspended)
    #expect(try fixture.rounds("email-ai").map(\.status) == [.voided, .withdrawn])
    #expect(throws: AIGovError.self) { try registry.setStatus("email-ai", to: .launched) }
  }

  @Test func retiredIsFinal() throws {
    try registry.openReview("email-ai")
    try registry.setStatus("email-ai", to: .retired, reason: "replaced")
    #expect(try fixture.rounds("email-ai").map(\.status) == [.withdrawn])
    try fixture.expectRefusal(
      .refused(.retiredStaysRetired(feature: "email-ai"))
    ) { try registry.setStatus("email-ai", to: .suspended) }
    try fixture.expectRefusal(
      .refused(.retiredIsNotReviewed(feature: "email-ai"))
    ) { try registry.openReview("email-ai") }
  }

  @Test func settingsAreValidatedAndAudited() throws {
    #expect(try registry.governanceSettings().minAggregationSize == 50)
    let edit = try registry.changeSetting(.requiredDisciplines, to: "security,product, legal")
    #expect(edit.after.value == "product,legal,security")
    #expect(try registry.governanceSettings().requiredDisciplines == [.product, .legal, .security])
    #expect(try registry.auditTrail.events().last?.action == "setting.update")
    for (name, value) in [
      (SettingName.requiredDisciplines, "legal,finance"), (.requiredDisciplines, ""),
      (.minAggregationSize, "1"), (.minAggregationSize, "many"), (.reviewGraceDays, "-1"),
    ] {
      let before = try snapshot(fixture.database)
      #expect(throws: AIGovError.self) { try registry.changeSetting(name, to: value) }
      #expect(try snapshot(fixture.database) == before)
    }
    let unchanged = try registry.changeSetting(.minAggregationSize, to: "50")
    #expect(!unchanged.changed)
  }

  @Test func keysRotateAndOldSignaturesStillVerify() throws {
    try registry.openReview("email-ai")
    try fixture.sign("email-ai", as: "elena")
    let newKey = SigningKey()
    var changes = ReviewerChanges()
    changes.publicKey = newKey.publicKey
    changes.endorsement = try KeyEndorsement(
      KeyStatement(
        reviewer: "elena", newKey: newKey.publicKey.fingerprint,
        replacedKey: fixture.elenaKey.publicKey.fingerprint), signedWith: fixture.elenaKey)
    let later = Registry(
      database: fixture.database, actor: "tester",
      clock: { Timestamp.parse("2026-11-23T10:00:00Z")! })
    let edit = try later.editReviewer("elena", changes)
    #expect(edit.after.keys.count == 2)
    #expect(edit.after.keys[0].retiredAt == "2026-11-23T10:00:00Z")
    #expect(edit.after.keyInForce?.fingerprint == newKey.publicKey.fingerprint)
    #expect(try registry.verify().isIntact)
    var again = ReviewerChanges()
    again.publicKey = newKey.publicKey
    #expect(throws: AIGovError.self) {
      try later.editReviewer("marcus", again)
    }
  }

  @Test func keysRoundTripThroughPEM() throws {
    let key = SigningKey()
    let read = try SigningKey(pem: key.pem)
    #expect(read.publicKey == key.publicKey)
    #expect(try ReviewerPublicKey(pem: key.publicKey.pem) == key.publicKey)
    #expect(key.pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    #expect(key.publicKey.pem.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
    #expect(throws: SigningKeyError.notAPrivateKey) { try SigningKey(pem: key.publicKey.pem) }
    #expect(throws: SigningKeyError.notAPublicKey) { try ReviewerPublicKey(pem: "hello") }
    // A P-256 key in the right wrapper is still not Ed25519.
    let p256 = """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE3NHOQtzAUdV38I1DiL33D+2MQKxs
      eGaUbZLCoNheff6YKadD7+eFS1Q6znskpaM0aMIAzitM7D44BEiOGEzCMg==
      -----END PUBLIC KEY-----
      """
    #expect(throws: SigningKeyError.notEd25519) { try ReviewerPublicKey(pem: p256) }
  }
}
