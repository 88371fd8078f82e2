import Foundation
import Testing

@testable import AIGovKit

/// SQL run behind aigov's back, and the problem `audit verify` must name.
struct Tampering: CustomTestStringConvertible, Sendable {
  var sql: String
  var entity: AuditEntity
  var key: String
  var kind: RecordProblem.Kind
  var fields: [String] = []

  var testDescription: String { sql }
}

@Suite struct ReconciliationTests {
  /// A governed inventory: `email-ai` approved (elena signs with her key) and a setting changed.
  static func governed() throws -> GovernanceFixture {
    let fixture = try GovernanceFixture()
    try fixture.approve("email-ai")
    try fixture.registry.changeSetting(.minAggregationSize, to: "100")
    #expect(try fixture.registry.verify().isIntact)
    return fixture
  }

  static let unlockSignOffs =
    "DROP TRIGGER signoffs_no_update; DROP TRIGGER signoffs_no_delete; "

  static let cases: [Tampering] = [
    Tampering(
      sql: "UPDATE features SET category = 'agentic' WHERE key = 'email-ai'", entity: .feature,
      key: "email-ai", kind: .differs, fields: ["category"]),
    Tampering(
      sql: "UPDATE features SET status = 'launched' WHERE key = 'churn-risk'", entity: .feature,
      key: "churn-risk", kind: .differs, fields: ["status"]),
    Tampering(
      sql:
        "INSERT INTO feature_data_categories VALUES ((SELECT id FROM features WHERE key = 'email-ai'), 'health')",
      entity: .feature, key: "email-ai", kind: .differs, fields: ["data_categories"]),
    Tampering(
      sql: "DELETE FROM feature_data_categories", entity: .feature, key: "email-ai", kind: .differs,
      fields: ["data_categories"]),
    Tampering(
      sql: "UPDATE feature_providers SET model = 'gpt-5' WHERE model = 'gpt-4o'", entity: .feature,
      key: "email-ai", kind: .differs, fields: ["providers"]),
    Tampering(
      sql: "DELETE FROM feature_providers WHERE model = 'gpt-4o'", entity: .feature,
      key: "email-ai", kind: .differs, fields: ["providers"]),
    Tampering(
      sql: """
        INSERT INTO features (key, name, purpose, category, serving_use, training_use, owner,
          human_oversight, audience, final_say, customer_control, created_at, updated_at)
        VALUES ('ghost', 'Ghost', 'p', 'agentic', 'account-only', 'none', 'x', 'autonomous',
          'internal', 'none', 'always-on', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
        """, entity: .feature, key: "ghost", kind: .untracked),
    Tampering(
      sql: "INSERT INTO feature_providers VALUES (1, 2, 'shadow-model', '')", entity: .feature,
      key: "email-ai", kind: .differs, fields: ["providers"]),
    // A link to a provider that does not exist, written with the foreign keys off: no read shows
    // it, but a provider later added under that number would inherit it.
    Tampering(
      sql:
        "PRAGMA foreign_keys = OFF; INSERT INTO feature_providers VALUES (1, 999, 'ghost-model', '')",
      entity: .feature,
      key: "email-ai", kind: .differs, fields: ["providers"]),
    Tampering(
      sql: """
        INSERT INTO providers (key, name, kind, subprocessor_listed, dpa, no_training,
          created_at, updated_at)
        VALUES ('shadow', 'Shadow', 'llm', 0, 'unknown', 0, '2026-01-01', '2026-01-01')
        """, entity: .provider, key: "shadow", kind: .untracked),
    Tampering(
      sql: "UPDATE providers SET no_training = 0 WHERE key = 'openai'", entity: .provider,
      key: "openai", kind: .differs, fields: ["no_training"]),
    Tampering(
      sql: "DELETE FROM feature_providers WHERE provider_id = "
        + "(SELECT id FROM providers WHERE key = 'internal-ml'); "
        + "DELETE FROM providers WHERE key = 'internal-ml'",
      entity: .provider, key: "internal-ml", kind: .missing),
    Tampering(
      sql: "UPDATE risks SET likelihood = 1 WHERE id = 1", entity: .risk, key: "1",
      kind: .differs, fields: ["level", "likelihood", "score"]),
    Tampering(
      sql: """
        INSERT INTO risks (feature_id, title, category, likelihood, impact, owner, created_at,
          updated_at) VALUES (1, 'x', 'privacy', 1, 1, 'o', '2026-01-01', '2026-01-01')
        """, entity: .risk, key: "2", kind: .untracked),
    Tampering(
      sql: "PRAGMA foreign_keys = ON; DELETE FROM risks WHERE id = 1", entity: .risk, key: "1",
      kind: .missing),
    Tampering(
      sql: """
        INSERT INTO mitigations (risk_id, title, kind, owner, created_at, updated_at)
        VALUES (1, 'x', 'process', 'o', '2026-01-01', '2026-01-01')
        """, entity: .mitigation, key: "2", kind: .untracked),
    Tampering(
      sql: "UPDATE mitigations SET status = 'verified' WHERE id = 1", entity: .mitigation,
      key: "1", kind: .differs, fields: ["status"]),
    Tampering(
      sql: "DELETE FROM mitigations WHERE id = 1", entity: .mitigation, key: "1", kind: .missing),
    Tampering(
      sql: "UPDATE reviewers SET email = 'x@evil.example' WHERE handle = 'tom'",
      entity: .reviewer, key: "tom", kind: .differs, fields: ["email"]),
    Tampering(
      sql:
        "INSERT INTO reviewer_disciplines VALUES ((SELECT id FROM reviewers WHERE handle = 'tom'), 'legal')",
      entity: .reviewer, key: "tom", kind: .differs, fields: ["disciplines"]),
    Tampering(
      sql: "DELETE FROM reviewers WHERE handle = 'priya'", entity: .reviewer, key: "priya",
      kind: .missing),
    Tampering(
      sql: "DELETE FROM reviewer_keys", entity: .reviewer, key: "elena", kind: .differs,
      fields: ["keys"]),
    Tampering(
      sql: "UPDATE reviewer_keys SET added_at = '2020-01-01T00:00:00Z'", entity: .reviewer,
      key: "elena", kind: .differs, fields: ["keys"]),
    Tampering(
      sql: "UPDATE review_rounds SET status = 'open', closed_at = NULL", entity: .reviewRound,
      key: "1", kind: .differs, fields: ["closed_at", "status"]),
    Tampering(
      sql: """
        INSERT INTO review_rounds (feature_id, number, kind, status, content_hash,
          required_disciplines, opened_at, opened_by)
        VALUES (2, 1, 'initial', 'open', '\(String(repeating: "0", count: 64))', 'legal',
          '2026-01-01', 'x')
        """, entity: .reviewRound, key: "2", kind: .untracked),
    Tampering(
      sql: "UPDATE review_rounds SET required_disciplines = 'product'", entity: .reviewRound,
      key: "1", kind: .differs, fields: ["required_disciplines"]),
    Tampering(
      sql: unlockSignOffs + "UPDATE signoffs SET decision = 'reject' WHERE id = 5",
      entity: .signoff, key: "5", kind: .differs, fields: ["decision"]),
    Tampering(
      sql: unlockSignOffs + "DELETE FROM signoffs WHERE id = 2", entity: .signoff, key: "2",
      kind: .missing),
    Tampering(
      sql: "INSERT INTO signoffs (round_id, discipline, reviewer_id, decision, signed_at) "
        + "VALUES (1, 'privacy', (SELECT id FROM reviewers WHERE handle = 'tom'), 'approve', "
        + "'2026-11-22T10:00:00Z')", entity: .signoff, key: "6", kind: .untracked),
    Tampering(
      sql: "UPDATE settings SET value = '2'", entity: .setting, key: "check.min-aggregation-size",
      kind: .differs, fields: ["value"]),
    Tampering(
      sql: "DELETE FROM settings", entity: .setting, key: "check.min-aggregation-size",
      kind: .missing),
    Tampering(
      sql: "INSERT INTO settings (name, value) VALUES ('review.required-disciplines', 'legal')",
      entity: .setting, key: "review.required-disciplines", kind: .untracked),
  ]

