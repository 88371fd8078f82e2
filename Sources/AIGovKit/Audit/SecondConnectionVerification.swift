#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Part of `audit verify` done on a second connection and thread while the caller checks the rest:
/// the chain, the replay of the governance rules, then the records of some tables. The two halves
/// run on the two cores of a small machine.
///
/// The second connection must read the same snapshot as the caller's read transaction. Every
/// change appends to the trail, so the same head means the same snapshot; when a write landed in
/// between, `result()` is nil and the caller does this part itself.
final class SecondConnectionVerification {
  struct Outcome: Sendable {
    var chain: ChainVerification
    var governance: [GovernanceProblem]
    var records: [Registry.ReconciledTable: Registry.RecordCheck]
    /// The replay's state after each event asked for.
    var states: [ReplayState]
  }

  private let connection: SecondConnection<Outcome?>

  /// Starts verifying the file at `path`, whose trail ends at `head` in the caller's snapshot
  /// (nil for an empty trail), on a connection opened `readOnly` (SQLite's read-only flag) or
  /// else query-only.
  init(
    path: String, readOnly: Bool, anchors: [String], head: AuditHead?,
    tables: [Registry.ReconciledTable], keepingStatesAt seqs: Set<Int> = []
  ) {
    connection = SecondConnection(path: path, readOnly: readOnly) { database in
      try Self.verify(
        database: database, anchors: anchors, head: head, tables: tables, keepingStatesAt: seqs)
    }
  }

  /// Waits for the outcome; nil when the second connection saw another snapshot.
  func result() throws -> Outcome? {
    try connection.result()
  }

  private static func verify(
    database: Database, anchors: [String], head: AuditHead?, tables: [Registry.ReconciledTable],
    keepingStatesAt seqs: Set<Int>
  ) throws -> Outcome? {
    try database.readTransaction {
      let trail = AuditTrail(database: database)
      guard try trail.head() == head else { return nil }
      // Reading only: the actor and clock are never used.
      let registry = Registry(database: database, actor: "audit-verify", clock: Date.init)
      var replay = GovernanceReplay(registry: registry)
      replay.keepsStateAt = seqs
      let chain = try trail.verify(anchors: anchors) { try replay.visit($0) }
      replay.finish()
      var records: [Registry.ReconciledTable: Registry.RecordCheck] = [:]
      for table in tables {
        var check = Registry.RecordCheck()
        try registry.reconcile(table, into: &check)
        records[table] = check
      }
      return Outcome(
        chain: chain, governance: replay.problems, records: records, states: replay.kept)
    }
  }
}
