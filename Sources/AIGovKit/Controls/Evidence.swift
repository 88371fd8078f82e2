#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What shows that a control or a mitigation is in place: a file kept in the database, named by
/// the SHA-256 of its bytes, or a URL with the SHA-256 of the copy the company kept; what it is,
/// the period it proves, when it was collected and expires, and who provided it. Never edited: a
/// revision is a new piece of evidence that names the one it revises.
public struct Evidence: Equatable, Sendable {
  public var id: Int
  public var title: String
  public var kind: EvidenceKind
  /// The SHA-256 of the file's bytes, in lowercase hex.
  public var sha256: String
  /// The file's size in bytes, when it is stored here.
  public var size: Int?
  /// The stored file's name, when it is stored here.
  public var fileName: String?
  /// Where it is kept, when it is not stored here.
  public var url: String?
  /// The period it proves, YYYY-MM-DD.
  public var periodStart: String?
  public var periodEnd: String?
  public var collectedOn: String
  /// When it expires or must be reviewed again, YYYY-MM-DD.
  public var expiresOn: String?
  public var providedBy: String
  /// The evidence it revises.
  public var revises: Int?
  public var createdAt: String
  /// What it supports: `control:KEY`, `mitigation:12`, ...; sorted.
  public var links: [String]

  /// Whether it still proves anything on `day`: not past its expiry.
  public func isCurrent(on day: String) -> Bool {
    expiresOn.map { day <= $0 } ?? true
  }
}

public enum EvidenceKind: String, Vocabulary {
  case document, contract
  case testReport = "test-report"
  case logExtract = "log-extract"
  case screenshot, attestation
  public static let termName = "evidence kind"
}

/// The kinds of record evidence may support, as its links name them.
public enum EvidenceTarget: String, CaseIterable, Sendable {
  case control, mitigation, risk, incident, signoff
  case monitoringResult = "monitoring-result"
}

/// What a person states when recording evidence.
public struct EvidenceDraft: Equatable, Sendable {
  public var title: String
  public var kind: EvidenceKind
  /// The file's bytes, to store; or nil with `url` and `sha256`.
  public var content: [UInt8]?
  public var fileName: String?
  public var url: String?
  /// The SHA-256 of the copy kept, for evidence given by URL.
  public var sha256: String?
  public var periodStart: String?
  public var periodEnd: String?
  public var collectedOn: String
  public var expiresOn: String?
  public var providedBy: String
  public var links: [String] = []

  public init(title: String, kind: EvidenceKind, collectedOn: String, providedBy: String) {
    self.title = title
    self.kind = kind
    self.collectedOn = collectedOn
    self.providedBy = providedBy
  }

  /// The largest file stored, in bytes: evidence is a contract, a report or an extract, not an
  /// archive.
  public static let maximumSize = 10 << 20
}

/// A reviewer's signed statement that a piece of evidence is what it says: an Ed25519 signature
/// over the evidence's hash and metadata, checkable with openssl as a sign-off is.
public struct EvidenceAttestation: Equatable, Sendable {
  public var id: Int
  public var evidence: Int
  /// The reviewer's handle.
  public var reviewer: String
  public var discipline: Discipline
  public var attestedAt: String
  public var keyFingerprint: String?
  /// The Ed25519 signature over `signedMessage`, in base64.
  public var signature: String?
  /// The evidence's hash and metadata as attested, which the signature covers.
  public var sha256: String
  public var title: String
  public var collectedOn: String
  public var expiresOn: String?
  var rows = Rows()

  struct Rows: Equatable, Sendable {
    var reviewer = 0
  }

  /// The bytes the reviewer signs: canonical JSON of the attestation and the evidence's hash and
  /// metadata.
  public var signedMessage: [UInt8] {
    var object = CanonicalObject()
    object.string("attested_at", attestedAt)
    object.string("collected_on", collectedOn)
    object.term("discipline", discipline)
    object.integer("evidence", evidence)
    object.string("expires_on", expiresOn)
    object.string("key_fingerprint", keyFingerprint)
    object.string("reviewer", reviewer)
    object.string("sha256", sha256)
    object.string("title", title)
    return object.finish()
  }
}

