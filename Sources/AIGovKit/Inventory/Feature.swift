/// One AI feature of the product, as recorded in the inventory.
///
/// Its fields are described once, in `Feature.table`: how each is stored, the text it accepts,
/// its help, whether an edit may change it and whether a new feature must state it. Its JSON,
/// its audit record, drafts, changes, exports and every front end's schema follow from there.
public struct Feature: Equatable, Sendable {
  public var key: String
  public var name: String
  public var description: String
  /// The intended use.
  public var purpose: String
  public var category: FeatureCategory
  /// How serving a customer uses data.
  public var servingUse: ServingUse
  /// What trains our own models: none, or the sources it draws on.
  public var trainingUse: TrainingSources
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
  /// The feature's page in the help centre, where customers read how to use it.
  public var documentationURL: String? = nil
  /// The part the company plays for it under the EU AI Act; nil while not stated.
  public var euAIActRole: FeatureRole? = nil
  /// For a high-risk use, the EU AI Act Annex III point it falls under (`III.4(a)`).
  public var annexIII: AnnexIIIPoint? = nil
  /// How it adapts a model to one account (none, or the ways it does); nil while not stated.
  public var adaptation: TermSet<Adaptation>? = nil
  /// Whether that adaptation waits for the customer to enable it; nil while not stated.
  public var adaptationConsent: AdaptationConsent? = nil
  /// Whether its providers all receive the data or are alternatives; nil while not stated.
  public var providerChoice: ProviderChoice? = nil
  /// What the account-wide AI switch does to it; nil while not stated.
  public var accountSwitch: AccountSwitch? = nil
  /// What it keeps for an account after serving it (none, or what); nil while not stated.
  public var keptData: TermSet<KeptData>? = nil
  /// Where it keeps that, in words: `in the account's region`.
  public var keptWhere: String? = nil
  /// When that is deleted: with the account, on request, or both; nil while not stated.
  public var keptDeletion: TermSet<KeptDeletion>? = nil
  /// The longest it keeps that, in days, when it deletes it after a period.
  public var keptDays: Int? = nil

  /// Data of several accounts is used together, to serve or to train: where a group size
  /// applies.
  public var crossesAccounts: Bool { servingUse == .crossAccount || trainingUse.crossesAccounts }

  /// It keeps something for an account after serving it.
  public var keepsData: Bool { keptData.map { !$0.isEmpty } ?? false }

  /// Data of several accounts is aggregated, to serve or to train: where `check` asks for the
  /// smallest group (de-identified data is not grouped, so it need not state one).
  public var aggregatesAccounts: Bool {
    servingUse == .crossAccount || trainingUse.contains(.aggregated)
  }

  /// The data categories the acceptable-use policy forbids that this feature records.
  public var forbiddenDataCategories: [DataCategory] { dataCategories.filter(\.isForbidden) }

  /// Every field of a feature's JSON, described.
  public static let fields: [FieldDescription] =
    table.fieldDescriptions + [
      FieldDescription(
        list: "data_categories", terms: DataCategory.allCases.map(\.rawValue),
        help: "The kinds of data the feature processes.", option: "data-category",
        isInSummary: true)
    ]
}

extension Feature: Codable {
  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try Self.table.encodeFields(of: self, to: &values)
    try values.encode(dataCategories, forKey: FieldKey("data_categories"))
  }

  /// Reads a feature, or a draft of one: fields left out take their defaults, but for those a
  /// new feature must state.
  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: FieldKey.self)
    self = try Self.table.decodeFields(from: values)
    dataCategories =
      try values.decodeIfPresent([DataCategory].self, forKey: FieldKey("data_categories")) ?? []
  }

  /// The feature with only the fields a search's short answer carries.
  public func encodeSummary(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try Self.table.encodeFields(
      of: self, to: &values,
      only: Set(Self.fields.filter(\.isInSummary).map(\.name)))
    try values.encode(dataCategories, forKey: FieldKey("data_categories"))
  }
}

/// What a governance lead states when registering a feature: a feature whose lifecycle fields
/// (status, review dates, times, version) registration sets.
public typealias FeatureDraft = Feature

extension Feature {
  /// A draft stating what every new feature must, with every other field at its default.
  public init(
    key: String, name: String, purpose: String, category: FeatureCategory,
    servingUse: ServingUse, trainingUse: TrainingSources, owner: String
  ) {
    self = Self.table.empty()
    self.key = key
    self.name = name
    self.purpose = purpose
    self.category = category
    self.servingUse = servingUse
    self.trainingUse = trainingUse
    self.owner = owner
  }
}

extension Feature {
  /// The description of the field `name`, which must be one of `fields`.
  public static func field(_ name: String) -> FieldDescription {
    guard let field = fields.first(where: { $0.name == name }) else {
      preconditionFailure("a feature has no field \(name)")
    }
    return field
  }

