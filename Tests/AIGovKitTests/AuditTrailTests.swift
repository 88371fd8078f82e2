import Foundation
import Testing

@testable import AIGovKit

@Suite struct AuditTrailTests {
  let directory: TemporaryDirectory
  let registry: Registry

  init() throws {
    directory = try TemporaryDirectory()
    registry = try makeRegistry(in: directory)
    try registry.seed()  // 8 events
  }

  var trail: AuditTrail { registry.auditTrail }

  /// What someone with the `sqlite3` shell could do: drop the guards, then change events.
  func tamper(_ sql: String) throws {
    try registry.database.executeScript(
      "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; " + sql)
  }

  @Test func honestChainVerifies() throws {
    let result = try trail.verify()
    #expect(result.isIntact)
    #expect(result.eventCount == 8)
    #expect(result.headSeq == 8)
    #expect(result.headHash == (try trail.head()?.hash))
    #expect(try trail.verify(anchors: [try #require(result.headHash)]).isIntact)
  }

  @Test func everyMutationRecordsActorTimeAndChain() throws {
    let events = try trail.events()
    #expect(events.map(\.seq) == Array(1...8))
    #expect(events.allSatisfy { $0.actor == "tester" && $0.at == "2026-11-22T10:00:00Z" })
    #expect(events.first?.prevHash == AuditEvent.genesisHash)
    for (previous, next) in zip(events, events.dropFirst()) {
      #expect(next.prevHash == previous.hash)
    }
    #expect(
      events.map(\.action).prefix(3) == ["provider.create", "provider.create", "feature.create"])
  }

  @Test func triggersRefuseUpdateAndDelete() throws {
    for sql in [
      "UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events WHERE seq = 1",
    ] {
      let error = #expect(throws: SQLiteError.self) { try registry.database.execute(sql) }
      #expect(error?.isConstraintViolation == true)
      #expect(error?.message.contains("append-only") == true)
    }
  }

  @Test func editedEventIsNamed() throws {
    try tamper("UPDATE audit_events SET actor = 'mallory' WHERE seq = 4")
    let result = try trail.verify()
    #expect(result.firstBreak?.seq == 4)
    #expect(result.firstBreak?.reason.contains("altered") == true)
    #expect(!result.isIntact)
  }

  @Test func editedRecordInsideAnEventIsNamed() throws {
    try tamper(
      "UPDATE audit_events SET after = replace(after, 'gpt-4o', 'local-model') WHERE seq = 5")
    #expect(try trail.verify().firstBreak?.seq == 5)
  }

  @Test func deletedEventIsNamed() throws {
    try tamper("DELETE FROM audit_events WHERE seq = 6")
    let result = try trail.verify()
    #expect(result.firstBreak?.seq == 6)
    #expect(result.firstBreak?.reason.contains("missing") == true)
  }

  @Test func insertedEventIsNamed() throws {
    let head = try #require(try trail.head())
    try registry.database.execute(
      """
      INSERT INTO audit_events
        (seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash)
      VALUES (9, '2026-11-23T00:00:00Z', 'mallory', 'feature.create', 'feature', 'x', NULL,
              '{}', ?, ?)
      """, [head.hash, String(repeating: "a", count: 64)])
    #expect(try trail.verify().firstBreak?.seq == 9)
  }

  @Test func eventInsertedInTheMiddleIsNamed() throws {
    // Renumber 4...8 to 5...9 and slip a forged event 4 in between.
    try tamper(
      """
      UPDATE audit_events SET seq = seq + 100 WHERE seq >= 4;
      UPDATE audit_events SET seq = seq - 99 WHERE seq >= 104;
      INSERT INTO audit_events
        (seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash)
      SELECT 4, at, 'mallory', action, entity, entity_key, before, after, hash, hash
      FROM audit_events WHERE seq = 3;
      """)
    #expect(try trail.verify().firstBreak?.seq == 4)
  }

  @Test func reorderedEventsAreNamed() throws {
    try tamper(
      """
      UPDATE audit_events SET seq = 100 WHERE seq = 7;
      UPDATE audit_events SET seq = 7 WHERE seq = 8;
      UPDATE audit_events SET seq = 8 WHERE seq = 100;
      """)
    let result = try trail.verify()
    #expect(result.firstBreak?.seq == 7)
    #expect(result.firstBreak?.reason.contains("does not follow") == true)
  }

  @Test func removedTriggersAreReported() throws {
    try tamper("")
    let result = try trail.verify()
    #expect(result.firstBreak == nil)
    #expect(result.problems.count == 2)
    #expect(!result.isIntact)
  }

  @Test func truncatedTrailIsCaughtByARecordedHead() throws {
    let head = try #require(try trail.head()?.hash)
    try registry.database.executeScript(
      "DROP TRIGGER audit_events_no_delete; DELETE FROM audit_events WHERE seq = 8; "
        + "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
        + "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;")
    #expect(try trail.verify().isIntact)  // the chain alone cannot see a cut at its end
    let anchored = try trail.verify(anchors: [head])
    #expect(!anchored.isIntact)
    #expect(
      anchored.problems == [
        "the recorded head \(head) is not in the trail (the trail was cut short or rewritten)"
      ])
  }

  @Test func failedMutationLeavesNoEvent() throws {
    let count = try trail.events().count
    #expect(throws: AIGovError.self) {
      try registry.addRisk(
        featureKey: "email-ai",
        RiskDraft(title: "t", category: .privacy, likelihood: 9, impact: 1, owner: "o"))
    }
    #expect(try trail.events().count == count)
  }

  @Test func logFiltersByRecord() throws {
    #expect(
      try trail.events(AuditFilter(entity: "provider")).map(\.entityKey) == [
        "openai", "internal-ml",
      ])
    #expect(
      try trail.events(AuditFilter(entity: "feature", entityKey: "churn-risk")).map(\.action) == [
        "feature.create", "feature.link-provider",
      ])
    #expect(try trail.events(AuditFilter(limit: 2)).map(\.seq) == [7, 8])
  }

  /// The canonical form is reproducible outside aigov: this vector was computed with Python's
  /// `json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False)` and `hashlib`.
  @Test func canonicalFormMatchesAnIndependentImplementation() throws {
    struct Named: Encodable {
      var key: String
      var name: String
    }
    let after = String(
      decoding: try CanonicalJSON.makeEncoder().encode(
        Named(key: "email-ai", name: "Email \"AI\"\n/é")), as: UTF8.self)
    #expect(after == #"{"key":"email-ai","name":"Email \"AI\"\n/é"}"#)
    let event = AuditEvent(
      seq: 1, at: "2026-11-22T10:00:00Z", actor: "dana", action: "feature.create",
      entity: "feature", entityKey: "email-ai", before: nil, after: after,
      prevHash: AuditEvent.genesisHash, hash: "")
    #expect(
      event.computedHash == "38049b2d9d0fb0b8a04616405befd41d812b6e8d8a9d0021886aa28032067390")
    #expect(CanonicalJSON.quoted("a\u{01}b\t") == #""a\u0001b\t""#)
  }
}
