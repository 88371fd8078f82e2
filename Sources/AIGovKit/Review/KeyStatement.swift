#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The statement that a reviewer's signing key is replaced by a new one: canonical JSON, signed by
/// the key in force (or by a key administrator's key) as proof that the replacement was meant by
/// whoever holds that key. An auditor rebuilds the bytes from the reviewer's record and checks the
/// signature with any Ed25519 tool.
public struct KeyStatement: Equatable, Sendable {
  public var reviewer: String
  /// The fingerprint of the new key.
  public var newKey: String
  /// The fingerprint of the key it replaces.
  public var replacedKey: String

  public init(reviewer: String, newKey: String, replacedKey: String) {
    self.reviewer = reviewer
    self.newKey = newKey
    self.replacedKey = replacedKey
  }

  /// The bytes signed.
  public var bytes: [UInt8] {
    var object = CanonicalObject()
    object.string("new_key", newKey)
    object.string("purpose", "aigov: replace a reviewer's signing key")
    object.string("replaced_key", replacedKey)
    object.string("reviewer", reviewer)
    return object.finish()
  }
}

/// A signed `KeyStatement`: the signing key's public half and the signature.
public struct KeyEndorsement: Sendable {
  public var signer: ReviewerPublicKey
  public var signature: [UInt8]

  public init(signer: ReviewerPublicKey, signature: [UInt8]) {
    self.signer = signer
    self.signature = signature
  }

  /// The statement signed with `key`.
  public init(_ statement: KeyStatement, signedWith key: SigningKey) throws {
    signer = key.publicKey
    signature = try key.signature(for: statement.bytes)
  }

  /// The change of the key administrators signed with `key`.
  public init(_ statement: AdministratorsStatement, signedWith key: SigningKey) throws {
    signer = key.publicKey
    signature = try key.signature(for: statement.bytes)
  }
}

extension GovernanceRules {
  /// Why `new` may not become the key of `reviewer`, whose latest key is `inForce` (in force, or
  /// ended without a replacement); nil when it may. A reviewer's very first key needs no proof;
  /// every later one needs the statement signed by the latest key or by one of the key
  /// administrators' keys (`administrators`, fingerprints), so that a key which ended behind the
  /// tool's back cannot make room for one registered "as if it were the first".
  static func keyChangeRefusal(
    reviewer: String, inForce: ReviewerKey?, new: ReviewerKey, administrators: [String]
  ) -> Refusal? {
    guard let inForce else { return nil }
    guard let signer = new.endorsedBy, let pem = new.endorsingKey, let signature = new.endorsement
    else {
      return .keyChangeNeedsProof(reviewer: reviewer, inForce: inForce.fingerprint)
    }
    guard signer == inForce.fingerprint || administrators.contains(signer) else {
      return .keyEndorsedByStranger(reviewer: reviewer, signer: signer)
    }
    let statement = KeyStatement(
      reviewer: reviewer, newKey: new.fingerprint, replacedKey: inForce.fingerprint)
    guard let key = try? ReviewerPublicKey(pem: pem), key.fingerprint == signer,
      let bytes = Data(base64Encoded: signature),
      key.isValidSignature(Array(bytes), for: statement.bytes)
    else {
      return .keyEndorsementInvalid(reviewer: reviewer, signer: signer)
    }
    return nil
  }
}
