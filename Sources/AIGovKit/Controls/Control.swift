/// A measure the company keeps for many features at once (contracts that bar providers from
/// training, read-only support access, datasets reviewed before training), recorded once with
/// the features it covers. Its status and public statement are its own; the claim, when it
/// states one, is a fact of each feature in scope that the records can test.
public struct Control: Equatable, Sendable {
  /// `no-provider-training`: how people, the trail and the exports name it.
  public var key: String
  public var title: String
  public var description: String
  public var kind: ControlKind
  /// The discipline that owns it: its reviewers sign its exceptions.
  public var discipline: Discipline
  public var owner: String
  /// How often it is reviewed, and so how old its evidence may be.
  public var reviewIntervalDays: Int
  public var status: ControlStatus
  /// What it promises of every feature in scope, in a form the records can test.
  public var claim: ControlClaim?
  /// What the company tells the public about it: published while it is in place.
  public var publicStatement: String?
  public var createdAt: String
  public var updatedAt: String
  public var version: Int
  /// The features it covers, as terms (`category:generative`); none covers every feature.
  public var scope: ControlScope
  /// The framework requirements it answers, by framework and requirement.
  public var mappings: [RequirementMapping] = []

  /// The statement the public page carries for it: only while it is in place.
  public var publishedStatement: String? { status == .inPlace ? publicStatement : nil }
}

public enum ControlKind: String, Vocabulary {
  case technical, process, contractual
  public static let termName = "control kind"
}

public enum ControlStatus: String, Vocabulary {
  case planned
  case inPlace = "in-place"
  case retired
  public static let termName = "control status"
}

/// What a control promises of each feature it covers, from a fixed list whose every entry the
/// records can test. A feature in scope that contradicts it fails `check`, unless an exception
/// in force accepts it.
public enum ControlClaim: String, Vocabulary {
  case customersCanTurnOff = "customers-can-turn-off"
  case noCustomerDataTraining = "no-customer-data-training"
  case noTrainingAcrossAccounts = "no-training-across-accounts"
  case noServingAcrossAccounts = "no-serving-across-accounts"
  case providersDoNotTrain = "providers-do-not-train"
  case providersKeepNothing = "providers-keep-nothing"
  case providersUnderDPA = "providers-under-dpa"
  case personHasFinalSay = "person-has-final-say"
  case personReviewsOutput = "person-reviews-output"
  case noSensitiveData = "no-sensitive-data"
  public static let termName = "claim"

  /// What it promises, in words, for the README, `--help` and the pages.
  public var summary: String {
    switch self {
    case .customersCanTurnOff:
      "customers can turn it off or leave it unused (customer control opt-in, opt-out or optional)"
    case .noCustomerDataTraining: "customer data trains no model (training use none)"
    case .noTrainingAcrossAccounts:
      "no model is trained on several accounts' data (training use none or account-only)"
    case .noServingAcrossAccounts:
      "serving one account never uses another's data (serving use account-only)"
    case .providersDoNotTrain:
      "no third-party provider may train on the data it receives (its no-training term)"
    case .providersKeepNothing: "no third-party provider keeps the data it receives (0 days)"
    case .providersUnderDPA: "data reaches third-party providers only under a DPA in place"
    case .personHasFinalSay:
      "a person (the customer or staff) has the final say on the output (final say not none)"
    case .personReviewsOutput:
      "a person reviews each output before it is used (human oversight human-in-the-loop)"
    case .noSensitiveData:
      "no special-category, health, government-id, financial-account or children's data"
    }
  }

  /// How the records contradict it for one feature, in words; nil when they do not.
  public func contradiction(by record: FeatureRecord) -> String? {
    let feature = record.feature
    let thirdParties = Dictionary(
      record.providers.map(\.provider).filter { $0.kind != .internal }.map { ($0.key, $0) },
      uniquingKeysWith: { first, _ in first }
    ).values.sorted { $0.key < $1.key }
    func providers(_ failing: (Provider) -> Bool, _ what: String) -> String? {
      let named = thirdParties.filter(failing).map { "'\($0.key)'" }
      return named.isEmpty ? nil : "sends data to \(named.joined(separator: ", ")), \(what)"
    }
    switch self {
    case .customersCanTurnOff:
      return [.alwaysOn, .notStated].contains(feature.customerControl)
        ? "its customer control is \(feature.customerControl.rawValue)" : nil
    case .noCustomerDataTraining:
      return feature.trainingUse.usesCustomerData
        ? "its training use is \(feature.trainingUse.rawValue)" : nil
    case .noTrainingAcrossAccounts:
      return feature.trainingUse.crossesAccounts
        ? "its training use is \(feature.trainingUse.rawValue)" : nil
    case .noServingAcrossAccounts:
      return feature.servingUse == .accountOnly
        ? nil : "its serving use is \(feature.servingUse.rawValue)"
    case .providersDoNotTrain:
      return providers({ !$0.noTraining }, "without a no-training term")
    case .providersKeepNothing:
      return providers({ $0.retentionDays != 0 }, "which may keep it")
    case .providersUnderDPA:
      return providers({ $0.dpa != .yes }, "without a DPA in place")
    case .personHasFinalSay:
      return [.nobody, .notStated].contains(feature.finalSay)
        ? "its final say is \(feature.finalSay.rawValue)" : nil
    case .personReviewsOutput:
      return feature.humanOversight == .humanInTheLoop
        ? nil : "its human oversight is \(feature.humanOversight.rawValue)"
    case .noSensitiveData:
      let forbidden = feature.forbiddenDataCategories
      return forbidden.isEmpty
        ? nil : "it processes \(forbidden.map(\.rawValue).joined(separator: ", "))"
    }
  }
}

