import Foundation
import Testing

@testable import AIGovKit

@Suite struct CheckTests {
  /// A database in which every rule of `check` is broken exactly once, and one feature is clean.
  static func inventoryBreakingEveryRule() throws -> (TemporaryDirectory, Registry) {
    let directory = try TemporaryDirectory()
    let january = Timestamp.parse("2026-01-05T10:00:00Z")!
    let now = Timestamp.parse("2026-11-22T10:00:00Z")!
    let path = directory.path("check.sqlite")
    let earlier = try Registry.open(path: path, create: true, actor: "lead", clock: { january })
    let registry = Registry(database: earlier.database, actor: "lead", clock: { now })
    for (handle, discipline) in GovernanceFixture.reviewers {
      try registry.addReviewer(
        handle: handle, name: handle, email: "\(handle)@example.com", disciplines: [discipline])
    }
    try registry.addProvider(ProviderDraft(key: "risky", name: "Risky LLM", kind: .llm))
    var good = ProviderDraft(key: "good", name: "Good LLM", kind: .llm)
    good.dpaSignedOn = "2025-01-01"
    good.noTraining = true
    good.retentionDays = 0
    good.subprocessorListed = true
    try registry.addProvider(good)

    func add(
      _ key: String, _ category: FeatureCategory, tier: EUAIActTier = .minimal,
      _ configure: (inout FeatureDraft) -> Void = { _ in }
    ) throws {
      var draft = FeatureDraft(
        key: key, name: key, purpose: "p", category: category, servingUse: .accountOnly,
        trainingUse: .none,
        owner: "owner")
      draft.euAIActTier = tier
      draft.humanOversight = .humanInTheLoop
      draft.finalSay = .customer
      draft.customerControl = .alwaysOn
      configure(&draft)
      try registry.addFeature(draft)
    }
    // The history is written out of order (a review in January after today's changes), which
    // only an explicit choice allows.
    func launch(_ key: String, at clock: @escaping () -> Date) throws {
      let lead = Registry(
        database: registry.database, actor: "lead", clock: clock,
        options: ChangeOptions(acceptsTimeBeforeTrail: true))
      try lead.openReview(key)
      for (handle, _) in GovernanceFixture.reviewers {
        try lead.acting(as: handle).signOff(key, discipline: nil, decision: .approve)
      }
      try lead.setStatus(key, to: .launched)
    }

    try add("clean", .predictive)
    try add("unstated", .predictive) {
      $0.finalSay = .notStated
      $0.customerControl = .notStated
    }
    try launch("clean", at: { now })
    try add("forbidden", .automation) { $0.dataCategories = [.health] }
    try add("gen-terms", .generative)
    try registry.linkProvider(
      featureKey: "gen-terms", providerKey: "risky", model: "m", purpose: "")
    try add("small-k", .predictive) {
      $0.trainingUse = [.aggregated]
      $0.minGroupSize = 10
    }
    try add("auto-gen", .generative) {
      $0.audience = .endConsumers
      $0.humanOversight = .autonomous
    }
    try registry.linkProvider(featureKey: "auto-gen", providerKey: "good", model: "m", purpose: "")
    try add("launched-risky", .predictive)
    let risk = try registry.addRisk(
      featureKey: "launched-risky",
      RiskDraft(
        title: "Skewed scores", category: .biasFairness, likelihood: 4, impact: 4, owner: "o"))
    var mitigation = MitigationDraft(title: "Fairness audit", kind: .process, owner: "o")
    mitigation.status = .implemented
    let added = try registry.addMitigation(riskID: risk.id, mitigation)
    try launch("launched-risky", at: { now })
    var regressed = MitigationChanges()
    regressed.set("status", MitigationStatus.inProgress)
    try registry.editMitigation(added.id, regressed)
    try add("no-k", .predictive) { $0.trainingUse = [.aggregated] }
    try add("promised", .predictive)
    let minor = try registry.addRisk(
      featureKey: "promised",
      RiskDraft(title: "Minor", category: .transparency, likelihood: 1, impact: 1, owner: "o"))
    // Launched, then a commitment is published that nothing yet backs.
    try launch("promised", at: { now })
    var promise = MitigationDraft(title: "Labels", kind: .technical, owner: "o")
    promise.publicStatement = "Every score is labelled as a prediction."
    try registry.addMitigation(riskID: minor.id, promise)
    // A company control claims what one feature in its scope contradicts.
    try add("always-on", .predictive)
    var control = ControlDraft(
      key: "customers-decide", title: "Customers decide", kind: .technical,
      discipline: .product, owner: "o")
    control.status = .inPlace
    control.claim = .customersCanTurnOff
    control.scope = try ControlScope(terms: ["feature:always-on"])
    try registry.addControl(control)
    // A risk's mitigation claims that control, whose scope leaves the feature out.
    try add("borrowed", .predictive)
    let borrowedRisk = try registry.addRisk(
      featureKey: "borrowed",
      RiskDraft(title: "Minor", category: .transparency, likelihood: 1, impact: 1, owner: "o"))
    var borrowed = MitigationDraft(title: "Customers decide", kind: .technical, owner: "o")
    borrowed.status = .implemented
    borrowed.control = "customers-decide"
    try registry.addMitigation(riskID: borrowedRisk.id, borrowed)
    try add("prohibited", .predictive, tier: .prohibited)
    try add("overdue", .predictive)
    try launch("overdue", at: { january })
    try add("unassessed", .predictive, tier: .unassessed)
    try launch("unassessed", at: { now })
    try add("tampered", .predictive)
    try registry.database.execute(
      "UPDATE features SET status = 'approved', last_reviewed_at = ? WHERE key = 'tampered'",
      ["2026-11-20T10:00:00Z"])
    // Monitoring: the policy asks a plan of every launched agentic feature.
    try registry.changeSetting(.monitoredCategories, to: "agentic")
    try add("unmonitored", .agentic)
    try launch("unmonitored", at: { now })
    let inJanuary = Registry(
      database: registry.database, actor: "lead", clock: { january },
      options: ChangeOptions(acceptsTimeBeforeTrail: true))
    try add("stale", .predictive) { $0.reviewIntervalDays = 365 }
    try launch("stale", at: { january })
    try inJanuary.addMonitoringPlan(
      featureKey: "stale",
      MonitoringPlanDraft(metric: "tone-review", kind: .check, cadenceDays: 30, owner: "owner"))
    try add("failing", .predictive) { $0.reviewIntervalDays = 365 }
    try launch("failing", at: { january })
    var accuracy = MonitoringPlanDraft(
      metric: "accuracy", kind: .metric, cadenceDays: 365, owner: "owner")
    accuracy.direction = .atLeast
    accuracy.threshold = "0.9"
    try inJanuary.addMonitoringPlan(featureKey: "failing", accuracy)
    try registry.recordMonitoringResult(
      featureKey: "failing", metric: "accuracy", value: "0.5", passed: nil, measuredAt: nil)
    // A breach in January, never reported, on a feature left launched with no decision.
    try add("breached", .predictive) { $0.reviewIntervalDays = 365 }
    try launch("breached", at: { january })
    let anHourLater = Registry(
      database: registry.database, actor: "lead", clock: { january.addingTimeInterval(3_600) },
      options: ChangeOptions(acceptsTimeBeforeTrail: true))
    var breach = IncidentDraft(
      reference: "INC-1", title: "Contacts shown to another account",
      category: .personalDataBreach, severity: .high,
      occurredAt: Timestamp.format(january), features: ["breached"])
    breach.personalDataBreach = true
    try anHourLater.openIncident(breach)
    // Arrives launched from another inventory, with no review here.
    let header = ExchangeTable.named("features")!.columns.map(\.name).joined(separator: ",")
    let row =
      "1,imported,Imported,\"\",p,predictive,account-only,none,,launched,,,owner,,"
      + "human-in-the-loop,customers,customer,always-on,minimal,90,,2026-01-01T00:00:00Z,"
      + "2026-01-01T00:00:00Z,1,,,,,,,,,,,"
    try Data("\(header)\r\n\(row)\r\n".utf8).write(
      to: URL(fileURLWithPath: directory.path("features.csv")))
    _ = try registry.importExport(from: directory.path("features.csv"))
    return (directory, registry)
  }

