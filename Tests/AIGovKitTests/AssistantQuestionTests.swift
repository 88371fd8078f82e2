import AIGovKit
import Foundation
import Testing

/// The questions the read-only MCP server answers, held to the rules and reads they share with
/// the commands: what blocks a launch, unprotected data flows, risks without a mitigation,
/// searches a page at a time, and what the trail changed.
@Suite struct AssistantQuestionTests {
  static let now = Timestamp.parse("2026-11-22T10:00:00Z")!

  static func sample(in directory: TemporaryDirectory) throws -> Registry {
    let path = directory.path("sample.sqlite")
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { now })
    return try Registry.open(path: path, actor: "dana", clock: { now })
  }

  private struct Undo: Error {}

  @Test func launchReadinessAgreesWithLaunchingEveryFeature() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.sample(in: directory)
    var readyCount = 0
    for feature in try registry.features() where feature.status != .launched {
      let readiness = try registry.readiness(feature.key, goal: .launch)
      // Launch it for real, then undo: readiness must say exactly what the command does.
      var launched = false
      do {
        try registry.transaction {
          _ = try registry.setStatus(feature.key, to: .launched)
          launched = true
          throw Undo()
        }
      } catch is Undo {
      } catch is AIGovError {}
      #expect(readiness.isReady == launched, "\(feature.key): \(readiness)")
      #expect(readiness.isReady == readiness.missing.isEmpty, "\(feature.key)")
      #expect(readiness.isReady == (readiness.next != nil), "\(feature.key)")
      if readiness.isReady { readyCount += 1 }
    }
    #expect(try registry.feature("review-summaries").status == .proposed)
    let proposed = try registry.readiness("review-summaries", goal: .launch)
    #expect(proposed.missing.first?.requirement == "review-round")
    #expect(proposed.missing.filter { $0.requirement == "approval" }.count == 5)
    #expect(proposed.missing.contains { $0.requirement == "mitigation" })
    // Approved, but held back by its critical risk.
    let agent = try registry.readiness("customer-agent", goal: .launch)
    #expect(!agent.isReady && agent.approvalInForce != nil)
    #expect(agent.missing.map(\.requirement) == ["mitigation"])
    #expect(try registry.readiness("customer-agent", goal: .approval).isReady)
    _ = readyCount
  }

  @Test func approvalReadinessNamesEachDisciplineStillToApprove() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.sample(in: directory)
    // Email AI is in its third round as of the harness's time, some disciplines signed.
    let readiness = try registry.readiness("email-ai", goal: .approval)
    let status = try registry.reviewStatus("email-ai")[0]
    #expect(!readiness.isReady)
    #expect(readiness.openRound == status.round?.number)
    #expect(
      readiness.missing.filter { $0.requirement == "approval" }.count == status.missing.count)
    #expect(readiness.missing.allSatisfy { $0.fix.contains("aigov ") })
    #expect(
      try registry.readiness("send-time-v1", goal: .launch).missing.map(\.requirement) == ["status"]
    )
  }

  @Test func unprotectedDataFlowsAreWhatCheckFindsOfProviderTerms() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    try registry.seed()
    #expect(try registry.unprotectedDataFlows(offset: 0, limit: 10).total == 0)
    try registry.addProvider(ProviderDraft(key: "vendor-x", name: "Vendor X", kind: .llm))
    var shared = ProviderDraft(key: "vendor-y", name: "Vendor Y", kind: .llm)
    shared.dpa = .yes
    shared.noTraining = true
    shared.retentionDays = 30
    try registry.addProvider(shared)
    try registry.linkProvider(
      featureKey: "email-ai", providerKey: "vendor-x", model: "m", purpose: "")
    try registry.linkProvider(
      featureKey: "churn-risk", providerKey: "vendor-x", model: "m", purpose: "")
    try registry.linkProvider(
      featureKey: "churn-risk", providerKey: "vendor-y", model: "m", purpose: "")
    let flows = try registry.unprotectedDataFlows(offset: 0, limit: 10)
    let findings = try registry.check().findings.filter { $0.rule == .providerTerms }
    #expect(flows.total == findings.count)
    for flow in flows.items {
      #expect(
        findings.contains {
          $0.feature == flow.featureKey && $0.message.contains("'\(flow.providerKey)'")
        })
    }
    #expect(
      flows.items.map { "\($0.featureKey)>\($0.providerKey)" } == [
        "churn-risk>vendor-x", "churn-risk>vendor-y", "email-ai>vendor-x",
      ])
    // Nothing known of vendor-x: every term is missing, retention unknown whatever the use.
    #expect(flows.items[0].gaps == [.dpaUnknown, .mayTrain, .retentionUnknown])
    // Thirty days' retention is allowed for data that serves across accounts only.
    var crossAccount = FeatureChanges()
    crossAccount.set("serving_use", ServingUse.crossAccount)
    try registry.editFeature("churn-risk", crossAccount)
    #expect(try registry.unprotectedDataFlows(offset: 0, limit: 10).total == 2)
    let page = try registry.unprotectedDataFlows(offset: 1, limit: 1)
    #expect(page.total == 2 && page.items.map(\.featureKey) == ["email-ai"] && !page.hasMore)
  }

  @Test func featurePagesWalkEveryMatchOnceInKeyOrder() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.sample(in: directory)
    let filters = [
      FeatureFilter(), FeatureFilter(category: .predictive),
      FeatureFilter(servingUse: .crossAccount),
      FeatureFilter(trainingUse: .aggregated), FeatureFilter(providerKey: "openai"),
      FeatureFilter(text: "EMAIL"), FeatureFilter(status: .launched, text: "order"),
    ]
    for filter in filters {
      let expected = try registry.features(filter).map(\.key)
      var keys: [String] = []
      var after: String?
      repeat {
        let page = try registry.featurePage(filter, after: after, limit: 4)
        #expect(page.total == expected.count)
        keys += page.features.map(\.key)
        after = page.nextAfter
      } while after != nil
      #expect(keys == expected, "\(filter)")
    }
    #expect(try registry.features(FeatureFilter(text: "email")).map(\.key).contains("email-ai"))
    #expect(try registry.features(FeatureFilter(text: "'; DROP TABLE features; --")).isEmpty)
    #expect(try registry.features().count == 24)
  }

  @Test func risksWithoutMitigationInPlaceAreEveryLiveRiskNothingAnswers() throws {
    let directory = try TemporaryDirectory()
    let registry = try Self.sample(in: directory)
    var expected: [RiskRecord] = []
    for feature in try registry.features() where feature.status != .retired {
      expected += try registry.featureRecord(feature.key).risks.filter(\.lacksMitigationInPlace)
    }
    expected.sort { ($0.risk.score, -$0.risk.id) > ($1.risk.score, -$1.risk.id) }
    let all = try registry.risksWithoutMitigationInPlace(offset: 0, limit: 1000)
    #expect(all.items == expected && all.total == expected.count && !expected.isEmpty)
    let high = try registry.risksWithoutMitigationInPlace(minimumLevel: .high, offset: 0, limit: 2)
    #expect(high.items.allSatisfy { $0.risk.level >= .high })
    #expect(high.total == expected.filter { $0.risk.level >= .high }.count)
    #expect(high.hasMore == (high.total > 2))
    let one = try registry.risksWithoutMitigationInPlace(
      featureKey: "review-summaries", offset: 0, limit: 10)
    #expect(one.items.allSatisfy { $0.risk.featureKey == "review-summaries" } && one.total > 0)
  }

  @Test func aTrailChangeNamesTheFieldsItChanged() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    try registry.seed()
    var changes = FeatureChanges()
    changes.set("team", "Content")
    changes.set("purpose", "Draft <b>emails</b>")
    try registry.editFeature("email-ai", changes)
    let events = try registry.auditTrail.events(
      from: "2026-01-01T00:00:00Z", until: "2027-01-01T00:00:00Z", afterSeq: 0, limit: 1000)
    #expect(!events.hasMore && events.total == events.items.count)
    let update = try #require(events.items.last)
    let change = try TrailChange(update)
    #expect(change.action == "feature.update" && change.key == "email-ai")
    #expect(change.fields.map(\.name) == ["purpose", "team", "version"])
    #expect(change.fields[0].after == .string("Draft <b>emails</b>"))
    let created = try TrailChange(events.items[0])
    #expect(created.fields.allSatisfy { $0.before == nil && $0.after != nil })
    let page = try registry.auditTrail.events(
      from: "2026-01-01", until: "2027-01-01", afterSeq: 2, limit: 3)
    #expect(page.items.map(\.seq) == [3, 4, 5] && page.hasMore)
    let none = try registry.auditTrail.events(
      from: "2027-01-01", until: "2028-01-01", afterSeq: 0, limit: 3)
    #expect(none.items.isEmpty && none.total == 0 && !none.hasMore)
  }

  @Test func aReadOnlyConnectionCannotWriteEvenWithQueryOnlyTurnedOff() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    try registry.seed()
    let path = registry.path
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    // The break, on a copy: `query_only` alone does not hold against a statement that turns it
    // off, which is why the server's connection is opened with SQLite's read-only flag.
    let copy = directory.path("copy.sqlite")
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    let queryOnly = try Database(path: copy, mode: .queryOnly)
    try queryOnly.execute("PRAGMA query_only = OFF")
    try queryOnly.execute("CREATE TABLE planted (x)")
    #expect(try queryOnly.scalarInteger("SELECT count(*) FROM planted") == 0)

    let reader = try Registry.openReadOnly(path: path, clock: { Self.now })
    // An attacker with SQL on the connection switches query_only off: the file stays shut.
    let database = try Database(path: path, mode: .readOnly)
    try database.execute("PRAGMA query_only = OFF")
    #expect(throws: SQLiteError.self) {
      try database.execute("DELETE FROM audit_events")
    }
    #expect(throws: SQLiteError.self) {
      try database.execute("PRAGMA journal_mode = DELETE")
      try database.execute("CREATE TABLE x (y)")
    }
    #expect(throws: (any Error).self) {
      try reader.acting(as: "mallory").addProvider(
        ProviderDraft(key: "evil", name: "Evil", kind: .llm))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(try reader.features().count == 2)
  }

  @Test func aReadOnlyOpeningRefusesAnOlderSchemaAndLeavesItAsItWas() throws {
    let directory = try TemporaryDirectory()
    let path = try UpgradeTests.schema3Sample(in: directory)
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect {
      _ = try Registry.openReadOnly(path: path, clock: { Self.now })
    } throws: { error in
      "\(error)".contains(
        "schema version 3, older than this aigov reads (\(Registry.migrator.latestVersion))")
        && "\(error)".contains("bring it up to date once with 'aigov init' on it")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
  }
}
