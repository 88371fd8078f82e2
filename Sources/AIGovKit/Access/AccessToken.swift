import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A token that lets one person reach the inventory through `aigov serve`. The database keeps
/// only the SHA-256 of its text: the text is shown once, to the person who makes it.
public struct AccessToken: Codable, Equatable, Sendable {
  public var id: Int
  /// Who the server takes the bearer to be: the actor of every change made with the token.
  public var person: String
  /// What the token is for, in the words of whoever made it ("Legal laptop").
  public var label: String
  /// Whether its person may change the inventory through the server, or only read it.
  public var access: TokenAccess
  /// SHA-256 of the token's text, in lowercase hex.
  public var tokenHash: String
  public var createdAt: String
  public var createdBy: String
  public var revokedAt: String?
  public var revokedBy: String?

  public var isRevoked: Bool { revokedAt != nil }

  enum CodingKeys: String, CodingKey {
    case id, person, label, access
    case tokenHash = "token_hash"
    case createdAt = "created_at"
    case createdBy = "created_by"
    case revokedAt = "revoked_at"
    case revokedBy = "revoked_by"
  }

  /// What every token's text starts with, so that a leaked one is recognised by secret scanners.
  public static let prefix = "aigov_"

  /// A new token's text: the prefix and 32 random bytes in unpadded base64url.
  static func newSecret() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    let base64url = Data(bytes).base64EncodedString().compactMap { character -> Character? in
      switch character {
      case "+": "-"
      case "/": "_"
      case "=": nil
      default: character
      }
    }
    return prefix + String(base64url)
  }

  /// The hash stored for a token's text.
  public static func hash(of secret: String) -> String {
    CanonicalJSON.hex(SHA256.hash(data: Array(secret.utf8)))
  }

  /// Whether `text` has the shape of a token's text (the prefix and 43 base64url characters).
  public static func isWellFormed(_ text: String) -> Bool {
    guard text.hasPrefix(prefix) else { return false }
    let body = text.utf8.dropFirst(prefix.utf8.count)
    return body.count == 43
      && body.allSatisfy {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
          || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
          || $0 == UInt8(ascii: "_")
      }
  }
}

extension AccessToken: AuditedRecord {
  public static let entity = AuditEntity.accessToken
  public var auditKey: String { String(id) }

  public func writeFields(to object: inout CanonicalObject) {
    object.term("access", access)
    object.string("created_at", createdAt)
    object.string("created_by", createdBy)
    object.integer("id", id)
    object.string("label", label)
    object.string("person", person)
    object.string("revoked_at", revokedAt)
    object.string("revoked_by", revokedBy)
    object.string("token_hash", tokenHash)
  }
}

/// What a token lets its person do through the server.
public enum TokenAccess: String, Vocabulary {
  /// Read everything the server serves, and change nothing: an auditor's token.
  case read
  /// Read, and make the changes the server offers, under the same rules as the command line.
  case write
  public static let termName = "token access"
}

/// A person named by a token, and what the token lets them do.
public struct TokenHolder: Equatable, Sendable {
  public var person: String
  public var access: TokenAccess
}

/// A token just made: its record, and its text, which is never shown again.
public struct IssuedAccessToken: Sendable {
  public var token: AccessToken
  public var secret: String
}
