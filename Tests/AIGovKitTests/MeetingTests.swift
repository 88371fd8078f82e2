import Foundation
import Testing

@testable import AIGovKit

/// The review meeting's minutes and actions are records: recorded once, audited, reconciled,
/// replayed; the next quarter's report opens with the actions and names whose each item is.
@Suite struct MeetingTests {
  private static func today(_ registry: Registry) -> String {
    String(Timestamp.format(registry.clock()).prefix(10))
  }

  private static func draft(_ registry: Registry) -> MeetingDraft {
    let today = today(registry)
    var draft = MeetingDraft(
      heldOn: today, quarter: Quarter(containing: registry.clock()).description,
      attendees: ["dana", " priya "], notes: "  Quarterly review.  ")
    draft.decisions = [
      MeetingDecision(item: "review/email-ai", decision: .approve, note: " Open it this month "),
      MeetingDecision(
        item: "risk/1", decision: .acceptException, note: "Until the filter ships", until: today),
    ]
    draft.actions = [
      ActionDraft(title: "Open the review", owner: "priya", dueOn: today, item: "review/email-ai"),
      ActionDraft(title: "Scope the filter", owner: "marcus", dueOn: today),
    ]
    return draft
  }

  @Test func aMeetingIsRecordedOnceAndItsActionsAreClosed() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let (meeting, actions) = try registry.recordMeeting(Self.draft(registry))
    #expect(meeting.attendees == ["dana", "priya"] && meeting.notes == "Quarterly review.")
    #expect(meeting.decisions.map(\.note) == ["Open it this month", "Until the filter ships"])
    #expect(actions.map(\.id) == [1, 2] && actions.allSatisfy { $0.status == .open })
    #expect(try registry.meeting(meeting.id) == meeting)
    let done = try registry.closeAction(1, as: .done, note: "Opened")
    #expect(done.after.status == .done && done.after.version == 2)
    #expect(done.after.standing(on: Self.today(registry)) == .done)
    try fixture.expectRefusal(
      .invalidValue(field: "note", value: "", expected: "why the action is dropped")
    ) { try registry.closeAction(2, as: .dropped, note: " ") }
    try registry.closeAction(2, as: .dropped, note: "Folded into the review")
    try fixture.expectRefusal(
      .invalidValue(
        field: "action", value: "1",
        expected: "an open action; it was done on \(Self.today(registry))")
    ) { try registry.closeAction(1, as: .dropped, note: "again") }
    let trail = try registry.auditTrail.events(AuditFilter()).suffix(5).map(\.action)
    #expect(
      trail == [
        "meeting.record", "meeting-action.create", "meeting-action.create",
        "meeting-action.update", "meeting-action.update",
      ])
    #expect(try registry.verify().isIntact)
    // Rebuilt as of any moment: the snapshot holds the minutes and the actions as they stood.
    let snapshot = try registry.snapshot(
      throughEvent: try registry.database.scalarInteger("SELECT max(seq) FROM audit_events")!,
      at: registry.clock())
    #expect(try snapshot.meetings() == [meeting])
    #expect(try snapshot.meetingActions() == registry.meetingActions())
  }

  @Test func wrongMinutesAreRefusedAndLeaveTheDatabaseAsItWas() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let today = Self.today(registry)
    let tomorrow = String(Timestamp.format(registry.clock().addingTimeInterval(86_400)).prefix(10))
    var future = Self.draft(registry)
    future.heldOn = tomorrow
    try fixture.expectRefusal(
      .invalidValue(
        field: "held on", value: tomorrow,
        expected: "the day the meeting was held, today (\(today)) or before")
    ) { try registry.recordMeeting(future) }
    var unbegun = Self.draft(registry)
    unbegun.quarter = Quarter(containing: registry.clock()).next.description
    try fixture.expectRefusal(
      .invalidValue(
        field: "quarter", value: unbegun.quarter,
        expected: "the quarter the meeting reviewed, written YYYY-QN, begun by \(today)")
    ) { try registry.recordMeeting(unbegun) }
    var noDay = Self.draft(registry)
    noDay.decisions[1].until = nil
    try fixture.expectRefusal(
      .invalidValue(
        field: "decision", value: "risk/1 accept-exception",
        expected: "its last day: ITEM accept-exception until YYYY-MM-DD: NOTE")
    ) { try registry.recordMeeting(noDay) }
    var badItem = Self.draft(registry)
    badItem.decisions[0].item = "feature email-ai"
    try fixture.expectRefusal(
      .invalidValue(
        field: "item", value: "feature email-ai",
        expected: "KIND/NAME as the report names it (review/kb-search, risk/12, incident/INC-7), "
          + "KIND one of review, risk, mitigation, incident, monitoring, check, action, feature, "
          + "control, framework")
    ) { try registry.recordMeeting(badItem) }
    var comma = Self.draft(registry)
    comma.attendees = ["dana, priya"]
    try fixture.expectRefusal(
      .invalidValue(
        field: "attendee", value: "dana, priya", expected: "one person, without a comma")
    ) { try registry.recordMeeting(comma) }
    var early = Self.draft(registry)
    early.actions[0].dueOn = "2020-01-01"
    try fixture.expectRefusal(
      .invalidValue(
        field: "action due", value: "2020-01-01",
        expected: "a day on or after the meeting's, \(today)")
    ) { try registry.recordMeeting(early) }
    try fixture.expectRefusal(.notFound(entity: "action", key: "9")) {
      try registry.closeAction(9, as: .done, note: nil)
    }
  }

  /// An attacker who holds the file: minutes changed behind aigov's back, a meeting forged as
  /// held after it was recorded, a closed action reopened by a forged event.
  @Test func minutesChangedOrForgedBehindAigovsBackAreNamed() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let (meeting, _) = try registry.recordMeeting(Self.draft(registry))
    try registry.closeAction(1, as: .done, note: nil)

    let edited = try GovernanceFixture()
    try edited.registry.recordMeeting(Self.draft(edited.registry))
    try edited.database.execute("DROP TRIGGER meetings_no_update")
    try edited.database.execute("UPDATE meetings SET notes = 'Nothing was decided.'")
    let report = try edited.registry.verify()
    #expect(!report.isIntact)
    #expect(report.recordProblems.contains { "\($0)".contains("meeting") }, "\(report.problems)")
    #expect(
      report.chain.problems.contains {
        $0.contains("meetings_no_update") && $0.contains("minutes unchanged")
      })

    var future = meeting
    future.id = 2
    future.heldOn = "2099-01-01"
    try registry.database.execute(
      "INSERT INTO meetings (id, held_on, quarter, attendees, notes, created_at) "
        + "VALUES (2, '2099-01-01', ?, 'dana, priya', 'Quarterly review.', ?)",
      [meeting.quarter, meeting.createdAt])
    for (position, decision) in meeting.decisions.enumerated() {
      try registry.database.execute(
        "INSERT INTO meeting_decisions (meeting_id, position, item, decision, note, until) "
          + "VALUES (2, ?, ?, ?, ?, ?)",
        [position + 1, decision.item, decision.decision.rawValue, decision.note, decision.until])
    }
    let forged = try Forger(fixture: fixture).append(.meetingRecord, before: nil, after: future)
    var reopened = try registry.meetingAction(1)
    let closed = reopened
    reopened.status = .open
    reopened.closedOn = nil
    reopened.version = 3
    try registry.database.execute(
      "UPDATE meeting_actions SET status = 'open', closed_on = NULL, version = 3 WHERE id = 1")
    let reopening = try Forger(fixture: fixture).append(
      .meetingActionUpdate, before: closed, after: reopened)
    let result = try registry.verify()
    #expect(result.recordProblems == [], "\(result.recordProblems)")
    let rules = result.governanceProblems.map(\.description)
    #expect(
      rules.contains { $0.hasPrefix("event \(forged):") && $0.contains("after the day it was") },
      "\(rules)")
    #expect(
      rules.contains {
        $0.hasPrefix("event \(reopening):") && $0.contains("a closed action stays closed")
      }, "\(rules)")
  }

  /// The sample's fourth-quarter report opens with the third-quarter meeting's actions, one of
  /// them late, and every item needing a decision names a person, a day and the decision asked.
  @Test func theSamplesReportOpensWithTheLastMeetingsActions() throws {
    let directory = try TemporaryDirectory()
    let fixed = Timestamp.parse("2026-12-06T12:00:00Z")!
    let path = directory.path("sample.sqlite")
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { fixed })
    let registry = try Registry.open(path: path, actor: "auditor", clock: { fixed })
    let report = try registry.quarterlyReport(Quarter("2026-Q4")!, toolVersion: "test")
    let meeting = try #require(report.lastMeeting)
    #expect(meeting.quarter == "2026-Q3" && meeting.heldOn == "2026-10-08")
    #expect(meeting.actions.map(\.state) == [.done, .done, .late, .done])
    let items = report.needsDecision.items
    #expect(!items.isEmpty)
    for item in items {
      #expect(!item.owner.isEmpty && !item.asked.isEmpty && item.since != nil, "\(item.item)")
    }
    #expect(
      items.contains { $0.item == "action/5" && $0.owner == "priya" && $0.decision == .reschedule })
    let review = try #require(items.first { $0.item == "review/customer-lifetime-value" })
    #expect(review.since == "2026-04-30" && review.quartersCarried == 2)
    #expect(review.daysOverdue == 220 && review.decision == .approve)
    #expect(review.ownerName == "Marcus Bell")
    #expect(review.decidedBefore.first?.hasPrefix("2026-07-09: approve") == true)
    let risk = try #require(items.first { $0.kind == .risk })
    #expect(risk.dates.contains { $0.hasPrefix("mitigation #") })
    #expect(report.trends.map(\.quarter) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
    #expect(report.trends[2].incidentsOpened == 2 && report.trends[0].risksOpened > 0)
    #expect(report.publicPageChanges?.isEmpty == false)
    // The third quarter's report, built at its end, opens with the second quarter's actions.
    let third = try registry.quarterlyReport(Quarter("2026-Q3")!, toolVersion: "test")
    #expect(third.lastMeeting?.quarter == "2026-Q2")
    #expect(third.lastMeeting?.actions.map(\.state) == [.late, .open])
    let html = QuarterlyReportHTML().render(report)
    #expect(html.contains("<section id=\"actions\">"))
    #expect(
      html.range(of: "id=\"actions\"")!.lowerBound < html.range(of: "id=\"decisions\"")!.lowerBound)
  }

  @Test func hostileMinutesAreEscapedInEveryFormat() throws {
    let directory = try TemporaryDirectory()
    let fixed = Timestamp.parse("2026-12-06T12:00:00Z")!
    let path = directory.path("sample.sqlite")
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { fixed })
    let registry = try Registry.open(path: path, actor: "dana", clock: { fixed })
    let hostile = "<script>x</script> | =cmd \u{1B}[2J \u{202E}evil"
    var draft = MeetingDraft(heldOn: "2026-10-20", quarter: "2026-Q3", attendees: ["dana"])
    draft.actions = [ActionDraft(title: "Tidy", owner: "priya", dueOn: "2026-11-01")]
    try registry.recordMeeting(draft)
    // Text in the database is untrusted, whoever wrote it: here, written behind aigov's back.
    try registry.database.execute("UPDATE meeting_actions SET title = ? WHERE id = 7", [hostile])
    let report = try registry.quarterlyReport(Quarter("2026-Q4")!, toolVersion: "test")
    #expect(report.lastMeeting?.actions.first?.title == hostile)
    let html = QuarterlyReportHTML().render(report)
    #expect(!html.contains("<script>x") && html.contains("&lt;script&gt;x&lt;/script&gt;"))
    #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    let markdown = QuarterlyReportMarkdown().render(report)
    #expect(markdown.contains(#"\<script\>x\</script\> \| =cmd"#))
    #expect(!markdown.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
  }
}
