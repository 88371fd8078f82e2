import AIGovKit

/// A feature as a search lists it: what it is, not everything recorded about it (the fields
/// `Feature.fields` marks for a summary).
struct FeatureSummary: Encodable {
  var feature: Feature

  func encode(to encoder: any Encoder) throws { try feature.encodeSummary(to: encoder) }
}

/// A page of a list: how many there are in all, this page's items under `itemsKey`, and where
/// the next page starts.
struct PageAnswer<Item: Encodable>: Encodable {
  var itemsKey: String
  var total: Int
  var items: [Item]
  var nextCursor: String?

  func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try values.encode(total, forKey: FieldKey("total"))
    try values.encode(items, forKey: FieldKey(itemsKey))
    try values.encodeIfPresent(nextCursor, forKey: FieldKey("next_cursor"))
  }
}

/// A feature's whole record with its review and its monitoring: where it stands and every round.
struct FeatureAnswer: Encodable {
  var record: FeatureRecord
  var status: ReviewStatus
  var history: FeatureReview
  var afterLaunch: AfterLaunchRecord

  /// Reads everything the answer holds about the feature `key`.
  init(_ key: String, registry: Registry) throws {
    record = try registry.featureRecord(key)
    status = try registry.reviewStatus(key)[0]
    history = try registry.review(key)
    afterLaunch = try registry.afterLaunch(key)
  }

  enum CodingKeys: String, CodingKey {
    case review, monitoring, incidents
  }

  enum ReviewKeys: String, CodingKey {
    case contentHash = "content_hash"
    case rounds
  }

  func encode(to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    let review = ReviewAnswer(status: status, history: history)
    try values.encode(review, forKey: .review)
    try values.encode(afterLaunch.monitoring, forKey: .monitoring)
    try values.encode(afterLaunch.incidents, forKey: .incidents)
  }

  private struct ReviewAnswer: Encodable {
    var status: ReviewStatus
    var history: FeatureReview

    func encode(to encoder: any Encoder) throws {
      try status.encode(to: encoder)
      var values = encoder.container(keyedBy: ReviewKeys.self)
      try values.encode(history.contentHash, forKey: .contentHash)
      try values.encode(history.rounds, forKey: .rounds)
    }
  }
}

struct ProvidersAnswer: Encodable {
  var providers: [ProviderEntry]
}

/// A provider with its terms, the features it serves, and the providers reached through it.
struct ProviderEntry: Encodable {
  var provider: Provider
  var featureCount: Int
  var features: [ProviderUse]
  var platformFor: [String]

  enum CodingKeys: String, CodingKey {
    case provider
    case featureCount = "feature_count"
    case features
    case platformFor = "platform_for"
  }
}

struct ChangesAnswer: Encodable {
  var from: String
  var until: String
  var total: Int
  var changes: [TrailChange]
  var nextCursor: String?

  enum CodingKeys: String, CodingKey {
    case from, until, total, changes
    case nextCursor = "next_cursor"
  }
}

struct MeetingsAnswer: Encodable {
  var meetings: [MeetingMinutes]
}

struct ControlsAnswer: Encodable {
  var controls: [ControlCoverage]
}

struct FrameworksAnswer: Encodable {
  var frameworks: [FrameworkAssessment]
}

struct CheckAnswer: Encodable {
  var featuresChecked: Int
  var errors: Int
  var warnings: Int
  var total: Int
  var findings: [Finding]
  var nextCursor: String?

  enum CodingKeys: String, CodingKey {
    case featuresChecked = "features_checked"
    case errors, warnings, total, findings
    case nextCursor = "next_cursor"
  }
}

/// What `audit verify` found, with its first problems.
struct VerifyAnswer: Encodable {
  /// How many problems are listed; `problem_count` says how many there are.
  static let shownProblems = 100

  var intact: Bool
  var eventCount: Int
  var headSeq: Int?
  var headHash: String?
  var recordsChecked: Int
  var signOffsChecked: Int
  var signedSignOffs: Int
  var problemCount: Int
  var problems: [String]

  enum CodingKeys: String, CodingKey {
    case intact
    case eventCount = "event_count"
    case headSeq = "head_seq"
    case headHash = "head_hash"
    case recordsChecked = "records_checked"
    case signOffsChecked = "signoffs_checked"
    case signedSignOffs = "signed_signoffs"
    case problemCount = "problem_count"
    case problems
  }
}