extension Evidence {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension Evidence: TableRecord {
  public static let entity = AuditEntity.evidence
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] { [("links", .texts(links))] }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    links = try values.decode([String].self, forKey: FieldKey("links"))
  }
}

extension Evidence {
  /// The `evidence` table; its links are rows of `evidence_links`.
  static let table = RecordTable<Evidence>(
    name: "evidence", alias: "v",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .text("title", { $0.title }, { $0.title = $1 }, .evidenceTitle),
      .term("kind", { $0.kind }, { $0.kind = $1 }),
      .text("sha256", { $0.sha256 }, { $0.sha256 = $1 }),
      .optionalInteger("size", { $0.size }, { $0.size = $1 }),
      .optionalText("file_name", { $0.fileName }, { $0.fileName = $1 }, .evidenceFileName),
      .optionalText("url", { $0.url }, { $0.url = $1 }, .evidenceURL),
      .optionalText("period_start", { $0.periodStart }, { $0.periodStart = $1 }),
      .optionalText("period_end", { $0.periodEnd }, { $0.periodEnd = $1 }),
      .text("collected_on", { $0.collectedOn }, { $0.collectedOn = $1 }),
      .optionalText("expires_on", { $0.expiresOn }, { $0.expiresOn = $1 }),
      .text("provided_by", { $0.providedBy }, { $0.providedBy = $1 }, .evidenceProvidedBy),
      .optionalInteger("revises", { $0.revises }, { $0.revises = $1 }),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
    ],
    empty: {
      Evidence(
        id: 0, title: "", kind: .document, sha256: "", size: nil, fileName: nil, url: nil,
        periodStart: nil, periodEnd: nil, collectedOn: "", expiresOn: nil, providedBy: "",
        revises: nil, createdAt: "", links: [])
    })
}

extension EvidenceAttestation {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension EvidenceAttestation: TableRecord {
  public static let entity = AuditEntity.evidenceAttestation
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    [
      ("collected_on", .value(.text(collectedOn))), ("expires_on", .value(expiresOn.databaseValue)),
      ("reviewer", .value(.text(reviewer))), ("sha256", .value(.text(sha256))),
      ("title", .value(.text(title))),
    ]
  }

  /// The attestation's JSON, with the bytes its reviewer signed (`signed_message`).
  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try encodeFields(to: &values)
    try values.encode(
      String(decoding: signedMessage, as: UTF8.self), forKey: FieldKey("signed_message"))
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    collectedOn = try values.decode(String.self, forKey: FieldKey("collected_on"))
    expiresOn = try values.decodeIfPresent(String.self, forKey: FieldKey("expires_on"))
    reviewer = try values.decode(String.self, forKey: FieldKey("reviewer"))
    sha256 = try values.decode(String.self, forKey: FieldKey("sha256"))
    title = try values.decode(String.self, forKey: FieldKey("title"))
  }
}

extension EvidenceAttestation {
  /// The `evidence_attestations` table: the trail names the reviewer by handle and holds the
  /// evidence's hash and metadata as attested, which reading a row takes from joins
  /// (`Registry.attestationQuery`).
  static let table = RecordTable<EvidenceAttestation>(
    name: "evidence_attestations", alias: "a",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      RecordColumn(
        exchange: .integer("evidence_id"), role: .content, auditField: "evidence",
        value: { .integer(Int64($0.evidence)) },
        read: { $0.evidence = try $1.integer(column: "evidence_id") }),
      RecordColumn(
        exchange: .integer("reviewer_id"), role: .content, auditField: nil,
        value: { .integer(Int64($0.rows.reviewer)) },
        read: { $0.rows.reviewer = try $1.integer(column: "reviewer_id") }),
      .term("discipline", { $0.discipline }, { $0.discipline = $1 }),
      .text("attested_at", { $0.attestedAt }, { $0.attestedAt = $1 }),
      .optionalText("key_fingerprint", { $0.keyFingerprint }, { $0.keyFingerprint = $1 }),
      .optionalText("signature", { $0.signature }, { $0.signature = $1 }),
    ],
    empty: {
      EvidenceAttestation(
        id: 0, evidence: 0, reviewer: "", discipline: .product, attestedAt: "",
        keyFingerprint: nil, signature: nil, sha256: "", title: "", collectedOn: "",
        expiresOn: nil)
    })
}
