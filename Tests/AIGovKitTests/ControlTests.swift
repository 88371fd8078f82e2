import Foundation
import Testing

@testable import AIGovKit

/// Company controls: recorded once, covering every feature in their scope; a feature that
/// contradicts a control's claim fails `check` and cannot launch, unless a reviewer of the
/// discipline that owns the gap accepts it, signed, until a day.
@Suite struct ControlTests {
  static func draft(
    _ key: String, claim: ControlClaim?, scope: [String] = [], discipline: Discipline = .product
  ) throws -> ControlDraft {
    var draft = ControlDraft(
      key: key, title: "Customers choose", kind: .technical, discipline: discipline,
      owner: "Dana Li")
    draft.status = .inPlace
    draft.claim = claim
    draft.scope = try ControlScope(terms: scope)
    draft.publicStatement = "An administrator can turn every AI feature off for the account."
    return draft
  }

  /// `email-ai` made always-on, approved, its mitigation implemented: ready to launch but for
  /// the control a test adds.
  static func approvedAlwaysOn() throws -> GovernanceFixture {
    let fixture = try GovernanceFixture()
    var alwaysOn = FeatureChanges()
    alwaysOn.set("customer_control", CustomerControl.alwaysOn)
    try fixture.registry.editFeature("email-ai", alwaysOn)
    try fixture.approve("email-ai")
    var implemented = MitigationChanges()
    implemented.set("status", MitigationStatus.implemented)
    try fixture.registry.editMitigation(1, implemented)
    return fixture
  }

  /// `email-ai` approved, its mitigation implemented, its provider keeping data 30 days: a
  /// provider-terms error between it and its launch.
  static func approvedWithARetainingProvider() throws -> GovernanceFixture {
    let fixture = try GovernanceFixture()
    var thirtyDays = ProviderChanges()
    thirtyDays.retentionDays = .some(30)
    try fixture.registry.editProvider("openai", thirtyDays)
    try fixture.approve("email-ai")
    var implemented = MitigationChanges()
    implemented.set("status", MitigationStatus.implemented)
    try fixture.registry.editMitigation(1, implemented)
    return fixture
  }

  static let contradiction =
    "is in the scope of control 'customers-choose', which claims customers-can-turn-off, but its "
    + "customer control is always-on"

