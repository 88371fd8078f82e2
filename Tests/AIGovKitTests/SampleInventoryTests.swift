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
    // The reference page's 21 features, the support staff's assistant, a model retired in the
    // year and a feature still proposed.
    #expect(overview.featureCount == 24)
    #expect(
      overview.featuresByCategory == [.agentic: 2, .predictive: 13, .generative: 6, .automation: 3])
    #expect(overview.featuresByAudience == [.customers: 19, .endConsumers: 4, .internal: 1])
    let registry = try Registry.open(path: path, actor: "t", clock: { fixed })
    let llms = try registry.providers().filter { $0.kind == .llm }
    #expect(
      Set(llms.map(\.key)) == ["openai", "anthropic", "anthropic-bedrock", "aws-bedrock", "gemini"])
    #expect(llms.allSatisfy { $0.noTraining && $0.retentionDays == 0 && $0.dpa == .yes })
    #expect(try registry.provider("anthropic-bedrock").servedThrough == "aws-bedrock")
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
    #expect(try Registry.open(path: path, actor: "d", clock: Date.init).features().count == 24)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["mine.sqlite"])
  }
}

@Suite struct SampleHistoryTests {
  static let november = Timestamp.parse("2026-11-22T10:00:00Z")!

  static func build(at time: Date, in directory: TemporaryDirectory, name: String) throws
    -> Registry
  {
    let path = directory.path(name)
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { time })
    return try Registry.open(path: path, actor: "t", clock: { time })
  }

  @Test func theSameTimeGivesTheSameDatabaseAndChainHead() throws {
    let directory = try TemporaryDirectory()
    let first = try Self.build(at: Self.november, in: directory, name: "a.sqlite")
    let second = try Self.build(at: Self.november, in: directory, name: "b.sqlite")
    #expect(try first.auditTrail.head()?.hash == second.auditTrail.head()?.hash)
    #expect(try snapshot(first.database) == snapshot(second.database))
    // Earlier, the history is shorter: steps after the clock are left out.
    let june = try Self.build(
      at: Timestamp.parse("2026-06-09T00:00:00Z")!, in: directory, name: "june.sqlite")
    #expect(try june.auditTrail.events().count < first.auditTrail.events().count)
    #expect(try june.features().count < 24)
    #expect(try june.feature("email-ai").status == .inReview)
    #expect(try june.verify().isIntact)
  }

  /// The end of the third quarter, when the year's governance has something of every kind to show.
  static let autumn = Timestamp.parse("2026-10-01T12:00:00Z")!

  @Test func theYearShowsEveryKindOfReviewResult() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.build(at: Self.autumn, in: directory, name: "demo.sqlite")
    let statuses = Dictionary(
      grouping: try registry.features(), by: \.status
    ).mapValues { $0.map(\.key).sorted() }
    #expect(Set(statuses.keys) == Set(FeatureStatus.allCases))
    #expect(statuses[.suspended] == ["customer-agent"])
    #expect(statuses[.retired] == ["send-time-v1"])
    let review = try registry.review("email-ai")
    #expect(review.rounds.map(\.round.status) == [.voided, .open])
    #expect(review.rounds[0].round.closeReason?.contains("provider gemini") == true)
    let decisions = try registry.database.query("SELECT DISTINCT decision FROM signoffs").map {
      try $0.text("decision")
    }
    #expect(Set(decisions) == Set(Decision.allCases.map(\.rawValue)))
    let roundStatuses = try registry.database.query("SELECT DISTINCT status FROM review_rounds")
      .map { try $0.text("status") }
    #expect(Set(roundStatuses) == ["open", "approved", "rejected", "voided", "withdrawn"])
    let status = try registry.reviewStatus()
    #expect(status.contains { !$0.missing.isEmpty && $0.round?.status == .open })
    // The one-pass reading of every feature agrees with reading each feature alone.
    for entry in status { #expect(try registry.reviewStatus(entry.featureKey) == [entry]) }
    let verification = try registry.verify()
    #expect(verification.isIntact)
    #expect(
      verification.signedSignOffs > 0 && verification.signedSignOffs < verification.signOffsChecked)
    let check = try registry.check()
    #expect(check.errorCount > 0 && check.warningCount > 0)
    let rules = Set(check.findings.map(\.rule))
    for rule in [
      CheckRule.aggregationSize, .unmitigatedRisk, .reviewOverdue, .unlistedSubprocessor,
    ] {
      #expect(rules.contains(rule), "the sample shows no \(rule.rawValue) finding")
    }
  }
}
