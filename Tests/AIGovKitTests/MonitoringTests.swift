import Foundation
import Testing

@testable import AIGovKit

/// Monitoring plans and their results: judged against the plan, audited, never edited.
@Suite struct MonitoringTests {
  static func plannedRegistry(in directory: TemporaryDirectory) throws -> Registry {
    let registry = try makeRegistry(in: directory)
    try registry.seed()
    var accuracy = MonitoringPlanDraft(
      metric: "acceptance-rate", kind: .metric, cadenceDays: 30, owner: "priya")
    accuracy.direction = .atLeast
    accuracy.threshold = "0.80"
    accuracy.method = "Share of drafts sent without heavy edits, from the product's events."
    try registry.addMonitoringPlan(featureKey: "email-ai", accuracy)
    try registry.addMonitoringPlan(
      featureKey: "email-ai",
      MonitoringPlanDraft(metric: "tone-review", kind: .check, cadenceDays: 90, owner: "wei"))
    return registry
  }

  @Test func resultsAreJudgedByThePlanAndAudited() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.plannedRegistry(in: directory)
    let pass = try registry.recordMonitoringResult(
      featureKey: "email-ai", metric: "acceptance-rate", value: "0.83", passed: nil,
      measuredAt: "2026-11-01", evidence: "https://dash/x")
    let fail = try registry.recordMonitoringResult(
      featureKey: "email-ai", metric: "acceptance-rate", value: "0.79", passed: nil,
      measuredAt: nil)
    let check = try registry.recordMonitoringResult(
      featureKey: "email-ai", metric: "tone-review", value: nil, passed: false, measuredAt: nil,
      note: "two drafts too casual")
    #expect(pass.passed && !fail.passed && !check.passed)
    #expect(pass.measuredAt == "2026-11-01T00:00:00Z")
    let plan = try registry.monitoringPlan(featureKey: "email-ai", metric: "acceptance-rate")
    #expect(try registry.monitoringResults(planID: plan.id).map(\.value) == ["0.83", "0.79"])
    #expect(
      try registry.monitoringPlans(featureKey: "email-ai").map(\.metric) == [
        "acceptance-rate", "tone-review",
      ])
    let verification = try registry.verify()
    #expect(verification.isIntact, "\(verification.problems)")
    #expect(
      try registry.auditTrail.events(AuditFilter(entity: "monitoring-result")).count == 3)
  }

  @Test func aWrongMeasurementIsRefusedAndChangesNothing() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.plannedRegistry(in: directory)
    let before = try snapshot(registry.database)
    let refusals: [(String, String?, Bool?, String?)] = [
      ("acceptance-rate", nil, nil, nil),  // a metric needs a value
      ("acceptance-rate", "83%", nil, nil),  // not a decimal
      ("acceptance-rate", "0.9", true, nil),  // a metric is judged by its threshold
      ("tone-review", "1", nil, nil),  // a check has no value
      ("tone-review", nil, nil, nil),  // a check needs pass or fail
      ("tone-review", nil, true, "2027-01-01"),  // measured after now
      ("tone-review", nil, true, "yesterday"),
      ("no-such-metric", nil, true, nil),
    ]
    for (metric, value, passed, measuredAt) in refusals {
      #expect(throws: AIGovError.self, "\(metric) \(value ?? "-")") {
        try registry.recordMonitoringResult(
          featureKey: "email-ai", metric: metric, value: value, passed: passed,
          measuredAt: measuredAt)
      }
    }
    var bad = MonitoringPlanDraft(metric: "latency", kind: .metric, cadenceDays: 7, owner: "x")
    bad.direction = .atMost
    bad.threshold = "1e3"
    #expect(throws: AIGovError.self) { try registry.addMonitoringPlan(featureKey: "email-ai", bad) }
    bad.threshold = nil
    #expect(throws: AIGovError.self) { try registry.addMonitoringPlan(featureKey: "email-ai", bad) }
    #expect(throws: AIGovError.self) {
      try registry.addMonitoringPlan(
        featureKey: "email-ai",
        MonitoringPlanDraft(metric: "tone-review", kind: .check, cadenceDays: 90, owner: "wei"))
    }
    #expect(try snapshot(registry.database) == before)
  }

  @Test func resultsAreHistoryThatNeitherSQLNorATamperedRowRewrites() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.plannedRegistry(in: directory)
    try registry.recordMonitoringResult(
      featureKey: "email-ai", metric: "acceptance-rate", value: "0.79", passed: nil,
      measuredAt: nil)
    let database = try Database(path: registry.path, mode: .existing)
    #expect(throws: SQLiteError.self) {
      try database.execute("UPDATE monitoring_results SET passed = 1, value = '0.95'")
    }
    #expect(throws: SQLiteError.self) { try database.execute("DELETE FROM monitoring_results") }
    // An attacker drops the trigger and turns the failure into a pass: verify names it.
    try database.execute("DROP TRIGGER monitoring_results_no_update")
    try database.execute("UPDATE monitoring_results SET passed = 1, value = '0.95'")
    let verification = try registry.verify()
    #expect(!verification.isIntact)
    #expect(
      verification.problems.contains {
        $0.hasPrefix("monitoring-result '1' differs from event") && $0.hasSuffix("passed, value")
      }, "\(verification.problems)")
  }

  @Test(arguments: ExchangeFormat.allCases)
  func plansAndResultsSurviveAnExportAndARestore(_ format: ExchangeFormat) throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.plannedRegistry(in: directory)
    try registry.recordMonitoringResult(
      featureKey: "email-ai", metric: "acceptance-rate", value: "0.79", passed: nil,
      measuredAt: "2026-11-01", evidence: "=cmd|' /C calc'!A0")
    let folder = directory.path("export")
    try registry.export(to: URL(fileURLWithPath: folder), format: format, toolVersion: "1")
    let restored = try makeRegistry(in: directory, name: "restored.sqlite")
    _ = try restored.importExport(from: folder)
    #expect(try restored.verify().isIntact)
    #expect(try restored.monitoringPlans() == registry.monitoringPlans())
    let plan = try restored.monitoringPlan(featureKey: "email-ai", metric: "acceptance-rate")
    #expect(
      try restored.monitoringResults(planID: plan.id) == registry.monitoringResults(planID: plan.id)
    )
    #expect(try snapshot(restored.database) == snapshot(registry.database))
  }

  @Test func checkAsksForPlansResultsInTimeAndADecisionAfterAFailure() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("sample.sqlite")
    let built = Timestamp.parse("2026-11-29T12:00:00Z")!
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { built })
    func registry(at time: String) throws -> Registry {
      let now = Timestamp.parse(time)!
      return try Registry.open(path: path, actor: "dana", clock: { now })
    }
    func findings(at time: String, _ rule: CheckRule) throws -> [Finding] {
      try registry(at: time).check().findings.filter { $0.rule == rule }
    }
    // The sample asks plans of generative and agentic features, and has them.
    #expect(try findings(at: "2026-11-29T12:00:00Z", .monitoringMissing).isEmpty)
    let launchedPredictive = try registry(at: "2026-11-29T12:00:00Z").features(
      FeatureFilter(category: .predictive, status: .launched)
    ).map(\.key)
    let planned = Set(try registry(at: "2026-11-29T12:00:00Z").monitoringPlans().map(\.featureKey))
    let unplanned = launchedPredictive.filter { !planned.contains($0) }
    #expect(!unplanned.isEmpty)
    try registry(at: "2026-11-29T12:00:00Z").changeSetting(
      .monitoredCategories, to: "generative,agentic,predictive")
    #expect(
      try findings(at: "2026-11-29T12:00:00Z", .monitoringMissing).map(\.feature) == unplanned)

    let key = unplanned[0]
    var plan = MonitoringPlanDraft(
      metric: "acceptance-rate", kind: .metric, cadenceDays: 30, owner: "priya")
    plan.direction = .atLeast
    plan.threshold = "0.8"
    try registry(at: "2026-11-29T12:00:00Z").addMonitoringPlan(featureKey: key, plan)
    #expect(
      try !findings(at: "2026-11-29T12:00:00Z", .monitoringMissing).map(\.feature).contains(key))
    // Thirty days on, nothing measured: overdue.
    #expect(
      try findings(at: "2026-12-29T11:00:00Z", .monitoringOverdue).filter { $0.feature == key }
        .isEmpty)
    let overdue = try findings(at: "2026-12-30T12:00:00Z", .monitoringOverdue).filter {
      $0.feature == key
    }
    #expect(
      overdue.map(\.message) == [
        "'acceptance-rate' was due on 2026-12-29 (every 30 days; never measured)"
      ])

    try registry(at: "2026-12-01T09:00:00Z").recordMonitoringResult(
      featureKey: key, metric: "acceptance-rate", value: "0.75", passed: nil, measuredAt: nil)
    let failure = try findings(at: "2026-12-02T09:00:00Z", .monitoringFailure)
    #expect(failure.map(\.feature) == [key])
    #expect(failure.first?.message.contains("(0.75, passing at-least 0.8)") == true)
    #expect(failure.first?.severity == .error)
    // A review round opened after the failure is the decision.
    try registry(at: "2026-12-02T10:00:00Z").openReview(key)
    #expect(try findings(at: "2026-12-02T11:00:00Z", .monitoringFailure).isEmpty)
  }
}
