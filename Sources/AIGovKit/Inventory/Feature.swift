/// One AI feature of the product, as recorded in the inventory.
public struct Feature: Codable, Equatable, Sendable {
  public var key: String
  public var name: String
  public var description: String
  /// The intended use.
  public var purpose: String
  public var category: FeatureCategory
  /// How serving a customer uses data.
  public var servingUse: ServingUse
  /// How customer data trains our own models.
  public var trainingUse: TrainingUse
  /// The smallest group that data across accounts is aggregated into, where one is stated.
  public var minGroupSize: Int?
  public var status: FeatureStatus
  /// Why the feature was suspended, retired or sent back, when it was.
  public var statusReason: String?
  public var owner: String
  public var team: String?
  public var humanOversight: HumanOversight
  public var audience: Audience
  /// Who decides, last, whether an output is used.
  public var finalSay: FinalSay
  public var customerControl: CustomerControl
  public var euAIActTier: EUAIActTier
  public var reviewIntervalDays: Int
  public var lastReviewedAt: String?
  /// Sorted, without repeats.
  public var dataCategories: [DataCategory]
  public var createdAt: String
  public var updatedAt: String
  /// Raised by one on every change, for optimistic concurrency.
  public var version: Int
  /// The status the feature arrived with by import (approved, launched or suspended) that no
  /// review in this database has earned; nil once a review here approves it, and for every
  /// feature registered here.
  public var unreviewedStatus: FeatureStatus? = nil

  enum CodingKeys: String, CodingKey {
    case key, name, description, purpose, category
    case servingUse = "serving_use"
    case trainingUse = "training_use"
    case minGroupSize = "min_group_size"
    case status
    case statusReason = "status_reason"
    case owner, team
    case humanOversight = "human_oversight"
    case audience
    case finalSay = "final_say"
    case customerControl = "customer_control"
    case euAIActTier = "eu_ai_act_tier"
    case reviewIntervalDays = "review_interval_days"
    case lastReviewedAt = "last_reviewed_at"
    case dataCategories = "data_categories"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case version
    case unreviewedStatus = "unreviewed_status"
  }

  /// Data of several accounts is used together, to serve or to train: where a group size
  /// applies.
  public var crossesAccounts: Bool { servingUse == .crossAccount || trainingUse.crossesAccounts }

  /// Data of several accounts is aggregated, to serve or to train: where `check` asks for the
  /// smallest group (de-identified data is not grouped, so it need not state one).
  public var aggregatesAccounts: Bool {
    servingUse == .crossAccount || trainingUse == .aggregated
  }

  /// The data categories the acceptable-use policy forbids that this feature records.
  public var forbiddenDataCategories: [DataCategory] { dataCategories.filter(\.isForbidden) }
}

/// What a governance lead states when registering a feature; the rest is defaulted.
public struct FeatureDraft: Decodable, Equatable, Sendable {
  public var key: String
  public var name: String
  public var description: String = ""
  public var purpose: String
  public var category: FeatureCategory
  public var servingUse: ServingUse
  public var trainingUse: TrainingUse
  public var minGroupSize: Int?
  public var owner: String
  public var team: String?
  public var humanOversight: HumanOversight = .humanInTheLoop
  public var audience: Audience = .customers
  public var finalSay: FinalSay = .customer
  public var customerControl: CustomerControl = .alwaysOn
  public var euAIActTier: EUAIActTier = .unassessed
  public var reviewIntervalDays: Int = 90
  public var dataCategories: [DataCategory] = []

  public init(
    key: String, name: String, purpose: String, category: FeatureCategory,
    servingUse: ServingUse, trainingUse: TrainingUse, owner: String
  ) {
    self.key = key
    self.name = name
    self.purpose = purpose
    self.category = category
    self.servingUse = servingUse
    self.trainingUse = trainingUse
    self.owner = owner
  }

  public init(from decoder: any Decoder) throws {
    typealias Keys = Feature.CodingKeys
    let values = try decoder.container(keyedBy: Keys.self)
    key = try values.decode(String.self, forKey: .key)
    name = try values.decode(String.self, forKey: .name)
    description = try values.decodeIfPresent(String.self, forKey: .description) ?? ""
    purpose = try values.decode(String.self, forKey: .purpose)
    category = try values.decode(FeatureCategory.self, forKey: .category)
    servingUse = try values.decode(ServingUse.self, forKey: .servingUse)
    trainingUse = try values.decode(TrainingUse.self, forKey: .trainingUse)
    minGroupSize = try values.decodeIfPresent(Int.self, forKey: .minGroupSize)
    owner = try values.decode(String.self, forKey: .owner)
    team = try values.decodeIfPresent(String.self, forKey: .team)
    humanOversight =
      try values.decodeIfPresent(HumanOversight.self, forKey: .humanOversight) ?? .humanInTheLoop
    audience = try values.decodeIfPresent(Audience.self, forKey: .audience) ?? .customers
    finalSay = try values.decodeIfPresent(FinalSay.self, forKey: .finalSay) ?? .customer
    customerControl =
      try values.decodeIfPresent(CustomerControl.self, forKey: .customerControl) ?? .alwaysOn
    euAIActTier = try values.decodeIfPresent(EUAIActTier.self, forKey: .euAIActTier) ?? .unassessed
    reviewIntervalDays = try values.decodeIfPresent(Int.self, forKey: .reviewIntervalDays) ?? 90
    dataCategories =
      try values.decodeIfPresent([DataCategory].self, forKey: .dataCategories) ?? []
  }
}

