/// A third party (or internal platform) whose models see a feature's data: a subprocessor.
public struct Provider: Codable, Equatable, Sendable {
  public var key: String
  public var name: String
  public var kind: ProviderKind
  /// Named on the published subprocessor list.
  public var subprocessorListed: Bool
  /// The day the data processing agreement was signed (YYYY-MM-DD), nil if none is signed.
  public var dpaSignedOn: String?
  /// Contractually barred from training on our customers' data.
  public var noTraining: Bool
  /// How long the provider keeps the data: 0 is zero retention, nil is unknown.
  public var retentionDays: Int?
  public var regions: String
  public var notes: String
  public var createdAt: String
  public var updatedAt: String
  public var version: Int

  enum CodingKeys: String, CodingKey {
    case key, name, kind
    case subprocessorListed = "subprocessor_listed"
    case dpaSignedOn = "dpa_signed_on"
    case noTraining = "no_training"
    case retentionDays = "retention_days"
    case regions, notes
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case version
  }
}

/// What a governance lead states when registering a provider.
public struct ProviderDraft: Decodable, Equatable, Sendable {
  public var key: String
  public var name: String
  public var kind: ProviderKind
  public var subprocessorListed: Bool = false
  public var dpaSignedOn: String?
  public var noTraining: Bool = false
  public var retentionDays: Int?
  public var regions: String = ""
  public var notes: String = ""

  public init(key: String, name: String, kind: ProviderKind) {
    self.key = key
    self.name = name
    self.kind = kind
  }

  public init(from decoder: any Decoder) throws {
    typealias Keys = Provider.CodingKeys
    let values = try decoder.container(keyedBy: Keys.self)
    key = try values.decode(String.self, forKey: .key)
    name = try values.decode(String.self, forKey: .name)
    kind = try values.decode(ProviderKind.self, forKey: .kind)
    subprocessorListed =
      try values.decodeIfPresent(Bool.self, forKey: .subprocessorListed) ?? false
    dpaSignedOn = try values.decodeIfPresent(String.self, forKey: .dpaSignedOn)
    noTraining = try values.decodeIfPresent(Bool.self, forKey: .noTraining) ?? false
    retentionDays = try values.decodeIfPresent(Int.self, forKey: .retentionDays)
    regions = try values.decodeIfPresent(String.self, forKey: .regions) ?? ""
    notes = try values.decodeIfPresent(String.self, forKey: .notes) ?? ""
  }
}

/// A change to a provider: nil leaves a field as it is.
public struct ProviderChanges: Equatable, Sendable {
  public var name: String?
  public var kind: ProviderKind?
  public var subprocessorListed: Bool?
  /// `.some(nil)` clears the date (no DPA signed).
  public var dpaSignedOn: String??
  public var noTraining: Bool?
  /// `.some(nil)` makes the retention unknown.
  public var retentionDays: Int??
  public var regions: String?
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

extension Provider: AuditedRecord {
  public static let entity = AuditEntity.provider
  public var auditKey: String { key }

  public func writeFields(to object: inout CanonicalObject) {
    object.string("created_at", createdAt)
    object.string("dpa_signed_on", dpaSignedOn)
    object.string("key", key)
    object.term("kind", kind)
    object.string("name", name)
    object.bool("no_training", noTraining)
    object.string("notes", notes)
    object.string("regions", regions)
    object.integer("retention_days", retentionDays)
    object.bool("subprocessor_listed", subprocessorListed)
    object.string("updated_at", updatedAt)
    object.integer("version", version)
  }
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
      .optionalText("dpa_signed_on", { $0.dpaSignedOn }, { $0.dpaSignedOn = $1 }),
      .boolean("no_training", { $0.noTraining }, { $0.noTraining = $1 }),
      .optionalInteger("retention_days", { $0.retentionDays }, { $0.retentionDays = $1 }),
      .text("regions", { $0.regions }, { $0.regions = $1 }, .providerRegions),
      .text("notes", { $0.notes }, { $0.notes = $1 }, .providerNotes),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      Provider(
        key: "", name: "", kind: .llm, subprocessorListed: false, dpaSignedOn: nil,
        noTraining: false, retentionDays: nil, regions: "", notes: "", createdAt: "",
        updatedAt: "", version: 0)
    })
}
