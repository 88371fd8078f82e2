#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One reviewer's decision for one discipline in one round. Never changed once made: a later
/// decision for the same discipline replaces it in the round's outcome.
public struct SignOff: Equatable, Sendable {
  public var id: Int
  /// The round's id, and its number among the feature's rounds.
  public var roundID: Int
  public var roundNumber: Int
  public var featureKey: String
  public var discipline: Discipline
  public var decision: Decision
  /// The reviewer's handle.
  public var reviewer: String
  public var comment: String
  public var signedAt: String
  /// The fingerprint of the key that signed the decision, if it was signed.
  public var keyFingerprint: String?
  /// The Ed25519 signature over `signedMessage`, in base64.
  public var signature: String?
  /// The content hash of the round the decision was made in.
  public var contentHash: String

  /// The bytes a reviewer signs: canonical JSON of the decision and what it was made on. An auditor
  /// reads them as they are and checks the signature with any Ed25519 tool.
  public var signedMessage: [UInt8] {
    var object = CanonicalObject()
    object.string("comment", comment)
    object.string("content_hash", contentHash)
    object.term("decision", decision)
    object.term("discipline", discipline)
    object.string("feature", featureKey)
    object.string("key_fingerprint", keyFingerprint)
    object.string("reviewer", reviewer)
    object.integer("round", roundNumber)
    object.string("signed_at", signedAt)
    return object.finish()
  }
}

extension SignOff {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension SignOff: TableRecord {
  public static let entity = AuditEntity.signoff
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    [
      ("content_hash", .value(.text(contentHash))), ("feature", .value(.text(featureKey))),
      ("reviewer", .value(.text(reviewer))),
      ("round_number", .value(.integer(Int64(roundNumber)))),
    ]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    contentHash = try values.decode(String.self, forKey: FieldKey("content_hash"))
    featureKey = try values.decode(String.self, forKey: FieldKey("feature"))
    reviewer = try values.decode(String.self, forKey: FieldKey("reviewer"))
    roundNumber = try values.decode(Int.self, forKey: FieldKey("round_number"))
  }

}

extension SignOff {
  /// The `signoffs` table, column by column, in the order of the exchange files. The trail names
  /// the reviewer by handle, and holds the round's number and content hash and the feature's key,
  /// which reading a row takes from joins (`Registry.signOffQuery`).
  static let table = RecordTable<SignOff>(
    name: "signoffs", alias: "s",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      RecordColumn(
        exchange: .integer("round_id"), role: .lifecycle, auditField: "round",
        value: { .integer(Int64($0.roundID)) },
        read: { $0.roundID = try $1.integer(column: "round_id") }),
      .term("discipline", { $0.discipline }, { $0.discipline = $1 }, role: .lifecycle),
      .parentID("reviewer_id"),
      .term("decision", { $0.decision }, { $0.decision = $1 }, role: .lifecycle),
      .text("comment", { $0.comment }, { $0.comment = $1 }, .signOffComment, role: .lifecycle),
      .text("signed_at", { $0.signedAt }, { $0.signedAt = $1 }, role: .lifecycle),
      .optionalText(
        "key_fingerprint", { $0.keyFingerprint }, { $0.keyFingerprint = $1 }, role: .lifecycle),
      .optionalText("signature", { $0.signature }, { $0.signature = $1 }, role: .lifecycle),
    ],
    empty: {
      SignOff(
        id: 0, roundID: 0, roundNumber: 0, featureKey: "", discipline: .product,
        decision: .approve, reviewer: "", comment: "", signedAt: "", keyFingerprint: nil,
        signature: nil, contentHash: "")
    })
}

extension SignOff {
  /// Signs the decision with `key` on the reviewer's own machine, for a server to check against
  /// the registered key and record.
  public func signedDecision(with key: SigningKey) throws -> SignedDecision {
    SignedDecision(
      round: roundNumber, contentHash: contentHash, signedAt: signedAt,
      signature: Data(try key.signature(for: signedMessage)).base64EncodedString())
  }
}
