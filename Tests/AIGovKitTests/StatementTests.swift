import Foundation
import Testing

@testable import AIGovKit

/// The company's statements are records: audited, reconciled, replayed, rebuilt as of a moment;
/// their bodies carry paragraphs, lists and https links and nothing else.
@Suite struct StatementTests {
  @Test func aStatementIsAddedChangedAndRemovedOnTheTrail() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let added = try registry.addStatement(
      CompanyStatement(
        key: "prohibited-uses", section: .principles, title: "  What we never do ",
        body: "- We never sell your data.\n- We never profile children.\n", position: 5))
    #expect(added.title == "What we never do" && added.version == 1)
    #expect(added.body == "- We never sell your data.\n- We never profile children.")
    var changes = StatementChanges()
    changes.set("section", StatementSection.data)
    changes.set("position", 1)
    let edited = try registry.editStatement("prohibited-uses", changes, expectedVersion: 1)
    #expect(edited.after.section == .data && edited.after.version == 2)
    #expect(try registry.statements().map(\.key) == ["prohibited-uses"])
    try fixture.expectRefusal(
      .versionConflict(entity: "statement", key: "prohibited-uses", expected: 1, actual: 2)
    ) { try registry.editStatement("prohibited-uses", changes, expectedVersion: 1) }
    try fixture.expectRefusal(.duplicate(entity: "statement", key: "prohibited-uses")) {
      try registry.addStatement(
        CompanyStatement(key: "prohibited-uses", section: .law, title: "t", body: "b"))
    }
    try fixture.expectRefusal(.notFound(entity: "statement", key: "nope")) {
      try registry.removeStatement("nope")
    }
    let actions = try registry.auditTrail.events(AuditFilter(entity: "statement")).map(\.action)
    #expect(actions == ["statement.create", "statement.update"])
    #expect(try registry.verify().isIntact)
    try registry.removeStatement("prohibited-uses")
    #expect(try registry.statements().isEmpty)
    #expect(try registry.verify().isIntact)
  }

  /// The old statement settings still work: `config set public.ownership` writes the statement
  /// it became, and an empty value takes it off the page.
  @Test func aStatementSettingWritesItsStatement() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    try registry.changeSetting(.ownershipStatement, to: "You own your content.")
    let statement = try registry.statement("ownership")
    #expect(
      statement.section == .data && statement.title == "Your content and what the AI produces")
    #expect(try registry.setting(.ownershipStatement) == "You own your content.")
    try registry.changeSetting(.ownershipStatement, to: "You own your content and outputs.")
    #expect(try registry.statement("ownership").version == 2)
    try registry.changeSetting(.ownershipStatement, to: "")
    #expect(try registry.statements().isEmpty)
    #expect(try registry.database.scalarInteger("SELECT count(*) FROM settings") == 0)
    #expect(try registry.verify().isIntact)
  }

  /// A database from before schema 18 kept its statements as settings: the upgrade moves each
  /// into a record, unchanged, and the trail records both moves; the replay finds nothing wrong.
  @Test func anUpgradeMovesTheStatementSettingsIntoRecords() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let before = Setting(name: "public.security", value: "We hold ISO 27001 certification.")
    try registry.database.transaction {
      try registry.database.execute(
        "INSERT INTO settings (name, value) VALUES (?, ?)", [before.name, before.value])
      try registry.recordEvent(.settingUpdate, before: nil, after: before)
    }
    let pageBefore = try registry.publicDisclosure()
    try registry.database.transaction { try registry.recordStatementUpgrade() }
    let moved = try registry.statement("security")
    #expect(moved.body == before.value && moved.section == .security && moved.title == "Security")
    #expect(try registry.database.scalarInteger("SELECT count(*) FROM settings") == 0)
    #expect(try registry.verify().isIntact)
    #expect(try registry.publicDisclosure().statements == pageBefore.statements)
    let actions = try registry.auditTrail.events(AuditFilter()).suffix(2).map(\.action)
    #expect(actions == ["statement.create", "setting.update"])
  }

  @Test func aStatementNamingAFrameworkNobodyAssessesIsRefusedAndAForgedOneIsNamed() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let claim = CompanyStatement(
      key: "standards", section: .law, title: "Standards", body: "We follow the NIST AI RMF.")
    try fixture.expectRefusal(
      .invalidValue(
        field: "statement", value: "NIST AI RMF",
        expected: "only frameworks the company assesses: map a control to a requirement of "
          + "nist-ai-rmf ('aigov control map'), or record which of its requirements apply "
          + "('aigov framework exclude' or 'include'), before the page names it")
    ) { try registry.addStatement(claim) }
    // Written behind aigov's back, with an event that looks right: the replay names it.
    var plain = claim
    plain.body = "We follow good practice."
    try registry.addStatement(plain)
    let earlier = try registry.statement("standards")
    try registry.database.execute(
      "UPDATE statements SET body = 'We follow the NIST AI RMF.', version = 2 WHERE key = ?",
      ["standards"])
    let forged = try Forger(fixture: fixture).append(
      .statementUpdate, before: earlier, after: try registry.statement("standards"))
    try expectNamed(
      registry, event: forged,
      "the company statement standards names 'NIST AI RMF' (nist-ai-rmf), which nothing "
        + "assessed when it was written")
    // A row changed with no event at all: verify names the difference.
    try registry.database.execute(
      "UPDATE statements SET title = 'Changed' WHERE key = ?", ["standards"])
    let report = try registry.verify()
    #expect(!report.isIntact && report.chain.isIntact)
    #expect(
      report.recordProblems.contains { "\($0)".contains("standards") }, "\(report.recordProblems)")
  }

  @Test func aBodyCarriesParagraphsListsAndHTTPSLinksAndNothingElse() throws {
    let body = """
      See our [privacy policy](https://example.com/privacy) and <script>alert(1)</script>.
      A [bad link](javascript:alert(1)) | =cmd \u{1B}[2J \u{202E}evil

      - one *item*
      - two [terms](https://example.com/terms)
      """
    let text = StatementText(body)
    #expect(text.blocks.count == 2)
    let html = text.html
    #expect(
      html.contains(
        #"<a href="https://example.com/privacy" rel="noopener noreferrer">privacy policy</a>"#))
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"))
    #expect(html.contains("[bad link](javascript:alert(1))") && !html.contains("href=\"javascript"))
    #expect(html.contains("<ul><li>one *item*</li><li>two <a href=\"https://example.com/terms\""))
    #expect(!html.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    let markdown = text.markdown
    #expect(markdown.contains("[privacy policy](<https://example.com/privacy>)"))
    #expect(markdown.contains(#"\<script\>alert(1)\</script\>"#))
    #expect(markdown.contains(#"A \[bad link\](javascript:alert(1)) \| =cmd"#))
    #expect(markdown.contains("- one \\*item\\*"))
    #expect(markdown.contains("‹U+001B›") && markdown.contains("‹U+202E›evil"))
    #expect(text.plain.contains("privacy policy <https://example.com/privacy>"))
  }
}
