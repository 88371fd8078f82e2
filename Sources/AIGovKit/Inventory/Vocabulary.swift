/// A fixed list of terms stored as text, such as the feature categories.
public protocol Vocabulary: RawRepresentable, CaseIterable, Codable, Sendable, Hashable,
  DatabaseValueConvertible
where RawValue == String {
  /// What the term is called in messages, e.g. "category".
  static var termName: String { get }
}

extension Vocabulary {
  /// The accepted terms, in their declared order, for error messages and help.
  public static var acceptedTerms: String { allCases.map(\.rawValue).joined(separator: ", ") }

  /// Reads a term, or throws an error that lists the accepted ones.
  public static func parse(_ text: String, field: String? = nil) throws -> Self {
    guard let value = Self(rawValue: text) else {
      throw AIGovError.invalidValue(
        field: field ?? termName, value: text, expected: "one of: \(acceptedTerms)")
    }
    return value
  }
}

/// What kind of AI a feature is.
public enum FeatureCategory: String, Vocabulary {
  case agentic, predictive, generative, automation
  public static let termName = "category"
}

/// How serving a customer uses data: that customer's account only, or data across accounts (a
/// benchmark against peers, say).
public enum ServingUse: String, Vocabulary {
  case accountOnly = "account-only"
  case crossAccount = "cross-account"
  public static let termName = "serving use"
}

/// What trains our own models, one source of a feature's set (`TrainingSources`): one account's
/// data for that account's model only; data across accounts aggregated into groups, stripped of
/// what identifies anyone (de-identified, which may still be personal data) or anonymised (no
/// longer personal data); or synthetic data made for the purpose, which holds no customer's.
public enum TrainingUse: String, Vocabulary {
  /// Nothing trains a model: the empty set, never a member of one.
  case notUsed = "none"
  case accountOnly = "account-only"
  case aggregated
  case deIdentified = "de-identified"
  case anonymised
  case synthetic
  public static let termName = "training use"

  /// Data of many accounts goes into one model.
  public var crossesAccounts: Bool { [.aggregated, .deIdentified, .anonymised].contains(self) }

  /// Customer data is used, in whatever form.
  public var usesCustomerData: Bool { self != .notUsed && self != .synthetic }
}

/// Everything a feature's models are trained on; `none` when nothing is.
public typealias TrainingSources = TermSet<TrainingUse>

extension TermSet where Term == TrainingUse {
  /// Data of many accounts goes into one model.
  public var crossesAccounts: Bool { terms.contains(where: \.crossesAccounts) }

  /// Some customer data trains a model, in whatever form.
  public var usesCustomerData: Bool { terms.contains(where: \.usesCustomerData) }
}

/// How a feature adapts a model to one account beside training it: a model fine-tuned on the
/// account's data, an index it retrieves from, or embeddings of its data.
public enum Adaptation: String, Vocabulary {
  case fineTuning = "fine-tuning"
  case retrievalIndex = "retrieval-index"
  case embeddings
  public static let termName = "adaptation"
}

/// Whether the adaptation of a model to an account waits for the customer to enable it.
public enum AdaptationConsent: String, Vocabulary {
  case customerEnables = "customer-enables"
  case onByDefault = "on-by-default"
  public static let termName = "adaptation consent"
}

/// How a feature's providers share its data: each receives it, or it goes to one of them,
/// chosen by the customer or routed by the company.
public enum ProviderChoice: String, Vocabulary {
  case allUsed = "all-used"
  case customerChooses = "customer-chooses"
  case companyRoutes = "company-routes"
  public static let termName = "provider choice"

  /// The data reaches one provider of the feature's, not all of them.
  public var isAlternative: Bool { self != .allUsed }
}

/// What the account-wide AI switch does to a feature: turns it off, or leaves it running.
public enum AccountSwitch: String, Vocabulary {
  case turnsOff = "turns-off"
  case keepsRunning = "keeps-running"
  public static let termName = "account switch"
}

/// What a feature keeps for an account after it has served it.
public enum KeptData: String, Vocabulary {
  case outputs, embeddings, models
  public static let termName = "kept data"
}

/// When what a feature keeps for an account is deleted: with the account, or when the customer
/// asks.
public enum KeptDeletion: String, Vocabulary {
  case withAccount = "with-account"
  case onRequest = "on-request"
  public static let termName = "kept deletion"
}

/// Who a feature is for: offered to customers (the businesses using the product), seen by their
/// end-consumers, or an internal use of customer data by our own staff (support, say).
public enum Audience: String, Vocabulary {
  case customers
  case endConsumers = "end-consumers"
  case `internal`
  public static let termName = "audience"
}

/// Who decides, last, whether an output is used: the customer, our staff, or nobody before it
/// acts.
public enum FinalSay: String, Vocabulary {
  case customer, staff
  /// Nobody: the output acts before a person approves it.
  case nobody = "none"
  /// Nobody has said: the page claims nothing, and `check` names the gap.
  case notStated = "not-stated"
  public static let termName = "final say"
}

