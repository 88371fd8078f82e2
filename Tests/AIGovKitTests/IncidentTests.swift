import Foundation
import Testing

@testable import AIGovKit

/// Incidents: opened on features, updated with their reports, closed with a cause and a
/// corrective action, audited, and holding their features still while a serious one is
/// unreported.
@Suite struct IncidentTests {
  /// `email-ai` launched; the registry's clock stands at 2026-11-22T10:00:00Z.
  static func launched() throws -> GovernanceFixture {
    let fixture = try GovernanceFixture()
    try fixture.launchEmailAI()
    return fixture
  }

  static func draft(_ reference: String = "INC-2291") -> IncidentDraft {
    var draft = IncidentDraft(
      reference: reference, title: "Instructions hidden in an email were followed",
      category: .promptInjection, severity: .high, occurredAt: "2026-11-20T08:00:00Z",
      features: ["email-ai"])
    draft.awareAt = "2026-11-21T09:00:00Z"
    draft.risks = [1]
    draft.customerImpact = "One account's draft quoted another thread."
    return draft
  }

  /// The same database at another time.
  static func at(_ fixture: GovernanceFixture, _ time: String, as actor: String = "dana")
    -> Registry
  {
    let date = Timestamp.parse(time)!
    return Registry(database: fixture.database, actor: actor, clock: { date })
  }

