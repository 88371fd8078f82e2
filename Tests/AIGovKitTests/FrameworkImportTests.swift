import Foundation
import Testing

@testable import AIGovKit

/// A company's own framework, and a new version of one, imported as a catalogue; and the public
/// page's law and standards, which name only what the records assess.
@Suite struct FrameworkImportTests {
  static func catalogue(
    version: String, requirements: [(String, String)], title: String = "Acme AI policy"
  ) -> [UInt8] {
    let entries = requirements.map { #"{"id": "\#($0.0)", "title": "\#($0.1)"}"# }
    return Array(
      """
      {"format": "aigov-framework-1", "key": "acme-ai-policy", "title": "\(title)",
       "version": "\(version)", "source": "Acme's AI policy", "licence": "Acme's own",
       "kind": "requirements", "assessed": "company", "names": ["Acme AI policy"],
       "requirements": [\(entries.joined(separator: ", "))]}
      """.utf8)
  }

  static let first = catalogue(
    version: "2026-1",
    requirements: [
      ("P1", "Every AI feature has an owner"), ("P2", "Customers are told when AI is used"),
      ("P3", "Vendors are assessed"),
    ])
  static let second = catalogue(
    version: "2026-2",
    requirements: [
      ("P1", "Every AI feature has an owner"), ("P3", "Vendors are assessed every year"),
      ("P4", "Customers can turn AI off"),
    ])

  @Test func aNewVersionReplacesTheOldAndKeepsItsAnswers() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let imported = try registry.importFramework(Self.first)
    #expect(imported.replaces == nil && imported.requirements == 3)
    #expect(try registry.frameworks().last?.key == "acme-ai-policy")
    try registry.addControl(try ControlTests.draft("ai-labels", claim: nil))
    try registry.mapControl(
      "ai-labels",
      RequirementMapping(
        framework: "acme-ai-policy", requirement: "P2", relationship: .equal,
        rationale: "Labels say it."))

    // The same version again, and a catalogue that is not one, change nothing.
    try fixture.expectRefusal(
      .invalidValue(
        field: "version", value: "2026-1",
        expected: "a version acme-ai-policy does not have yet (it is at 2026-1): a new version "
          + "of the catalogue states a new \"version\"")
    ) { try registry.importFramework(Self.first) }
    try fixture.expectRefusal(
      .missingValue(field: "catalogue.assessed", reason: "every entry states it")
    ) {
      try registry.importFramework(Array(#"{"format": "aigov-framework-1", "key": "x"}"#.utf8))
    }

    let changes = try registry.importFramework(Self.second)
    #expect(changes.replaces == "2026-1")
    #expect(changes.added == ["P4"] && changes.removed == ["P2"] && changes.retitled == ["P3"])
    #expect(changes.orphaned == ["control ai-labels → P2"])
    // The mapping is kept; check names it until it is remapped.
    #expect(try registry.control("ai-labels").mappings.map(\.requirement) == ["P2"])
    #expect(try registry.framework("acme-ai-policy").version == "2026-2")
    let findings = try registry.check().findings.filter { $0.rule == .frameworkAnswerOrphaned }
    #expect(findings.map(\.framework) == ["acme-ai-policy"])
    #expect(findings.first?.message.contains("control ai-labels → P2") == true)
    #expect(try registry.verify().isIntact)

    // A catalogue written behind aigov's back is named by verify.
    try fixture.tamper(
      "INSERT INTO framework_catalogues (key, version, catalogue, imported_by, imported_at) "
        + "SELECT key, '2099', catalogue, 'x', '2026-01-01T00:00:00Z' FROM framework_catalogues "
        + "WHERE id = 1")
    let forged = try registry.verify()
    #expect(
      forged.recordProblems.contains {
        $0.entity == .frameworkCatalogue && $0.key == "3" && $0.kind == .untracked
      })
  }

  @Test func theAnswersAndCataloguesTravelInAnExport() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.importFramework(Self.first)
    let directory = try TemporaryDirectory()
    try fixture.registry.export(
      to: URL(fileURLWithPath: directory.path("out")), format: .json, toolVersion: "test")
    let restored = try makeRegistry(in: directory, name: "restored.sqlite")
    _ = try restored.importExport(from: directory.path("out"))
    #expect(try restored.frameworks() == fixture.registry.frameworks())
    #expect(try restored.verify().isIntact)
  }

  @Test func aStatementNamesOnlyAssessedFrameworks() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let claim = "We follow the NIST AI RMF in everything we build."
    try fixture.expectRefusal(
      .invalidValue(
        field: "statement", value: "NIST AI RMF",
        expected: "only frameworks the company assesses: map a control to a requirement of "
          + "nist-ai-rmf ('aigov control map'), or record which of its requirements apply "
          + "('aigov framework exclude' or 'include'), before the page names it")
    ) { try registry.changeSetting(.complianceStatement, to: claim) }
    // A word that merely contains a name claims nothing.
    try registry.changeSetting(.complianceStatement, to: "Our XNIST AI RMFs are ours.")

    try registry.addControl(try ControlTests.draft("ai-labels", claim: nil))
    let mapping = RequirementMapping(
      framework: "nist-ai-rmf", requirement: "MAP 1.1", relationship: .intersects,
      rationale: "Context.")
    try registry.mapControl("ai-labels", mapping)
    try registry.changeSetting(.complianceStatement, to: claim)
    #expect(try registry.check().findings.allSatisfy { $0.rule != .statementUnbackedFramework })

    // Once nothing assesses it, check names the statement that still claims it.
    try registry.unmapControl("ai-labels", framework: "nist-ai-rmf", requirement: "MAP 1.1")
    let finding = try #require(
      try registry.check().findings.first { $0.rule == .statementUnbackedFramework })
    #expect(finding.severity == .error && finding.framework == "nist-ai-rmf")
    #expect(finding.fix.contains("aigov config set public.compliance TEXT"))
  }

  /// The page says how far each assessed framework is met; a catalogue's own words are escaped
  /// for each format.
  @Test func thePageSaysHowFarFromTheRecords() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    #expect(try registry.publicDisclosure().frameworks == nil)
    try registry.importFramework(
      Self.catalogue(
        version: "1", requirements: [("P1", "Owner"), ("P2", "Told")],
        title: "<script>alert(1)</script> | *policy*"))
    try registry.addControl(try ControlTests.draft("ai-labels", claim: nil))
    try registry.mapControl(
      "ai-labels",
      RequirementMapping(
        framework: "acme-ai-policy", requirement: "P2", relationship: .equal, rationale: "R."))
    let page = try registry.publicDisclosure()
    let disclosed = try #require(page.frameworks?.first)
    #expect(disclosed.counts.applicable == 2 && disclosed.counts.notAssessed == 1)
    let html = PublicDisclosureHTML().render(page)
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | *policy* (1): of the 2"))
    #expect(!html.contains("<script>alert"))
    let markdown = PublicDisclosureMarkdown().render(page)
    #expect(markdown.contains("## Law and standards"))
    #expect(markdown.contains(#"\*policy\*"#))
  }
}
