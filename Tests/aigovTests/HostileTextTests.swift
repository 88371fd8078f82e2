import AIGovKit
import Foundation
import Testing

/// No stored value can drive a terminal: every text output shows control characters and
/// bidirectional overrides as their codes, and JSON carries values exactly.
@Suite struct HostileTextTests {
  /// Clears the screen, retitles the window, turns text red, reverses what follows, returns the
  /// cursor to the start of the line, and a C1 line break.
  static let payload = "\u{1B}[2J\u{1B}]0;pwned\u{7}\u{1B}[31m\u{202E}\r\u{85}"

  /// Every text command that shows stored values.
  static let commands: [[String]] = [
    ["feature", "list"], ["feature", "show", "email-ai"], ["provider", "list"],
    ["provider", "show", "openai"], ["risk", "list"], ["reviewer", "list"],
    ["review", "status", "email-ai"], ["audit", "log"],
    ["check"], ["report", "quarterly", "--quarter", "2026-Q4"], ["report", "public"],
    ["monitor", "list"], ["incident", "list"], ["incident", "show", "INC-2291"],
    ["mitigation", "list"], ["control", "list"], ["control", "show", "generated-content-review"],
    ["exception", "list"], ["feature", "show", "customer-agent"], ["evidence", "list"],
    ["evidence", "show", "1"], ["control", "show", "provider-contract-terms"],
    ["report", "frameworks"],
  ]

  /// A sample database in which every free-text value (and, with `key`, a feature's key) ends in
  /// the payload, as a database written behind aigov's back may hold them.
  static func tamperedSample(key: Bool = false) throws -> CommandLineHarness {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let database = try Database(path: harness.database, mode: .existing)
    for trigger in [
      "audit_events_no_update", "signoffs_no_update", "monitoring_results_no_update",
      "control_exceptions_no_update", "evidence_no_update", "applicability_decisions_no_update",
      "meetings_no_update", "meeting_decisions_no_update",
    ] {
      try database.execute("DROP TRIGGER \(trigger)")
    }
    for table in ExchangeTable.all {
      for column in table.columns {
        guard let field = column.textField, TextField.all.contains(field) else { continue }
        try database.execute(
          "UPDATE \(table.name) SET \(column.name) = \(column.name) || ?", [payload])
      }
    }
    if key {
      try database.execute("PRAGMA ignore_check_constraints = ON")
      try database.execute(
        "UPDATE features SET key = key || ? WHERE key = 'benchmarks'", [payload])
    }
    return harness
  }

  @Test func noStoredValueReachesTheTerminalRaw() throws {
    let harness = try Self.tamperedSample()
    let keyed = try Self.tamperedSample(key: true)
    var escapedSomewhere = 0
    let runs =
      Self.commands.map { (harness, $0) }
      + [
        ["feature", "list"], ["feature", "show", "benchmarks" + Self.payload],
        ["review", "status"],
      ]
      .map { (keyed, $0) }
    for (harness, command) in runs {
      for color in ["never", "always"] {
        let outcome = try harness.run(command + ["--color", color])
        let label = "aigov \(command.joined(separator: " ")) --color \(color)"
        #expect(
          outcome.stdout.contains("U+001B") || outcome.stderr.contains("U+001B"),
          "\(label): \(outcome.status) \(outcome.stderr)")
        for (stream, text) in [("stdout", outcome.stdout), ("stderr", outcome.stderr)] {
          let raw = Self.rawControls(in: text, allowingStyles: color == "always")
          #expect(raw.isEmpty, "\(label) wrote \(raw) raw to \(stream)")
        }
        if outcome.stdout.contains("‹U+001B›[2J‹U+001B›]0;pwned‹U+0007›") { escapedSomewhere += 1 }
      }
    }
    #expect(escapedSomewhere >= 20)
    // What the audit trail's verification says of the tampered records names no stored text.
    let verify = try harness.run(["audit", "verify"])
    #expect(verify.status == 1 && verify.stdout.contains("was altered"))
  }

  @Test func argumentsQuotedInErrorsAreShownEscaped() throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    for arguments in [
      ["feature", "show", "x" + Self.payload], ["feature", "list", "--status", Self.payload],
      ["--db", "/nonexistent/" + Self.payload, "feature", "list"],
    ] {
      let outcome = try harness.run(arguments)
      #expect(outcome.status != 0)
      #expect(outcome.stderr.contains("‹U+001B›[2J"), "\(outcome.stderr)")
      #expect(Self.rawControls(in: outcome.stderr, allowingStyles: false).isEmpty)
    }
  }

  @Test func jsonCarriesStoredValuesExactly() throws {
    let harness = try Self.tamperedSample()
    let outcome = try harness.succeed(["feature", "show", "email-ai", "--format", "json"])
    let document = try JSONValue(parsing: outcome.stdout)
    #expect(document["feature"]?["name"]?.string == "Email AI" + Self.payload)
    // Exactly, and still nothing a terminal would act on: the override and the C1 control
    // leave as JSON escapes, as the C0 controls always did.
    #expect(Self.rawControls(in: outcome.stdout, allowingStyles: false) == [])
    #expect(outcome.stdout.contains("\\u202e") && outcome.stdout.contains("\\u0085"))
    let list = try harness.succeed(["feature", "list", "--format", "json"])
    #expect(Self.rawControls(in: list.stdout, allowingStyles: false) == [])
  }

  /// The control and bidirectional formatting characters in `text` other than line feeds, tabs
  /// and, when allowed, the styles aigov writes itself.
  static func rawControls(in text: String, allowingStyles: Bool) -> [String] {
    var text = text
    if allowingStyles {
      for code in ["0", "1", "2", "31", "32", "33", "34", "35"] {
        text = text.replacingOccurrences(of: "\u{1B}[\(code)m", with: "")
      }
    }
    return text.unicodeScalars.filter { scalar in
      switch scalar.value {
      case 0x0A, 0x09: false
      case 0x00...0x1F, 0x7F...0x9F: true
      case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
      default: false
      }
    }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
  }
}