  @Test(arguments: cases)
  func tamperingWithATableIsNamed(_ tampering: Tampering) throws {
    let fixture = try Self.governed()
    try fixture.tamper(tampering.sql)
    let result = try fixture.registry.verify()
    #expect(!result.isIntact)
    #expect(result.chain.isIntact || tampering.sql.contains("DROP TRIGGER"))
    let problem = result.recordProblems.first {
      $0.entity == tampering.entity && $0.key == tampering.key
    }
    #expect(problem?.kind == tampering.kind, "\(result.recordProblems)")
    #expect(problem?.fields == tampering.fields, "\(result.recordProblems)")
  }

  @Test func aColumnAddedBehindAigovsBackIsNamed() throws {
    let fixture = try Self.governed()
    #expect(try fixture.registry.verify().isIntact)
    try fixture.tamper("ALTER TABLE features ADD COLUMN shadow TEXT DEFAULT 'evil'")
    let result = try fixture.registry.verify()
    #expect(!result.isIntact)
    #expect(
      result.chain.problems == [
        "the table features has a column 'shadow' that aigov does not record (it was added "
          + "behind aigov's back)"
      ])
  }

  /// The second connection checks only the snapshot its caller reads: given another head (a write
  /// landed in between) it declines, and `verify` does that part on its own connection.
  @Test func theSecondConnectionDeclinesAnotherSnapshot() throws {
    let fixture = try Self.governed()
    let trail = fixture.registry.auditTrail
    let head = try #require(try trail.head())
    let stale = SecondConnectionVerification(
      path: fixture.database.path, readOnly: false, anchors: [],
      head: AuditHead(seq: head.seq - 1, hash: head.hash), tables: [.mitigations])
    #expect(try stale.result() == nil)
    let current = SecondConnectionVerification(
      path: fixture.database.path, readOnly: true, anchors: [], head: head,
      tables: [.mitigations])
    let outcome = try #require(try current.result())
    #expect(outcome.chain == (try trail.verify()))
    #expect(outcome.chain.headSeq == head.seq)
    #expect(outcome.records[.mitigations]?.checked == 1)
    #expect(outcome.records[.mitigations]?.problems == [])
  }

  @Test func anHonestInventoryReconciles() throws {
    let fixture = try Self.governed()
    let result = try fixture.registry.verify()
    #expect(result.isIntact)
    // 2 features, 2 providers, 1 risk, 1 mitigation, 6 reviewers, 1 round, 5 sign-offs, 1 setting.
    #expect(result.recordsChecked == 19)
    #expect(result.signOffsChecked == 5 && result.signedSignOffs == 1)
  }

  @Test func alteringASignedFieldTheSignatureOrTheKeyNamesTheSignOff() throws {
    // Sign-off 3 is elena's signed legal approval.
    for sql in [
      "UPDATE signoffs SET comment = 'fine by me' WHERE id = 3",
      "UPDATE signoffs SET signed_at = '2026-11-23T10:00:00Z' WHERE id = 3",
      "UPDATE signoffs SET signature = '\(Data(repeating: 7, count: 64).base64EncodedString())' WHERE id = 3",
      "UPDATE review_rounds SET content_hash = '\(String(repeating: "a", count: 64))'",
    ] {
      let fixture = try Self.governed()
      try fixture.tamper(Self.unlockSignOffs + sql)
      let result = try fixture.registry.verify()
      #expect(
        result.signatureProblems.map(\.signOff) == [3], "\(sql): \(result.signatureProblems)")
      #expect(result.signatureProblems.first?.reason.contains("does not verify") == true)
    }
    // Swapping the registered key for the forger's own.
    let fixture = try Self.governed()
    let forger = SigningKey().publicKey.pem
    try fixture.tamper("UPDATE reviewer_keys SET public_key = '\(forger)'")
    let result = try fixture.registry.verify()
    #expect(result.signatureProblems.map(\.signOff) == [3])
    #expect(
      result.signatureProblems.first?.description
        == "sign-off 3 (email-ai round 1, legal by elena): the registered public key "
        + "\(fixture.elenaKey.publicKey.fingerprint.prefix(16))... does not match its fingerprint "
        + "(the reviewer's key was replaced)")
    #expect(result.recordProblems.map(\.key) == ["elena"])
  }

  @Test func aSignatureStrippedFromTheTableIsNamed() throws {
    let fixture = try Self.governed()
    try fixture.tamper(
      Self.unlockSignOffs
        + "UPDATE signoffs SET signature = NULL, key_fingerprint = NULL WHERE id = 3")
    let result = try fixture.registry.verify()
    #expect(result.recordProblems.map(\.key) == ["3"])
    #expect(result.recordProblems.first?.fields == ["key_fingerprint", "signature"])
  }

  @Test(arguments: Registry.recordTriggers.map(\.0))
  func removingARecordsTriggerIsReported(_ trigger: String) throws {
    let fixture = try Self.governed()
    try fixture.tamper("DROP TRIGGER \(trigger)")
    let result = try fixture.registry.verify()
    #expect(result.chain.problems.contains { $0.contains("the trigger \(trigger)") })
    #expect(!result.isIntact)
  }

  @Test func aDatabaseFromSchemaOneIsBaselinedOnUpgrade() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("v1.sqlite")
    // A version-1 database as the first release wrote it: its events in the shapes of that time.
    do {
      let database = try Database(path: path, mode: .createIfMissing)
      try database.configureForConcurrentUse()
      try Migrator(migrations: [EmbeddedMigrations.all[0]]).migrate(database)
      try database.transaction {
        try database.execute(
          """
          INSERT INTO providers (key, name, kind, subprocessor_listed, no_training, created_at,
            updated_at) VALUES ('openai', 'OpenAI', 'llm', 1, 1, '2026-01-01T00:00:00Z',
            '2026-01-01T00:00:00Z')
          """)
        try AuditTrail(database: database).append(
          at: "2026-01-01T00:00:00Z", actor: "old", action: "provider.create", entity: "provider",
          entityKey: "openai", before: nil, after: #"{"key":"openai","name":"OpenAI"}"#)
      }
    }
    let fixed = Timestamp.parse("2026-11-22T10:00:00Z")!
    let registry = try Registry.open(path: path, actor: "upgrader", clock: { fixed })
    #expect(try registry.database.userVersion == Registry.migrator.latestVersion)
    let events = try registry.auditTrail.events()
    // The baseline, then the launch gate's change from the approval alone to check's.
    #expect(events.map(\.action) == ["provider.create", "provider.baseline", "setting.update"])
    #expect(events.last?.entityKey == "check.launch-gate")
    #expect(events.last?.actor == "upgrader")
    #expect(try registry.verify().isIntact)
    // The trail rebuilds the inventory from its baseline on, and refuses before it, naming it.
    #expect(throws: AIGovError.refused(.trailBeforeBaseline(event: 2))) {
      try registry.snapshot(throughEvent: 1, at: fixed)
    }
    for sequence in [2, 3] {
      #expect(
        try registry.snapshot(throughEvent: sequence, at: fixed).provider("openai").noTraining)
    }
    try registry.database.executeScript("UPDATE providers SET no_training = 0")
    #expect(try registry.verify().recordProblems.map(\.fields) == [["no_training"]])
  }
}

