/// Something that could go wrong with a feature, scored by likelihood and impact.
public struct Risk: Codable, Equatable, Sendable {
  public var id: Int
  public var featureKey: String
  public var title: String
  public var description: String
  public var category: RiskCategory
  /// 1 (rare) to 5 (almost certain).
  public var likelihood: Int
  /// 1 (negligible) to 5 (severe).
  public var impact: Int
  public var status: RiskStatus
  public var owner: String
  /// Likelihood once the mitigations are in place, if assessed.
  public var residualLikelihood: Int?
  /// Impact once the mitigations are in place, if assessed.
  public var residualImpact: Int?
  public var createdAt: String
  public var updatedAt: String
  public var version: Int

  /// Likelihood x impact, 1 to 25.
  public var score: Int { Self.score(likelihood: likelihood, impact: impact) }
  public var level: RiskLevel { RiskLevel(score: score) }
  /// The score once the mitigations are in place, when a residual assessment was made.
  public var residualScore: Int? {
    guard let residualLikelihood, let residualImpact else { return nil }
    return Self.score(likelihood: residualLikelihood, impact: residualImpact)
  }
  public var residualLevel: RiskLevel? { residualScore.map(RiskLevel.init(score:)) }

  /// A risk's score: likelihood x impact.
  public static func score(likelihood: Int, impact: Int) -> Int { likelihood * impact }

  /// `score` in SQL, over the columns of the risks table named `table` in the query;
  /// `RiskRuleTests` holds it to `score(likelihood:impact:)`.
  static func scoreSQL(_ table: String) -> String { "\(table).likelihood * \(table).impact" }

  enum CodingKeys: String, CodingKey {
    case id
    case featureKey = "feature"
    case title, description, category, likelihood, impact, status, owner
    case residualLikelihood = "residual_likelihood"
    case residualImpact = "residual_impact"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
    case version, score, level
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    id = try values.decode(Int.self, forKey: .id)
    featureKey = try values.decode(String.self, forKey: .featureKey)
    title = try values.decode(String.self, forKey: .title)
    description = try values.decode(String.self, forKey: .description)
    category = try values.decode(RiskCategory.self, forKey: .category)
    likelihood = try values.decode(Int.self, forKey: .likelihood)
    impact = try values.decode(Int.self, forKey: .impact)
    status = try values.decode(RiskStatus.self, forKey: .status)
    owner = try values.decode(String.self, forKey: .owner)
    residualLikelihood = try values.decodeIfPresent(Int.self, forKey: .residualLikelihood)
    residualImpact = try values.decodeIfPresent(Int.self, forKey: .residualImpact)
    createdAt = try values.decode(String.self, forKey: .createdAt)
    updatedAt = try values.decode(String.self, forKey: .updatedAt)
    version = try values.decode(Int.self, forKey: .version)
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(id, forKey: .id)
    try values.encode(featureKey, forKey: .featureKey)
    try values.encode(title, forKey: .title)
    try values.encode(description, forKey: .description)
    try values.encode(category, forKey: .category)
    try values.encode(likelihood, forKey: .likelihood)
    try values.encode(impact, forKey: .impact)
    try values.encode(score, forKey: .score)
    try values.encode(level, forKey: .level)
    try values.encode(status, forKey: .status)
    try values.encode(owner, forKey: .owner)
    try values.encodeIfPresent(residualLikelihood, forKey: .residualLikelihood)
    try values.encodeIfPresent(residualImpact, forKey: .residualImpact)
    try values.encode(createdAt, forKey: .createdAt)
    try values.encode(updatedAt, forKey: .updatedAt)
    try values.encode(version, forKey: .version)
  }

