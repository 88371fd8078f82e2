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
    func field(_ name: String, _ value: String) {
      bytes.append(contentsOf: name.utf8)
      CanonicalJSON.appendQuoted(value, to: &bytes)
    }
    func embedded(_ name: String, _ json: String?) {
      bytes.append(contentsOf: name.utf8)
      bytes.append(contentsOf: (json ?? "null").utf8)
    }
    field(#"{"action":"#, action)
    field(#","actor":"#, actor)
    embedded(#","after":"#, after)
    field(#","at":"#, at)
    embedded(#","before":"#, before)
    field(#","entity":"#, entity)
    field(#","entity_key":"#, entityKey)
    field(#","prev_hash":"#, prevHash)
    bytes.append(contentsOf: #","seq":"#.utf8)
    bytes.append(contentsOf: String(seq).utf8)
    bytes.append(UInt8(ascii: "}"))
    return bytes
  }

  /// SHA-256 of `canonicalBytes`, in lowercase hex.
  public var computedHash: String {
    CanonicalJSON.hex(SHA256.hash(data: canonicalBytes))
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