  @Test func aScopeIsTermsOfKnownDimensionsWordedForReaders() throws {
    #expect(ControlScope.everyFeature.words() == "every feature")
    #expect(
      try ControlScope(terms: ["category:generative", "audience:customers"]).words()
        == "every generative feature for customers")
    #expect(
      try ControlScope(terms: ["feature:lead-match", "feature:email-ai"]).words(
        featureNames: ["email-ai": "Email AI", "lead-match": "Lead Matching"])
        == "Email AI and Lead Matching")
    #expect(
      throws: AIGovError.invalidValue(
        field: "scope", value: "colour:red",
        expected: "dimension:value, the dimension one of category, audience, serving, training, "
          + "provider-kind, feature")
    ) { try ControlScope(terms: ["colour:red"]) }
    #expect(
      throws: AIGovError.invalidValue(
        field: "scope category", value: "magic",
        expected: "one of agentic, predictive, generative, automation")
    ) { try ControlScope(terms: ["category:magic"]) }
  }

  @Test func aContradictedClaimFailsCheckAndHoldsTheLaunchUntilAnExceptionAcceptsIt() throws {
    let fixture = try Self.approvedAlwaysOn()
    let registry = fixture.registry
    try registry.addControl(
      try Self.draft(
        "customers-choose", claim: .customersCanTurnOff, scope: ["category:generative"]))
    let finding = try #require(
      try registry.check().findings.first { $0.rule == .claimContradicted })
    #expect(finding.feature == "email-ai" && finding.severity == .error)
    #expect(finding.message == Self.contradiction && finding.control == "customers-choose")
    try fixture.expectRefusal(
      .refused(
        .launchBlockedByCheck(
          feature: "email-ai", findings: ["claim-contradicted: " + Self.contradiction]))
    ) { try registry.setStatus("email-ai", to: .launched) }

    // Only a reviewer of the control's discipline accepts the gap, and never the feature's owner.
    var gap = ExceptionDraft(
      featureKey: "email-ai", control: "customers-choose", rule: nil,
      notCovered: "it runs on every reply; an administrator cannot turn it off yet",
      reason: "the switch ships in Q1", until: "2027-03-31")
    try fixture.expectRefusal(
      .refused(.disciplineNotHeld(reviewer: "tom", discipline: .product, held: [.privacy]))
    ) { try fixture.acting(as: "tom").acceptException(gap) }
    gap.discipline = .privacy
    try fixture.expectRefusal(
      .refused(
        .exceptionOwnedByAnother(
          subject: "control 'customers-choose'", owner: .product, given: .privacy))
    ) { try fixture.acting(as: "tom").acceptException(gap) }
    gap.discipline = nil
    try fixture.expectRefusal(
      .invalidValue(
        field: "until", value: "2026-11-21", expected: "a day from today (2026-11-22) on")
    ) {
      var past = gap
      past.until = "2026-11-21"
      try fixture.acting(as: "sam").acceptException(past)
    }
    let exception = try fixture.acting(as: "sam").acceptException(gap)
    #expect(exception.discipline == .product && exception.acceptedBy == "sam")

    let accepted = try #require(
      try registry.check().findings.first { $0.rule == .claimContradicted })
    #expect(accepted.severity == .warning && accepted.exception == exception.id)
    #expect(accepted.message.contains("accepted until 2027-03-31 by sam"))
    try registry.setStatus("email-ai", to: .launched)

    // The page states the commitment once, and says where it does not hold.
    let page = try registry.publicDisclosureContent()
    let commitment = try #require(page.commitments.first { $0.control == "customers-choose" })
    #expect(commitment.features == ["Email AI"] && commitment.scope == "every generative feature")
    #expect(
      commitment.exceptions == [
        .init(
          feature: "Email AI",
          what: "it runs on every reply; an administrator cannot turn it off yet")
      ])
    #expect(
      PublicDisclosure.commitmentScope(commitment, { $0 })
        == "Applies to every generative feature (Email AI), except Email AI, where it runs on "
        + "every reply; an administrator cannot turn it off yet. Backed by company control "
        + "customers-choose in our inventory.")
    #expect(try registry.verify().isIntact)

    // Past its day the exception no longer accepts anything, and check says it ended.
    let april = Registry(
      database: registry.database, actor: "lead",
      clock: { Timestamp.parse("2027-04-01T09:00:00Z")! })
    let lapsed = try #require(try april.check().findings.first { $0.rule == .claimContradicted })
    #expect(lapsed.severity == .error && lapsed.exception == nil)
    #expect(lapsed.message == Self.contradiction + "; its exception #1 ended on 2027-03-31")
  }

  @Test func aRuleExceptionSignedByLegalLetsAKnownProviderGapLaunch() throws {
    let fixture = try Self.approvedWithARetainingProvider()
    let registry = fixture.registry
    #expect(throws: AIGovError.self) { try registry.setStatus("email-ai", to: .launched) }
    // elena holds a key: she must sign with it.
    let gap = ExceptionDraft(
      featureKey: "email-ai", control: nil, rule: .providerTerms,
      notCovered: "OpenAI keeps prompts 30 days for abuse monitoring",
      reason: "zero retention is agreed from 2027-02-01", until: "2027-01-31")
    try fixture.expectRefusal(
      .refused(
        .signatureRequired(reviewer: "elena", fingerprint: fixture.elenaKey.publicKey.fingerprint))
    ) { try fixture.acting(as: "elena").acceptException(gap) }
    let exception = try fixture.acting(as: "elena").acceptException(gap, key: fixture.elenaKey)
    let signature = try #require(exception.signature.flatMap { Data(base64Encoded: $0) })
    #expect(
      fixture.elenaKey.publicKey.isValidSignature(Array(signature), for: exception.signedMessage))
    try registry.setStatus("email-ai", to: .launched)
    #expect(try registry.feature("email-ai").status == .launched)
    let verified = try registry.verify()
    #expect(verified.isIntact, "\(verified.problems)")
  }

  @Test func anExceptionForAFeatureTheControlDoesNotCoverIsRefused() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.addControl(
      try Self.draft("customers-choose", claim: .customersCanTurnOff, scope: ["feature:churn-risk"])
    )
    try fixture.expectRefusal(
      .refused(.featureOutsideScope(feature: "email-ai", control: "customers-choose"))
    ) {
      try fixture.acting(as: "sam").acceptException(
        ExceptionDraft(
          featureKey: "email-ai", control: "customers-choose", rule: nil, notCovered: "x",
          reason: "y", until: "2027-01-01"))
    }
    try fixture.expectRefusal(.notFound(entity: "feature", key: "nowhere")) {
      try fixture.registry.addControl(
        try Self.draft("named", claim: nil, scope: ["feature:nowhere"]))
    }
    try fixture.expectRefusal(.duplicate(entity: "control", key: "customers-choose")) {
      try fixture.registry.addControl(try Self.draft("customers-choose", claim: nil))
    }
  }

  @Test func controlsAndExceptionsAreReconciledAndAForgedExceptionIsNamed() throws {
    let fixture = try Self.approvedAlwaysOn()
    let registry = fixture.registry
    try registry.addControl(
      try Self.draft(
        "customers-choose", claim: .customersCanTurnOff, scope: ["category:generative"],
        discipline: .legal))
    var scope = ControlChanges()
    scope.set("owner", "Jordan Ma")
    try registry.editControl(
      "customers-choose", scope, scope: try ControlScope(terms: ["audience:customers"]))
    #expect(try registry.control("customers-choose").scope.terms == ["audience:customers"])
    #expect(try registry.verify().isIntact)

    // A row changed behind aigov's back is named against the trail.
    try fixture.tamper("UPDATE controls SET status = 'planned' WHERE key = 'customers-choose'")
    let tampered = try registry.verify()
    #expect(
      tampered.recordProblems.contains { $0.entity == .control && $0.key == "customers-choose" })
    try fixture.tamper("UPDATE controls SET status = 'in-place' WHERE key = 'customers-choose'")

    // An exception written with sqlite3 and a correctly chained event, in elena's name but not
    // signed by her key, is named by the replay.
    let forger = Forger(fixture: fixture)
    try fixture.tamper(
      """
      INSERT INTO control_exceptions (feature_id, control_id, rule, not_covered, reason,
        discipline, reviewer_id, accepted_at, until, key_fingerprint, signature)
      VALUES ((SELECT id FROM features WHERE key = 'email-ai'),
        (SELECT id FROM controls WHERE key = 'customers-choose'), NULL, 'everything', 'because',
        'legal', (SELECT id FROM reviewers WHERE handle = 'elena'), '2026-11-22T10:00:00Z',
        '2099-12-31', NULL, NULL)
      """)
    let forged = try #require(try registry.exceptions(featureKey: "email-ai").last)
    let seq = try forger.append(.exceptionAccept, before: nil, after: forged, actor: "elena")
    #expect(try registry.check().findings.first { $0.rule == .claimContradicted }?.exception != nil)
    try expectNamed(registry, event: seq, "breaks a rule")
    #expect(throws: (any Error).self) {
      try fixture.tamper("UPDATE control_exceptions SET until = '2100-01-01'")
    }
  }

  /// The README's table of claims is the list, each with its summary.
  @Test func theReadmeListsEveryClaimWithWhatItPromises() throws {
    let readme = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../README.md"), encoding: .utf8)
    for claim in ControlClaim.allCases {
      #expect(readme.contains("| `\(claim.rawValue)` | \(claim.summary) |"), "\(claim.rawValue)")
    }
  }

  /// A control's words and an exception's reach the page only escaped for its format, and a
  /// terminal-driving character never reaches the database.
  @Test func hostileWordsAreEscapedOnThePage() throws {
    let fixture = try Self.approvedAlwaysOn()
    let registry = fixture.registry
    var hostile = try Self.draft(
      "customers-choose", claim: .customersCanTurnOff, scope: ["category:generative"])
    hostile.publicStatement = "<script>alert(1)</script> | =cmd\nsecond line"
    try registry.addControl(hostile)
    try fixture.expectRefusal(
      .invalidText(
        field: "control title", excerpt: "A‹U+202E›B",
        problem: "holds a bidirectional formatting character (U+202E) at character 2; "
          + TextField.controlTitle.ruleText)
    ) {
      var reversed = try Self.draft("reversed", claim: nil)
      reversed.title = "A\u{202E}B"
      try registry.addControl(reversed)
    }
    try fixture.acting(as: "sam").acceptException(
      ExceptionDraft(
        featureKey: "email-ai", control: "customers-choose", rule: nil,
        notCovered: "<img src=x onerror=alert(1)> | pipes", reason: "r", until: "2027-01-01"))
    try registry.setStatus("email-ai", to: .launched)
    let page = try registry.publicDisclosureContent()
    let html = PublicDisclosureHTML().render(page)
    #expect(!html.contains("<script>") && !html.contains("<img"))
    #expect(html.contains("&lt;script&gt;") && html.contains("&lt;img src=x"))
    let markdown = PublicDisclosureMarkdown().render(page)
    #expect(!markdown.contains("<script>"))
    #expect(markdown.contains("\\<img src=x onerror=alert(1)\\>"), "\(markdown)")
    #expect(markdown.contains("\\| pipes"), "\(markdown)")
  }

  /// A launch written with sqlite3 past the gate (a contradicted claim, no exception) is named
  /// by the replay, with the rule it broke.
  /// A mitigation that is a company control lowers its risk only while the control is in place,
  /// covers the feature and has no exception for it: otherwise `check` fails, the launch holds,
  /// and a launch forged past that is named by the replay.
  @Test func aMitigationThatIsAControlHoldsOnlyWhileTheControlCoversTheFeature() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    try fixture.approve("email-ai")
    try registry.addControl(
      try Self.draft("reviewed-drafts", claim: nil, scope: ["category:predictive"]))
    var measure = MitigationDraft(title: "Reviewed drafts", kind: .process, owner: "Dana Li")
    measure.status = .implemented
    measure.control = "reviewed-drafts"
    let mitigation = try registry.addMitigation(riskID: 1, measure)
    #expect(try registry.mitigation(mitigation.id).control == "reviewed-drafts")
    func finding() throws -> Finding? {
      try registry.check().findings.first { $0.rule == .controlMitigation }
    }
    let prefix =
      "mitigation #\(mitigation.id) of risk #1 is implemented as control 'reviewed-drafts', "
    let outOfScope = try #require(try finding())
    #expect(outOfScope.feature == "email-ai" && outOfScope.severity == .error)
    #expect(outOfScope.message == prefix + "whose scope does not cover it")
    #expect(
      outOfScope.remedies.map(\.action) == [
        .planMitigation(mitigation.id), .addMitigation(risk: 1),
      ])
    try fixture.expectRefusal(
      .refused(
        .launchBlockedByCheck(
          feature: "email-ai", findings: ["control-mitigation: " + outOfScope.message]))
    ) { try registry.setStatus("email-ai", to: .launched) }
    let forged = try Forger(fixture: fixture).changeFeature(
      "email-ai", .featureSetStatus,
      "UPDATE features SET status = 'launched', version = version + 1 WHERE key = ?")
    try expectNamed(
      registry, event: forged,
      "feature 'email-ai' cannot launch while check finds control-mitigation: "
        + outOfScope.message)
  }

  /// The control's status and its exceptions count as its scope does; a control that covers the
  /// feature clears the finding, and a mitigation that names no control is refused.
  @Test func aMitigationFollowsItsControlsStatusAndExceptions() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    var planned = try Self.draft("reviewed-drafts", claim: nil, scope: ["category:generative"])
    planned.status = .planned
    try registry.addControl(planned)
    var measure = MitigationDraft(title: "Reviewed drafts", kind: .process, owner: "Dana Li")
    measure.status = .verified
    measure.control = "reviewed-drafts"
    let mitigation = try registry.addMitigation(riskID: 1, measure)
    func message() throws -> String? {
      try registry.check().findings.first { $0.rule == .controlMitigation }?.message
    }
    let prefix =
      "mitigation #\(mitigation.id) of risk #1 is verified as control 'reviewed-drafts', "
    #expect(try message() == prefix + "which is planned")
    var inPlace = ControlChanges()
    inPlace.set("status", ControlStatus.inPlace)
    try registry.editControl("reviewed-drafts", inPlace)
    #expect(try message() == nil)
    try fixture.acting(as: "sam").acceptException(
      ExceptionDraft(
        featureKey: "email-ai", control: "reviewed-drafts", rule: nil,
        notCovered: "drafts go out unreviewed", reason: "a pilot", until: "2027-01-31"))
    #expect(try message() == prefix + "which exception #1 takes it out of until 2027-01-31")
    var unlinked = MitigationChanges()
    unlinked.set("control", "")
    try registry.editMitigation(mitigation.id, unlinked)
    #expect(try registry.mitigation(mitigation.id).control == nil && (try message()) == nil)
    #expect(try registry.verify().isIntact)

    var nowhere = MitigationChanges()
    nowhere.set("control", "nowhere")
    try fixture.expectRefusal(.notFound(entity: "control", key: "nowhere")) {
      try registry.editMitigation(mitigation.id, nowhere)
    }
    measure.control = "nowhere"
    try fixture.expectRefusal(.notFound(entity: "control", key: "nowhere")) {
      try registry.addMitigation(riskID: 1, measure)
    }
  }

  @Test func aLaunchForgedPastTheGateIsNamedByTheReplay() throws {
    let fixture = try Self.approvedAlwaysOn()
    let registry = fixture.registry
    try registry.addControl(
      try Self.draft(
        "customers-choose", claim: .customersCanTurnOff, scope: ["category:generative"]))
    let seq = try Forger(fixture: fixture).changeFeature(
      "email-ai", .featureSetStatus,
      "UPDATE features SET status = 'launched', version = version + 1 WHERE key = ?")
    try expectNamed(
      registry, event: seq,
      "feature 'email-ai' cannot launch while check finds claim-contradicted: "
        + Self.contradiction)
  }

  /// The gate a launch passed is the one in force at its moment: `check.launch-gate approval`
  /// launches a known gap, and the replay judges it by that gate, not today's.
  @Test func theReplayJudgesALaunchByTheGateInForceThen() throws {
    let fixture = try Self.approvedWithARetainingProvider()
    let registry = fixture.registry
    try registry.changeSetting(.launchGate, to: SettingName.launchGateApproval)
    try registry.setStatus("email-ai", to: .launched)
    try registry.changeSetting(.launchGate, to: SettingName.launchGateCheck)
    let verified = try registry.verify()
    #expect(verified.isIntact, "\(verified.problems)")
    #expect(
      throws: AIGovError.invalidValue(
        field: "check.launch-gate", value: "off", expected: "one of check, approval")
    ) { try registry.changeSetting(.launchGate, to: "off") }
  }
}
