import Foundation
import Testing

@testable import AIGovKit

/// A database the release before schema 4 wrote (the sample, schema 3) upgraded by this one.
@Suite struct UpgradeTests {
  static let now = Timestamp.parse("2026-11-29T12:00:00Z")!

  /// `Fixtures/upgrade/schema-3-sample.sql` loaded into a database file, not yet upgraded.
  static func schema3Sample(in directory: TemporaryDirectory) throws -> String {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Fixtures/upgrade/schema-3-sample.sql")
    let path = directory.path("schema3.sqlite")
    let database = try Database(path: path, mode: .createIfMissing)
    try database.executeScript(try String(contentsOf: script, encoding: .utf8))
    #expect(try database.userVersion == 3)
    return path
  }

  /// A feature's row as schema 3 holds it, and as schema 5 holds it after the upgrade.
  struct Row4: Equatable {
    var aggregated: Bool
    var trainsModels: Bool
    var size: Int?
    var customerFacing: Bool
    var oversight: String
    var status: String
  }

  @Test func anUpgradedDatabaseKeepsEveryFactItsApprovalsAndItsTrail() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.schema3Sample(in: directory)
    var before: [String: Row4] = [:]
    var providersBefore: [String: String?] = [:]
    let eventsBefore: Int
    do {
      let old = try Database(path: path, mode: .existing)
      try old.forEachRow(
        """
        SELECT key, processing_mode, trains_models, min_aggregation_size, customer_facing,
               human_oversight, status FROM features
        """
      ) { row in
        before[try row.text("key")] = Row4(
          aggregated: try row.text("processing_mode") == "aggregated",
          trainsModels: try row.integer("trains_models") == 1,
          size: row.optionalInteger("min_aggregation_size"),
          customerFacing: try row.integer("customer_facing") == 1,
          oversight: try row.text("human_oversight"), status: try row.text("status"))
      }
      try old.forEachRow("SELECT key, dpa_signed_on FROM providers") { row in
        providersBefore[try row.text("key")] = row.optionalText("dpa_signed_on")
      }
      eventsBefore = try old.scalarInteger("SELECT count(*) FROM audit_events") ?? 0
    }
    #expect(before.count == 21 && providersBefore.count == 5)

