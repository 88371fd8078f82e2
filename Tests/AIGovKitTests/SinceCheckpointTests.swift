import Foundation
import Testing

@testable import AIGovKit

/// `verify(since:)`: what changed after a checkpoint the auditor holds, tried by someone who holds
/// the file.
@Suite struct SinceCheckpointTests {
  /// The auditor's copy of a checkpoint of event `seq`, signed with `key`.
  func held(_ registry: Registry, at seq: Int, key: SigningKey) throws -> HeldCheckpoint {
    let hash = try #require(
      try registry.database.queryOne("SELECT hash FROM audit_events WHERE seq = ?", [seq])?
        .optionalText("hash"))
    let statement = Checkpoint.statement(seq: seq, hash: hash, at: "2026-11-22T10:00:00Z")
    return HeldCheckpoint(
      statement: statement, signature: try key.signature(for: statement),
      publicKey: key.publicKey)
  }

  /// The fixture with an approval in force, a checkpoint after it, and then a change.
  func checkpointedFixture() throws -> (GovernanceFixture, HeldCheckpoint, SigningKey) {
    let fixture = try GovernanceFixture()
    try fixture.launchEmailAI()
    let auditor = SigningKey()
    let head = try #require(try fixture.registry.auditTrail.head())
    let checkpoint = try held(fixture.registry, at: head.seq, key: auditor)
    var described = FeatureChanges()
    described.set("description", "Drafts replies to customer emails, now in French too.")
    try fixture.registry.editFeature("email-ai", described)
    return (fixture, checkpoint, auditor)
  }

  @Test func checksOnlyTheEventsRecordsAndSignOffsAfterTheCheckpoint() throws {
    let (fixture, checkpoint, _) = try checkpointedFixture()
    let full = try fixture.registry.verify()
    let since = try fixture.registry.verify(since: checkpoint)
    #expect(full.isIntact && since.isIntact, "\(since.problems)")
    #expect(since.sinceCheckpoint == Checkpoint.readStatement(checkpoint.statement)?.seq)
    #expect(since.chain.eventCount == 1 && full.chain.eventCount > 1)
    #expect(since.chain.headHash == full.chain.headHash)
    #expect(since.recordsChecked == 1 && full.recordsChecked > 1)
    #expect(since.signOffsChecked == 0 && full.signOffsChecked == 5)
    #expect(since.checkpointsChecked == 1)
  }

  @Test func namesAnEventAlteredAfterTheCheckpoint() throws {
    let (fixture, checkpoint, _) = try checkpointedFixture()
    try fixture.tamper(
      """
      DROP TRIGGER audit_events_no_update;
      UPDATE audit_events SET actor = 'someone-else' WHERE seq = (SELECT max(seq) FROM audit_events);
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      """)
    let since = try fixture.registry.verify(since: checkpoint)
    #expect(!since.isIntact)
    #expect(since.chain.firstBreak?.reason.contains("was altered") == true)
  }

  @Test func namesARecordTouchedSinceThatDiffersFromItsEvent() throws {
    let (fixture, checkpoint, _) = try checkpointedFixture()
    try fixture.tamper("UPDATE features SET name = 'Renamed' WHERE key = 'email-ai'")
    let since = try fixture.registry.verify(since: checkpoint)
    #expect(since.recordProblems.map(\.key) == ["email-ai"])
    #expect(since.recordProblems.first?.fields == ["name"])
    // A record the trail names by its number, likewise.
    var verified = MitigationChanges()
    verified.set("status", MitigationStatus.verified)
    try fixture.registry.editMitigation(1, verified)
    try fixture.tamper("UPDATE mitigations SET title = 'Other' WHERE id = 1")
    let numbered = try fixture.registry.verify(since: checkpoint)
    #expect(numbered.recordProblems.map(\.key) == ["email-ai", "1"])
    #expect(numbered.recordProblems.last?.entity == .mitigation)
    // A record deleted behind aigov's back after its event since is missing.
    try fixture.tamper("UPDATE features SET name = 'Email AI' WHERE key = 'email-ai'")
    let plain = try GovernanceFixture()
    let head = try #require(try plain.registry.auditTrail.head())
    let auditor = SigningKey()
    let before = try held(plain.registry, at: head.seq, key: auditor)
    try plain.registry.addProvider(
      ProviderDraft(key: "acme", name: "Acme Models", kind: .llm))
    try plain.tamper("DELETE FROM providers WHERE key = 'acme'")
    let missing = try plain.registry.verify(since: before)
    #expect(missing.recordProblems.map(\.kind) == [.missing])
  }

  @Test func namesAnApprovalForgedAfterTheCheckpoint() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    try fixture.sign("email-ai", as: "sam")
    // Approvals the reviewers never gave, appended with correct hashes: one before the
    // checkpoint, which the auditor's last full verification would have named, and one after.
    let forger = Forger(fixture: fixture)
    let earlier = try forger.signOff("email-ai", as: "sam", for: .legal)
    let auditor = SigningKey()
    let checkpoint = try held(fixture.registry, at: earlier, key: auditor)
    let forged = try forger.signOff("email-ai", as: "marcus", for: .privacy)
    let full = try fixture.registry.verify()
    #expect(Set(full.governanceProblems.map(\.seq)) == [earlier, forged])
    let since = try fixture.registry.verify(since: checkpoint)
    #expect(since.chain.isIntact && since.recordProblems == [])
    #expect(since.governanceProblems.map(\.seq) == [forged], "\(since.governanceProblems)")
  }

  @Test func refusesACheckpointTheTrailOrTheAuditorDoesNotHold() throws {
    let (fixture, checkpoint, auditor) = try checkpointedFixture()
    // Signed by a key the auditor does not hold.
    let keys = try TrustedKeys(text: TrustedKeys.line(name: "auditor", key: auditor.publicKey))
    let stranger = try held(
      fixture.registry, at: Checkpoint.readStatement(checkpoint.statement)!.seq, key: SigningKey())
    let untrusted = try fixture.registry.verify(since: stranger, keys: keys)
    #expect(!untrusted.isIntact && untrusted.chain.eventCount == 0)
    #expect(untrusted.auditorProblems.contains { $0.contains("not in the auditor's keys") })
    // The statement altered after signing: it names a later event.
    var altered = checkpoint
    altered.statement = Checkpoint.statement(
      seq: 2, hash: String(repeating: "0", count: 64), at: "2026-11-22T10:00:00Z")
    let forged = try fixture.registry.verify(since: altered)
    #expect(forged.auditorProblems.contains { $0.contains("does not verify with its public key") })
    // The trail rewritten up to the checkpoint: its event no longer has the hash signed.
    let other = try GovernanceFixture()
    try other.launchEmailAI()
    let elsewhere = try other.registry.verify(since: checkpoint)
    #expect(!elsewhere.isIntact)
    #expect(elsewhere.auditorProblems.contains { $0.contains("rewritten up to there") })
  }

  /// The state the auditor's full verification kept is what the events up to the checkpoint
  /// left: an earlier event rewritten in place afterwards, which the replay from the trail's
  /// start would take at its word, changes nothing.
  @Test func aKeptStateIsNotSwayedByEarlierEventsRewrittenInPlace() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    let head = try #require(try fixture.registry.auditTrail.head())
    let checkpoint = try held(fixture.registry, at: head.seq, key: SigningKey())
    let (verified, states) = try fixture.registry.verify(
      checkpoints: [checkpoint], keepingStatesAt: [head.seq])
    #expect(verified.isIntact && states.map(\.seq) == [head.seq])
    let state = try #require(ReplayState(reading: try states[0].bytes))
    // elena's key erased from the events that registered it, then a decision in her name
    // without it.
    try fixture.tamper(
      """
      DROP TRIGGER audit_events_no_update;
      UPDATE audit_events SET after = json_replace(after, '$.keys', json('[]'))
        WHERE entity = 'reviewer' AND entity_key = 'elena';
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      DELETE FROM reviewer_keys WHERE reviewer_id = (SELECT id FROM reviewers WHERE handle = 'elena');
      """)
    let forged = try Forger(fixture: fixture).signOff("email-ai", as: "elena", for: .legal)
    #expect(!(try fixture.registry.verify().chain.isIntact))
    // Replayed from the start, the rewritten events let the decision pass.
    #expect(try fixture.registry.verify(since: checkpoint).governanceProblems == [])
    let resumed = try fixture.registry.verify(since: checkpoint, resuming: state)
    #expect(resumed.governanceProblems.map(\.seq) == [forged], "\(resumed.governanceProblems)")
    #expect(resumed.chain.isIntact && resumed.chain.eventCount == 1)
  }

  /// A state keeps each review round as its JSON until an event after the checkpoint asks for
  /// it; one that does not read then is refused, not taken as no round.
  @Test func aRoundTheStateKeepsIsReadWhenAnEventAsksForIt() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    let head = try #require(try fixture.registry.auditTrail.head())
    let checkpoint = try held(fixture.registry, at: head.seq, key: SigningKey())
    let (_, states) = try fixture.registry.verify(keepingStatesAt: [head.seq])
    let bytes = try states[0].bytes
    let garbled = try roundsGarbled(bytes)
    // Nothing after the checkpoint concerns a round yet.
    #expect(try fixture.registry.verify(since: checkpoint, resuming: garbled).isIntact)
    let forged = try Forger(fixture: fixture).signOff("email-ai", as: "elena", for: .legal)
    let resumed = try fixture.registry.verify(
      since: checkpoint, resuming: ReplayState(reading: bytes))
    #expect(resumed.governanceProblems.map(\.seq) == [forged], "\(resumed.governanceProblems)")
    #expect(throws: UnreadableReplayState.self) {
      try fixture.registry.verify(since: checkpoint, resuming: garbled)
    }
    // A material change after the checkpoint asks for the feature's rounds too; the state, not
    // the event, is named.
    let (changed, since, _) = try checkpointedFixture()
    let seq = try #require(Checkpoint.readStatement(since.statement)?.seq)
    let (_, kept) = try changed.registry.verify(keepingStatesAt: [seq])
    #expect(try changed.registry.verify(since: since, resuming: kept[0]).isIntact)
    #expect(throws: UnreadableReplayState.self) {
      try changed.registry.verify(since: since, resuming: try roundsGarbled(kept[0].bytes))
    }
  }

  /// A state's bytes with every review round it keeps made unreadable.
  func roundsGarbled(_ bytes: [UInt8]) throws -> ReplayState {
    var file = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    var state = try #require(file["state"] as? [String: Any])
    let rounds = try #require(state["rounds"] as? [String: String])
    #expect(!rounds.isEmpty)
    state["rounds"] = rounds.mapValues { _ in "{}" }
    file["state"] = state
    return try #require(
      ReplayState(reading: Array(try JSONSerialization.data(withJSONObject: file))))
  }

  @Test func aStateIsUsedOnlyWithItsCheckpoint() throws {
    let (fixture, checkpoint, auditor) = try checkpointedFixture()
    let seq = try #require(Checkpoint.readStatement(checkpoint.statement)?.seq)
    let earlier = try held(fixture.registry, at: seq - 1, key: auditor)
    let (_, states) = try fixture.registry.verify(keepingStatesAt: [seq - 1, seq])
    #expect(states.map(\.seq) == [seq - 1, seq])
    #expect(throws: AIGovError.self) {
      try fixture.registry.verify(since: checkpoint, resuming: states[0])
    }
    #expect(try fixture.registry.verify(since: earlier, resuming: states[0]).isIntact)
    // A recorded head before the checkpoint is looked for among the events not read.
    let first = try #require(
      try fixture.registry.database.queryOne("SELECT hash FROM audit_events WHERE seq = 1")?
        .optionalText("hash"))
    let anchored = try fixture.registry.verify(
      since: earlier, resuming: states[0], anchors: [first])
    #expect(anchored.isIntact, "\(anchored.problems)")
    let unknown = try fixture.registry.verify(
      since: earlier, resuming: states[0], anchors: [String(repeating: "ab", count: 32)])
    #expect(unknown.chain.problems.contains { $0.contains("is not in the trail") })
    // A file that is not a state, or whose header names another event than its state.
    #expect(ReplayState(reading: Array("{}".utf8)) == nil)
    let text = String(decoding: try states[1].bytes, as: UTF8.self)
    let relabelled = text.replacingOccurrences(of: "\"seq\":\(seq),", with: "\"seq\":\(seq - 1),")
    #expect(relabelled != text && ReplayState(reading: Array(relabelled.utf8)) == nil)
  }

  @Test func judgesTheSampleAsTheFullVerificationDoes() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let full = try registry.verify()
    #expect(full.isIntact)
    let head = try #require(try registry.auditTrail.head())
    let auditor = SigningKey()
    let seqs = Array(stride(from: 1, through: head.seq, by: 37))
    let (_, states) = try registry.verify(keepingStatesAt: Set(seqs))
    #expect(states.map(\.seq) == seqs)
    for (seq, kept) in zip(seqs, states) {
      let checkpoint = try held(registry, at: seq, key: auditor)
      let since = try registry.verify(since: checkpoint)
      let state = try #require(ReplayState(reading: try kept.bytes))
      #expect(try registry.verify(since: checkpoint, resuming: state) == since)
      #expect(since.isIntact, "since event \(seq): \(since.problems)")
      #expect(since.chain.eventCount == head.seq - seq)
      #expect(since.chain.headHash == full.chain.headHash)
      #expect(since.recordsChecked <= full.recordsChecked)
    }
  }
}