  /// The value of the field `name` as stored; null when it has none, and for a field that is not
  /// a column (`data_categories`).
  public func value(of name: String) -> DatabaseValue {
    Self.table.column(field: name)?.value?(self) ?? .null
  }

  /// The label and the value, as text, of each field that has one and is not in `names`, in
  /// the order of the fields: what a record's page shows beside the fields it lays out itself.
  public func labelledValues(excluding names: Set<String>) -> [(label: String, value: String)] {
    Self.table.columns.compactMap { column in
      guard let field = column.auditField, !names.contains(field),
        let value = column.value?(self).optionalText
      else { return nil }
      return (column.details.label ?? field.replacingUnderscores(), value)
    }
  }

  /// The links the feature's published fields hold (its help-centre page), in the order of its
  /// fields.
  public var publishedLinks: [PublishedLink] {
    Self.fields.compactMap { field in
      guard let words = field.publishedLink, let url = value(of: field.name).optionalText
      else { return nil }
      return PublishedLink(words: words, url: url)
    }
  }

  /// The draft with `changes` made to it.
  public mutating func apply(_ changes: FeatureChanges) throws {
    try Self.table.apply(changes.fields, to: &self)
    dataCategories = Array(
      Set(dataCategories).union(changes.addDataCategories)
        .subtracting(changes.removeDataCategories)
    ).sorted()
  }
}

/// A link a published page shows: its words, and the https URL it leads to.
public struct PublishedLink: Codable, Equatable, Sendable {
  public var words: String
  public var url: String

  /// Whether the URL is one a reader may follow: an https URL that no format reads as anything
  /// but a link. A database written behind aigov's back may hold another, which pages show as
  /// text.
  public var isFollowable: Bool { TextField.httpsURLProblem(in: url) == nil }
}

/// A change to a feature: every field it does not name stays as it is.
public struct FeatureChanges: Equatable, Sendable {
  /// The fields it changes, by their names in `Feature.fields`.
  public var record = RecordChanges<Feature>()
  public var addDataCategories: [DataCategory] = []
  public var removeDataCategories: [DataCategory] = []

  public init() {}

  /// The new value of each field it changes; an empty text, or null, clears an optional field.
  public var fields: [String: DatabaseValue] { record.fields }

  /// Changes `field` to `value`; nil leaves it as it is.
  public mutating func set(_ field: String, _ value: (some DatabaseValueConvertible)?) {
    record.set(field, value)
  }

  /// Changes `field` to a value already read from its description.
  public mutating func set(_ field: String, value: DatabaseValue) {
    record.set(field, value: value)
  }

