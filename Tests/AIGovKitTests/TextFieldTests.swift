import Foundation
import Testing

@testable import AIGovKit

/// What each free-text field accepts, and that every way in enforces it.
@Suite struct TextFieldTests {
  /// Text that can drive a terminal or hide what a reader sees.
  static let refusedEverywhere = [
    "\u{1B}[2J", "bell\u{7}", "nul\u{0}", "del\u{7F}", "c1\u{85}", "carriage\r\nreturn",
    "line\u{2028}separator", "\u{202E}evil", "isolate\u{2066}", "mark\u{200F}",
  ]

  @Test(arguments: refusedEverywhere)
  func controlAndBidirectionalCharactersAreRefusedInEveryField(_ value: String) {
    for field in TextField.all {
      #expect(field.problem(in: "ok " + value) != nil, "\(field.label)")
    }
  }

  /// Printable ASCII is accepted without asking Unicode's tables; every ASCII character must
  /// still get the verdict those tables give.
  @Test func everyASCIICharacterGetsTheVerdictOfUnicodesProperties() throws {
    for value in UInt32(0)...0x7F {
      let scalar = try #require(Unicode.Scalar(value))
      let refused =
        scalar.isControl || scalar.isBidirectionalFormatting
        || scalar.properties.isDefaultIgnorableCodePoint
      let text = "a" + String(Character(scalar)) + "b"
      #expect((TextField.featureName.problem(in: text) != nil) == refused, "U+\(scalar.hexDigits)")
      let refusedOnManyLines = refused && value != 0x0A && value != 0x09
      #expect(
        (TextField.featureDescription.problem(in: text) != nil) == refusedOnManyLines,
        "U+\(scalar.hexDigits)")
    }
  }

  @Test func lineBreaksAndTabsAreForMultiLineFieldsOnly() {
    let text = "first line\n\tsecond line"
    #expect(TextField.featureDescription.problem(in: text) == nil)
    #expect(TextField.signOffComment.problem(in: text) == nil)
    let refused = TextField.featureName.problem(in: text)
    #expect(refused?.hasPrefix("holds a line break or tab (U+000A) at character 11;") == true)
    #expect(TextField.featureName.problem(in: "tab\there") != nil)
  }

  /// Free text: every field but those that must have a shape (a URL).
  static let freeText = TextField.all.filter { $0.format == nil }

  @Test func markupFormulasAndAnyScriptAreText() {
    for value in ["<script>alert(1)</script>", "a | b", "=cmd|' /C calc'!A0", "Ünïcode 😀 مرحبا"] {
      for field in Self.freeText { #expect(field.problem(in: value) == nil, "\(field.label)") }
    }
  }

  @Test func aURLFieldTakesOnlyAnHTTPSURLThatNoFormatReadsAsMore() throws {
    let field = try #require(Feature.field("documentation_url").textField)
    for good in [
      "https://help.example.com/ai", "https://help.example.com:8443/a/b?x=1&y=%20#part",
      "https://user@help.example.com/(draft)",
    ] {
      #expect(field.problem(in: good) == nil, "\(good)")
    }
    let refused: [(String, String)] = [
      ("http://help.example.com/ai", "does not start with https://"),
      ("javascript:alert(1)", "does not start with https://"),
      ("https://", "names no host"),
      ("https:///path", "names no host"),
      ("https://help.example.com/a b", "holds ' ' (U+0020)"),
      ("https://x.example/\"><script>", "holds '\"' (U+0022)"),
      ("https://x.example/<b>", "holds '<' (U+003C)"),
      ("https://x.example/a\\b", "holds '\\' (U+005C)"),
      ("https://x.example/ü", "holds 'ü' (U+00FC)"),
      ("https://x.example/\u{1B}[2J", "holds the control character (U+001B)"),
      ("https://x.example/\u{202E}fdp.exe", "holds a bidirectional formatting character"),
    ]
    for (value, problem) in refused {
      let found = field.problem(in: value)
      #expect(found?.hasPrefix(problem) == true, "\(value): \(found ?? "accepted")")
    }
    let long = "https://x.example/" + String(repeating: "a", count: 2_000)
    #expect(field.problem(in: long) == "2018 characters, over the limit of 2000")
  }

  @Test func lengthCountsUnicodeScalarsUpToTheLimit() throws {
    for field in Self.freeText {
      #expect(field.problem(in: String(repeating: "é", count: field.maximumLength)) == nil)
      let over = String(repeating: "x", count: field.maximumLength + 1)
      #expect(
        field.problem(in: over)
          == "\(field.maximumLength + 1) characters, over the limit of \(field.maximumLength)")
    }
  }

  @Test func anErrorShowsTheStartOfAValueOnOneLine() {
    let error = #expect(throws: AIGovError.self) {
      try TextField.featureName.check(String(repeating: "n", count: 100_000))
    }
    let message = error?.description ?? ""
    #expect(message.count < 200 && message.hasPrefix("invalid feature name 'nnnn"))
    #expect(message.hasSuffix("…': 100000 characters, over the limit of 200"))
    let hostile = #expect(throws: AIGovError.self) {
      try TextField.featureName.check("Evil\u{1B}[2J\nname")
    }
    #expect(
      hostile?.description
        == "invalid feature name 'Evil‹U+001B›[2J‹U+000A›name': holds the control character "
        + "(U+001B) at character 5; it takes one line of at most 200 characters, without "
        + "control or invisible format characters")
  }

  /// Every operation that writes free text refuses a value its field does not accept, and
  /// leaves the database as it was.
  @Test func everyOperationEnforcesTheRules() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let bad = "x\u{1B}[2J"
    try registry.openReview("churn-risk")
    let operations: [(String, () throws -> Void)] = [
      (
        "feature name",
        {
          try registry.addFeature(
            FeatureDraft(
              key: "new-one", name: bad, purpose: "p", category: .agentic,
              servingUse: .accountOnly, trainingUse: .none, owner: "o"))
        }
      ),
      (
        "feature description",
        {
          var changes = FeatureChanges()
          changes.set("description", "ok\n" + bad)
          try registry.editFeature("email-ai", changes)
        }
      ),
      (
        "feature team",
        {
          var changes = FeatureChanges()
          changes.set("team", "two\nlines")
          try registry.editFeature("email-ai", changes)
        }
      ),
      (
        "provider use model",
        {
          try registry.linkProvider(
            featureKey: "email-ai", providerKey: "internal-ml", model: bad, purpose: "")
        }
      ),
      (
        "provider name",
        { try registry.addProvider(ProviderDraft(key: "p2", name: bad, kind: .llm)) }
      ),
      (
        "provider notes",
        {
          var changes = ProviderChanges()
          changes.notes = String(repeating: "n", count: 10_001)
          try registry.editProvider("openai", changes)
        }
      ),
      (
        "risk title",
        {
          try registry.addRisk(
            featureKey: "email-ai",
            RiskDraft(title: bad, category: .privacy, likelihood: 1, impact: 1, owner: "o"))
        }
      ),
      (
        "mitigation evidence",
        {
          var changes = MitigationChanges()
          changes.set("evidence", "https://example.com/\u{202E}fdp.exe")
          try registry.editMitigation(1, changes)
        }
      ),
      (
        "reviewer name",
        {
          try registry.addReviewer(
            handle: "newbie", name: bad, email: "n@example.com", disciplines: [.legal])
        }
      ),
      (
        "feature status reason", { try registry.setStatus("email-ai", to: .suspended, reason: bad) }
      ),
      (
        "sign-off comment",
        {
          try fixture.sign("churn-risk", as: "tom", .reject, comment: bad)
        }
      ),
      (
        "audit event actor",
        {
          var changes = FeatureChanges()
          changes.set("purpose", "a purpose changed by someone whose name hides a command")
          try Registry(database: registry.database, actor: bad, clock: registry.clock)
            .editFeature("email-ai", changes)
        }
      ),
    ]
    for (field, operation) in operations {
      let before = try Self.snapshot(registry.database)
      let error = #expect(throws: AIGovError.self, "\(field)") { try operation() }
      guard case .invalidText(let named, _, _)? = error else {
        Issue.record("\(field): \(String(describing: error))")
        continue
      }
      #expect(named == field)
      #expect(try Self.snapshot(registry.database) == before, "\(field) changed the database")
    }
  }

  /// The sample inventory the demo builds holds only text its fields accept.
  @Test func theSampleObeysTheRules() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("demo.sqlite")
    _ = try SampleInventory.builtIn().build(
      at: path, replacing: false, clock: { Timestamp.parse("2026-12-31T00:00:00Z")! })
    let database = try Database(path: path, mode: .existing)
    var checked = 0
    for table in ExchangeTable.all {
      for (index, column) in table.columns.enumerated() {
        guard let field = column.textField else { continue }
        try database.forEachRow(table.selectSQL) { row in
          if case .text(let text) = row.values[index] {
            #expect(field.problem(in: text) == nil, "\(table.name).\(column.name)")
            checked += 1
          }
        }
      }
    }
    #expect(checked > 1_000)
  }

  /// A value too long for its field, or holding a control character, refuses the import it
  /// arrives in, restored or merged, with the file, row and column named.
  @Test(arguments: [true, false])
  func importRefusesTextItsFieldsDoNotAccept(restoring: Bool) throws {
    let fixture = try GovernanceFixture()
    let directory = try TemporaryDirectory()
    let folder = directory.path("export")
    try fixture.registry.export(to: URL(fileURLWithPath: folder), format: .json, toolVersion: "1")
    let file = folder + "/features.json"
    let original = try String(contentsOfFile: file, encoding: .utf8)
    let tampered = original.replacingOccurrences(
      of: "\"Email AI\"", with: "\"Email AI\\u001b]0;owned\\u0007\"")
    #expect(tampered != original)
    try tampered.write(toFile: file, atomically: true, encoding: .utf8)
    let target = try makeRegistry(in: directory, name: "target.sqlite")
    if !restoring {
      try target.addProvider(ProviderDraft(key: "already", name: "Already here", kind: .internal))
    }
    let before = try Self.snapshot(target.database)
    let refused = #expect(throws: ImportRefused.self) { try target.importExport(from: folder) }
    let problem = try #require(refused?.report.problems.first)
    #expect(problem.file == "features.json" && problem.field == "name" && problem.row != nil)
    #expect(problem.reason.contains("'Email AI‹U+001B›]0;owned‹U+0007›'"))
    #expect(problem.reason.contains("holds the control character (U+001B) at character 9"))
    #expect(try Self.snapshot(target.database) == before)
  }

  @Test func theFederalProfileFoldsWrappedCellsAndShortensLongOnes() {
    let long = String(repeating: "word ", count: 60)
    let name = FederalInventory.fitted("Machine Translation\r\n(Previously  \tX)", .featureName)
    #expect(name.text == "Machine Translation (Previously X)" && !name.shortened)
    let cut = FederalInventory.fitted(long, .featureName)
    #expect(cut.shortened && cut.text.unicodeScalars.count == 200 && cut.text.hasSuffix("…"))
    #expect(TextField.featureName.problem(in: cut.text) == nil)
    let purpose = FederalInventory.fitted("one\r\ntwo\rthree\u{2028}four", .featurePurpose)
    #expect(purpose.text == "one\ntwo\nthree\nfour")
    let hostile = FederalInventory.fitted("Name\u{1B}[2J", .featureName)
    #expect(TextField.featureName.problem(in: hostile.text) != nil)
  }

  /// The README's table of fields is the catalogue, row for row.
  @Test func theReadmeListsEveryFieldWithItsLimit() throws {
    let readme = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../README.md"), encoding: .utf8)
    let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("| `") }
    let formatter = IntegerFormatStyle<Int>.number.locale(Locale(identifier: "en_US"))
    let expected = TextField.all.map { field in
      "| \(field.record) | `\(field.name)` | "
        + (field.format == .httpsURL
          ? "https URL" : field.lines == .one ? "one line" : "several lines")
        + " | "
        + "\(field.maximumLength.formatted(formatter)) |"
    }
    #expect(expected.allSatisfy { rows.contains(Substring($0)) }, "\(expected)")
  }

  /// Every row of every table, to compare a database before and after a refused change.
  static func snapshot(_ database: Database) throws -> [String] {
    var rows: [String] = []
    for table in ExchangeTable.all {
      try database.forEachRow(table.selectSQL) { row in
        rows.append(table.name + ": " + String(describing: row.values))
      }
    }
    return rows
  }
}
