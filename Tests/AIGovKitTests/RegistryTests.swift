import Foundation
import Testing

@testable import AIGovKit

@Suite struct RegistryTests {
  let directory: TemporaryDirectory
  let registry: Registry

  init() throws {
    directory = try TemporaryDirectory()
    registry = try makeRegistry(in: directory)
    try registry.seed()
  }

  /// Runs `body`, expects it to throw `expected`, and checks that not a row changed.
  func expectRefusal(
    _ expected: AIGovError, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
  ) throws {
    let before = try snapshot(registry.database)
    #expect(throws: expected, sourceLocation: sourceLocation) { try body() }
    #expect(try snapshot(registry.database) == before, sourceLocation: sourceLocation)
  }

  @Test func addedFeatureReadsBackWithDefaults() throws {
    // Nothing favourable is claimed for a feature that did not state it.
    try registry.addFeature(
      FeatureDraft(
        key: "unstated", name: "Unstated", purpose: "p", category: .predictive,
        servingUse: .accountOnly, trainingUse: .none, owner: "priya"))
    let unstated = try registry.feature("unstated")
    #expect(unstated.humanOversight == .notStated)
    #expect(unstated.finalSay == .notStated)
    #expect(unstated.customerControl == .notStated)
    let feature = try registry.feature("email-ai")
    #expect(feature.status == .proposed)
    #expect(feature.euAIActTier == .unassessed)
    #expect(feature.reviewIntervalDays == 90)
    #expect(feature.dataCategories == [.messageContent])
    #expect(feature.createdAt == "2026-11-22T10:00:00Z")
    #expect(feature.version == 2)  // created, then a provider was linked
  }

  @Test func duplicateKeyIsRefused() throws {
    let draft = FeatureDraft(
      key: "email-ai", name: "Again", purpose: "p", category: .generative,
      servingUse: .accountOnly, trainingUse: .none, owner: "x")
    try expectRefusal(.duplicate(entity: "feature", key: "email-ai")) {
      try registry.addFeature(draft)
    }
  }

  @Test(arguments: [
    "A", "Email-AI", "-lead", "with space", "ünïcode", String(repeating: "a", count: 65),
  ])
  func malformedKeyIsRefused(key: String) throws {
    let draft = FeatureDraft(
      key: key, name: "n", purpose: "p", category: .agentic, servingUse: .accountOnly,
      trainingUse: .none,
      owner: "o")
    let error = #expect(throws: AIGovError.self) { try registry.addFeature(draft) }
    guard case .invalidValue(let field, let value, _) = error else {
      Issue.record("expected invalidValue, got \(String(describing: error))")
      return
    }
    #expect(field == "key")
    #expect(value == key)
  }