/// Every feature's status in a kept state: read as the file packs it, looked up by halving.
@Suite struct FeatureStatusesTests {
  func read(_ json: String) throws -> FeatureStatuses {
    try JSONDecoder().decode(FeatureStatuses.self, from: Data(json.utf8))
  }

  @Test func aStatusIsFoundWhereTheFileListsItAndChangesOverride() throws {
    var keys: [String] = (0..<500).map { "feature-\($0)" }
    keys.append("é-accented")
    var statuses = FeatureStatuses()
    for (index, key) in keys.enumerated() {
      statuses[key] =
        index.isMultiple(of: 3) ? .launched : index.isMultiple(of: 2) ? .proposed : .retired
    }
    let encoded = try JSONEncoder().encode(statuses)
    var read = try JSONDecoder().decode(FeatureStatuses.self, from: encoded)
    #expect(read.all == statuses.all)
    for key in keys { #expect(read[key] == statuses[key], "\(key)") }
    #expect(read["feature-5000"] == nil && read["feature-"] == nil && read[""] == nil)
    read["feature-3"] = .suspended
    #expect(read["feature-3"] == .suspended)
    #expect(read.removeValue(forKey: "feature-6") == .launched)
    #expect(read["feature-6"] == nil && read.removeValue(forKey: "feature-6") == nil)
    #expect(read.all.count == keys.count - 1)
    #expect(
      try JSONDecoder().decode(FeatureStatuses.self, from: JSONEncoder().encode(read)).all
        == read.all)
  }

  @Test func aListOutOfOrderTwiceOrMalformedDoesNotRead() throws {
    #expect(
      try read(#"{"proposed":"1:a1:b","launched":"2:cd"}"#).all
        == ["a": .proposed, "b": .proposed, "cd": .launched])
    for refused in [
      #"{"proposed":"1:b1:a"}"#, #"{"proposed":"1:a1:a"}"#, #"{"proposed":"x:a"}"#,
      #"{"proposed":"5:ab"}"#,
      #"{"sideways":"1:a"}"#, #"{"launched":"1:a1:c","proposed":"1:b1:c"}"#,
    ] {
      #expect(throws: DecodingError.self, "\(refused)") { try read(refused) }
    }
  }
}
