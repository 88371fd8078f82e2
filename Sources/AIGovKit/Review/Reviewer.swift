/// A person who may sign off on features, for the disciplines they hold.
public struct Reviewer: Codable, Equatable, Sendable {
  /// A short handle such as `jlee`; the name the reviewer acts under (`--actor`).
  public var handle: String
  public var name: String
  public var email: String
  /// Sorted in the order product, engineering, legal, privacy, security.
  public var disciplines: [Discipline]
  public var createdAt: String
  /// Every public key registered for the reviewer, oldest first; at most one is in force.
  public var keys: [ReviewerKey]

  public init(
    handle: String, name: String, email: String, disciplines: [Discipline], createdAt: String = "",
    keys: [ReviewerKey] = []
  ) {
    self.handle = handle
    self.name = name
    self.email = email
    self.disciplines = disciplines
    self.createdAt = createdAt
    self.keys = keys
  }

  enum CodingKeys: String, CodingKey {
    case handle, name, email, disciplines
    case createdAt = "created_at"
    case keys
  }

  /// The key the reviewer signs with now, if one is registered.
  public var keyInForce: ReviewerKey? { keys.last { $0.retiredAt == nil } }
}

/// A public key registered for a reviewer, and when it was in force.
public struct ReviewerKey: Codable, Equatable, Sendable {
  /// SHA-256 of the key's SubjectPublicKeyInfo DER, in hex.
  public var fingerprint: String
  /// SubjectPublicKeyInfo PEM.
  public var publicKey: String
  public var addedAt: String
  /// When a newer key replaced it; nil while it is in force.
  public var retiredAt: String?
  /// For a key that replaced a key in force: the fingerprint of the key that signed the statement
  /// `KeyStatement` (the replaced key, or a key administrator's).
  public var endorsedBy: String?
  /// The signing key of the statement, SubjectPublicKeyInfo PEM.
  public var endorsingKey: String?
  /// The statement's Ed25519 signature, in base64.
  public var endorsement: String?

  public init(
    fingerprint: String, publicKey: String, addedAt: String, retiredAt: String? = nil,
    endorsedBy: String? = nil, endorsingKey: String? = nil, endorsement: String? = nil
  ) {
    self.fingerprint = fingerprint
    self.publicKey = publicKey
    self.addedAt = addedAt
    self.retiredAt = retiredAt
    self.endorsedBy = endorsedBy
    self.endorsingKey = endorsingKey
    self.endorsement = endorsement
  }

  enum CodingKeys: String, CodingKey {
    case fingerprint
    case publicKey = "public_key"
    case addedAt = "added_at"
    case retiredAt = "retired_at"
    case endorsedBy = "endorsed_by"
    case endorsingKey = "endorsing_key"
    case endorsement
  }
}

extension Reviewer: AuditedRecord {
  public static let entity = AuditEntity.reviewer
  public var auditKey: String { handle }

  public func writeFields(to object: inout CanonicalObject) {
    object.string("created_at", createdAt)
    object.terms("disciplines", disciplines)
    object.string("email", email)
    object.string("handle", handle)
    object.objects("keys", keys) { key, object in
      object.string("added_at", key.addedAt)
      object.string("endorsed_by", key.endorsedBy)
      object.string("endorsement", key.endorsement)
      object.string("endorsing_key", key.endorsingKey)
      object.string("fingerprint", key.fingerprint)
      object.string("public_key", key.publicKey)
      object.string("retired_at", key.retiredAt)
    }
    object.string("name", name)
  }
}

extension Reviewer {
  /// The `reviewers` table, column by column, in the order of the exchange files; the
  /// disciplines and keys are rows of tables of their own.
  static let table = RecordTable<Reviewer>(
    name: "reviewers", alias: "v",
    columns: [
      .rowID,
      .text("handle", { $0.handle }, { $0.handle = $1 }, role: .key),
      .text("name", { $0.name }, { $0.name = $1 }, .reviewerName),
      .text("email", { $0.email }, { $0.email = $1 }, .reviewerEmail),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
    ],
    empty: { Reviewer(handle: "", name: "", email: "", disciplines: []) })
}
