#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The public keys an auditor keeps outside the database, in the spirit of git's allowed signers
/// file: one key a line, `HANDLE BASE64`, where BASE64 is the key's SubjectPublicKeyInfo DER (the
/// lines of its PEM between the BEGIN and END lines, joined), and `#` starts a comment. HANDLE is
/// the reviewer the key belongs to; any other name (`key-administrator`, `checkpoints`) lists a key
/// that signs key replacements or checkpoints.
///
/// `audit verify --keys` checks every signature in the trail against these keys, never against
/// the database's copy of them, and names every key the database holds that the file does not:
/// someone who rewrote the whole file, keys and all, cannot make the auditor's keys agree.
public struct TrustedKeys: Sendable {
  public struct Entry: Sendable {
    public var name: String
    public var key: ReviewerPublicKey
  }

  public var entries: [Entry]

  /// Reads the file's text; a line that is not `NAME BASE64` of an Ed25519 key is refused with
  /// its number.
  public init(text: String) throws {
    entries = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingWhitespace()
      if line.isEmpty || line.hasPrefix("#") { continue }
      let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard parts.count == 2,
        let key = try? ReviewerPublicKey(
          pem: "-----BEGIN PUBLIC KEY-----\n\(parts[1])\n-----END PUBLIC KEY-----\n")
      else {
        throw AIGovError.invalidValue(
          field: "keys file line \(index + 1)", value: String(line.prefix(60)),
          expected: "NAME followed by the base64 of an Ed25519 public key (its PEM body on one "
            + "line)")
      }
      entries.append(Entry(name: String(parts[0]), key: key))
    }
  }

  /// The line that lists `key` for `name`, as this file would hold it.
  public static func line(name: String, key: ReviewerPublicKey) -> String {
    "\(name) \(Data(key.derBytes).base64EncodedString())"
  }

  func key(_ fingerprint: String, of name: String? = nil) -> ReviewerPublicKey? {
    entries.first { $0.key.fingerprint == fingerprint && (name == nil || $0.name == name) }?.key
  }

  /// What the database holds that these keys do not vouch for.
  func problems(in registry: Registry) throws -> [String] {
    var problems: [String] = []
    for reviewer in try registry.reviewers() {
      for key in reviewer.keys where self.key(key.fingerprint, of: reviewer.handle) == nil {
        problems.append(
          "reviewer '\(reviewer.handle)''s key \(key.fingerprint.prefix(16))... (added "
            + "\(key.addedAt)) is not in the auditor's keys")
      }
      for key in reviewer.keys {
        if let signer = key.endorsedBy, self.key(signer) == nil {
          problems.append(
            "the replacement of reviewer '\(reviewer.handle)''s key at \(key.addedAt) was signed "
              + "by key \(signer.prefix(16))..., which is not in the auditor's keys")
        }
      }
    }
    for administrator in try registry.governanceSettings().keyAdministrators
    where key(administrator) == nil {
      problems.append(
        "key administrator \(administrator.prefix(16))... (in the settings) is not in the "
          + "auditor's keys")
    }
    try registry.database.forEachRow(Registry.signOffQuery + " ORDER BY s.id") { row in
      let signOff = try Registry.signOff(from: row)
      guard let fingerprint = signOff.keyFingerprint, let signature = signOff.signature else {
        return
      }
      let described =
        "sign-off \(signOff.id) (\(signOff.featureKey) round \(signOff.roundNumber), "
        + "\(signOff.discipline.rawValue) by \(signOff.reviewer))"
      guard let key = key(fingerprint, of: signOff.reviewer) else {
        problems.append(
          "\(described) is signed with key \(fingerprint.prefix(16))..., which the auditor's keys "
            + "do not list for '\(signOff.reviewer)'")
        return
      }
      guard let bytes = Data(base64Encoded: signature),
        key.isValidSignature(Array(bytes), for: signOff.signedMessage)
      else {
        problems.append("\(described) does not verify with the auditor's key")
        return
      }
    }
    try registry.database.forEachRow(
      "SELECT seq, after FROM audit_events WHERE entity = ? ORDER BY seq",
      [AuditEntity.checkpoint.rawValue]
    ) { row in
      guard let after = row.optionalText("after"),
        let checkpoint = try? JSONDecoder().decode(Checkpoint.self, from: Data(after.utf8))
      else { return }
      if key(checkpoint.keyFingerprint) == nil {
        problems.append(
          "the checkpoint of event \(checkpoint.seq) (event \(try row.integer("seq"))) is signed "
            + "with key \(checkpoint.keyFingerprint.prefix(16))..., which is not in the auditor's "
            + "keys")
      }
    }
    return problems
  }
}

/// A checkpoint as an auditor keeps it: the statement's bytes, the signature and the public key,
/// the three files `audit checkpoint` writes.
public struct HeldCheckpoint: Sendable {
  public var statement: [UInt8]
  public var signature: [UInt8]
  public var publicKey: ReviewerPublicKey

  public init(statement: [UInt8], signature: [UInt8], publicKey: ReviewerPublicKey) {
    self.statement = statement
    self.signature = signature
    self.publicKey = publicKey
  }

  /// Why the trail does not hold this checkpoint; nil when it does: the statement is signed by
  /// its key (one of `trusted`, when given) and the trail's event at its position has its hash.
  func problem(in trail: AuditTrail, trusted: TrustedKeys?) throws -> String? {
    guard let (seq, hash, at) = Checkpoint.readStatement(statement) else {
      return "the checkpoint file is not a checkpoint statement aigov wrote"
    }
    guard publicKey.isValidSignature(signature, for: statement) else {
      return "the checkpoint of event \(seq) does not verify with its public key: the statement "
        + "or its signature was altered"
    }
    if let trusted, trusted.key(publicKey.fingerprint) == nil {
      return "the checkpoint of event \(seq) is signed with key "
        + "\(publicKey.fingerprint.prefix(16))..., which is not in the auditor's keys"
    }
    let recorded = try trail.database.queryOne(
      "SELECT hash FROM audit_events WHERE seq = ?", [seq])?.optionalText("hash")
    guard let recorded else {
      return "the trail has no event \(seq), which the checkpoint of \(at) names: it was cut short"
    }
    guard recorded == hash else {
      return "event \(seq) is not the one checkpointed at \(at) (its hash differs): the trail was "
        + "rewritten up to there"
    }
    return nil
  }
}
