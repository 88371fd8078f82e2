import Crypto

/// Appends events to the trail and verifies the chain. Knows the table, not the governance rules.
public struct AuditTrail {
  let database: Database

  public init(database: Database) {
    self.database = database
  }

  /// Appends one event after the current head. Must run inside the mutation's transaction, which
  /// holds the write lock, so that no other writer can slip an event in between.
  @discardableResult
  func append(
    at: String, acceptingTimeBeforeTrail: Bool = false, actor: String, action: String,
    entity: String, entityKey: String, before: String?, after: String?
  ) throws -> AuditEvent {
    precondition(database.isInTransaction, "audit events are appended inside the mutation")
    let head = try database.queryOne(
      "SELECT seq, hash, at FROM audit_events ORDER BY seq DESC LIMIT 1", cached: true)
    if let newest = head?.optionalText("at"), at < newest, !acceptingTimeBeforeTrail {
      throw AIGovError.refused(
        .timeBeforeTrail(time: at, newest: newest, event: head?.optionalInteger("seq") ?? 0))
    }
    var event = AuditEvent(
      seq: (head?.optionalInteger("seq") ?? 0) + 1, at: at, actor: actor, action: action,
      entity: entity, entityKey: entityKey, before: before, after: after,
      prevHash: head?.optionalText("hash") ?? AuditEvent.genesisHash, hash: "")
    event.hash = event.computedHash
    try database.execute(
      """
      INSERT INTO audit_events
        (seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        event.seq, event.at, event.actor, event.action, event.entity, event.entityKey,
        event.before, event.after, event.prevHash, event.hash,
      ], cached: true)
    return event
  }

  /// The events matching `filter`, oldest first.
  public func events(_ filter: AuditFilter = AuditFilter()) throws -> [AuditEvent] {
    var events: [AuditEvent] = []
    try database.forEachRow(
      """
      SELECT * FROM (
        SELECT * FROM audit_events
        WHERE (?1 IS NULL OR entity = ?1) AND (?2 IS NULL OR entity_key = ?2)
        ORDER BY seq DESC LIMIT coalesce(?3, -1)
      ) ORDER BY seq
      """, [filter.entity, filter.entityKey, filter.limit]
    ) { row in
      events.append(try Self.event(from: row))
    }
    return events
  }

  /// Recomputes the whole chain, oldest first, and stops at the first event that does not fit.
  ///
  /// `anchors` are chain heads recorded earlier (for example in a report): each must still be the
  /// hash of some event, which catches a trail that was cut short or rewritten as a whole.
  /// `visit`, when given, sees each event that fits the chain, in place, in the layout of
  /// `TrailRow`: a second check rides on the same pass rather than reading the trail again.
  public func verify(anchors: [String] = []) throws -> ChainVerification {
    try verify(anchors: anchors, visit: nil)
  }

  /// With `start`, an event the auditor holds a signed checkpoint of, the events up to it are
  /// taken as the checkpoint pins them: not hashed again, only shown to `visit` (and the event at
  /// `start.seq` must still have its hash); the count is of the events after it. A visitor that
  /// needs none of them (`visitsEarlier` false) is shown only the later ones, and the earlier
  /// ones are not read.
  func verify(
    anchors: [String], after start: AuditHead? = nil, visitsEarlier: Bool = true,
    visit: ((RowView) throws -> Void)?
  ) throws -> ChainVerification {
    let readsFrom = visitsEarlier ? nil : start?.seq
    var expectedSeq = readsFrom ?? 1
    var count = 0
    var firstBreak: ChainBreak?
    var unseenAnchors = Set(anchors.map { $0.lowercased() })
    // The rows are read in place and hashed from SQLite's buffers: no event is built, so the only
    // allocations are these three buffers, reused from row to row.
    var previousHash = Array(AuditEvent.genesisHash.utf8)
    var canonical: [UInt8] = []
    canonical.reserveCapacity(64 * 1024)
    var computed: [UInt8] = []
    computed.reserveCapacity(64)
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    try database.forEachRowView(
      """
      SELECT seq, at, actor, action, entity, entity_key, before, after, prev_hash, hash
      FROM audit_events \(readsFrom.map { "WHERE seq >= \($0)" } ?? "") ORDER BY seq
      """
    ) { row in
      guard firstBreak == nil else { return }
      let seq = row.integer(0)
      let prevHash = row.bytes(8) ?? none
      let hash = row.bytes(9) ?? none
      if let start, seq <= start.seq {
        if seq == start.seq, String(decoding: hash, as: UTF8.self) != start.hash {
          firstBreak = ChainBreak(
            seq: seq, reason: "event \(seq) is not the one checkpointed (its hash differs)")
        } else if readsFrom == nil {
          try visit?(row)
        }
      } else if seq != expectedSeq {
        count += 1
        firstBreak =
          seq > expectedSeq
          ? ChainBreak(
            seq: expectedSeq, reason: "event \(expectedSeq) is missing (the next event is \(seq))")
          : ChainBreak(
            seq: seq, reason: "event \(seq) is out of place (expected event \(expectedSeq))")
      } else if !previousHash.withUnsafeBufferPointer({ prevHash.hasSameBytes(as: $0) }) {
        count += 1
        firstBreak = ChainBreak(
          seq: seq,
          reason: "event \(seq) does not follow event \(seq - 1) "
            + "(its prev_hash does not match; events were removed, inserted or reordered)")
      } else {
        count += 1
        canonical.removeAll(keepingCapacity: true)
        AuditEvent.appendCanonical(
          seq: seq, at: row.bytes(1) ?? none, actor: row.bytes(2) ?? none,
          action: row.bytes(3) ?? none, entity: row.bytes(4) ?? none,
          entityKey: row.bytes(5) ?? none, before: row.bytes(6), after: row.bytes(7),
          prevHash: prevHash, to: &canonical)
        computed.removeAll(keepingCapacity: true)
        CanonicalJSON.appendHex(SHA256.hash(data: canonical), to: &computed)
        if !computed.withUnsafeBufferPointer({ hash.hasSameBytes(as: $0) }) {
          let event = try Self.event(from: row.row())
          firstBreak = ChainBreak(
            seq: seq,
            reason: "event \(seq) (\(event.action) \(event.entityKey)) was altered "
              + "(its contents no longer match its hash)")
        } else {
          try visit?(row)
        }
      }
      if !unseenAnchors.isEmpty { unseenAnchors.remove(String(decoding: hash, as: UTF8.self)) }
      expectedSeq = seq + 1
      previousHash.removeAll(keepingCapacity: true)
      previousHash.append(contentsOf: hash)
    }
    let previousHashText = String(decoding: previousHash, as: UTF8.self)
    var problems: [String] = []
    let triggers = try database.query(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'"
    ).compactMap { $0.optionalText("name") }
    for required in ["audit_events_no_update", "audit_events_no_delete"]
    where !triggers.contains(required) {
      problems.append("the append-only trigger \(required) was removed")
    }
    if readsFrom != nil {
      // The events not read may hold them.
      for anchor in unseenAnchors
      where try database.queryOne("SELECT 1 FROM audit_events WHERE hash = ?", [anchor]) != nil {
        unseenAnchors.remove(anchor)
      }
    }
    for anchor in unseenAnchors.sorted() {
      problems.append(
        "the recorded head \(anchor) is not in the trail (the trail was cut short or rewritten)")
    }
    return ChainVerification(
      eventCount: count, headSeq: firstBreak == nil ? expectedSeq - 1 : nil,
      headHash: firstBreak == nil && expectedSeq > 1 ? previousHashText : nil,
      firstBreak: firstBreak,
      problems: problems)
  }

  /// The columns of each row `verify` reads, in order, for a visitor.
  enum TrailRow {
    static let seq: Int32 = 0
    static let at: Int32 = 1
    static let actor: Int32 = 2
    static let action: Int32 = 3
    static let entity: Int32 = 4
    static let entityKey: Int32 = 5
    static let after: Int32 = 7
    static let hash: Int32 = 9
  }

  /// The newest event, nil for an empty trail.
  public func head() throws -> AuditHead? {
    guard
      let row = try database.queryOne(
        "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")
    else { return nil }
    return AuditHead(seq: try row.integer("seq"), hash: try row.text("hash"))
  }

  static func event(from row: Row) throws -> AuditEvent {
    AuditEvent(
      seq: try row.integer("seq"), at: try row.text("at"), actor: try row.text("actor"),
      action: try row.text("action"), entity: try row.text("entity"),
      entityKey: try row.text("entity_key"), before: row.optionalText("before"),
      after: row.optionalText("after"), prevHash: try row.text("prev_hash"),
      hash: try row.text("hash"))
  }
}

/// The newest event of a trail: its sequence number and hash.
public struct AuditHead: Equatable, Sendable {
  public var seq: Int
  public var hash: String
}

/// The outcome of recomputing the audit chain.
public struct ChainVerification: Codable, Equatable, Sendable {
  public var eventCount: Int
  /// The newest event, when the whole chain is intact.
  public var headSeq: Int?
  public var headHash: String?
  /// The first event that does not fit, if any.
  public var firstBreak: ChainBreak?
  /// Other signs of tampering: removed triggers, recorded heads no longer present.
  public var problems: [String]

  public var isIntact: Bool { firstBreak == nil && problems.isEmpty }

  enum CodingKeys: String, CodingKey {
    case eventCount = "event_count"
    case headSeq = "head_seq"
    case headHash = "head_hash"
    case firstBreak = "first_break"
    case problems
    case intact
  }

  public init(
    eventCount: Int, headSeq: Int?, headHash: String?, firstBreak: ChainBreak?, problems: [String]
  ) {
    self.eventCount = eventCount
    self.headSeq = headSeq
    self.headHash = headHash
    self.firstBreak = firstBreak
    self.problems = problems
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    eventCount = try values.decode(Int.self, forKey: .eventCount)
    headSeq = try values.decodeIfPresent(Int.self, forKey: .headSeq)
    headHash = try values.decodeIfPresent(String.self, forKey: .headHash)
    firstBreak = try values.decodeIfPresent(ChainBreak.self, forKey: .firstBreak)
    problems = try values.decode([String].self, forKey: .problems)
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(eventCount, forKey: .eventCount)
    try values.encode(headSeq, forKey: .headSeq)
    try values.encode(headHash, forKey: .headHash)
    try values.encode(firstBreak, forKey: .firstBreak)
    try values.encode(problems, forKey: .problems)
    try values.encode(isIntact, forKey: .intact)
  }
}

/// The first event at which the chain stops holding together.
public struct ChainBreak: Codable, Equatable, Sendable {
  public var seq: Int
  public var reason: String
}