  /// Whether the change names `field`.
  public func changes(_ field: String) -> Bool { record.changes(field) }

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
  /// Features trained on this source (`none`: features no model is trained for).
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
      .text("key", { $0.key }, { $0.key = $1 }, role: .key)
        .described("A unique key: 2-64 lowercase letters, digits and dashes.").required
        .inSummary,
      .text("name", { $0.name }, { $0.name = $1 }, .featureName)
        .described("The feature's name as customers know it.").required.inSummary,
      .text("description", { $0.description }, { $0.description = $1 }, .featureDescription)
        .described("A longer description."),
      .text("purpose", { $0.purpose }, { $0.purpose = $1 }, .featurePurpose)
        .described("The intended use.").required.inSummary,
      .term("category", { $0.category }, { $0.category = $1 })
        .described("What kind of AI it is.").required.inSummary,
      .term(
        "serving_use", { $0.servingUse }, { $0.servingUse = $1 },
        legacy: LegacyFeatureFields.servingUse
      )
      .described(
        "How serving a customer uses data: account-only (that account's data only) or "
          + "cross-account.", option: "serving"
      ).required.inSummary,
      .termSet(
        "training_use", { $0.trainingUse }, { $0.trainingUse = $1 },
        legacy: LegacyFeatureFields.trainingUse
      )
      .described(
        "What trains our own models: none, or any of account-only (the account's own data, for "
          + "its own model only), aggregated, de-identified, anonymised and synthetic.",
        option: "training"
      ).required.inSummary,
      .optionalInteger(
        "min_group_size", { $0.minGroupSize }, { $0.minGroupSize = $1 },
        legacy: LegacyFeatureFields.minGroupSize
      )
      .described(
        "The smallest group that data across accounts is aggregated into (at least 2), where "
          + "one is stated.", label: "minimum group size"
      ).within(2...1_000_000).inSummary,
      .term("status", { $0.status }, { $0.status = $1 }, role: .lifecycle).inSummary,
      .optionalText(
        "status_reason", { $0.statusReason }, { $0.statusReason = $1 }, .featureStatusReason,
        role: .lifecycle),
      .optionalTerm(
        "unreviewed_status", { $0.unreviewedStatus }, { $0.unreviewedStatus = $1 },
        only: [.approved, .launched, .suspended],
        role: .lifecycle),
      .text("owner", { $0.owner }, { $0.owner = $1 }, .featureOwner)
        .described("The person accountable for the feature.").required.inSummary,
      .optionalText("team", { $0.team }, { $0.team = $1 }, .featureTeam)
        .described("The owning team.").inSummary,
      .term("human_oversight", { $0.humanOversight }, { $0.humanOversight = $1 })
        .described("How much a person oversees the feature's output.").inSummary,
      .term(
        "audience", { $0.audience }, { $0.audience = $1 }, legacy: LegacyFeatureFields.audience
      )
      .described(
        "Who it is for: customers (offered to the businesses using the product), end-consumers "
          + "(their recipients see it) or internal (our staff use it on customer data)."
      ).inSummary,
      .term(
        "final_say", { $0.finalSay }, { $0.finalSay = $1 }, legacy: LegacyFeatureFields.finalSay
      )
      .described("Who has the final say on its output: customer, staff, or none before it acts.")
      .inSummary,
      .term("customer_control", { $0.customerControl }, { $0.customerControl = $1 })
        .described(
          "How customers control it: opt-in, opt-out, always-on, or optional (never required; "
            + "the work can always be done by hand)."),
      .term("eu_ai_act_tier", { $0.euAIActTier }, { $0.euAIActTier = $1 })
        .described("The EU AI Act risk tier.", label: "EU AI Act tier"),
      .integer("review_interval_days", { $0.reviewIntervalDays }, { $0.reviewIntervalDays = $1 })
        .described("Days between periodic reviews.", label: "review interval (days)")
        .within(1...3650),
      .optionalText(
        "last_reviewed_at", { $0.lastReviewedAt }, { $0.lastReviewedAt = $1 }, role: .lifecycle),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
      .optionalText(
        "documentation_url", { $0.documentationURL }, { $0.documentationURL = $1 },
        TextField("feature", "documentation_url", .one, 2_000, format: .httpsURL)
      )
      .described("The feature's page in the help centre.", label: "documentation URL")
      .publishedAsLink("How to use it"),
      .optionalTerm("eu_ai_act_role", { $0.euAIActRole }, { $0.euAIActRole = $1 })
        .described(
          "The part the company plays for it under the EU AI Act: provider (it is placed on the "
            + "market under the company's name) or deployer (the company's staff use it).",
          label: "EU AI Act role"),
      .optionalTerm("annex_iii", { $0.annexIII }, { $0.annexIII = $1 })
        .described(
          "For a high-risk use, the EU AI Act Annex III point it falls under, e.g. III.4(a).",
          label: "Annex III point"),
      .optionalTermSet("adaptation", { $0.adaptation }, { $0.adaptation = $1 })
        .described(
          "How it adapts a model to one account, beside training: none, or any of fine-tuning, "
            + "retrieval-index and embeddings."),
      .optionalTerm(
        "adaptation_consent", { $0.adaptationConsent }, { $0.adaptationConsent = $1 }
      )
      .described(
        "Whether that adaptation waits for the customer: customer-enables (the customer turns "
          + "it on inside the feature) or on-by-default."),
      .optionalTerm("provider_choice", { $0.providerChoice }, { $0.providerChoice = $1 })
        .described(
          "How its providers share the data: all-used (each receives it), customer-chooses (the "
            + "customer picks one) or company-routes (we send each request to one of them)."),
      .optionalTerm("account_switch", { $0.accountSwitch }, { $0.accountSwitch = $1 })
        .described(
          "What the account-wide AI switch does to it: turns-off, or keeps-running."),
      .optionalTermSet("kept_data", { $0.keptData }, { $0.keptData = $1 })
        .described(
          "What it keeps for an account after serving it: none, or any of outputs, embeddings "
            + "and models."),
      .optionalText(
        "kept_where", { $0.keptWhere }, { $0.keptWhere = $1 },
        TextField("feature", "kept_where", .one, 200)
      )
      .described("Where it keeps that, in words a customer reads: in the account's region."),
      .optionalTermSet("kept_deletion", { $0.keptDeletion }, { $0.keptDeletion = $1 })
        .described(
          "When that is deleted: with-account, on-request, or both (with-account,on-request)."),
      .optionalInteger("kept_days", { $0.keptDays }, { $0.keptDays = $1 })
        .described(
          "The longest it keeps that, in days, when it deletes it after a period.",
          label: "kept days"
        ).within(1...3650),
    ],
    empty: {
      Feature(
        key: "", name: "", description: "", purpose: "", category: .agentic,
        servingUse: .accountOnly, trainingUse: .none, minGroupSize: nil, status: .proposed,
        statusReason: nil, owner: "", team: nil, humanOversight: .notStated,
        audience: .customers, finalSay: .notStated, customerControl: .notStated,
        euAIActTier: .unassessed, reviewIntervalDays: 90, lastReviewedAt: nil, dataCategories: [],
        createdAt: "", updatedAt: "", version: 0)
    })
}
