import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One entry of the append-only audit trail: who did what to which record, with the record before
/// and after, chained to the previous entry by SHA-256.
public struct AuditEvent: Codable, Equatable, Sendable {
  /// 1, 2, 3, ... without gaps.
  public var seq: Int
  public var at: String
  public var actor: String
  /// What happened, e.g. `feature.create`, `risk.update`.
  public var action: String
  /// The kind of record, e.g. `feature`.
  public var entity: String
  /// Which record: a feature's key, a risk's number.
  public var entityKey: String
  /// The record before the change, as canonical JSON; nil when it was created.
  public var before: String?
  /// The record after the change, as canonical JSON; nil when it was removed.
  public var after: String?
  /// The previous event's hash (64 zeros for the first event).
  public var prevHash: String
  public var hash: String

  /// The `prev_hash` of the first event.
  public static let genesisHash = String(repeating: "0", count: 64)

  enum CodingKeys: String, CodingKey {
    case seq, at, actor, action, entity
    case entityKey = "entity_key"
    case before, after
    case prevHash = "prev_hash"
    case hash
  }

  /// The bytes the hash covers: every field but `hash`, as one canonical JSON object. `before` and
  /// `after` are embedded as the JSON they hold, byte for byte.
  public var canonicalBytes: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(256 + (before?.utf8.count ?? 4) + (after?.utf8.count ?? 4))
    Self.appendCanonical(
      seq: seq, at: at, actor: actor, action: action, entity: entity, entityKey: entityKey,
      before: before, after: after, prevHash: prevHash, to: &bytes)
    return bytes
  }

  /// Appends the canonical bytes of an event given field by field: from an `AuditEvent`, or from a
  /// row of the trail read in place.
  static func appendCanonical<Text: UTF8Text>(
    seq: Int, at: Text, actor: Text, action: Text, entity: Text, entityKey: Text, before: Text?,
    after: Text?, prevHash: Text, to bytes: inout [UInt8]
  ) {
    func field(_ name: StaticString, _ value: Text) {
      append(name, to: &bytes)
      value.withUTF8Buffer { CanonicalJSON.appendQuoted($0, to: &bytes) }
    }
    func embedded(_ name: StaticString, _ json: Text?) {
      append(name, to: &bytes)
      if let json {
        json.withUTF8Buffer { bytes.append(contentsOf: $0) }
      } else {
        append("null", to: &bytes)
      }
    }
    field(#"{"action":"#, action)
    field(#","actor":"#, actor)
    embedded(#","after":"#, after)
    field(#","at":"#, at)
    embedded(#","before":"#, before)
    field(#","entity":"#, entity)
    field(#","entity_key":"#, entityKey)
    field(#","prev_hash":"#, prevHash)
    append(#","seq":"#, to: &bytes)
    bytes.append(contentsOf: String(seq).utf8)
    bytes.append(UInt8(ascii: "}"))
  }

  private static func append(_ text: StaticString, to bytes: inout [UInt8]) {
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// SHA-256 of `canonicalBytes`, in lowercase hex.
  public var computedHash: String {
    CanonicalJSON.hex(SHA256.hash(data: canonicalBytes))
  }
}

/// Text whose UTF-8 bytes can be read in place: a `String`, or a column of a row read in place.
protocol UTF8Text {
  func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result
}

extension String: UTF8Text {
  func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    var text = self
    return text.withUTF8(body)
  }
}

extension UnsafeBufferPointer<UInt8>: UTF8Text {
  func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    body(self)
  }
}

/// Which events `audit log` shows.
public struct AuditFilter: Equatable, Sendable {
  public var entity: String?
  public var entityKey: String?
  /// Only the newest `limit` events (still printed oldest first).
  public var limit: Int?

  public init(entity: String? = nil, entityKey: String? = nil, limit: Int? = nil) {
    self.entity = entity
    self.entityKey = entityKey
    self.limit = limit
  }
}

/// An audit event for JSON output, with `before` and `after` as JSON objects rather than text.
public struct ExpandedAuditEvent: Encodable, Sendable {
  public var event: AuditEvent
  public var before: JSONValue?
  public var after: JSONValue?

  public init(_ event: AuditEvent) throws {
    self.event = event
    before = try event.before.map(JSONValue.init(parsing:))
    after = try event.after.map(JSONValue.init(parsing:))
  }

  typealias CodingKeys = AuditEvent.CodingKeys

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(event.seq, forKey: .seq)
    try values.encode(event.at, forKey: .at)
    try values.encode(event.actor, forKey: .actor)
    try values.encode(event.action, forKey: .action)
    try values.encode(event.entity, forKey: .entity)
    try values.encode(event.entityKey, forKey: .entityKey)
    try values.encode(before, forKey: .before)
    try values.encode(after, forKey: .after)
    try values.encode(event.prevHash, forKey: .prevHash)
    try values.encode(event.hash, forKey: .hash)
  }
}
