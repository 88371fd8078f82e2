/// A fixed list of terms stored as text, such as the feature categories.
public protocol Vocabulary: RawRepresentable, CaseIterable, Codable, Sendable, Hashable
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

/// Whether a feature uses one customer's data only for that customer, or data across customers.
public enum ProcessingMode: String, Vocabulary {
  case accountOnly = "account-only"
  case aggregated
  public static let termName = "processing mode"
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
  public static let termName = "human oversight"
}

/// How a customer controls whether the feature runs on their data.
public enum CustomerControl: String, Vocabulary {
  case optIn = "opt-in"
  case optOut = "opt-out"
  case alwaysOn = "always-on"
  public static let termName = "customer control"
}

/// The feature's risk tier under the EU AI Act.
public enum EUAIActTier: String, Vocabulary {
  case unassessed, minimal, limited, high, prohibited
  public static let termName = "EU AI Act tier"
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