    let registry = try Registry.open(path: path, actor: "upgrader", clock: { Self.now })
    #expect(try registry.database.userVersion == Registry.migrator.latestVersion)
    #expect(try registry.database.queryOne("PRAGMA foreign_key_check") == nil)
    // Every feature says in schema 5's words what it said in schema 4's: the migration's SQL
    // and `Schema4Fields` agree.
    for feature in try registry.features() {
      let old = try #require(before[feature.key])
      let fields = Schema4Fields(
        aggregated: old.aggregated, trainsModels: old.trainsModels, minAggregationSize: old.size,
        customerFacing: old.customerFacing)
      #expect(feature.servingUse == fields.servingUse, "\(feature.key)")
      #expect(feature.trainingUse == fields.trainingUse, "\(feature.key)")
      #expect(feature.minGroupSize == old.size, "\(feature.key)")
      #expect(feature.audience == fields.audience, "\(feature.key)")
      #expect(
        feature.finalSay
          == Schema4Fields.finalSay(try #require(HumanOversight(rawValue: old.oversight))))
      #expect(feature.status.rawValue == old.status)
      #expect(Schema4Fields(feature) == fields, "\(feature.key) maps back to what it was")
    }
    for provider in try registry.providers() {
      let day = try #require(providersBefore[provider.key])
      #expect(provider.dpa == (day == nil ? .no : .yes) && provider.dpaSignedOn == day)
    }
    // One upgrade event per feature and provider, after the trail as it was.
    let events = try registry.auditTrail.events()
    let added = events.dropFirst(eventsBefore).map(\.action)
    #expect(added.filter { $0 == "feature.upgrade" }.count == 21)
    #expect(added.filter { $0 == "provider.upgrade" }.count == 5)
    // And the launch gate's change from the approval alone to check's, which the replay reads.
    #expect(added.count == 27 && events.last?.actor == "upgrader")
    #expect(events.last?.entityKey == "check.launch-gate")
    #expect(try registry.setting(.launchGate) == SettingName.launchGateCheck)
    // The whole trail still proves itself, governance replayed across the upgrade included.
    let verification = try registry.verify()
    #expect(verification.isIntact)
    #expect(verification.governanceProblems.isEmpty)
    // No approval was voided: every approved or launched feature still holds one.
    let findings = try registry.check().findings
    #expect(!findings.contains { $0.rule == .approvalNotInForce })
    #expect(
      try registry.features().filter { $0.status == .launched }.count
        == before.values.filter { $0.status == "launched" }.count)
    // The page builds; the reports of quarters before the upgrade are rebuilt from the trail.
    let page = try registry.publicDisclosure()
    #expect(page.sections.flatMap(\.features).count == 12)
    #expect(page.updatedAt != nil)
    let q3 = try registry.quarterlyReport(Quarter("2026-Q3")!, toolVersion: "t")
    #expect(
      q3.summary.features.count
        == (try registry.database.scalarInteger(
          "SELECT count(*) FROM features WHERE created_at < '2026-10-01'")))
    let june = try registry.publicDisclosure(asOf: Timestamp.parse("2026-06-30T00:00:00Z")!)
    #expect(!june.sections.isEmpty)
    // A change after the upgrade is recorded and verified as usual.
    var change = FeatureChanges()
    change.set("audience", Audience.internal)
    try registry.editFeature("rfm-analysis", change)
    #expect(try registry.verify().isIntact)
  }

  /// The content hash of a feature schema 4 could describe is the one schema 4 computed; a fact
  /// only schema 5 can state changes it.
  @Test func theContentHashOfWhatSchema4CouldSayIsUnchanged() throws {
    let directory = try TemporaryDirectory()
    let path = try Self.schema3Sample(in: directory)
    var pinned: [String: String] = [:]
    do {
      let old = try Database(path: path, mode: .existing)
      try old.forEachRow(
        """
        SELECT f.key, r.content_hash FROM review_rounds r JOIN features f ON f.id = r.feature_id
        WHERE r.status = 'approved' AND r.number =
          (SELECT max(number) FROM review_rounds WHERE feature_id = f.id AND status != 'open')
        """
      ) { row in pinned[try row.text("key")] = try row.text("content_hash") }
    }
    let registry = try Registry.open(path: path, actor: "upgrader", clock: { Self.now })
    var matched = 0
    for (key, hash) in pinned {
      if try registry.materialContent(featureID: registry.featureID(key)).hash == hash {
        matched += 1
      }
    }
    // Every approval in force before the upgrade pins the content the feature has after it.
    #expect(!pinned.isEmpty && matched == pinned.count)
    var change = FeatureChanges()
    change.set("final_say", FinalSay.staff)
    let key = try #require(pinned.keys.sorted().first)
    let hashBefore = try registry.materialContent(featureID: registry.featureID(key)).hash
    try registry.editFeature(key, change)
    #expect(try registry.materialContent(featureID: registry.featureID(key)).hash != hashBefore)
  }

  /// A provider's record as schema 4 wrote it: no DPA status, no reference, no platform.
  struct Schema4Provider: AuditedRecord {
    static let entity = AuditEntity.provider
    var provider: Provider
    var auditKey: String { provider.key }

    func writeFields(to object: inout CanonicalObject) {
      object.string("created_at", provider.createdAt)
      object.string("dpa_signed_on", provider.dpaSignedOn)
      object.string("key", provider.key)
      object.term("kind", provider.kind)
      object.string("name", provider.name)
      object.bool("no_training", provider.noTraining)
      object.string("notes", provider.notes)
      object.string("regions", provider.regions)
      object.integer("retention_days", provider.retentionDays)
      object.bool("subprocessor_listed", provider.subprocessorListed)
      object.string("updated_at", provider.updatedAt)
      object.integer("version", provider.version)
    }
  }

  /// An upgrade event may only restate what the record's previous event said: one that changes
  /// the record, or that follows an event already in schema 5's words, is named by the replay.
  @Test func anUpgradeEventCannotChangeARecord() throws {
    let directory = try TemporaryDirectory()
    let registry = try Registry.open(
      path: try Self.schema3Sample(in: directory), actor: "upgrader", clock: { Self.now })
    #expect(try registry.verify().isIntact)
    let forger = Forger(registry: registry)
    // A second "upgrade" of a feature already upgraded, that makes it an internal use.
    try registry.database.execute(
      "UPDATE features SET audience = 'internal' WHERE key = 'rfm-analysis'")
    let again = try forger.append(
      .featureUpgrade, before: nil as FeatureState?,
      after: try registry.featureState("rfm-analysis"), at: "2026-11-29T12:00:00Z")
    var result = try registry.verify()
    #expect(result.chain.isIntact && result.recordProblems.isEmpty)
    #expect(
      result.governanceProblems.contains {
        $0.seq == again && $0.rule.contains("already written under schema 5")
      }, "\(result.governanceProblems)")
    // An "upgrade" that follows a record in schema 4's words but says something else: a provider
    // that may now train on the data.
    let openai = try registry.provider("openai")
    try forger.append(
      .providerUpdate, before: nil as Schema4Provider?, after: Schema4Provider(provider: openai),
      at: "2026-11-29T12:00:00Z")
    try registry.database.execute("UPDATE providers SET no_training = 0 WHERE key = 'openai'")
    let changed = try forger.append(
      .providerUpgrade, before: nil as Provider?, after: try registry.provider("openai"),
      at: "2026-11-29T12:00:00Z")
    result = try registry.verify()
    #expect(result.chain.isIntact && result.recordProblems.isEmpty)
    #expect(
      result.governanceProblems.contains {
        $0.seq == changed && $0.rule.contains("it changes provider 'openai'")
      }, "\(result.governanceProblems)")
  }

  /// Once the trail speaks schema 5, an event in schema 4's words (which aigov reads through the
  /// mapping, as it reads the events before an upgrade) is named.
  @Test func aRecordInSchema4WordsAfterTheUpgradeIsNamed() throws {
    let directory = try TemporaryDirectory()
    let registry = try Registry.open(
      path: try Self.schema3Sample(in: directory), actor: "upgrader", clock: { Self.now })
    let forger = Forger(registry: registry)
    let state = try registry.featureState("rfm-analysis")
    // rfm-analysis as schema 4 would write it, but seen by end-consumers: customer_facing true.
    let schema4 = state.canonicalText
      .replacingOccurrences(of: #""audience":"customers","#, with: "")
      .replacingOccurrences(of: #""final_say":"customer","#, with: "")
      .replacingOccurrences(of: #""serving_use":"account-only","#, with: "")
      .replacingOccurrences(of: #""training_use":"none","#, with: #""trains_models":false,"#)
      .replacingOccurrences(
        of: #""data_categories""#, with: #""customer_facing":true,"data_categories""#
      )
      .replacingOccurrences(of: #""purpose""#, with: #""processing_mode":"account-only","purpose""#)
    #expect(!schema4.contains("serving_use") && schema4.contains("customer_facing"))
    let legacy = try forger.append(
      .featureUpdate, entity: .feature, key: "rfm-analysis", before: state.canonicalText,
      after: schema4, at: "2026-11-29T12:00:00Z")
    // The record as the table holds it comes back after, so the tables agree with the trail.
    try forger.append(
      .featureUpdate, before: nil as FeatureState?, after: state, at: "2026-11-29T12:00:00Z")
    let result = try registry.verify()
    #expect(result.chain.isIntact && result.recordProblems.isEmpty)
    // The change it makes in schema 4's words (seen by end-consumers) is material too, and voids
    // nothing: the replay names that as well.
    #expect(
      result.governanceProblems.first?.seq == legacy
        && result.governanceProblems.contains {
          $0.seq == legacy && $0.rule.contains("schema 4's words")
        },
      "\(result.governanceProblems)")
  }
}
