#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Every signature a database holds, each with the exact bytes that were signed and the public key
/// that checks them: what an auditor needs to check each one with `openssl` alone, without
/// rebuilding a canonical message from the tables. Derived from the other files, so an import
/// reads those instead.
///
/// A sign-off, an exception and an attestation are signed by their reviewer; a replacement key by
/// the key it replaced or a key administrator's. The signature is in hexadecimal (`xxd -r -p`),
/// which no spreadsheet reads as a formula, so a CSV cell is usable as written.
struct ExportedSignature {
  var kind: String
  /// The row the signature belongs to, in the file of its kind.
  var recordID: Int
  var signer: String
  var keyFingerprint: String
  var publicKey: String
  var signedMessage: [UInt8]
  var signature: [UInt8]

  var values: [DatabaseValue] {
    [
      .text(kind), .integer(Int64(recordID)), .text(signer), .text(keyFingerprint),
      .text(publicKey), .text(String(decoding: signedMessage, as: UTF8.self)),
      .text(CanonicalJSON.hex(signature)),
    ]
  }
}

extension ExchangeTable {
  /// The file of every signature with its signed bytes (`ExportedSignature`).
  public static let signatures = ExchangeTable(
    name: "signatures",
    summary: "a signature with the exact bytes signed and the public key that checks it: a "
      + "sign-off (signoffs), an exception (control_exceptions), an attestation "
      + "(evidence_attestations) or a replacement key (reviewer_keys); derived from those files",
    columns: [
      .text("kind"), .integer("record_id"), .text("signer", .actor), .text("key_fingerprint"),
      .text("public_key", .publicKey), .text("signed_message"), .text("signature"),
    ], orderBy: "kind, record_id")

  /// The files derived from the others, which an import does not read.
  static let derived: [ExchangeTable] = [.inventory, .signatures]
}

extension Registry {
  /// Hands over every signature, in the order of `ExchangeTable.signatures`: exceptions,
  /// attestations, replacement keys and sign-offs, each kind by id, as they are read. A signature
  /// whose key is not registered (an altered file, which `audit verify` names) comes with an
  /// empty public key.
  func forEachExportedSignature(_ body: (ExportedSignature) throws -> Void) throws {
    var keys: [String: String] = [:]
    var replacements: [ExportedSignature] = []
    for reviewer in try reviewers() {
      for (index, key) in reviewer.keys.enumerated() {
        keys[key.fingerprint] = key.publicKey
        guard index > 0, let signer = key.endorsedBy, let pem = key.endorsingKey,
          let endorsement = key.endorsement.flatMap({ Data(base64Encoded: $0) })
        else { continue }
        let statement = KeyStatement(
          reviewer: reviewer.handle, newKey: key.fingerprint,
          replacedKey: reviewer.keys[index - 1].fingerprint)
        replacements.append(
          ExportedSignature(
            kind: "key-replacement", recordID: try keyRowID(key.fingerprint),
            signer: reviewer.handle, keyFingerprint: signer, publicKey: pem,
            signedMessage: statement.bytes, signature: Array(endorsement)))
      }
    }
    func signed(
      _ kind: String, _ id: Int, _ signer: String, _ fingerprint: String?, _ signature: String?,
      _ message: [UInt8]
    ) throws {
      guard let fingerprint, let bytes = signature.flatMap({ Data(base64Encoded: $0) }) else {
        return
      }
      try body(
        ExportedSignature(
          kind: kind, recordID: id, signer: signer, keyFingerprint: fingerprint,
          publicKey: keys[fingerprint] ?? "", signedMessage: message, signature: Array(bytes)))
    }
    for exception in try exceptions() {
      try signed(
        "control-exception", exception.id, exception.acceptedBy, exception.keyFingerprint,
        exception.signature, exception.signedMessage)
    }
    for attestation in try attestations() {
      try signed(
        "evidence-attestation", attestation.id, attestation.reviewer, attestation.keyFingerprint,
        attestation.signature, attestation.signedMessage)
    }
    for replacement in replacements.sorted(by: { $0.recordID < $1.recordID }) {
      try body(replacement)
    }
    try database.forEachRow(Self.signOffQuery + " WHERE s.signature IS NOT NULL ORDER BY s.id") {
      row in
      let signOff = try Self.signOff(from: row)
      try signed(
        "signoff", signOff.id, signOff.reviewer, signOff.keyFingerprint, signOff.signature,
        signOff.signedMessage)
    }
  }

  private func keyRowID(_ fingerprint: String) throws -> Int {
    try database.query("SELECT id FROM reviewer_keys WHERE fingerprint = ?", [fingerprint])
      .first?.integer("id") ?? 0
  }
}
