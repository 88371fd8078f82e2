import Foundation
import Testing

@testable import AIGovKit

/// Frameworks: catalogues shipped as data and read strictly, controls mapped to their
/// requirements, and each requirement's status computed from the records.
@Suite struct FrameworkTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures/frameworks")

  /// The rows of a CSV file of the fixtures, by column name.
  static func rows(_ path: String) throws -> [[String: String]] {
    var reader = CSVReader(
      bytes: Array(try Data(contentsOf: fixtures.appendingPathComponent(path))))
    let header = try #require(try reader.header()).fields
    var rows: [[String: String]] = []
    while let record = try reader.next() {
      rows.append(Dictionary(uniqueKeysWithValues: zip(header, record.fields)))
    }
    return rows
  }

  static func framework(_ key: String) throws -> Framework {
    try #require(Framework.builtIn.first { $0.key == key })
  }

  @Test func theNISTCatalogueHoldsEverySubcategoryInNISTsWords() throws {
    let nist = try Self.framework("nist-ai-rmf")
    let source = try Self.rows("nist-ai-rmf-core/ai_rmf_core_subcategories.csv")
    #expect(source.count == 72 && nist.leaves.count == 72)
    for row in source {
      let requirement = try #require(nist.requirement(row["subcategory_id"] ?? ""))
      #expect(requirement.title == row["subcategory_statement"])
      #expect(requirement.parent == row["category_id"])
    }
    // MEASURE 2.10 comes after 2.9, as NIST lists it, not as text sorts.
    let ids = nist.leaves.map(\.id)
    #expect(ids.firstIndex(of: "MEASURE 2.9")! < ids.firstIndex(of: "MEASURE 2.10")!)
  }

  @Test func theTaxonomiesMatchTheirSources() throws {
    let owasp = try Self.framework("owasp-llm-top-10")
    let source = try Self.rows("owasp-llm-top10-2025/owasp_llm_top10_2025.csv")
    #expect(owasp.requirements.map(\.id) == source.map { $0["id"] ?? "" })
    #expect(owasp.requirements.map(\.title) == source.map { $0["title"] ?? "" })
    #expect(owasp.requirements.map(\.cited) == source.map { $0["code"] ?? "" })
    #expect(owasp.licence.contains("CC BY-SA 4.0") && owasp.kind == .taxonomy)
    let atlas = try Self.framework("mitre-atlas")
    let techniques = try Self.rows("mitre-atlas/atlas_techniques.csv")
    #expect(atlas.requirements.map(\.id) == techniques.map { $0["id"] ?? "" })
    #expect(atlas.licence.contains("Apache License 2.0"))
  }

  @Test func isoAnnexAHasItsThirtyEightControlsInOurOwnWords() throws {
    let iso = try Self.framework("iso-iec-42001")
    #expect(iso.leaves.count == 38)
    #expect(iso.leaves.first?.id == "A.2.2" && iso.leaves.last?.id == "A.10.4")
    #expect(iso.requirement("A.6.2.4")?.parent == "A.6.2")
    #expect(iso.assessed == .company)
  }

  @Test func everyEUObligationNamesWhomItBindsAndFromWhen() throws {
    let eu = try Self.framework("eu-ai-act")
    #expect(eu.leaves.count == 33)
    for requirement in eu.leaves {
      #expect(requirement.applicability.roles != nil, "\(requirement.id)")
      #expect(
        requirement.appliesFrom != nil && requirement.dateSource?.hasPrefix("Art. 113") == true)
    }
    #expect(eu.requirement("art-4")?.appliesFrom == "2025-02-02")
    #expect(eu.requirement("art-53-1")?.appliesFrom == "2025-08-02")
    #expect(eu.requirement("art-26-1")?.applicability.roles == ["deployer"])
    #expect(eu.requirement("art-50-2")?.applicability.categories == [.generative])
  }

  /// A catalogue is read as strictly as an import: each mistake is refused by name.
  @Test(arguments: [
    (
      #"{"format":"aigov-framework-1","key":"xy","title":"t","version":"1","source":"s","licence":"l","kind":"requirements","assessed":"company","requirements":[{"id":"a","title":"A","colour":"red"}]}"#,
      "colour"
    ),
    (
      #"{"format":"aigov-framework-1","key":"xy","title":"t","version":"1","source":"s","licence":"l","kind":"requirements","assessed":"company","requirements":[{"id":"a","title":"A"},{"id":"a","title":"B"}]}"#,
      "already exists"
    ),
    (
      #"{"format":"aigov-framework-1","key":"xy","title":"t","version":"1","source":"s","licence":"l","kind":"requirements","assessed":"company","requirements":[{"id":"a","title":"A","parent":"b"},{"id":"b","title":"B"}]}"#,
      "listed before it"
    ),
    (
      #"{"format":"aigov-framework-1","key":"xy","title":"t","version":"1","source":"s","licence":"l","kind":"requirements","assessed":"feature","requirements":[{"id":"a","title":"A","tiers":["severe"]}]}"#,
      "severe"
    ),
    (
      #"{"format":"aigov-framework-1","key":"xy","title":"t","version":"1","source":"s","licence":"l","kind":"requirements","assessed":"feature","requirements":[{"id":"a","title":"A","applies_from":"2026-08-02"}]}"#,
      "date_source"
    ),
    (#"{"format":"aigov-framework-2","key":"xy"}"#, "aigov-framework-1"),
    (
      #"{"format":"aigov-framework-1","key":"xy","title":"t","version":"1","source":"s","licence":"l","kind":"requirements","assessed":"company","requirements":[{"id":"a","title":"A",}]}"#,
      "framework catalogue"
    ),
  ])
  func aCatalogueIsReadStrictly(_ text: String, _ named: String) throws {
    #expect {
      _ = try Framework(catalogue: Array(text.utf8))
    } throws: { error in
      "\(error)".contains(named)
    }
  }

  /// A mapping names a framework and one requirement of it, with a rationale; it is part of the
  /// control's record, audited and reconciled with it.
  @Test func aControlIsMappedToRequirementsAndTheTrailKeepsIt() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    try registry.addControl(
      try ControlTests.draft("ai-labels", claim: nil, scope: ["category:generative"]))
    let mapping = RequirementMapping(
      framework: "eu-ai-act", requirement: "art-50-2", relationship: .equal,
      rationale: "Every generated text carries an AI label.")
    let edit = try registry.mapControl("ai-labels", mapping)
    #expect(edit.after.mappings == [mapping] && edit.after.version == 2)
    #expect(try registry.control("ai-labels").mappings == [mapping])
    let last = try #require(try registry.auditTrail.events(AuditFilter(entity: "control")).last)
    #expect(last.after?.contains(#""mappings":[{"framework":"eu-ai-act""#) == true)
    #expect(try registry.verify().isIntact)

    func refused(_ mapping: RequirementMapping, _ expected: AIGovError) throws {
      try fixture.expectRefusal(expected) { try registry.mapControl("ai-labels", mapping) }
    }
    var wrong = mapping
    wrong.framework = "eu-ai-acts"
    try refused(
      wrong,
      .invalidValue(
        field: "framework", value: "eu-ai-acts",
        expected: "one of: " + Framework.builtIn.map(\.key).joined(separator: ", ")))
    wrong = mapping
    wrong.requirement = "art-99"
    try refused(wrong, .notFound(entity: "requirement of eu-ai-act", key: "art-99"))
    wrong.requirement = "chapter-iv"
    try refused(
      wrong,
      .invalidValue(
        field: "requirement", value: "chapter-iv",
        expected: "one requirement, not a group: one of art-50-1, art-50-2, art-50-3, art-50-4"))
    wrong = mapping
    wrong.rationale = "  "
    try refused(wrong, .missingValue(field: "rationale", reason: "it must not be empty"))

    try registry.unmapControl("ai-labels", framework: "eu-ai-act", requirement: "art-50-2")
    #expect(try registry.control("ai-labels").mappings.isEmpty)
    #expect(try registry.verify().isIntact)
    // A mapping deleted behind aigov's back no longer matches the trail.
    try registry.mapControl("ai-labels", mapping)
    try fixture.tamper("DELETE FROM control_mappings")
    #expect(try !registry.verify().isIntact)
  }

  /// An applicability decision written, changed or removed behind aigov's back is named by
  /// `audit verify`, as every other record is.
  @Test(arguments: [
    (
      "INSERT INTO applicability_decisions (framework, requirement, applicable, justification, "
        + "decided_by, decided_at) VALUES ('iso-iec-42001', 'A.5.2', 0, 'Not ours.', 'x', "
        + "'2026-01-01T00:00:00Z')", "2", RecordProblem.Kind.untracked
    ),
    (
      "DROP TRIGGER applicability_decisions_no_update; "
        + "UPDATE applicability_decisions SET applicable = 1", "1", .differs
    ),
    (
      "DROP TRIGGER applicability_decisions_no_delete; DELETE FROM applicability_decisions",
      "1", .missing
    ),
  ])
  func aForgedApplicabilityDecisionIsNamed(
    _ sql: String, _ key: String, _ kind: RecordProblem.Kind
  ) throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.decideApplicability(
      framework: "iso-iec-42001", requirement: "A.4.5", featureKey: nil, applicable: false,
      justification: "No data from outside the company trains a model.")
    #expect(try fixture.registry.verify().isIntact)
    try fixture.tamper(sql)
    let result = try fixture.registry.verify()
    #expect(!result.isIntact)
    #expect(
      result.recordProblems.contains {
        $0.entity == .applicabilityDecision && $0.key == key && $0.kind == kind
      }, "\(result.recordProblems)")
  }

  /// The sample's standing: met where a control in place with current evidence answers it,
  /// partly or not met where one lacks evidence or is planned, not applicable by role or by a
  /// decision with its reason.
  @Test func theSamplesStatusFollowsItsRecords() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let report = try registry.frameworkReport()
    #expect(
      report.frameworks.map(\.framework) == [
        "eu-ai-act", "iso-iec-42001", "nist-ai-rmf", "owasp-llm-top-10",
      ])
    let eu = try #require(report.frameworks.first { $0.framework == "eu-ai-act" })
    let email = try #require(eu.features.first { $0.feature == "email-ai" })
    func status(_ id: String, _ feature: FeatureFrameworkStanding) -> RequirementStanding? {
      feature.requirements.first { $0.requirement == id }
    }
    #expect(status("art-50-1", email)?.status == .met)
    #expect(status("art-50-2", email)?.status == .met)
    #expect(status("art-50-2", email)?.evidence.isEmpty == false)
    #expect(status("art-4", email)?.status == .partlyMet)
    #expect(
      status("art-4", email)?.why
        == "control 'ai-literacy-training' is in place but has no current evidence")
    #expect(status("art-5", email)?.status == .notMet)
    #expect(status("art-5", email)?.why == "control 'eu-tier-screen' is planned")
    #expect(status("art-9", email)?.status == .notApplicable)
    #expect(status("art-9", email)?.why == "applies to high systems; this feature is limited")
    #expect(
      status("art-26-1", email)?.why == "binds the deployer; the company is this feature's provider"
    )
    let support = try #require(eu.features.first { $0.feature == "support-assistant" })
    #expect(status("art-50-1", support)?.status == .notApplicable)
    #expect(status("art-50-4", support)?.status == .notApplicable)
    #expect(status("art-50-4", support)?.why.hasPrefix("It drafts replies") == true)
    let unassessed = try #require(eu.features.first { $0.feature == "flows-ai" })
    #expect(status("art-9", unassessed)?.status == .notAssessed)

    let iso = try #require(report.frameworks.first { $0.framework == "iso-iec-42001" })
    let excluded = try #require(iso.requirements.first { $0.requirement == "A.4.5" })
    #expect(excluded.status == .notApplicable && excluded.applies == "no")
    // The training data review's log expired on 2026-11-15: in place, but no current evidence.
    #expect(iso.requirements.first { $0.requirement == "A.7.4" }?.status == .partlyMet)
    #expect(iso.requirements.first { $0.requirement == "A.10.3" }?.status == .met)
    #expect(iso.requirements.first { $0.requirement == "A.8.2" }?.status == .partlyMet)
    #expect(iso.requirements.first { $0.requirement == "A.2.2" }?.status == .notAssessed)

    // check names the assessed frameworks' unmapped requirements, once per framework.
    let findings = try registry.check().findings.filter { $0.rule == .frameworkUnmapped }
    #expect(findings.map(\.subject) == ["framework iso-iec-42001", "framework nist-ai-rmf"])
    #expect(try registry.check().findings.allSatisfy { $0.rule != .euAIActTransparency })
    #expect(try registry.verify().isIntact)
  }

  /// A launched generative feature without Art. 50 met fails check; a high-risk one without its
  /// obligations too.
  @Test func theEUAIActRulesFollowTheFeaturesRoleAndTier() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    var role = FeatureChanges()
    role.set("eu_ai_act_role", FeatureRole.provider)
    role.set("eu_ai_act_tier", EUAIActTier.limited)
    try registry.editFeature("email-ai", role)
    var labels = try ControlTests.draft("ai-labels", claim: nil, scope: ["category:generative"])
    labels.mappings = [
      RequirementMapping(
        framework: "eu-ai-act", requirement: "art-50-1", relationship: .subset,
        rationale: "Labels only some of the drafts.")
    ]
    try registry.addControl(labels)
    let transparency = try #require(
      try registry.check().findings.first { $0.rule == .euAIActTransparency })
    #expect(transparency.feature == "email-ai" && transparency.severity == .warning)
    #expect(
      transparency.message
        == "does not meet the EU AI Act's Art. 50(1) (partly met: People are told they are "
        + "dealing with an AI system), Art. 50(2) (not assessed: Generated content is marked, "
        + "machine-readably, as AI-generated)")

    var high = FeatureChanges()
    high.set("eu_ai_act_tier", EUAIActTier.high)
    high.set("annex_iii", AnnexIIIPoint.iii4a)
    try registry.editFeature("email-ai", high)
    let obligation = try #require(
      try registry.check().findings.first { $0.rule == .euAIActObligation })
    #expect(
      obligation.message.hasPrefix(
        "is high-risk and does not meet Art. 4 (not assessed), Art. 5(1) (not assessed), Art. 9 "
          + "(not assessed), Art. 10 (not assessed)"))
    #expect(obligation.message.hasSuffix("Art. 73(1) (not assessed) of the EU AI Act"))
    #expect(try registry.feature("email-ai").annexIII == .iii4a)
    var wrongPoint = FeatureChanges()
    wrongPoint.set("annex_iii", "III.9(z)")
    try fixture.expectRefusal(
      .invalidValue(
        field: "Annex III point", value: "III.9(z)",
        expected: "one of: " + AnnexIIIPoint.acceptedTerms)
    ) { try registry.editFeature("email-ai", wrongPoint) }
  }

  /// Every text from the records is escaped for the format it goes to.
  @Test func hostileJustificationsAreEscapedInEveryFormat() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let hostile = "=cmd|' /C calc'!A0 <script>alert(1)</script> | [x](javascript:y)\nnext"
    try registry.decideApplicability(
      framework: "iso-iec-42001", requirement: "A.2.2", featureKey: nil, applicable: false,
      justification: hostile)
    let report = try registry.frameworkReport(framework: "iso-iec-42001")
    let markdown = try FrameworkReportMarkdown().render(report)
    let html = try FrameworkReportHTML().render(report)
    let csv = try FrameworkReportCSV().render(report)
    #expect(!markdown.contains("\nnext") && markdown.contains(#"\[x\](javascript:y)"#))
    #expect(!html.contains("<script>") && html.contains("&lt;script&gt;"))
    #expect(markdown.contains(#"\<script\>"#) && markdown.contains(#"\|"#))
    #expect(csv.contains("'=cmd"))
  }
}
