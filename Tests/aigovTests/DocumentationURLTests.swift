import AIGovKit
import Foundation
import Testing

/// A feature's help-centre page: stated once, shown wherever the feature is, and a link only where
/// it is an https URL that no format reads as more.
@Suite struct DocumentationURLTests {
  static let url = "https://help.example.com/ai/churn-risk?from=ai-page&lang=en"

  @Test func theHelpCentrePageIsShownWhereverTheFeatureIs() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.succeed(["feature", "edit", "churn-risk", "--documentation-url", Self.url])

    let show = try harness.succeed(["feature", "show", "churn-risk"]).stdout
    #expect(show.contains("  documentation URL     \(Self.url)\n"), "\(show)")
    let json = try JSONValue(
      parsing: try harness.succeed(["feature", "show", "churn-risk", "--format", "json"]).stdout)
    guard case .object(let document) = json, case .object(let feature)? = document["feature"] else {
      Issue.record("feature show --format json: \(json)")
      return
    }
    #expect(feature["documentation_url"] == .string(Self.url))

    let markdown = try harness.succeed(["report", "public", "--format", "markdown"]).stdout
    #expect(markdown.contains("- [How to use it](<\(Self.url)>)\n"), "\(markdown)")
    let html = try harness.succeed(["report", "public", "--format", "html"]).stdout
    #expect(
      html.contains(
        "<a href=\"https://help.example.com/ai/churn-risk?from=ai-page&amp;lang=en\" "
          + "rel=\"noopener noreferrer\">How to use it</a>"), "\(html)")
    let page = try harness.succeed(["report", "public", "--format", "json"]).stdout
    #expect(page.contains("\"url\" : \"\(Self.url)\",\n"), "\(page)")
    #expect(page.contains("\"words\" : \"How to use it\"\n"), "\(page)")

    let export = harness.directory.appendingPathComponent("export").path
    try harness.succeed(["export", "--output", export])
    let features = try String(
      contentsOfFile: export + "/features.csv", encoding: .utf8)
    #expect(features.split(separator: "\r\n").first?.contains(",documentation_url,") == true)
    #expect(features.contains(Self.url))

    // An empty value clears it, and the page has no link then.
    try harness.succeed(["feature", "edit", "churn-risk", "--documentation-url", ""])
    #expect(
      !(try harness.succeed(["feature", "show", "churn-risk"]).stdout).contains("documentation"))
    #expect(!(try harness.succeed(["report", "public"]).stdout).contains("How to use it"))
    try harness.succeed(["audit", "verify"])
  }

  /// A value written behind aigov's back is shown, escaped, as text: never a link, never markup.
  @Test func aURLStoredBehindAigovsBackIsTextNotALink() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let hostile = "https://x.example/\"><script>alert(1)</script>|=cmd"
    let database = try Database(path: harness.database, mode: .existing)
    try database.execute(
      "UPDATE features SET documentation_url = ? WHERE key = 'churn-risk'", [hostile])
    let html = try harness.succeed(["report", "public", "--format", "html"]).stdout
    #expect(!html.contains("<script>alert"))
    #expect(!html.contains("href=\"https://x.example"))
    #expect(html.contains("<p>How to use it: https://x.example/&quot;&gt;&lt;script&gt;"))
    let markdown = try harness.succeed(["report", "public", "--format", "markdown"]).stdout
    #expect(
      markdown.contains(
        "- How to use it: https://x.example/\"\\>\\<script\\>alert(1)\\</script\\>\\|=cmd"))
    #expect(!markdown.contains("](<https://x.example"))
    // The record no longer matches its trail, and verify says which field.
    let verify = try harness.run(["audit", "verify"])
    #expect(verify.status != 0)
    #expect(verify.stdout.contains("feature 'churn-risk' differs from event"), "\(verify.stdout)")
  }

  /// An export written before features had the field is still imported whole.
  @Test func anExportFromBeforeTheFieldIsStillRestored() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let export = harness.directory.appendingPathComponent("export")
    try harness.succeed(["export", "--output", export.path])
    let file = export.appendingPathComponent("features.csv")
    let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\r\n")
    // The sample leaves documentation_url empty: the file without its column is one written
    // before features had it. Cells are split at the commas outside quotes, quotes kept.
    func cells(_ line: Substring) -> [String] {
      var cells = [""]
      var quoted = false
      for character in line {
        if character == "\"" { quoted.toggle() }
        if character == ",", !quoted {
          cells.append("")
        } else {
          cells[cells.count - 1].append(character)
        }
      }
      return cells
    }
    let header = cells(try #require(lines.first))
    let column = try #require(header.firstIndex(of: "documentation_url"))
    let older = lines.map { line in
      var row = cells(line)
      row.remove(at: column)
      return row.joined(separator: ",")
    }
    try (older.joined(separator: "\r\n") + "\r\n").write(
      to: file, atomically: true, encoding: .utf8)
    for proof in ["manifest.json", "SHA256SUMS"] {
      try? FileManager.default.removeItem(at: export.appendingPathComponent(proof))
    }
    let restored = harness.directory.appendingPathComponent("restored.sqlite").path
    try harness.succeed(["import", export.path, "--db", restored])
    try harness.succeed(["audit", "verify", "--db", restored])
  }
}