/// What the file's holder might try with the server's tokens: each is named by `audit verify`.
@Suite struct AccessTokenTamperingTests {
  /// Token 1 (dana's) revoked, token 2 (elena's) in force.
  static func withTokens() throws -> GovernanceFixture {
    let fixture = try GovernanceFixture()
    let dana = try fixture.registry.createAccessToken(for: "dana")
    _ = try fixture.registry.createAccessToken(for: "elena", label: "Legal laptop")
    try fixture.registry.revokeAccessToken(dana.token.id)
    #expect(try fixture.registry.verify().isIntact)
    return fixture
  }

  static let cases: [Tampering] = [
    Tampering(
      sql: "DROP TRIGGER access_tokens_revoke_only; "
        + "UPDATE access_tokens SET revoked_at = NULL, revoked_by = NULL WHERE id = 1",
      entity: .accessToken, key: "1", kind: .differs, fields: ["revoked_at", "revoked_by"]),
    Tampering(
      sql: "DROP TRIGGER access_tokens_revoke_only; "
        + "UPDATE access_tokens SET person = 'mallory' WHERE id = 2",
      entity: .accessToken, key: "2", kind: .differs, fields: ["person"]),
    Tampering(
      sql: "DROP TRIGGER access_tokens_revoke_only; "
        + "UPDATE access_tokens SET access = 'read' WHERE id = 2",
      entity: .accessToken, key: "2", kind: .differs, fields: ["access"]),
    Tampering(
      sql: """
        INSERT INTO access_tokens (person, label, token_hash, created_at, created_by)
        VALUES ('mallory', '', '\(String(repeating: "ab", count: 32))', '2026-01-01T00:00:00Z',
          'mallory')
        """, entity: .accessToken, key: "3", kind: .untracked),
    Tampering(
      sql: "DROP TRIGGER access_tokens_no_delete; DELETE FROM access_tokens WHERE id = 2",
      entity: .accessToken, key: "2", kind: .missing),
  ]

