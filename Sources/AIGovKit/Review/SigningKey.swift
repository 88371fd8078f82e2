import Crypto
import SwiftASN1

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A reviewer's Ed25519 private key, kept by the reviewer in a PKCS#8 PEM file (RFC 8410), the form
/// `openssl genpkey -algorithm ed25519` writes.
public struct SigningKey: Sendable {
  /// The 32-byte seed; the key itself is made from it when needed.
  private let seed: [UInt8]
  private var key: Curve25519.Signing.PrivateKey {
    // The seed was checked when the key was read or made.
    try! Curve25519.Signing.PrivateKey(rawRepresentation: seed)
  }

  /// A new random key.
  public init() {
    seed = Array(Curve25519.Signing.PrivateKey().rawRepresentation)
  }

  /// Reads a PKCS#8 PEM private key; anything but an Ed25519 key is refused.
  public init(pem: String) throws {
    guard let document = try? PEMDocument(pemString: pem), document.discriminator == "PRIVATE KEY"
    else {
      throw SigningKeyError.notAPrivateKey
    }
    do {
      let seed = try DER.sequence(try DER.parse(document.derBytes), identifier: .sequence) {
        nodes in
        let version = try Int(derEncoded: &nodes)
        guard version == 0 || version == 1 else { throw SigningKeyError.notEd25519 }
        try Self.readEd25519Algorithm(&nodes)
        let wrapped = try ASN1OctetString(derEncoded: &nodes)
        // Optional attributes and public key may follow; they add nothing we need.
        while nodes.next() != nil {}
        return try ASN1OctetString(derEncoded: try DER.parse(wrapped.bytes)).bytes
      }
      self.seed = Array(
        try Curve25519.Signing.PrivateKey(rawRepresentation: Array(seed)).rawRepresentation)
    } catch let error as SigningKeyError {
      throw error
    } catch {
      throw SigningKeyError.notEd25519
    }
  }

  /// The key as PKCS#8 PEM.
  public var pem: String {
    var serializer = DER.Serializer()
    // Serializing integers, OIDs and octet strings of this fixed shape cannot fail.
    try! serializer.appendConstructedNode(identifier: .sequence) { coder in
      try coder.serialize(0)
      try Self.writeEd25519Algorithm(&coder)
      var inner = DER.Serializer()
      try inner.serialize(ASN1OctetString(contentBytes: ArraySlice(seed)))
      try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(inner.serializedBytes)))
    }
    return PEMDocument(type: "PRIVATE KEY", derBytes: serializer.serializedBytes).pemString + "\n"
  }

  public var publicKey: ReviewerPublicKey {
    ReviewerPublicKey(raw: Array(key.publicKey.rawRepresentation))
  }

  /// The Ed25519 signature of `message`.
  func signature(for message: [UInt8]) throws -> [UInt8] {
    Array(try key.signature(for: message))
  }

  static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]

  static func readEd25519Algorithm(_ nodes: inout ASN1NodeCollection.Iterator) throws {
    guard let node = nodes.next() else { throw SigningKeyError.notEd25519 }
    let algorithm = try DER.sequence(node, identifier: .sequence) { parts in
      let oid = try ASN1ObjectIdentifier(derEncoded: &parts)
      // RFC 8410: the parameters are absent.
      guard parts.next() == nil else { throw SigningKeyError.notEd25519 }
      return oid
    }
    guard algorithm == ed25519 else { throw SigningKeyError.notEd25519 }
  }

  static func writeEd25519Algorithm(_ coder: inout DER.Serializer) throws {
    try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(ed25519) }
  }
}

/// A reviewer's Ed25519 public key, registered in the database as SubjectPublicKeyInfo PEM, the
/// form `openssl pkey -pubout` writes and `openssl pkeyutl -verify` reads.
public struct ReviewerPublicKey: Equatable, Sendable {
  /// The 32-byte public key.
  private let raw: [UInt8]

  init(raw: [UInt8]) {
    self.raw = raw
  }

  /// Reads a SubjectPublicKeyInfo PEM public key; anything but an Ed25519 key is refused.
  public init(pem: String) throws {
    guard let document = try? PEMDocument(pemString: pem), document.discriminator == "PUBLIC KEY"
    else {
      throw SigningKeyError.notAPublicKey
    }
    do {
      let raw = try DER.sequence(try DER.parse(document.derBytes), identifier: .sequence) {
        nodes in
        try SigningKey.readEd25519Algorithm(&nodes)
        let bits = try ASN1BitString(derEncoded: &nodes)
        guard bits.paddingBits == 0 else { throw SigningKeyError.notEd25519 }
        return bits.bytes
      }
      self.raw = Array(
        try Curve25519.Signing.PublicKey(rawRepresentation: Array(raw)).rawRepresentation)
    } catch let error as SigningKeyError {
      throw error
    } catch {
      throw SigningKeyError.notEd25519
    }
  }

  /// The DER bytes of the SubjectPublicKeyInfo.
  var derBytes: [UInt8] {
    var serializer = DER.Serializer()
    // A sequence of a fixed OID and a 32-byte bit string cannot fail to serialize.
    try! serializer.appendConstructedNode(identifier: .sequence) { coder in
      try SigningKey.writeEd25519Algorithm(&coder)
      try coder.serialize(ASN1BitString(bytes: ArraySlice(raw)))
    }
    return serializer.serializedBytes
  }

  /// The key as SubjectPublicKeyInfo PEM, ending with a newline.
  public var pem: String {
    PEMDocument(type: "PUBLIC KEY", derBytes: derBytes).pemString + "\n"
  }

  /// SHA-256 of the SubjectPublicKeyInfo DER bytes, in lowercase hex: what
  /// `openssl pkey -pubin -outform DER | sha256sum` prints.
  public var fingerprint: String {
    CanonicalJSON.hex(SHA256.hash(data: derBytes))
  }

  func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
    guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
    return key.isValidSignature(signature, for: message)
  }
}

/// Why a key file could not be used.
public enum SigningKeyError: Error, Equatable, Sendable, CustomStringConvertible {
  case notAPrivateKey
  case notAPublicKey
  case notEd25519

  public var description: String {
    switch self {
    case .notAPrivateKey:
      "it is not a PEM private key (expected '-----BEGIN PRIVATE KEY-----')"
    case .notAPublicKey:
      "it is not a PEM public key (expected '-----BEGIN PUBLIC KEY-----')"
    case .notEd25519:
      "it is not an Ed25519 key (expected the RFC 8410 form)"
    }
  }
}