/// Which features a control covers: terms of a few dimensions of a feature. No term covers every
/// feature; otherwise a feature is covered when, for each dimension named, it matches one of
/// that dimension's terms.
public struct ControlScope: Equatable, Hashable, Sendable {
  /// The terms, `dimension:value`, sorted.
  public private(set) var terms: [String]

  /// The dimensions a scope can name, each with the feature's value(s) it reads.
  public enum Dimension: String, CaseIterable, Sendable {
    case category, audience, serving, training
    case providerKind = "provider-kind"
    case feature

    /// The words that may follow `dimension:`, or nil for any feature key.
    var values: [String]? {
      switch self {
      case .category: FeatureCategory.allCases.map(\.rawValue)
      case .audience: Audience.allCases.map(\.rawValue)
      case .serving: ServingUse.allCases.map(\.rawValue)
      case .training: TrainingUse.allCases.map(\.rawValue)
      case .providerKind: ProviderKind.allCases.map(\.rawValue)
      case .feature: nil
      }
    }

    /// The feature's value(s) along this dimension.
    func values(of record: FeatureRecord) -> Set<String> {
      let feature = record.feature
      switch self {
      case .category: return [feature.category.rawValue]
      case .audience: return [feature.audience.rawValue]
      case .serving: return [feature.servingUse.rawValue]
      case .training:
        return feature.trainingUse.isEmpty
          ? [TrainingUse.notUsed.rawValue] : Set(feature.trainingUse.terms.map(\.rawValue))
      case .providerKind: return Set(record.providers.map(\.provider.kind.rawValue))
      case .feature: return [feature.key]
      }
    }
  }

  /// Every feature.
  public static let everyFeature = ControlScope(validated: [])

  init(validated terms: [String]) {
    self.terms = Array(Set(terms)).sorted()
  }

  /// A scope from terms such as `category:generative`; refuses a term of no known dimension or
  /// value, naming it.
  public init(terms: [String]) throws {
    for term in terms {
      guard let colon = term.firstIndex(of: ":"),
        let dimension = Dimension(rawValue: String(term[..<colon]))
      else {
        throw AIGovError.invalidValue(
          field: "scope", value: term,
          expected: "dimension:value, the dimension one of "
            + Dimension.allCases.map(\.rawValue).joined(separator: ", "))
      }
      let value = String(term[term.index(after: colon)...])
      if let allowed = dimension.values, !allowed.contains(value) {
        throw AIGovError.invalidValue(
          field: "scope \(dimension.rawValue)", value: value,
          expected: "one of " + allowed.joined(separator: ", "))
      }
      if dimension == .feature { try Validation.key(value, field: "scope feature") }
    }
    self.init(validated: terms)
  }

  public var coversEveryFeature: Bool { terms.isEmpty }

  /// The values named along each dimension, in the dimensions' order.
  public var byDimension: [(dimension: Dimension, values: [String])] {
    Dimension.allCases.compactMap { dimension in
      let prefix = dimension.rawValue + ":"
      let values = terms.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
      return values.isEmpty ? nil : (dimension, values)
    }
  }

  /// Whether the feature is in scope.
  public func covers(_ record: FeatureRecord) -> Bool {
    byDimension.allSatisfy { dimension, values in
      !dimension.values(of: record).isDisjoint(with: values)
    }
  }

