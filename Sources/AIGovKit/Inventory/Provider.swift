/// A third party (or internal platform) whose models see a feature's data: a subprocessor.
public struct Provider: Equatable, Sendable {
  public var key: String
  public var name: String
  public var kind: ProviderKind
  /// Named on the published subprocessor list.
  public var subprocessorListed: Bool
  /// Whether a data processing agreement is in place.
  public var dpa: DPAStatus
  /// The day the data processing agreement was signed (YYYY-MM-DD), where known.
  public var dpaSignedOn: String?
  /// Where the agreement is filed, where known.
  public var dpaReference: String?
  /// Contractually barred from training on our customers' data.
  public var noTraining: Bool
  /// How long the provider keeps the data: 0 is zero retention, nil is unknown.
  public var retentionDays: Int?
  /// Where it processes data; empty when unknown.
  public var regions: String
  /// The key of the provider whose platform serves this one's models (a vendor's model on a cloud
  /// platform), when it is reached that way.
  public var servedThrough: String?
  public var notes: String
  public var createdAt: String
  public var updatedAt: String
  public var version: Int
}

/// What a governance lead states when registering a provider.
public struct ProviderDraft: Decodable, Equatable, Sendable {
  public var key: String
  public var name: String
  public var kind: ProviderKind
  public var subprocessorListed: Bool = false
  /// Whether a DPA is in place; nil: yes when a signing day or a reference is given, else unknown.
  public var dpa: DPAStatus?
  public var dpaSignedOn: String?
  public var dpaReference: String?
  public var noTraining: Bool = false
  public var retentionDays: Int?
  public var regions: String = ""
  public var servedThrough: String?
  public var notes: String = ""

  public init(key: String, name: String, kind: ProviderKind) {
    self.key = key
    self.name = name
    self.kind = kind
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: FieldKey.self)
    key = try values.decode(String.self, forKey: FieldKey("key"))
    name = try values.decode(String.self, forKey: FieldKey("name"))
    kind = try values.decode(ProviderKind.self, forKey: FieldKey("kind"))
    subprocessorListed =
      try values.decodeIfPresent(Bool.self, forKey: FieldKey("subprocessor_listed")) ?? false
    dpaSignedOn = try values.decodeIfPresent(String.self, forKey: FieldKey("dpa_signed_on"))
    dpaReference = try values.decodeIfPresent(String.self, forKey: FieldKey("dpa_reference"))
    dpa = try values.decodeIfPresent(DPAStatus.self, forKey: FieldKey("dpa"))
    servedThrough = try values.decodeIfPresent(String.self, forKey: FieldKey("served_through"))
    noTraining = try values.decodeIfPresent(Bool.self, forKey: FieldKey("no_training")) ?? false
    retentionDays = try values.decodeIfPresent(Int.self, forKey: FieldKey("retention_days"))
    regions = try values.decodeIfPresent(String.self, forKey: FieldKey("regions")) ?? ""
    notes = try values.decodeIfPresent(String.self, forKey: FieldKey("notes")) ?? ""
  }
}

/// A change to a provider: nil leaves a field as it is.
public struct ProviderChanges: Equatable, Sendable {
  public var name: String?
  public var kind: ProviderKind?
  public var subprocessorListed: Bool?
  public var dpa: DPAStatus?
  /// `.some(nil)` clears the date.
  public var dpaSignedOn: String??
  /// `.some(nil)` clears the reference.
  public var dpaReference: String??
  public var noTraining: Bool?
  /// `.some(nil)` makes the retention unknown.
  public var retentionDays: Int??
  public var regions: String?
  /// `.some(nil)`: reached directly.
  public var servedThrough: String??
  public var notes: String?

  public init() {}

  public var isEmpty: Bool { self == ProviderChanges() }
}

/// One use of a provider by a feature: which model, for what.
public struct ProviderUse: Codable, Equatable, Sendable {
  public var featureKey: String
  public var providerKey: String
  /// The model, e.g. a model name; empty when the provider is used without a named model.
  public var model: String
  public var purpose: String

  public init(featureKey: String, providerKey: String, model: String, purpose: String) {
    self.featureKey = featureKey
    self.providerKey = providerKey
    self.model = model
    self.purpose = purpose
  }

  enum CodingKeys: String, CodingKey {
    case featureKey = "feature"
    case providerKey = "provider"
    case model, purpose
  }
}

extension Provider {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension Provider: TableRecord {
  public static let entity = AuditEntity.provider
  public var auditKey: String { key }

}

extension Provider {
  /// The `providers` table, column by column, in the order of the exchange files.
  static let table = RecordTable<Provider>(
    name: "providers", alias: "p",
    columns: [
      .rowID,
      .text("key", { $0.key }, { $0.key = $1 }, role: .key),
      .text("name", { $0.name }, { $0.name = $1 }, .providerName),
      .term("kind", { $0.kind }, { $0.kind = $1 }),
      .boolean("subprocessor_listed", { $0.subprocessorListed }, { $0.subprocessorListed = $1 }),
      .term("dpa", { $0.dpa }, { $0.dpa = $1 }, legacy: LegacyProviderFields.dpa),
      .optionalText("dpa_signed_on", { $0.dpaSignedOn }, { $0.dpaSignedOn = $1 }),
      .optionalText(
        "dpa_reference", { $0.dpaReference }, { $0.dpaReference = $1 }, .providerDPAReference),
      .boolean("no_training", { $0.noTraining }, { $0.noTraining = $1 }),
      .optionalInteger("retention_days", { $0.retentionDays }, { $0.retentionDays = $1 }),
      .text("regions", { $0.regions }, { $0.regions = $1 }, .providerRegions),
      .optionalText("served_through", { $0.servedThrough }, { $0.servedThrough = $1 }),
      .text("notes", { $0.notes }, { $0.notes = $1 }, .providerNotes),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      Provider(
        key: "", name: "", kind: .llm, subprocessorListed: false, dpa: .unknown,
        dpaSignedOn: nil, dpaReference: nil, noTraining: false, retentionDays: nil, regions: "",
        servedThrough: nil, notes: "", createdAt: "", updatedAt: "", version: 0)
    })
}
