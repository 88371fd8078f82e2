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
    #expect(finding.fix.contains("aigov statement edit compliance --body TEXT"))
  }

  /// A risk names the taxonomy entries it is an instance of: checked against the catalogues,
  /// kept in one order, audited and reconciled with the risk.
  @Test func aRiskNamesTaxonomyEntries() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    var draft = RiskDraft(
      title: "Prompt injection", category: .security, likelihood: 3, impact: 4, owner: "Sam")
    draft.taxonomy = "owasp-llm-top-10:LLM01,  mitre-atlas:AML.T0051, owasp-llm-top-10:LLM01"
    let risk = try registry.addRisk(featureKey: "email-ai", draft)
    #expect(risk.taxonomy == "mitre-atlas:AML.T0051, owasp-llm-top-10:LLM01")
    let event = try #require(try registry.auditTrail.events(AuditFilter(entity: "risk")).last)
    #expect(
      event.after?.contains(#""taxonomy":"mitre-atlas:AML.T0051, owasp-llm-top-10:LLM01""#) == true)
    #expect(try registry.verify().isIntact)

    func refused(_ taxonomy: String, _ expected: AIGovError) throws {
      var changes = RiskChanges()
      changes.set("taxonomy", taxonomy)
      try fixture.expectRefusal(expected) { try registry.editRisk(risk.id, changes) }
    }
    try refused(
      "LLM01",
      .invalidValue(
        field: "taxonomy", value: "LLM01", expected: "FRAMEWORK:ID, such as owasp-llm-top-10:LLM01")
    )
    try refused(
      "eu-ai-act:art-5",
      .invalidValue(
        field: "taxonomy", value: "eu-ai-act",
        expected: "a risk taxonomy: one of nist-ai-600-1, owasp-llm-top-10, mitre-atlas"))
    try refused(
      "owasp-llm-top-10:LLM99", .notFound(entity: "entry of owasp-llm-top-10", key: "LLM99"))

    var clear = RiskChanges()
    clear.set("taxonomy", "")
    #expect(try registry.editRisk(risk.id, clear).after.taxonomy == nil)
    #expect(try registry.verify().isIntact)
    try fixture.tamper("UPDATE risks SET taxonomy = 'owasp-llm-top-10:LLM10' WHERE id = \(risk.id)")
    #expect(
      try registry.verify().recordProblems.contains {
        $0.entity == .risk && $0.key == String(risk.id) && $0.fields == ["taxonomy"]
      })
  }

  /// A feature's own mitigation answers a requirement of a framework assessed per feature, for
  /// that feature: partly while it has no current evidence, met once it has, not met before it
  /// is in place; audited, and named by verify when forged.
  @Test func aMitigationAnswersARequirementForItsFeature() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    let mitigation = try #require(
      try registry.featureRecord("email-ai").risks.first?.mitigations.first)
    let mapping = RequirementMapping(
      framework: "eu-ai-act", requirement: "art-50-2", relationship: .equal,
      rationale: "Each draft carries an AI label in its metadata.")
    try fixture.expectRefusal(
      .invalidValue(
        field: "framework", value: "iso-iec-42001",
        expected: "a framework assessed feature by feature (eu-ai-act); a company control "
          + "answers iso-iec-42001: map one with 'aigov control map'")
    ) {
      var company = mapping
      company.framework = "iso-iec-42001"
      company.requirement = "A.6.2.4"
      try registry.mapMitigation(mitigation.id, company)
    }
    try fixture.expectRefusal(.notFound(entity: "mitigation", key: "999")) {
      try registry.mapMitigation(999, mapping)
    }
    try registry.mapMitigation(mitigation.id, mapping)

    func standing() throws -> RequirementStanding? {
      try registry.frameworkAssessments(framework: "eu-ai-act").first?.features
        .first { $0.feature == "email-ai" }?.requirements.first { $0.requirement == "art-50-2" }
    }
    var status = MitigationChanges()
    status.set("status", MitigationStatus.planned)
    try registry.editMitigation(mitigation.id, status)
    #expect(try standing()?.status == .notMet)
    #expect(try standing()?.why == "mitigation #\(mitigation.id) is planned")
    status.set("status", MitigationStatus.implemented)
    try registry.editMitigation(mitigation.id, status)
    #expect(try standing()?.status == .partlyMet)
    var evidence = EvidenceDraft(
      title: "Label check", kind: .testReport, collectedOn: "2026-11-01", providedBy: "Sam")
    evidence.content = Array("every draft labelled".utf8)
    evidence.fileName = "labels.txt"
    evidence.links = ["mitigation:\(mitigation.id)"]
    let piece = try registry.addEvidence(evidence)
    let met = try #require(try standing())
    #expect(met.status == .met && met.evidence == [piece.id])
    #expect(met.controls.first?.mitigation == mitigation.id)
    #expect(try registry.verify().isIntact)

    try registry.unmapMitigation(
      mitigation.id, framework: "eu-ai-act", requirement: "art-50-2")
    #expect(try standing()?.controls.isEmpty == true)
    #expect(try registry.verify().isIntact)
    try fixture.tamper(
      "INSERT INTO mitigation_mappings (mitigation_id, framework, requirement, relationship, "
        + "rationale) VALUES (\(mitigation.id), 'eu-ai-act', 'art-50-1', 'equal', 'forged')")
    #expect(
      try registry.verify().recordProblems.contains {
        $0.entity == .mitigationMapping && $0.kind == .untracked
      })
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