  /// The scope in words: `every feature`, `every generative feature for customers`,
  /// `Reply Drafts and Lead Matching`.
  public func words(featureNames: [String: String] = [:]) -> String {
    if coversEveryFeature { return "every feature" }
    var adjectives: [String] = []
    var qualifiers: [String] = []
    var named: [String] = []
    for (dimension, values) in byDimension {
      let alternatives = values.joined(separator: " or ")
      switch dimension {
      case .category: adjectives.append(alternatives)
      case .audience:
        qualifiers.append("for \(values.map(Self.audienceWords).joined(separator: " or "))")
      case .serving: qualifiers.append("serving with \(alternatives) data")
      case .training: qualifiers.append("whose training use is \(alternatives)")
      case .providerKind:
        qualifiers.append("using " + values.map(Self.providerKindWords).joined(separator: " or "))
      case .feature: named = values.map { featureNames[$0] ?? $0 }.sorted(by: byName)
      }
    }
    let described = (["every"] + adjectives + ["feature"] + qualifiers).joined(separator: " ")
    guard !named.isEmpty else { return described }
    let list = PublicDisclosure.list(named)
    return adjectives.isEmpty && qualifiers.isEmpty ? list : "\(list), if \(described.dropFirst(6))"
  }

  private static func providerKindWords(_ value: String) -> String {
    switch value {
    case ProviderKind.llm.rawValue: "a third-party model provider"
    case ProviderKind.mlPlatform.rawValue: "a third-party ML platform"
    case ProviderKind.internal.rawValue: "our own ML platform"
    default: value
    }
  }

  private static func audienceWords(_ value: String) -> String {
    switch value {
    case Audience.endConsumers.rawValue: "end consumers"
    case Audience.internal.rawValue: "internal use"
    default: value
    }
  }

}

/// What a governance lead states when recording a control.
public struct ControlDraft: Equatable, Sendable {
  public var key: String
  public var title: String
  public var description = ""
  public var kind: ControlKind
  public var discipline: Discipline
  public var owner: String
  public var reviewIntervalDays = 365
  public var status: ControlStatus = .planned
  public var claim: ControlClaim?
  public var publicStatement: String?
  public var scope = ControlScope.everyFeature
  /// The framework requirements it answers.
  public var mappings: [RequirementMapping] = []

  public init(
    key: String, title: String, kind: ControlKind, discipline: Discipline, owner: String
  ) {
    self.key = key
    self.title = title
    self.kind = kind
    self.discipline = discipline
    self.owner = owner
  }
}

/// A change to a control: the fields it names, by their names in the control's JSON; an empty
/// claim or public statement clears it. Its scope changes through `ControlEdit.scope`.
public typealias ControlChanges = RecordChanges<Control>

extension Control {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension Control: TableRecord {
  public static let entity = AuditEntity.control
  public var auditKey: String { key }

  /// Its scope, and its mappings when it has any (a control without them is written as it was
  /// before controls had them).
  var extraFields: [(name: String, value: ExtraField)] {
    let mappings = self.mappings
    return
      (mappings.isEmpty
      ? [] : [("mappings", .objects { RequirementMapping.write(mappings, to: &$0) })])
      + [("scope", .texts(scope.terms))]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    scope = ControlScope(validated: try values.decode([String].self, forKey: FieldKey("scope")))
    mappings =
      try values.decodeIfPresent([RequirementMapping].self, forKey: FieldKey("mappings")) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try encodeFields(to: &values)
  }

  /// Writes the control's JSON fields, its scope and its mappings included, into `values`: for a
  /// value that wraps the control and adds fields of its own beside them.
  func encodeFields(to values: inout KeyedEncodingContainer<FieldKey>) throws {
    try Self.table.encodeFields(of: self, to: &values)
    try values.encode(scope.terms, forKey: FieldKey("scope"))
    if !mappings.isEmpty { try values.encode(mappings, forKey: FieldKey("mappings")) }
  }
}

extension Control: VersionedRecord {}

extension Control {
  /// The `controls` table, column by column; its scope is rows of `control_scope`.
  static let table = RecordTable<Control>(
    name: "controls", alias: "c",
    columns: [
      .rowID,
      .text("key", { $0.key }, { $0.key = $1 }, role: .key),
      .text("title", { $0.title }, { $0.title = $1 }, .controlTitle),
      .text("description", { $0.description }, { $0.description = $1 }, .controlDescription),
      .term("kind", { $0.kind }, { $0.kind = $1 }),
      .term("discipline", { $0.discipline }, { $0.discipline = $1 }),
      .text("owner", { $0.owner }, { $0.owner = $1 }, .controlOwner),
      .integer(
        "review_interval_days", { $0.reviewIntervalDays }, { $0.reviewIntervalDays = $1 }),
      .term("status", { $0.status }, { $0.status = $1 }),
      .optionalTerm("claim", { $0.claim }, { $0.claim = $1 }),
      .optionalText(
        "public_statement", { $0.publicStatement }, { $0.publicStatement = $1 },
        .controlPublicStatement),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      Control(
        key: "", title: "", description: "", kind: .process, discipline: .product, owner: "",
        reviewIntervalDays: 365, status: .planned, claim: nil, publicStatement: nil,
        createdAt: "", updatedAt: "", version: 0, scope: .everyFeature)
    })
}
