/// A measure that lowers a risk, with the evidence that it is in place.
public struct Mitigation: Equatable, Sendable {
  public var id: Int
  public var riskID: Int
  public var title: String
  public var description: String
  public var kind: MitigationKind
  public var status: MitigationStatus
  /// A URL or document reference showing the mitigation is in place.
  public var evidence: String?
  public var owner: String
  /// YYYY-MM-DD.
  public var dueOn: String?
  public var createdAt: String
  public var updatedAt: String
  public var version: Int
  /// What the company tells the public about this measure: published on the public page while
  /// the mitigation is implemented or verified, and never otherwise.
  public var publicStatement: String? = nil
  /// The key of the company control this mitigation is, for the feature whose risk it lowers; nil
  /// for a measure of this feature alone. `check` holds it to the control's status, scope and
  /// exceptions.
  public var control: String? = nil

  /// The statement the public page carries for it: only while it is in place.
  public var publishedStatement: String? { status.isInPlace ? publicStatement : nil }
}

/// What a governance lead states when recording a mitigation.
public struct MitigationDraft: Equatable, Sendable {
  public var title: String
  public var description: String = ""
  public var kind: MitigationKind
  public var status: MitigationStatus = .planned
  public var evidence: String?
  public var owner: String
  public var dueOn: String?
  public var publicStatement: String?
  /// The company control it is, by key.
  public var control: String?

  public init(title: String, kind: MitigationKind, owner: String) {
    self.title = title
    self.kind = kind
    self.owner = owner
  }
}

/// A change to a mitigation: the fields it names, by their names in the mitigation's JSON
/// (`status`, `evidence`, `public_statement`, ...); the others stay as they are, and an empty
/// evidence, due day or public statement clears it.
public typealias MitigationChanges = RecordChanges<Mitigation>

/// Which mitigations a listing holds: each filter given narrows it.
public struct MitigationFilter: Equatable, Sendable {
  public var featureKey: String?
  public var riskID: Int?
  public var status: MitigationStatus?
  public var kind: MitigationKind?
  public var owner: String?
  /// Only those with a public statement (true), or only those without one (false).
  public var hasPublicStatement: Bool?

  public init(
    featureKey: String? = nil, riskID: Int? = nil, status: MitigationStatus? = nil,
    kind: MitigationKind? = nil, owner: String? = nil, hasPublicStatement: Bool? = nil
  ) {
    self.featureKey = featureKey
    self.riskID = riskID
    self.status = status
    self.kind = kind
    self.owner = owner
    self.hasPublicStatement = hasPublicStatement
  }
}

/// A mitigation as a listing shows it: its record, and the feature whose risk it lowers.
public struct MitigationListing: Encodable, Equatable, Sendable {
  public var featureKey: String
  public var mitigation: Mitigation

  /// The mitigation's own JSON, with its feature's key beside its risk's number.
  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try mitigation.encodeFields(to: &values)
    try values.encode(featureKey, forKey: FieldKey("feature"))
  }
}

extension Mitigation {
  /// Every field of a mitigation's JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension Mitigation: TableRecord {
  public static let entity = AuditEntity.mitigation
  public var auditKey: String { String(id) }

}

extension Mitigation {
  /// The `mitigations` table, column by column, in the order of the exchange files.
  static let table = RecordTable<Mitigation>(
    name: "mitigations", alias: "m",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .integer("risk_id", { $0.riskID }, { $0.riskID = $1 }, role: .parent),
      .text("title", { $0.title }, { $0.title = $1 }, .mitigationTitle),
      .text("description", { $0.description }, { $0.description = $1 }, .mitigationDescription),
      .term("kind", { $0.kind }, { $0.kind = $1 }),
      .term("status", { $0.status }, { $0.status = $1 }),
      .optionalText("evidence", { $0.evidence }, { $0.evidence = $1 }, .mitigationEvidence),
      .text("owner", { $0.owner }, { $0.owner = $1 }, .mitigationOwner),
      .optionalText("due_on", { $0.dueOn }, { $0.dueOn = $1 }),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
      .optionalText(
        "public_statement", { $0.publicStatement }, { $0.publicStatement = $1 },
        .mitigationPublicStatement),
      .optionalText("control", { $0.control }, { $0.control = $1 }),
    ],
    empty: {
      Mitigation(
        id: 0, riskID: 0, title: "", description: "", kind: .technical, status: .planned,
        evidence: nil, owner: "", dueOn: nil, createdAt: "", updatedAt: "", version: 0)
    })
}
