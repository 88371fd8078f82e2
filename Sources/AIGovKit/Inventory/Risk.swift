/// Something that could go wrong with a feature, scored by likelihood and impact.
public struct Risk: Equatable, Sendable {
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
  /// The entries of risk taxonomies it is an instance of, as `FRAMEWORK:ID` joined by ", " in
  /// order (`mitre-atlas:AML.T0051, owasp-llm-top-10:LLM01`); nil when it names none.
  public var taxonomy: String? = nil

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
  /// `FRAMEWORK:ID` entries of risk taxonomies, separated by commas.
  public var taxonomy: String?

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

/// A change to a risk: the fields it names, by their names in the risk's JSON (`title`,
/// `likelihood`, `residual_impact`, ...); the others stay as they are.
public typealias RiskChanges = RecordChanges<Risk>

extension Risk {
  /// Every field of a risk's JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
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

extension Risk: TableRecord {
  public static let entity = AuditEntity.risk
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    [
      ("feature", .value(.text(featureKey))), ("level", .value(.text(level.rawValue))),
      ("score", .value(.integer(Int64(score)))),
    ]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    featureKey = try values.decode(String.self, forKey: FieldKey("feature"))
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
      .optionalText("taxonomy", { $0.taxonomy }, { $0.taxonomy = $1 }, .riskTaxonomy)
        .described(
          "The entries of risk taxonomies it is an instance of, as FRAMEWORK:ID separated by "
            + "commas: owasp-llm-top-10:LLM01, mitre-atlas:AML.T0051, nist-ai-600-1:2.4.",
          label: "taxonomy entries"),
    ],
    empty: {
      Risk(
        id: 0, featureKey: "", title: "", description: "", category: .privacy, likelihood: 0,
        impact: 0, status: .open, owner: "", residualLikelihood: nil, residualImpact: nil,
        createdAt: "", updatedAt: "", version: 0)
    })
}
