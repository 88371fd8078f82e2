import AIGovKit
import Foundation
import Testing

/// Clients nobody here wrote: a real browser (Chromium through Selenium, with Debian's
/// chromium-driver) and schemathesis against the OpenAPI document. `.ci/run` installs both and
/// sets AIGOV_REQUIRE_CLIENTS, so that CI fails rather than skips when one is missing; elsewhere
/// these tests run where the tools are.
enum ExternalClients {
  static let required = ProcessInfo.processInfo.environment["AIGOV_REQUIRE_CLIENTS"] == "1"

  static func pythonImports(_ module: String) -> Bool {
    (try? run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import \(module)"]))?
      .status == 0
  }

  static let browser =
    FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    && pythonImports("selenium")

  static let schemathesis = pythonImports("schemathesis")

  static let printing =
    FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
}

@Suite struct ExternalClientTests {
  /// For the board pack: the quarterly report printed to PDF by Chromium lays out on A4, and its
  /// text (as pdftotext reads it) opens with the last meeting's actions and the items to decide.
  @Test(.enabled(if: ExternalClients.required || ExternalClients.printing))
  func theQuarterlyReportPrintsToA4() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-print-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let now = Timestamp.parse("2026-12-06T12:00:00Z")!
    let path = folder.appendingPathComponent("sample.sqlite").path
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { now })
    let registry = try Registry.open(path: path, actor: "dana", clock: { now })
    let report = try registry.quarterlyReport(Quarter("2026-Q4")!, toolVersion: "test")
    let html = folder.appendingPathComponent("q4.html")
    try Data(QuarterlyReportHTML().render(report).utf8).write(to: html)
    let pdf = folder.appendingPathComponent("q4.pdf")
    let printed = try run(
      URL(fileURLWithPath: "/usr/bin/chromium"),
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--print-to-pdf=\(pdf.path)", html.absoluteString,
      ])
    #expect(FileManager.default.fileExists(atPath: pdf.path), "\(printed.stderr)")
    let info = try run(URL(fileURLWithPath: "/usr/bin/pdfinfo"), [pdf.path])
    #expect(info.stdout.contains("(A4)"), "\(info.stdout)")
    let text = try run(URL(fileURLWithPath: "/usr/bin/pdftotext"), ["-layout", pdf.path, "-"])
    let words = text.stdout
    let actions = try #require(words.range(of: "Actions from the last meeting"))
    let decisions = try #require(words.range(of: "Needs a decision"))
    #expect(actions.lowerBound < decisions.lowerBound)
    #expect(words.contains("Open the periodic review of Customer Lifetime Value"))
    #expect(words.contains("Trends"))
    // The first page carries the actions and the first items to decide.
    let firstPage = words.split(separator: "\u{0C}").first.map(String.init) ?? ""
    #expect(firstPage.contains("Needs a decision") && firstPage.contains("Whose"), "\(firstPage)")
  }

  /// The pages every person reads, at a laptop's width and a phone's.
  static let pages = [
    "/", "/?category=predictive&status=launched&audience=&text=", "/features/customer-agent",
    "/features/review-summaries", "/reviews", "/decisions", "/reports/quarterly?quarter=2026-Q3",
    "/public", "/features/review-summaries/sign", "/meetings", "/todo",
  ]

  @Test(.enabled(if: ExternalClients.required || ExternalClients.browser))
  func threeReviewersSignThroughTheServerTwoFromTheirMachinesOneInTheBrowser() throws {
    let server = try ServerUnderTest()
    let dana = ["AIGOV_SERVER": server.url, "AIGOV_TOKEN": try server.token(for: "dana")]
    let opened = try server.aigov(["review", "open", "review-summaries"], environment: dana)
    #expect(opened.status == 0, "\(opened.stderr)")

    // Each key stays in the reviewer's own folder; only signatures travel.
    func key(_ name: String) throws -> String {
      let path = server.folder.appendingPathComponent("\(name).key.pem").path
      try FileManager.default.copyItem(
        atPath: ServerUnderTest.packageRoot.appendingPathComponent(
          "Fixtures/sample-keys/\(name).key.pem"
        ).path, toPath: path)
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
      return path
    }
    for (reviewer, discipline) in [("elena", "legal"), ("jordan", "privacy")] {
      let signed = try server.aigov(
        [
          "review", "sign", "review-summaries", "--discipline", discipline, "--decision",
          "approve", "--key", try key(reviewer),
        ],
        environment: ["AIGOV_SERVER": server.url, "AIGOV_TOKEN": try server.token(for: reviewer)])
      #expect(signed.status == 0, "\(signed.stderr)")
      #expect(signed.stderr.contains("recorded approve for \(discipline)"), "\(signed.stderr)")
      #expect(signed.stderr.contains("(signed)"))
    }

    let screenshots = ProcessInfo.processInfo.environment["AIGOV_SCREENSHOTS"]
    let scenario: [String: Any] = [
      "url": server.url, "token": try server.token(for: "aisha"), "key_file": try key("aisha"),
      "feature": "review-summaries", "discipline": "security", "pages": Self.pages,
      "widths": [1280, 390], "screenshots": screenshots ?? NSNull(),
    ]
    let driver = ServerUnderTest.packageRoot.appendingPathComponent(
      "Tests/aigov-serveTests/Browser/browser_scenario.py")
    let outcome = try run(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", driver.path],
      input: try JSONSerialization.data(withJSONObject: scenario))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let result = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
      "\(outcome.stderr)")
    #expect(
      (result["sign_result"] as? String)?.hasPrefix("recorded approve for security (signed)")
        == true, "\(result["sign_result"] ?? "")")
    #expect(result["unsupported_shown"] as? Bool == false)
    #expect((result["console"] as? [String]) == [], "\(result["console"] ?? "")")
    let pages = result["pages"] as? [[String: Any]] ?? []
    #expect(pages.count == Self.pages.count * 2)
    for page in pages {
      #expect(
        page["wider_than_window"] as? Bool == false,
        "\(page["path"] ?? "") at \(page["width"] ?? "")")
      #expect(!(page["text"] as? String ?? "").contains("Not Found"), "\(page["path"] ?? "")")
    }
    let signedMessage = result["signed_message"] as? String ?? ""
    #expect(signedMessage.contains("\"reviewer\":\"aisha\""))

    // Three signatures, made on three machines, each checked by the auditor's command.
    let status = try server.aigov(
      ["review", "status", "review-summaries", "--format", "json", "--db", server.path])
    let decisions =
      ((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])?
        .first?["decisions"] as? [[String: Any]]) ?? []
    let signed = decisions.compactMap { $0["signoff"] as? [String: Any] }
      .filter { $0["signature"] is String }.map { $0["reviewer"] as? String ?? "" }
    #expect(Set(signed) == ["elena", "jordan", "aisha"])
    let verify = try server.aigov(["audit", "verify", "--db", server.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    #expect(verify.stdout.contains("every signature verifies"))
  }

  @Test(.enabled(if: ExternalClients.required || ExternalClients.schemathesis))
  func schemathesisFindsEveryAnswerAsTheOpenAPIDocumentSays() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    // Checks every answer's status, type, headers and body against the document, that invalid
    // input is refused, and that other methods get a 405. A valid-looking value the inventory
    // refuses (a quarter that has not begun, a signature that does not verify) is a 4xx by
    // design, so the check that expects every schema-valid request to succeed is left out.
    let outcome = try run(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "python3", "-m", "schemathesis.cli", "run", server.url + "/openapi.json",
        "-H", "Authorization: Bearer \(token)", "--max-examples", "12", "--seed", "1",
        "--exclude-checks", "positive_data_acceptance",
      ], in: server.folder)
    #expect(outcome.status == 0, "\(outcome.stdout.suffix(6000))\(outcome.stderr.suffix(2000))")
    let verify = try server.aigov(["audit", "verify", "--db", server.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }
}