  @Test func aGroupSizeGoesWithDataAcrossAccountsOnly() throws {
    var aggregated = FeatureDraft(
      key: "peer-stats", name: "Peer stats", purpose: "p", category: .automation,
      servingUse: .crossAccount, trainingUse: .none, owner: "o")
    // Whether a group size must be stated is check's policy, not a rule of the record.
    #expect(try registry.addFeature(aggregated).minGroupSize == nil)
    aggregated.key = "peer-stats-2"
    aggregated.minGroupSize = 1
    #expect(
      throws: AIGovError.invalidValue(
        field: "minimum group size", value: "1", expected: "an integer from 2 to 1000000")
    ) { try registry.addFeature(aggregated) }
    try expectRefusal(
      .invalidValue(
        field: "minimum group size", value: "20",
        expected: "none: only data used across accounts (serving cross-account, or training "
          + "aggregated or de-identified) has a group size")
    ) {
      var changes = FeatureChanges()
      changes.set("min_group_size", 20)
      try registry.editFeature("email-ai", changes)
    }
  }

  @Test func editChangesOnlyWhatIsGivenAndIsAudited() throws {
    let before = try registry.feature("email-ai")
    let events = try registry.auditTrail.events().count
    var changes = FeatureChanges()
    changes.set("owner", "dana")
    changes.addDataCategories = [.contactInfo]
    let edit = try registry.editFeature("email-ai", changes, expectedVersion: before.version)
    #expect(edit.before == before)
    #expect(edit.changed)
    let after = edit.after
    #expect(after.owner == "dana")
    #expect(after.name == before.name)
    #expect(after.dataCategories == [.contactInfo, .messageContent])
    #expect(after.version == before.version + 1)
    #expect(try registry.feature("email-ai") == after)
    let event = try #require(try registry.auditTrail.events().last)
    #expect(try registry.auditTrail.events().count == events + 1)
    #expect(event.action == "feature.update")
    #expect(event.entityKey == "email-ai")
    #expect(event.before?.contains("\"owner\":\"priya\"") == true)
    #expect(event.after?.contains("\"owner\":\"dana\"") == true)
  }

  @Test func editThatChangesNothingRecordsNothing() throws {
    let before = try snapshot(registry.database)
    var changes = FeatureChanges()
    changes.set("owner", "priya")
    let edit = try registry.editFeature("email-ai", changes)
    #expect(!edit.changed)
    #expect(edit.after == (try registry.feature("email-ai")))
    #expect(try snapshot(registry.database) == before)
  }

  @Test func staleVersionIsRefused() throws {
    var changes = FeatureChanges()
    changes.set("owner", "dana")
    try expectRefusal(
      .versionConflict(entity: "feature", key: "email-ai", expected: 1, actual: 2)
    ) {
      try registry.editFeature("email-ai", changes, expectedVersion: 1)
    }
  }

  @Test func aDataUseThatNoLongerCrossesAccountsDropsTheGroupSize() throws {
    var changes = FeatureChanges()
    changes.set("training_use", TrainingUse.deIdentified)
    #expect(try registry.editFeature("churn-risk", changes).after.minGroupSize == 100)
    changes.set("training_use", TrainingUse.accountOnly)
    #expect(try registry.editFeature("churn-risk", changes).after.minGroupSize == nil)
  }

  @Test func retiredFeatureStaysAndCannotBeRetiredTwice() throws {
    #expect(try registry.retireFeature("email-ai", reason: "replaced").status == .retired)
    #expect(try registry.features(FeatureFilter(status: .retired)).map(\.key) == ["email-ai"])
    #expect(try registry.auditTrail.events().last?.after?.contains("replaced") == true)
    try expectRefusal(.refused(.alreadyInStatus(feature: "email-ai", status: .retired))) {
      try registry.retireFeature("email-ai", reason: nil)
    }
  }

  @Test func providerLinksAreCheckedAndAudited() throws {
    try expectRefusal(.notFound(entity: "provider", key: "nope")) {
      try registry.linkProvider(featureKey: "email-ai", providerKey: "nope", model: "", purpose: "")
    }
    try expectRefusal(.notFound(entity: "feature", key: "nope")) {
      try registry.linkProvider(featureKey: "nope", providerKey: "openai", model: "", purpose: "")
    }
    try expectRefusal(
      .refused(.providerAlreadyUsed(feature: "email-ai", provider: "openai", model: "gpt-4o"))
    ) {
      try registry.linkProvider(
        featureKey: "email-ai", providerKey: "openai", model: "gpt-4o", purpose: "")
    }
    try registry.linkProvider(
      featureKey: "email-ai", providerKey: "openai", model: "gpt-4o-mini", purpose: "subjects")
    #expect(
      try registry.featureRecord("email-ai").providers.map(\.model) == ["gpt-4o", "gpt-4o-mini"])
    let removed = try registry.unlinkProvider(
      featureKey: "email-ai", providerKey: "openai", model: nil)
    #expect(removed.map(\.model) == ["gpt-4o", "gpt-4o-mini"])
    #expect(try registry.featureRecord("email-ai").providers.isEmpty)
    // One event: the feature's whole record before (two links) and after (none).
    let event = try #require(try registry.auditTrail.events().last)
    #expect(event.action == "feature.unlink-provider")
    #expect(event.before?.contains(#""model":"gpt-4o-mini""#) == true)
    #expect(event.after?.contains(#""providers":[]"#) == true)
    try expectRefusal(
      .refused(.providerNotUsed(feature: "email-ai", provider: "openai", model: nil))
    ) {
      try registry.unlinkProvider(featureKey: "email-ai", providerKey: "openai", model: nil)
    }
  }

  @Test func featureFiltersCombine() throws {
    #expect(try registry.features().map(\.key) == ["churn-risk", "email-ai"])
    #expect(
      try registry.features(FeatureFilter(category: .predictive)).map(\.key) == ["churn-risk"])
    #expect(
      try registry.features(FeatureFilter(audience: .customers)).map(\.key)
        == ["churn-risk", "email-ai"])
    #expect(try registry.features(FeatureFilter(audience: .internal)).isEmpty)
    #expect(try registry.features(FeatureFilter(providerKey: "openai")).map(\.key) == ["email-ai"])
    #expect(try registry.features(FeatureFilter(owner: "marcus")).map(\.key) == ["churn-risk"])
    #expect(
      try registry.features(FeatureFilter(category: .predictive, owner: "priya")).isEmpty)
    #expect(try registry.features(FeatureFilter(status: .launched)).isEmpty)
    #expect(throws: AIGovError.notFound(entity: "provider", key: "nope")) {
      try registry.features(FeatureFilter(providerKey: "nope"))
    }
  }

  /// One feature's risks must be read through the index, not by scanning every risk (this is what
  /// keeps `feature show` fast on a large inventory).
  @Test func oneFeaturesRisksAreReadThroughTheIndex() throws {
    let plan = try registry.database.query(
      "EXPLAIN QUERY PLAN " + Registry.riskQuery(ofOneFeature: true), [1, nil, nil, nil]
    ).compactMap { $0.optionalText("detail") }.joined(separator: "\n")
    #expect(plan.contains("USING INDEX risks_feature"), "\(plan)")
    #expect(!plan.contains("SCAN r"), "\(plan)")
  }

  @Test func riskValuesAreRangeChecked() throws {
    for (likelihood, impact, field, value) in [
      (0, 3, "likelihood", "0"), (6, 3, "likelihood", "6"), (3, 0, "impact", "0"),
      (3, 9, "impact", "9"),
    ] {
      try expectRefusal(
        .invalidValue(field: field, value: value, expected: "an integer from 1 to 5")
      ) {
        try registry.addRisk(
          featureKey: "email-ai",
          RiskDraft(
            title: "t", category: .privacy, likelihood: likelihood, impact: impact, owner: "o"))
      }
    }
    var halfResidual = RiskDraft(
      title: "t", category: .privacy, likelihood: 2, impact: 2, owner: "o")
    halfResidual.residualLikelihood = 1
    try expectRefusal(
      .missingValue(
        field: "residual impact", reason: "a residual assessment gives both likelihood and impact")
    ) {
      try registry.addRisk(featureKey: "email-ai", halfResidual)
    }
    try expectRefusal(.notFound(entity: "feature", key: "nope")) {
      try registry.addRisk(
        featureKey: "nope",
        RiskDraft(title: "t", category: .privacy, likelihood: 2, impact: 2, owner: "o"))
    }
  }

  @Test(arguments: [
    (1, RiskLevel.low), (4, .low), (5, .medium), (9, .medium), (10, .high), (16, .high),
    (20, .critical), (25, .critical),
  ])
  func scoreLevels(score: Int, level: RiskLevel) {
    #expect(RiskLevel(score: score) == level)
  }

  @Test func riskListFiltersAndOrdersByScore() throws {
    try registry.addRisk(
      featureKey: "churn-risk",
      RiskDraft(title: "Bias", category: .biasFairness, likelihood: 5, impact: 5, owner: "o"))
    try registry.addRisk(
      featureKey: "churn-risk",
      RiskDraft(title: "Drift", category: .reliability, likelihood: 1, impact: 2, owner: "o"))
    #expect(try registry.risks().map(\.score) == [25, 16, 2])
    #expect(
      try registry.risks(RiskFilter(minimumLevel: .high)).map(\.title) == [
        "Bias", "Hallucinated offers",
      ])
    #expect(
      try registry.risks(RiskFilter(featureKey: "churn-risk", category: .reliability)).map(\.title)
        == ["Drift"])
    #expect(throws: AIGovError.notFound(entity: "feature", key: "nope")) {
      try registry.risks(RiskFilter(featureKey: "nope"))
    }
  }

  @Test func riskAndMitigationEditsAreAudited() throws {
    var riskChanges = RiskChanges()
    riskChanges.set("likelihood", 2)
    riskChanges.set("status", RiskStatus.mitigating)
    let risk = try registry.editRisk(1, riskChanges).after
    #expect(risk.score == 8)
    #expect(risk.level == .medium)
    var mitigationChanges = MitigationChanges()
    mitigationChanges.set("status", MitigationStatus.verified)
    mitigationChanges.set("evidence", "https://wiki.example.com/review")
    #expect(try registry.editMitigation(1, mitigationChanges).after.status == .verified)
    #expect(
      try registry.auditTrail.events().suffix(2).map(\.action) == [
        "risk.update", "mitigation.update",
      ])
    mitigationChanges = MitigationChanges()
    mitigationChanges.set("due_on", "2026-02-30")
    try expectRefusal(
      .invalidValue(
        field: "due day", value: "2026-02-30", expected: "a calendar day written YYYY-MM-DD")
    ) {
      try registry.editMitigation(1, mitigationChanges)
    }
    try expectRefusal(.notFound(entity: "mitigation", key: "99")) {
      try registry.editMitigation(99, mitigationChanges)
    }
    try expectRefusal(.notFound(entity: "risk", key: "99")) {
      try registry.addMitigation(
        riskID: 99, MitigationDraft(title: "t", kind: .technical, owner: "o"))
    }
  }

  @Test func featureRecordHoldsProvidersRisksAndMitigations() throws {
    let record = try registry.featureRecord("email-ai")
    #expect(record.providers.map(\.provider.key) == ["openai"])
    #expect(record.providers.first?.provider.noTraining == true)
    #expect(record.risks.map(\.risk.title) == ["Hallucinated offers"])
    #expect(record.risks.first?.mitigations.map(\.title) == ["Human review"])
    #expect(record.risks.first?.blocksLaunch == true)  // the mitigation is only planned
  }

  @Test func providerTermsAreValidatedAndEditable() throws {
    var draft = ProviderDraft(key: "gemini", name: "Gemini", kind: .llm)
    draft.dpaSignedOn = "2024-13-01"
    try expectRefusal(
      .invalidValue(
        field: "DPA signing day", value: "2024-13-01", expected: "a calendar day written YYYY-MM-DD"
      )
    ) { try registry.addProvider(draft) }
    draft.dpaSignedOn = nil
    draft.retentionDays = -1
    try expectRefusal(
      .invalidValue(field: "retention (days)", value: "-1", expected: "an integer from 0 to 36500")
    ) { try registry.addProvider(draft) }
    draft.retentionDays = nil
    draft.dpa = .no
    draft.dpaReference = "DPA-7"
    try expectRefusal(
      .invalidValue(
        field: "DPA", value: "no", expected: "yes: 'DPA-7' describes an agreement in place")
    ) { try registry.addProvider(draft) }
    draft.dpaReference = nil
    draft.servedThrough = "gemini"
    try expectRefusal(
      .invalidValue(
        field: "served through", value: "gemini",
        expected: "a provider other than 'gemini' that is not itself served through it")
    ) { try registry.addProvider(draft) }
    draft.servedThrough = "vertex"
    try expectRefusal(.notFound(entity: "provider", key: "vertex")) {
      try registry.addProvider(draft)
    }
    var changes = ProviderChanges()
    changes.dpaSignedOn = .some("2025-01-31")
    changes.retentionDays = .some(nil)
    let edited = try registry.editProvider("openai", changes).after
    #expect(edited.dpaSignedOn == "2025-01-31")
    #expect(edited.dpa == .yes)  // a signing day is an agreement in place
    var none = ProviderChanges()
    none.dpa = DPAStatus.unknown
    let unknown = try registry.editProvider("openai", none).after
    #expect(unknown.dpa == .unknown && unknown.dpaSignedOn == nil)
    #expect(edited.retentionDays == nil)
    #expect(try registry.providerRecord("openai").uses.map(\.featureKey) == ["email-ai"])
    try expectRefusal(.duplicate(entity: "provider", key: "openai")) {
      try registry.addProvider(ProviderDraft(key: "openai", name: "Again", kind: .llm))
    }
  }

  @Test func reviewersNeedADisciplineAndAnAddress() throws {
    try expectRefusal(
      .missingValue(
        field: "discipline",
        reason:
          "a reviewer signs for at least one of: product, engineering, legal, privacy, security")
    ) {
      try registry.addReviewer(
        handle: "sam", name: "Sam", email: "sam@example.com", disciplines: [])
    }
    try expectRefusal(
      .invalidValue(field: "email", value: "sam", expected: "an address like name@example.com")
    ) {
      try registry.addReviewer(handle: "sam", name: "Sam", email: "sam", disciplines: [.legal])
    }
    try registry.addReviewer(
      handle: "sam.lee", name: "Sam Lee", email: "sam@example.com",
      disciplines: [.security, .legal, .legal])
    #expect(try registry.reviewers().map(\.disciplines) == [[.legal, .security]])
    try expectRefusal(.duplicate(entity: "reviewer", key: "sam.lee")) {
      try registry.addReviewer(
        handle: "sam.lee", name: "Sam", email: "s@example.com", disciplines: [.product])
    }
  }

  @Test func timestampsAndDaysAreStrict() {
    #expect(Timestamp.isValidDay("2024-02-29"))
    #expect(!Timestamp.isValidDay("2023-02-29"))
    #expect(!Timestamp.isValidDay("2026-1-01"))
    #expect(!Timestamp.isValidDay("２０２６-01-01"))
    #expect(Timestamp.parse("2026-11-22").map(Timestamp.format) == "2026-11-22T00:00:00Z")
    #expect(
      Timestamp.parse("2026-11-22T11:30:00+02:00").map(Timestamp.format) == "2026-11-22T09:30:00Z")
    #expect(Timestamp.parse("yesterday") == nil)
  }
}