  @Test func openUpdateAndCloseAreAuditedAndVerify() throws {
    let fixture = try Self.launched()
    let opened = try fixture.registry.openIncident(Self.draft())
    #expect(opened.features == ["email-ai"] && opened.risks == [1] && opened.status == .open)
    #expect(opened.deadlines.isEmpty)
    let updated = try fixture.registry.updateIncident("INC-2291") {
      $0.severity = .critical
      $0.seriousKind = .general
      $0.authorityReportedAt = "2026-11-22"
    }
    #expect(updated.version == 2 && updated.severity == .critical)
    #expect(
      updated.deadlines == [
        ReportingDeadline(
          regime: .euAIActSeriousIncident, due: Timestamp.parse("2026-12-06T09:00:00Z")!,
          reportedAt: Timestamp.parse("2026-11-22T00:00:00Z")!)
      ])
    // An edit that changes nothing records nothing.
    let events = try fixture.registry.auditTrail.events(AuditFilter(entity: "incident")).count
    try fixture.registry.updateIncident("INC-2291") { $0.severity = .critical }
    #expect(try fixture.registry.auditTrail.events(AuditFilter(entity: "incident")).count == events)
    let closed = try fixture.registry.closeIncident(
      "INC-2291", cause: "Tool output was trusted as instructions.",
      correctiveAction: "Mitigation 3: tool output is quoted, never obeyed.")
    #expect(closed.status == .closed && closed.closedAt == "2026-11-22T10:00:00Z")
    #expect(
      try fixture.registry.auditTrail.events(AuditFilter(entity: "incident")).map(\.action) == [
        "incident.open", "incident.update", "incident.close",
      ])
    #expect(try fixture.registry.incidents(featureKey: "email-ai") == [closed])
    #expect(try fixture.registry.incidents(featureKey: "churn-risk").isEmpty)
    let verification = try fixture.registry.verify()
    #expect(verification.isIntact, "\(verification.problems)")
  }

  @Test func wrongValuesAreRefusedAndChangeNothing() throws {
    let fixture = try Self.launched()
    try fixture.registry.openIncident(Self.draft("INC-1"))
    var drafts: [IncidentDraft] = []
    func refused(_ change: (inout IncidentDraft) -> Void) {
      var draft = Self.draft()
      change(&draft)
      drafts.append(draft)
    }
    refused { $0.reference = "INC 2291" }
    refused { $0.reference = "INC-1" }  // exists
    refused { $0.title = " " }
    refused { $0.title = "\u{1B}[2J" }
    refused { $0.occurredAt = "2026-11-21T10:00:00Z" }  // after awareness
    refused { $0.awareAt = "2026-11-23" }  // after now
    refused { $0.occurredAt = "last week" }
    refused { $0.features = [] }
    refused { $0.features = ["no-such-feature"] }
    refused { $0.risks = [99] }
    refused { $0.features = ["churn-risk"] }  // risk 1 is email-ai's
    let before = try snapshot(fixture.database)
    for draft in drafts {
      #expect(throws: AIGovError.self, "\(draft)") { try fixture.registry.openIncident(draft) }
    }
    #expect(throws: AIGovError.self) {
      try fixture.registry.updateIncident("INC-1") { $0.authorityReportedAt = "2026-11-22" }
    }  // not a serious incident
    #expect(throws: AIGovError.self) {
      try fixture.registry.updateIncident("INC-1") { $0.breachReportedAt = "2026-11-22" }
    }  // not a breach
    #expect(throws: AIGovError.self) {
      try fixture.registry.closeIncident("INC-1", cause: "", correctiveAction: "x")
    }
    #expect(throws: AIGovError.notFound(entity: "incident", key: "INC-9")) {
      try fixture.registry.closeIncident("INC-9", cause: "x", correctiveAction: "x")
    }
    try fixture.registry.updateIncident("INC-1") { $0.personalDataBreach = true }
    let owed = try snapshot(fixture.database)
    #expect(
      throws: AIGovError.refused(
        .incidentReportOwed(
          reference: "INC-1", regime: "gdpr-art-33", due: "2026-11-24T09:00:00Z"))
    ) {
      try fixture.registry.closeIncident("INC-1", cause: "x", correctiveAction: "y")
    }
    #expect(try snapshot(fixture.database) == owed)
    try fixture.registry.updateIncident("INC-1") { $0.breachReportedAt = "2026-11-22T08:00:00Z" }
    try fixture.registry.closeIncident("INC-1", cause: "x", correctiveAction: "y")
    let closed = try snapshot(fixture.database)
    #expect(throws: AIGovError.refused(.incidentClosed(reference: "INC-1"))) {
      try fixture.registry.updateIncident("INC-1") { $0.title = "again" }
    }
    #expect(try snapshot(fixture.database) == closed)
    #expect(before != closed)
  }

  @Test func anUnreportedSeriousIncidentHoldsItsFeaturesUntilReportedOrOverridden() throws {
    let fixture = try Self.launched()
    var draft = Self.draft()
    draft.seriousKind = .widespread
    try fixture.registry.openIncident(draft)
    var changes = FeatureChanges()
    changes.set("purpose", "Draft emails, and summarise threads")
    try fixture.expectRefusal(
      .refused(
        .incidentHold(feature: "email-ai", reference: "INC-2291", due: "2026-11-23T09:00:00Z"))
    ) {
      _ = try fixture.registry.editFeature("email-ai", changes)
    }
    // A change that is not material (the name) is not held.
    var rename = FeatureChanges()
    rename.set("name", "Email drafting")
    _ = try fixture.registry.editFeature("email-ai", rename)
    // Made anyway, with the reason recorded on the incident, after the change's event.
    let atEleven = Self.at(fixture, "2026-11-22T11:00:00Z")
    _ = try atEleven.changing(
      despiteIncident: "legal asked to switch the summariser off at once"
    ) { try $0.editFeature("email-ai", changes) }
    // The reason was given for that change only: the next one is held again.
    var again = changes
    again.set("purpose", "Draft emails, and summarise long threads")
    try fixture.expectRefusal(
      .refused(
        .incidentHold(feature: "email-ai", reference: "INC-2291", due: "2026-11-23T09:00:00Z"))
    ) {
      _ = try atEleven.editFeature("email-ai", again)
    }
    let incident = try fixture.registry.incident("INC-2291")
    #expect(incident.holdOverride?.hasPrefix("legal asked to switch") == true)
    let actions = try fixture.registry.auditTrail.events(AuditFilter()).map(\.action)
    let change = try #require(actions.lastIndex(of: "feature.update"))
    #expect(actions[change + 1] == "incident.hold-override")
    // Once reported, nothing holds.
    try Self.at(fixture, "2026-11-22T11:30:00Z").updateIncident("INC-2291") {
      $0.authorityReportedAt = "2026-11-22"
    }
    changes.set("purpose", "Draft emails")
    _ = try Self.at(fixture, "2026-11-22T12:00:00Z").editFeature("email-ai", changes)
    #expect(try fixture.registry.verify().isIntact)
  }

  @Test func checkNamesAnOverdueReportAndALaunchedFeatureLeftWithASevereIncident() throws {
    let fixture = try Self.launched()
    var draft = Self.draft()
    draft.personalDataBreach = true
    draft.awareAt = "2026-11-22T11:00:00Z"
    try Self.at(fixture, "2026-11-22T11:00:00Z").openIncident(draft)
    func findings(at time: String, _ rule: CheckRule) throws -> [Finding] {
      try Self.at(fixture, time).check().findings.filter { $0.rule == rule }
    }
    let undecided = try findings(at: "2026-11-22T11:00:00Z", .incidentOpen)
    #expect(undecided.map(\.severity) == [.error])
    #expect(undecided.first?.message.contains("no decision followed") == true)
    #expect(try findings(at: "2026-11-25T11:00:00Z", .incidentReportOverdue).isEmpty)
    let overdue = try findings(at: "2026-11-25T11:00:01Z", .incidentReportOverdue)
    #expect(
      overdue.map(\.message) == [
        "incident INC-2291's gdpr-art-33 report was due 2026-11-25T11:00:00Z and is not recorded "
          + "as made"
      ])
    #expect(overdue.first?.severity == .error)
    // A review round opened since awareness is the decision: a warning while it stays open.
    try Self.at(fixture, "2026-11-25T12:00:00Z").openReview("email-ai")
    #expect(try findings(at: "2026-11-25T12:00:00Z", .incidentOpen).map(\.severity) == [.warning])
    // Suspended: no longer launched, nothing to decide.
    try Self.at(fixture, "2026-11-25T13:00:00Z").setStatus(
      "email-ai", to: .suspended, reason: "INC-2291")
    #expect(try findings(at: "2026-11-25T13:00:00Z", .incidentOpen).isEmpty)
    // A low incident asks no decision.
    var minor = Self.draft("INC-2")
    minor.severity = .low
    minor.risks = []
    minor.features = ["churn-risk"]
    try Self.at(fixture, "2026-11-25T13:00:00Z").openIncident(minor)
    #expect(try findings(at: "2026-11-25T13:00:00Z", .incidentOpen).isEmpty)
  }

  @Test(arguments: ExchangeFormat.allCases)
  func incidentsSurviveAnExportAndARestore(_ format: ExchangeFormat) throws {
    let fixture = try Self.launched()
    var draft = Self.draft()
    draft.summary = "<script>alert(1)</script>\n=cmd|' /C calc'!A0"
    draft.seriousKind = .death
    try fixture.registry.openIncident(draft)
    try fixture.registry.updateIncident("INC-2291") { $0.authorityReportedAt = "2026-11-22" }
    try fixture.registry.closeIncident("INC-2291", cause: "a | b", correctiveAction: "c\nd")
    let folder = fixture.directory.path("export")
    try fixture.registry.export(to: URL(fileURLWithPath: folder), format: format, toolVersion: "1")
    let restored = try makeRegistry(in: fixture.directory, name: "restored.sqlite")
    _ = try restored.importExport(from: folder)
    #expect(try restored.verify().isIntact)
    #expect(try restored.incidents() == fixture.registry.incidents())
    #expect(try snapshot(restored.database) == snapshot(fixture.database))
  }

  @Test func aRowChangedOrALinkRemovedBehindAigovsBackIsNamed() throws {
    let fixture = try Self.launched()
    try fixture.registry.openIncident(Self.draft())
    let database = try Database(path: fixture.registry.path, mode: .existing)
    try database.execute("UPDATE incidents SET severity = 'low'")
    try database.execute("DELETE FROM incident_risks")
    let problems = try fixture.registry.verify().problems
    #expect(
      problems.contains { $0.hasPrefix("incident 'INC-2291' differs from event") },
      "\(problems)")
    #expect(problems.contains { $0.contains("risks") && $0.contains("severity") }, "\(problems)")
  }

  @Test func aPastMomentRebuildsTheIncidentAsItStoodThen() throws {
    let fixture = try Self.launched()
    try fixture.registry.openIncident(Self.draft())
    let opened = try fixture.registry.auditTrail.head()!.seq
    try Self.at(fixture, "2026-11-23T10:00:00Z").updateIncident("INC-2291") {
      $0.severity = .critical
      $0.features.append("churn-risk")
    }
    let then = try fixture.registry.snapshot(
      throughEvent: opened, at: Timestamp.parse("2026-11-22T10:00:00Z")!)
    let incident = try then.incident("INC-2291")
    #expect(incident.severity == .high && incident.features == ["email-ai"])
    #expect(try fixture.registry.incident("INC-2291").features == ["churn-risk", "email-ai"])
  }
}