/// Whether a data processing agreement with a provider is in place.
public enum DPAStatus: String, Vocabulary {
  case yes, no, unknown
  public static let termName = "DPA"

  /// The status in a table cell, with the signing day of an agreement in place: `yes, 2024-03-18`,
  /// `yes`, `no` or `unknown`.
  public func cell(signedOn day: String?) -> String {
    self == .yes ? day.map { "yes, \($0)" } ?? "yes" : rawValue
  }
}

/// Where a feature stands in its lifecycle.
public enum FeatureStatus: String, Vocabulary {
  case proposed
  case inReview = "in-review"
  case approved, launched, suspended, retired
  public static let termName = "status"
}

/// How much a person oversees what the feature does.
public enum HumanOversight: String, Vocabulary {
  case humanInTheLoop = "human-in-the-loop"
  case humanOnTheLoop = "human-on-the-loop"
  case autonomous
  /// Nobody has said: the page claims nothing, and `check` names the gap.
  case notStated = "not-stated"
  public static let termName = "human oversight"
}

/// How a customer controls whether the feature runs on their data.
public enum CustomerControl: String, Vocabulary {
  case optIn = "opt-in"
  case optOut = "opt-out"
  case alwaysOn = "always-on"
  /// Available, never required: the customer can always do the work by hand instead.
  case optional
  /// Nobody has said: the page claims nothing, and `check` names the gap.
  case notStated = "not-stated"
  public static let termName = "customer control"
}

/// The feature's risk tier under the EU AI Act.
public enum EUAIActTier: String, Vocabulary {
  case unassessed, minimal, limited, high, prohibited
  public static let termName = "EU AI Act tier"
}

/// The part the company plays for a feature under the EU AI Act: the provider of a system it
/// places on the market under its own name, or the deployer of one its staff use.
public enum FeatureRole: String, Vocabulary {
  case provider, deployer
  public static let termName = "EU AI Act role"
}

/// A kind of data a feature processes.
public enum DataCategory: String, Vocabulary, Comparable {
  case customerPersonalData = "customer-personal-data"
  case contactInfo = "contact-info"
  case behavioral
  case purchaseHistory = "purchase-history"
  case messageContent = "message-content"
  case aggregatedStatistics = "aggregated-statistics"
  case specialCategory = "special-category"
  case health
  case governmentID = "government-id"
  case financialAccount = "financial-account"
  case children
  public static let termName = "data category"

  /// Categories the acceptable-use policy forbids outright (GDPR Art. 9 data and the like).
  public var isForbidden: Bool {
    switch self {
    case .specialCategory, .health, .governmentID, .financialAccount, .children: true
    default: false
    }
  }

  public static func < (lhs: DataCategory, rhs: DataCategory) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}

/// What kind of party a model provider is.
public enum ProviderKind: String, Vocabulary {
  case llm
  case mlPlatform = "ml-platform"
  case `internal`
  public static let termName = "provider kind"
}

/// What kind of harm a risk describes.
public enum RiskCategory: String, Vocabulary {
  case privacy, security
  case biasFairness = "bias-fairness"
  case accuracyHallucination = "accuracy-hallucination"
  case intellectualProperty = "intellectual-property"
  case harmfulContent = "harmful-content"
  case transparency, regulatory, reliability, misuse
  public static let termName = "risk category"
}

/// Where the handling of a risk stands.
public enum RiskStatus: String, Vocabulary {
  case open, mitigating, mitigated, accepted, closed
  public static let termName = "risk status"
}

/// How a mitigation works.
public enum MitigationKind: String, Vocabulary {
  case technical, process, contractual
  public static let termName = "mitigation kind"
}

/// How far a mitigation has got.
public enum MitigationStatus: String, Vocabulary {
  case planned
  case inProgress = "in-progress"
  case implemented, verified
  public static let termName = "mitigation status"

  /// Implemented or verified: in place, not just intended.
  public var isInPlace: Bool { self == .implemented || self == .verified }
}

/// A review discipline: the five functions that sign off on a feature.
public enum Discipline: String, Vocabulary, Comparable {
  case product, engineering, legal, privacy, security
  public static let termName = "discipline"

  public static func < (lhs: Discipline, rhs: Discipline) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// A risk's level, from its likelihood x impact score.
public enum RiskLevel: String, Vocabulary, Comparable {
  case low, medium, high, critical
  public static let termName = "risk level"

  /// The lowest score at this level: 1-4 low, 5-9 medium, 10-16 high, 20-25 critical.
  public var minimumScore: Int {
    switch self {
    case .low: 1
    case .medium: 5
    case .high: 10
    case .critical: 20
    }
  }

  /// The level of a likelihood x impact score: the highest whose minimum it reaches.
  public init(score: Int) {
    self = Self.allCases.last { score >= $0.minimumScore } ?? .low
  }

  public static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}