/// A change to a feature: every field left nil stays as it is.
public struct FeatureChanges: Equatable, Sendable {
  public var name: String?
  public var description: String?
  public var purpose: String?
  public var category: FeatureCategory?
  public var servingUse: ServingUse?
  public var trainingUse: TrainingUse?
  /// `.some(nil)` clears the group size.
  public var minGroupSize: Int??
  public var owner: String?
  /// An empty string clears the team.
  public var team: String?
  public var humanOversight: HumanOversight?
  public var audience: Audience?
  public var finalSay: FinalSay?
  public var customerControl: CustomerControl?
  public var euAIActTier: EUAIActTier?
  public var reviewIntervalDays: Int?
  public var addDataCategories: [DataCategory] = []
  public var removeDataCategories: [DataCategory] = []

  public init() {}

  /// True when the change would change nothing at all.
  public var isEmpty: Bool { self == FeatureChanges() }
}

/// Which features `feature list` shows; nil filters match everything.
public struct FeatureFilter: Equatable, Sendable {
  public var category: FeatureCategory?
  public var audience: Audience?
  public var status: FeatureStatus?
  public var providerKey: String?
  public var owner: String?
  public var servingUse: ServingUse?
  public var trainingUse: TrainingUse?
  /// Words the key, name, description or purpose holds, ignoring the case of ASCII letters.
  public var text: String?

  public init(
    category: FeatureCategory? = nil, audience: Audience? = nil,
    status: FeatureStatus? = nil, providerKey: String? = nil, owner: String? = nil,
    servingUse: ServingUse? = nil, trainingUse: TrainingUse? = nil, text: String? = nil
  ) {
    self.category = category
    self.audience = audience
    self.status = status
    self.providerKey = providerKey
    self.owner = owner
    self.servingUse = servingUse
    self.trainingUse = trainingUse
    self.text = text
  }
}

/// A page of features, ordered by key.
public struct FeaturePage: Equatable, Sendable {
  public var features: [Feature]
  /// How many features match, on every page.
  public var total: Int
  /// The key to ask for the next page after; nil on the last page.
  public var nextAfter: String?
}

extension Feature {
  /// The `features` table, column by column, in the order of the exchange files.
  static let table = RecordTable<Feature>(
    name: "features", alias: "f",
    columns: [
      .rowID,
      .text("key", { $0.key }, { $0.key = $1 }, role: .key),
      .text("name", { $0.name }, { $0.name = $1 }, .featureName),
      .text("description", { $0.description }, { $0.description = $1 }, .featureDescription),
      .text("purpose", { $0.purpose }, { $0.purpose = $1 }, .featurePurpose),
      .term("category", { $0.category }, { $0.category = $1 }),
      .term(
        "serving_use", { $0.servingUse }, { $0.servingUse = $1 },
        legacy: LegacyFeatureFields.servingUse),
      .term(
        "training_use", { $0.trainingUse }, { $0.trainingUse = $1 },
        legacy: LegacyFeatureFields.trainingUse),
      .optionalInteger(
        "min_group_size", { $0.minGroupSize }, { $0.minGroupSize = $1 },
        legacy: LegacyFeatureFields.minGroupSize),
      .term("status", { $0.status }, { $0.status = $1 }, role: .lifecycle),
      .optionalText(
        "status_reason", { $0.statusReason }, { $0.statusReason = $1 }, .featureStatusReason,
        role: .lifecycle),
      .optionalTerm(
        "unreviewed_status", { $0.unreviewedStatus }, { $0.unreviewedStatus = $1 },
        only: [.approved, .launched, .suspended],
        role: .lifecycle),
      .text("owner", { $0.owner }, { $0.owner = $1 }, .featureOwner),
      .optionalText("team", { $0.team }, { $0.team = $1 }, .featureTeam),
      .term("human_oversight", { $0.humanOversight }, { $0.humanOversight = $1 }),
      .term(
        "audience", { $0.audience }, { $0.audience = $1 }, legacy: LegacyFeatureFields.audience),
      .term(
        "final_say", { $0.finalSay }, { $0.finalSay = $1 }, legacy: LegacyFeatureFields.finalSay),
      .term("customer_control", { $0.customerControl }, { $0.customerControl = $1 }),
      .term("eu_ai_act_tier", { $0.euAIActTier }, { $0.euAIActTier = $1 }),
      .integer("review_interval_days", { $0.reviewIntervalDays }, { $0.reviewIntervalDays = $1 }),
      .optionalText(
        "last_reviewed_at", { $0.lastReviewedAt }, { $0.lastReviewedAt = $1 }, role: .lifecycle),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      Feature(
        key: "", name: "", description: "", purpose: "", category: .agentic,
        servingUse: .accountOnly, trainingUse: .notUsed, minGroupSize: nil, status: .proposed,
        statusReason: nil, owner: "", team: nil, humanOversight: .humanInTheLoop,
        audience: .customers, finalSay: .customer, customerControl: .alwaysOn,
        euAIActTier: .unassessed, reviewIntervalDays: 0, lastReviewedAt: nil, dataCategories: [],
        createdAt: "", updatedAt: "", version: 0)
    })
}
