import Foundation
import Testing

@testable import AIGovKit

@Suite struct SampleInventoryTests {
  @Test func sampleLoadsAsTheDesignDescribesIt() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("demo.sqlite")
    let fixed = Timestamp.parse("2026-11-22T10:00:00Z")!
    let overview = try SampleInventory.builtIn().build(
      at: path, replacing: false, clock: { fixed })
    #expect(overview.featureCount == 21)
    #expect(
      overview.featuresByCategory == [.agentic: 2, .predictive: 12, .generative: 4, .automation: 3])
    let registry = try Registry.open(path: path, actor: "t", clock: { fixed })
    let llms = try registry.providers().filter { $0.kind == .llm }
    #expect(Set(llms.map(\.key)) == ["openai", "anthropic", "aws-bedrock", "gemini"])
    #expect(llms.allSatisfy { $0.noTraining && $0.retentionDays == 0 && $0.dpaSignedOn != nil })
    let generative = try registry.features(FeatureFilter(category: .generative))
    #expect(generative.allSatisfy { $0.humanOversight == .humanInTheLoop })
    for feature in generative {
      #expect(try !registry.featureRecord(feature.key).providers.isEmpty)
    }
    let disciplines = Set(try registry.reviewers().flatMap(\.disciplines))
    #expect(disciplines == Set(Discipline.allCases))
    #expect(Set(overview.mitigationsByStatus.keys) == Set(MitigationStatus.allCases))
    #expect(overview.risksByLevel.keys.count == RiskLevel.allCases.count)
    #expect(overview.unmitigatedHighRisks > 0)
    #expect(try registry.auditTrail.verify().isIntact)
    #expect(overview.auditEventCount == (try registry.auditTrail.events().count))
  }

  @Test func existingFileIsKeptUnlessReplacing() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("mine.sqlite")
    try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
    #expect(throws: AIGovError.fileExists(path: path)) {
      try SampleInventory.builtIn().build(at: path, replacing: false, clock: Date.init)
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
    _ = try SampleInventory.builtIn().build(at: path, replacing: true, clock: Date.init)
    #expect(try Registry.open(path: path, actor: "d", clock: Date.init).features().count == 21)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["mine.sqlite"])
  }
}
