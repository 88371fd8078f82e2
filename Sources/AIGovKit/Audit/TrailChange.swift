/// One event of the audit trail told as what it changed: the fields of the record whose values
/// differ before and after (every field of a record created or removed).
public struct TrailChange: Encodable, Equatable, Sendable {
  public var seq: Int
  public var at: String
  public var actor: String
  public var action: String
  public var entity: String
  public var key: String
  public var fields: [FieldChange]

  public init(_ event: AuditEvent) throws {
    seq = event.seq
    at = event.at
    actor = event.actor
    action = event.action
    entity = event.entity
    key = event.entityKey
    let before = try Self.fields(of: event.before)
    let after = try Self.fields(of: event.after)
    fields = Set(before.keys).union(after.keys).sorted().compactMap { name in
      before[name] == after[name]
        ? nil : FieldChange(name: name, before: before[name], after: after[name])
    }
  }

  private static func fields(of record: String?) throws -> [String: JSONValue] {
    guard let record, case .object(let fields) = try JSONValue(parsing: record) else { return [:] }
    return fields
  }
}

/// A field's value before and after a change; nil where the record did not exist or did not
/// have the field.
public struct FieldChange: Encodable, Equatable, Sendable {
  public var name: String
  public var before: JSONValue?
  public var after: JSONValue?

  enum CodingKeys: String, CodingKey {
    case name = "field"
    case before, after
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(name, forKey: .name)
    try values.encode(before ?? .null, forKey: .before)
    try values.encode(after ?? .null, forKey: .after)
  }
}

extension AuditTrail {
  /// The events recorded at `from` or later and before `until` (stored times, compared as the
  /// trail stores them), oldest first: `limit` of them after the event `afterSeq`, and how many
  /// there are in all.
  public func events(
    from: String, until: String, afterSeq: Int, limit: Int
  ) throws -> ResultPage<AuditEvent> {
    let total =
      try database.scalarInteger(
        "SELECT count(*) FROM audit_events WHERE at >= ? AND at < ?", [from, until]) ?? 0
    var events = try database.query(
      "SELECT * FROM audit_events WHERE at >= ? AND at < ? AND seq > ? ORDER BY seq LIMIT ?",
      [from, until, afterSeq, limit + 1]
    ).map(Self.event(from:))
    let hasMore = events.count > limit
    if hasMore { events.removeLast() }
    return ResultPage(items: events, total: total, hasMore: hasMore)
  }
}