  init(
    id: Int, featureKey: String, title: String, description: String, category: RiskCategory,
    likelihood: Int, impact: Int, status: RiskStatus, owner: String, residualLikelihood: Int?,
    residualImpact: Int?, createdAt: String, updatedAt: String, version: Int
  ) {
    self.id = id
    self.featureKey = featureKey
    self.title = title
    self.description = description
    self.category = category
    self.likelihood = likelihood
    self.impact = impact
    self.status = status
    self.owner = owner
    self.residualLikelihood = residualLikelihood
    self.residualImpact = residualImpact
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.version = version
  }
}

/// What a governance lead states when recording a risk.
public struct RiskDraft: Equatable, Sendable {
  public var title: String
  public var description: String = ""
  public var category: RiskCategory
  public var likelihood: Int
  public var impact: Int
  public var status: RiskStatus = .open
  public var owner: String
  public var residualLikelihood: Int?
  public var residualImpact: Int?

  public init(
    title: String, category: RiskCategory, likelihood: Int, impact: Int, owner: String
  ) {
    self.title = title
    self.category = category
    self.likelihood = likelihood
    self.impact = impact
    self.owner = owner
  }
}

/// A change to a risk: nil leaves a field as it is.
public struct RiskChanges: Equatable, Sendable {
  public var title: String?
  public var description: String?
  public var category: RiskCategory?
  public var likelihood: Int?
  public var impact: Int?
  public var status: RiskStatus?
  public var owner: String?
  public var residualLikelihood: Int?
  public var residualImpact: Int?

  public init() {}

  public var isEmpty: Bool { self == RiskChanges() }
}

/// Which risks `risk list` shows; nil filters match everything.
public struct RiskFilter: Equatable, Sendable {
  public var featureKey: String?
  public var category: RiskCategory?
  public var status: RiskStatus?
  /// Only risks at this level or above.
  public var minimumLevel: RiskLevel?

  public init(
    featureKey: String? = nil, category: RiskCategory? = nil, status: RiskStatus? = nil,
    minimumLevel: RiskLevel? = nil
  ) {
    self.featureKey = featureKey
    self.category = category
    self.status = status
    self.minimumLevel = minimumLevel
  }
}

extension Risk: AuditedRecord {
  public static let entity = AuditEntity.risk
  public var auditKey: String { String(id) }

  public func writeFields(to object: inout CanonicalObject) {
    object.term("category", category)
    object.string("created_at", createdAt)
    object.string("description", description)
    object.string("feature", featureKey)
    object.integer("id", id)
    object.integer("impact", impact)
    object.term("level", level)
    object.integer("likelihood", likelihood)
    object.string("owner", owner)
    object.integer("residual_impact", residualImpact)
    object.integer("residual_likelihood", residualLikelihood)
    object.integer("score", score)
    object.term("status", status)
    object.string("title", title)
    object.string("updated_at", updatedAt)
    object.integer("version", version)
  }
}

extension Risk {
  /// The `risks` table, column by column, in the order of the exchange files. The trail names
  /// the feature by its key (`feature`), which reading a row takes from a join.
  static let table = RecordTable<Risk>(
    name: "risks", alias: "r",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .parentID("feature_id"),
      .text("title", { $0.title }, { $0.title = $1 }, .riskTitle),
      .text("description", { $0.description }, { $0.description = $1 }, .riskDescription),
      .term("category", { $0.category }, { $0.category = $1 }),
      .integer("likelihood", { $0.likelihood }, { $0.likelihood = $1 }),
      .integer("impact", { $0.impact }, { $0.impact = $1 }),
      .term("status", { $0.status }, { $0.status = $1 }),
      .text("owner", { $0.owner }, { $0.owner = $1 }, .riskOwner),
      .optionalInteger(
        "residual_likelihood", { $0.residualLikelihood }, { $0.residualLikelihood = $1 }),
      .optionalInteger("residual_impact", { $0.residualImpact }, { $0.residualImpact = $1 }),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      Risk(
        id: 0, featureKey: "", title: "", description: "", category: .privacy, likelihood: 0,
        impact: 0, status: .open, owner: "", residualLikelihood: nil, residualImpact: nil,
        createdAt: "", updatedAt: "", version: 0)
    })
}