  @Test(arguments: cases)
  func tamperingWithATokenIsNamed(_ tampering: Tampering) throws {
    let fixture = try Self.withTokens()
    try fixture.tamper(tampering.sql)
    let result = try fixture.registry.verify()
    #expect(!result.isIntact)
    let problem = result.recordProblems.first {
      $0.entity == tampering.entity && $0.key == tampering.key
    }
    #expect(problem?.kind == tampering.kind, "\(result.recordProblems)")
    #expect(problem?.fields == tampering.fields, "\(result.recordProblems)")
  }

  @Test func theSchemaRefusesToChangeOrDeleteATokenButRevokeIt() throws {
    let fixture = try Self.withTokens()
    for sql in [
      "UPDATE access_tokens SET person = 'mallory' WHERE id = 2",
      "UPDATE access_tokens SET revoked_at = NULL, revoked_by = NULL WHERE id = 1",
      "DELETE FROM access_tokens WHERE id = 2",
    ] {
      #expect(throws: SQLiteError.self, "\(sql)") { try fixture.tamper(sql) }
    }
    #expect(try fixture.registry.verify().isIntact)
    // A revoked token does not name its person, nor does a text it never had.
    #expect(
      try fixture.registry.holder(presenting: "aigov_" + String(repeating: "A", count: 43)) == nil)
    #expect(throws: AIGovError.self) { try fixture.registry.revokeAccessToken(1) }
  }
}
