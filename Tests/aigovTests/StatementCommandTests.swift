import Foundation
import Testing

@testable import AIGovKit

/// The company's statements from the command line: written, listed, shown as the page reads
/// them, and on the page in their section.
@Suite struct StatementCommandTests {
  @Test func aStatementIsWrittenShownAndPublished() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.succeed([
      "statement", "add", "ai-training-opt-out", "--section", "data", "--title",
      "Keeping your data out of training", "--position", "30", "--body",
      "Write to us and we leave your data out of every model we train.\n\n"
        + "- It takes effect within 30 days.\n"
        + "- Read how in our [help centre](https://help.example.com/opt-out).",
    ])
    let list = try harness.succeed(["statement", "list"]).stdout
    #expect(list.contains("ai-training-opt-out  data        30"))
    #expect(list.contains("prohibited-uses"))
    let shown = try harness.succeed(["statement", "show", "ai-training-opt-out"]).stdout
    #expect(shown.contains("section:  data (About your data)"))
    #expect(shown.contains("- Read how in our help centre <https://help.example.com/opt-out>."))
    let json = try harness.succeed(["statement", "show", "ai-training-opt-out", "--format", "json"])
    #expect(json.stdout.contains(#""section" : "data""#))
    let page = try harness.succeed(["report", "public", "--format", "html"]).stdout
    #expect(page.contains("<h3>Keeping your data out of training</h3>"))
    #expect(
      page.contains(
        #"<li>Read how in our <a href="https://help.example.com/opt-out" rel="noopener noreferrer">help centre</a>.</li>"#
      ))
    #expect(page.contains(#"<a href="https://larkspur.example/legal/privacy""#))
    try harness.succeed(["statement", "edit", "ai-training-opt-out", "--section", "contract"])
    let changes = try harness.succeed(["report", "public", "--changes-since", "2026-11-01"])
    #expect(changes.stdout.contains("Keeping your data out of training"), "\(changes.stdout)")
    try harness.succeed(["statement", "remove", "ai-training-opt-out"])
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
    // A title written behind aigov's back reaches the terminal visible, never raw.
    let database = try Database(path: harness.database, mode: .existing)
    try database.execute(
      "UPDATE statements SET title = ? WHERE key = 'security'", ["Safe\u{1B}[2J\u{202E}x"])
    let hostile = try harness.run(["statement", "show", "security"])
    #expect(!hostile.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    #expect(hostile.stdout.contains("Safe‹U+001B›[2J‹U+202E›x"))
  }
}
