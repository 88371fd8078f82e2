import AIGovKit
import Foundation
import Testing

/// The review meeting from the command line: minutes recorded, shown and cited by the change
/// they decided; each person's list, and its calendar feed as a real iCalendar parser reads it.
@Suite struct MeetingCommandTests {
  /// PYTHONPATH for a python3 that imports `icalendar`, found (or installed) once.
  static let pythonPath: String = {
    let imports = { (path: String) in
      (try? ChildProcess.run(
        "/usr/bin/env", ["python3", "-c", "import icalendar"],
        environment: ProcessInfo.processInfo.environment.merging(["PYTHONPATH": path]) { $1 }))?
        .status == 0
    }
    if imports("") { return "" }
    let folder = CycloneDXCommandTests.packageRoot.appendingPathComponent(
      ".build/python-icalendar"
    ).path
    if !imports(folder) {
      _ = try? ChildProcess.run(
        "/usr/bin/env",
        ["python3", "-m", "pip", "install", "--quiet", "--target", folder, "icalendar==7.3.2"],
        environment: ProcessInfo.processInfo.environment)
    }
    return folder
  }()

  @Test func aMeetingIsRecordedShownAndCitedByTheChangeItDecided() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let recorded = try harness.succeed([
      "meeting", "record", "--held", "2026-11-20", "--quarter", "2026-Q4", "--attendee", "dana",
      "--attendee", "priya", "--decision",
      "review/churn-risk suspend: Suspend Churn risk until its audit is read",
      "--decision", "risk/42 accept-exception until 2026-12-31: Summaries stay in beta",
      "--action", "marcus by 2026-12-01 for review/churn-risk: Present the audit",
      "--format", "json",
    ])
    #expect(recorded.stdout.contains(#""held_on" : "2026-11-20""#))
    #expect(
      recorded.stderr.contains("recorded meeting 3 of 2026-11-20 (2026-Q4): 2 decisions, 1 actions")
    )
    let list = try harness.succeed(["meeting", "list"]).stdout
    #expect(list.contains("3  2026-11-20  2026-Q4  2          1 (1 open)"), "\(list)")
    let shown = try harness.succeed(["meeting", "show", "3"]).stdout
    #expect(shown.contains("risk/42: accept-exception until 2026-12-31 — Summaries stay in beta"))
    #expect(
      shown.contains("#7 marcus by 2026-12-01 [open] for review/churn-risk: Present the audit"))
    try harness.succeed([
      "feature", "set-status", "churn-risk", "suspended", "--reason", "Audit pending", "--meeting",
      "3",
    ])
    let trail = try harness.succeed(["audit", "log", "--entity", "feature", "--format", "json"])
    #expect(trail.stdout.contains("Audit pending (decided at meeting 3 (2026-11-20))"))
    // An exception the meeting decided cites it too, in the reason its reviewer signs.
    try harness.succeed([
      "--actor", "sam", "exception", "add", "customer-agent", "--control",
      "generated-content-review", "--not-covered", "replies are reviewed afterwards",
      "--reason", "Live chat", "--until", "2027-03-31", "--meeting", "3",
    ])
    let exceptions = try harness.succeed(["exception", "list", "--format", "json"]).stdout
    #expect(exceptions.contains(#""reason" : "Live chat (decided at meeting 3 (2026-11-20))""#))
    try harness.succeed(["meeting", "done", "7", "--note", "Presented"])
    let actions = try harness.succeed(["meeting", "actions", "--owner", "marcus"]).stdout
    #expect(actions.contains("7  3        marcus  2026-12-01  done"), "\(actions)")
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
    // Text written behind aigov's back reaches the terminal visible, never raw.
    let database = try Database(path: harness.database, mode: .existing)
    try database.execute(
      "UPDATE meeting_actions SET title = ? WHERE id = 5", ["Open\u{1B}[2J\u{202E}x"])
    let hostile = try harness.run(["meeting", "show", "2"])
    #expect(!hostile.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    #expect(hostile.stdout.contains("Open‹U+001B›[2J‹U+202E›x"))
  }

  /// A reviewer's list, and the same dates in their calendar: parsed by the `icalendar`
  /// package, one event per dated entry, each UID the same when the feed is made again.
  @Test func aPersonsDeadlinesReachTheirCalendar() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let list = try harness.succeed(["todo", "--person", "priya"]).stdout
    #expect(list.contains("What Priya Raman (priya) owes, as of 2026-11-22:"))
    #expect(list.contains("action  Action #5: Open the periodic review of Customer Lifetime Value"))
    let json = try harness.succeed(["todo", "--person", "priya", "--format", "json"]).stdout
    let todo = try JSONDecoder().decode(PersonTodo.self, from: Data(json.utf8))
    let dated = todo.entries.filter { $0.due != nil }
    #expect(!dated.isEmpty)
    let feed = try harness.succeed(["todo", "--person", "priya", "--ics"]).stdout
    #expect(feed.hasPrefix("BEGIN:VCALENDAR\r\n") && feed.hasSuffix("END:VCALENDAR\r\n"))
    #expect(try harness.succeed(["todo", "--person", "priya", "--ics"]).stdout == feed)
    try feed.write(
      to: harness.directory.appendingPathComponent("priya.ics"), atomically: true, encoding: .utf8)
    let script = """
      python3 - priya.ics <<'PY'
      import sys, icalendar
      calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
      events = list(calendar.walk('VEVENT'))
      uids = [str(e['UID']) for e in events]
      assert len(set(uids)) == len(uids), uids
      for e in events:
          print(e['DTSTART'].dt.isoformat(), e['UID'], e['SUMMARY'])
      PY
      """
    let parsed = try harness.shell(script, environment: ["PYTHONPATH": Self.pythonPath])
    #expect(parsed.status == 0, "\(parsed.stderr)")
    let lines = parsed.stdout.split(separator: "\n")
    #expect(lines.count == dated.count, "\(parsed.stdout)")
    for entry in dated {
      #expect(
        lines.contains {
          $0.hasPrefix("\(entry.due!) \(entry.kind.rawValue)-\(entry.item)-priya@")
        },
        "\(entry.item)")
    }
  }

  @Test func aCalendarTextIsEscapedAndFolded() {
    #expect(TodoCalendar.escape("a,b;c\\d\ne\u{1B}") == "a\\,b\\;c\\\\d‹U+000A›e‹U+001B›")
    let long = String(repeating: "é", count: 60)
    let folded = TodoCalendar.fold("SUMMARY:" + long)
    #expect(folded.count == 2 && folded.allSatisfy { $0.utf8.count <= 75 })
    #expect(folded[1].hasPrefix(" "))
  }
}
