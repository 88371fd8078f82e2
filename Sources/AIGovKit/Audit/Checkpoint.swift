#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A signed statement of where the trail stood: the position and hash of its newest event, and
/// when. Recorded in the trail itself and kept by an auditor outside the database (three files:
/// the statement, its signature and the public key), it proves that nothing up to that event was
/// rewritten since: a rewrite changes the event's hash.
public struct Checkpoint: Codable, Equatable, Sendable {
  /// The newest event when the checkpoint was made.
  public var seq: Int
  public var hash: String
  public var at: String
  public var keyFingerprint: String
  /// The signing key, SubjectPublicKeyInfo PEM.
  public var publicKey: String
  /// The Ed25519 signature of `statement`, in base64.
  public var signature: String

  enum CodingKeys: String, CodingKey {
    case seq, hash, at
    case keyFingerprint = "key_fingerprint"
    case publicKey = "public_key"
    case signature
  }

  /// The bytes signed: canonical JSON, the file an auditor keeps as `checkpoint-SEQ.json`.
  public var statement: [UInt8] {
    Self.statement(seq: seq, hash: hash, at: at)
  }

  static func statement(seq: Int, hash: String, at: String) -> [UInt8] {
    var object = CanonicalObject()
    object.string("at", at)
    object.string("hash", hash)
    object.string("purpose", "aigov: audit trail checkpoint")
    object.integer("seq", seq)
    var bytes = object.finish()
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  /// Reads a statement as `statement` writes it: nil for anything else.
  public static func readStatement(_ bytes: [UInt8]) -> (seq: Int, hash: String, at: String)? {
    guard
      case .object(let fields)? = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)),
      case .integer(let seq)? = fields["seq"], case .string(let hash)? = fields["hash"],
      case .string(let at)? = fields["at"],
      statement(seq: Int(seq), hash: hash, at: at) == bytes
    else { return nil }
    return (Int(seq), hash, at)
  }

  /// Whether the signature verifies with the public key, which has the fingerprint recorded.
  var isSignatureValid: Bool {
    guard let key = try? ReviewerPublicKey(pem: publicKey), key.fingerprint == keyFingerprint,
      let bytes = Data(base64Encoded: signature)
    else { return false }
    return key.isValidSignature(Array(bytes), for: statement)
  }
}

extension Checkpoint: AuditedRecord {
  public static let entity = AuditEntity.checkpoint
  public var auditKey: String { String(seq) }

  public func writeFields(to object: inout CanonicalObject) {
    object.string("at", at)
    object.string("hash", hash)
    object.string("key_fingerprint", keyFingerprint)
    object.string("public_key", publicKey)
    object.integer("seq", seq)
    object.string("signature", signature)
  }
}

extension Registry {
  /// Signs the trail's head with `key` and records the checkpoint in the trail.
  public func checkpoint(signingWith key: SigningKey) throws -> Checkpoint {
    try database.transaction {
      guard let head = try auditTrail.head() else {
        throw AIGovError.refused(.emptyTrail)
      }
      let at = now
      let statement = Checkpoint.statement(seq: head.seq, hash: head.hash, at: at)
      let checkpoint = Checkpoint(
        seq: head.seq, hash: head.hash, at: at, keyFingerprint: key.publicKey.fingerprint,
        publicKey: key.publicKey.pem,
        signature: Data(try key.signature(for: statement)).base64EncodedString())
      try recordEvent(.checkpoint, before: nil, after: checkpoint)
      return checkpoint
    }
  }

  /// The newest checkpoint in the trail, if any.
  public func latestCheckpoint() throws -> Checkpoint? {
    guard
      let after = try database.queryOne(
        "SELECT after FROM audit_events WHERE entity = ? ORDER BY seq DESC LIMIT 1",
        [AuditEntity.checkpoint.rawValue])?.optionalText("after")
    else { return nil }
    return try JSONDecoder().decode(Checkpoint.self, from: Data(after.utf8))
  }
}