  /// An imported launched feature earns its status by passing a review here.
  @Test func aReviewHereClearsTheUnreviewedMark() throws {
    let (directory, registry) = try Self.inventoryBreakingEveryRule()
    _ = directory
    #expect(try registry.feature("imported").unreviewedStatus == .launched)
    try registry.openReview("imported")
    for (handle, _) in GovernanceFixture.reviewers {
      try Registry(database: registry.database, actor: handle, clock: { Date() }).signOff(
        "imported", discipline: nil, decision: .approve)
    }
    let reviewed = try registry.feature("imported")
    #expect(reviewed.status == .launched && reviewed.unreviewedStatus == nil)
    #expect(!(try registry.check().findings.contains { $0.feature == "imported" }))
    let last = try registry.auditTrail.events(
      AuditFilter(entity: "feature", entityKey: "imported")
    ).last
    #expect(last?.action == "feature.review-approved")
    #expect(last?.before?.contains(#""unreviewed_status":"launched""#) == true)
    #expect(last?.after?.contains("unreviewed_status") == false)
  }

  @Test func everyRuleFindsItsViolationAndNothingElse() throws {
    let (directory, registry) = try Self.inventoryBreakingEveryRule()
    _ = directory
    let report = try registry.check()
    let found = report.findings.map { "\($0.severity.rawValue) \($0.feature) \($0.rule.rawValue)" }
    #expect(
      found == [
        "error always-on claim-contradicted",
        "error auto-gen autonomous-generative",
        "error borrowed control-mitigation",
        "error breached incident-open",
        "error breached incident-report-overdue",
        "error failing monitoring-failure",
        "error forbidden forbidden-data",
        "error gen-terms provider-terms",
        "error imported unreviewed-import",
        "error launched-risky unmitigated-risk",
        "error prohibited eu-tier-prohibited",
        "error promised unbacked-commitment",
        "error small-k aggregation-size",
        "error tampered approval-not-in-force",
        "error unmonitored monitoring-missing",
        "warning  control-evidence",
        "warning gen-terms unlisted-subprocessor",
        "warning no-k unstated-group-size",
        "warning overdue review-overdue",
        "warning stale monitoring-overdue",
        "warning unassessed eu-tier-unassessed",
        "warning unstated unstated-claim",
      ])
    // The frameworks' rules speak only once the company assesses a framework or a statement
    // names one; FrameworkTests and FrameworkImportTests hold each of them to its violation. The
    // company-wide promises speak once the company makes them (CompanyPromiseTests).
    let frameworkRules: Set<CheckRule> = [
      .frameworkUnmapped, .euAIActObligation, .euAIActTransparency, .frameworkAnswerOrphaned,
      .statementUnbackedFramework, .accountSwitchPromise, .neverProcessedData,
    ]
    #expect(Set(report.findings.map(\.rule)) == Set(CheckRule.allCases).subtracting(frameworkRules))
    #expect(report.featuresChecked == 20)
    #expect(report.errorCount == 15 && report.warningCount == 7)
    let messages = Dictionary(uniqueKeysWithValues: report.findings.map { ($0.rule, $0.message) })
    #expect(
      messages[.providerTerms]
        == "sends account-only customer data to 'risky', which has no DPA known to be in place, "
        + "no contractual bar on training on our data, retention unknown")
    #expect(
      messages[.unstatedClaim]
        == "does not state its final say, customer control, so the public page claims nothing "
        + "there")
    #expect(
      messages[.aggregationSize]
        == "aggregates data across accounts into groups as small as 10; the policy's minimum is 50")
    #expect(
      messages[.unbackedCommitment]
        == "publishes a commitment through mitigation #2 'Labels', which is planned, not in place; "
        + "the public page leaves it out")
    #expect(
      messages[.claimContradicted]
        == "is in the scope of control 'customers-decide', which claims customers-can-turn-off, "
        + "but its customer control is always-on")
    #expect(
      report.findings.first { $0.rule == .claimContradicted }?.remedies.map(\.action) == [
        .acceptException(feature: "always-on", control: "customers-decide", rule: nil),
        .narrowControlScope(control: "customers-decide"),
      ])
    #expect(
      messages[.reviewOverdue]
        == "periodic review was due on 2026-04-05 (every 90 days; last reviewed 2026-01-05)")
    #expect(
      report.findings.first { $0.rule == .unmitigatedRisk }?.fix
        == "finish mitigation #1 (aigov mitigation edit 1 --status implemented), or suspend the "
        + "feature (aigov feature set-status launched-risky suspended --reason ...)")
    #expect(
      report.findings.first { $0.rule == .unmitigatedRisk }?.remedies.map(\.action) == [
        .completeMitigation(1), .setStatus(feature: "launched-risky", .suspended),
      ])
  }

  /// Customer data sent to a third party needs the same terms whatever the feature's category.
  @Test(arguments: FeatureCategory.allCases)
  func providerTermsHoldForEveryCategory(_ category: FeatureCategory) throws {
    let (directory, registry) = try Self.inventoryBreakingEveryRule()
    _ = directory
    try registry.addFeature(
      FeatureDraft(
        key: "sends-\(category.rawValue)", name: "Sends", purpose: "p", category: category,
        servingUse: .accountOnly, trainingUse: .none, owner: "owner"))
    try registry.linkProvider(
      featureKey: "sends-\(category.rawValue)", providerKey: "risky", model: "m", purpose: "")
    let findings = try registry.check().findings.filter {
      $0.feature == "sends-\(category.rawValue)" && $0.rule == .providerTerms
    }
    #expect(findings.count == 1)
    #expect(findings.first?.severity == .error)
    #expect(
      findings.first?.message
        == "sends account-only customer data to 'risky', which has no DPA known to be in place, "
        + "no contractual bar on training on our data, retention unknown")
  }

  @Test func thresholdsAreSettings() throws {
    let (directory, registry) = try Self.inventoryBreakingEveryRule()
    _ = directory
    try registry.changeSetting(.minAggregationSize, to: "10")
    try registry.changeSetting(.reviewGraceDays, to: "365")
    let rules = try registry.check().findings.map(\.rule)
    #expect(!rules.contains(.aggregationSize))
    #expect(!rules.contains(.reviewOverdue))
    // A group size left unstated is a warning by default, an error where the policy says so.
    try registry.changeSetting(.unstatedGroupSize, to: "error")
    let unstated = try registry.check().findings.filter { $0.rule == .unstatedGroupSize }
    #expect(unstated.map(\.feature) == ["no-k"] && unstated.first?.severity == .error)
  }

  @Test func retiredFeaturesAreNotChecked() throws {
    let (directory, registry) = try Self.inventoryBreakingEveryRule()
    _ = directory
    try registry.setStatus("forbidden", to: .retired)
    #expect(try !registry.check().findings.contains { $0.feature == "forbidden" })
  }

  /// `check` and the report read each feature's providers, risks and mitigations in one pass and
  /// put each feature's rows in order themselves: the same order as one feature's record, which
  /// SQLite sorts (providers by key then model, by their bytes; risks by score, then id).
  @Test func theCheckReadsEachFeatureInTheOrderItsRecordHas() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    for key in ["zeta", "alpha", "mid"] {
      try registry.addProvider(ProviderDraft(key: key, name: key.uppercased(), kind: .llm))
    }
    for key in ["first", "second"] {
      try registry.addFeature(
        FeatureDraft(
          key: key, name: key, purpose: "p", category: .generative, servingUse: .accountOnly,
          trainingUse: .none, owner: "owner"))
      // Upper case sorts before lower, and an accent after both, by bytes; not by Unicode's
      // collation, nor as typed.
      for (provider, model) in [
        ("zeta", "m"), ("alpha", "émile"), ("alpha", "Zed"), ("mid", "a"), ("alpha", "e"),
        ("alpha", "zed"), ("alpha", "é"),
      ] {
        try registry.linkProvider(
          featureKey: key, providerKey: provider, model: model, purpose: "summaries")
      }
      // Equal scores (2 x 3 and 3 x 2) keep the order they were added in.
      for (likelihood, impact) in [(1, 1), (2, 3), (5, 5), (3, 2), (1, 4)] {
        let risk = try registry.addRisk(
          featureKey: key,
          RiskDraft(
            title: "\(likelihood)x\(impact)", category: .privacy, likelihood: likelihood,
            impact: impact, owner: "owner"))
        for title in ["b", "a"] {
          try registry.addMitigation(
            riskID: risk.id, MitigationDraft(title: title, kind: .technical, owner: "owner"))
        }
      }
    }
    var read: [String: FeatureRecord] = [:]
    try registry.forEachGovernedFeature { read[$0.record.feature.key] = $0.record }
    #expect(read.count == 2)
    for key in ["first", "second"] {
      let record = try registry.featureRecord(key)
      let pass = try #require(read[key])
      #expect(pass.providers == record.providers)
      #expect(pass.risks == record.risks)
      #expect(
        pass.providers.map { "\($0.provider.key) \($0.model)" } == [
          "alpha Zed", "alpha e", "alpha zed", "alpha é", "alpha émile", "mid a", "zeta m",
        ])
      #expect(pass.risks.map(\.risk.title) == ["5x5", "2x3", "3x2", "1x4", "1x1"])
      #expect(pass.risks.allSatisfy { $0.mitigations.map(\.title) == ["b", "a"] })
    }
  }
}
