/// The quarterly governance review: the inventory as it stood at the quarter's end (or now, while
/// the quarter runs), what happened in the quarter, where reviews, risks and providers stand, and
/// what `aigov check` finds. Built from the audit trail up to that moment and nothing later, so the
/// report of a past quarter can be built again, byte for byte, however the inventory has moved on.
public struct QuarterlyReport: Codable, Equatable, Sendable {
  /// `2026-Q3`.
  public var quarter: String
  public var firstDay: String
  public var lastDay: String
  /// The moment the report describes: the quarter's last second, or the time it was built while
  /// the quarter runs.
  public var asOf: String
  /// False while the quarter is still running.
  public var quarterEnded: Bool
  public var generatedAt: String
  public var toolVersion: String
  public var schemaVersion: Int
  /// The audit events the report reflects: the first `events` of the trail, ending in `head`.
  public var trail: TrailPosition
  /// The last meeting before the quarter, and where its actions stand: the report opens with it.
  public var lastMeeting: LastMeeting?
  /// What the governance lead must decide, drawn from the sections below.
  public var needsDecision: NeedsDecision
  public var summary: Summary
  public var activity: Activity
  public var signOffMatrix: SignOffMatrix
  public var reviewSchedule: ReviewSchedule
  public var risks: RiskRegister
  /// Every provider, by name, with the live features that send it data.
  public var providers: [ProviderEntry]
  /// Each monitoring plan of a live feature, with its results in the quarter.
  public var monitoring: [MonitoringEntry]
  /// The incidents open at some moment of the quarter.
  public var incidents: IncidentSection
  /// `aigov check` as of `asOf`.
  public var check: CheckReport
  /// Each framework the company assesses as of `asOf`, with its standing then and at the
  /// quarter's start.
  public var frameworks: [FrameworkCoverage] = []
  /// The quarter's figures beside those of up to three quarters before it, oldest first.
  public var trends: [QuarterFigures] = []
  /// What changed on the public page between the quarter's start and the report's moment; nil
  /// when the trail cannot rebuild the start.
  public var publicPageChanges: [PublicDisclosureChanges.Change]?

  /// How a framework stood at the quarter's end and at its start.
  public struct FrameworkCoverage: Codable, Equatable, Sendable {
    public var framework: String
    public var title: String
    /// `company`, or `feature` for one assessed for each live feature.
    public var assessed: String
    public var counts: StatusCounts
    /// At the quarter's start; nil when it was not assessed then.
    public var previous: StatusCounts?
  }

  enum CodingKeys: String, CodingKey {
    case quarter
    case firstDay = "first_day"
    case lastDay = "last_day"
    case asOf = "as_of"
    case quarterEnded = "quarter_ended"
    case generatedAt = "generated_at"
    case toolVersion = "tool_version"
    case schemaVersion = "schema_version"
    case trail
    case lastMeeting = "last_meeting"
    case needsDecision = "needs_decision"
    case summary, activity
    case signOffMatrix = "signoff_matrix"
    case reviewSchedule = "review_schedule"
    case risks, providers, monitoring, incidents, check, frameworks, trends
    case publicPageChanges = "public_page_changes"
  }

  /// Periodic reviews overdue, `check` errors, high or critical risks without a mitigation in
  /// place, open incidents and monitoring whose latest result failed, as of the report's moment.
  public struct NeedsDecision: Codable, Equatable, Sendable {
    /// One entry per item, the costliest to leave first, with whose it is and what is asked.
    public var items: [DecisionItem]
    public var overdueReviews: [ReviewDue]
    public var checkErrors: [Finding]
    public var unmitigatedRisks: [RiskEntry]
    public var openIncidents: [IncidentEntry]
    public var failedMonitoring: [MonitoringEntry]

    enum CodingKeys: String, CodingKey {
      case items
      case overdueReviews = "overdue_reviews"
      case checkErrors = "check_errors"
      case unmitigatedRisks = "unmitigated_risks"
      case openIncidents = "open_incidents"
      case failedMonitoring = "failed_monitoring"
    }

    public var isEmpty: Bool {
      overdueReviews.isEmpty && checkErrors.isEmpty && unmitigatedRisks.isEmpty
        && openIncidents.isEmpty && failedMonitoring.isEmpty
    }
  }

  public struct TrailPosition: Codable, Equatable, Sendable {
    public var events: Int
    /// The hash of the last of them; nil for an empty trail.
    public var head: String?
  }

  // MARK: Summary

  /// The inventory at `asOf` against the previous quarter's end.
  public struct Summary: Codable, Equatable, Sendable {
    /// Every feature recorded, retired ones included.
    public var features: Tally
    /// Every status, in lifecycle order.
    public var byStatus: [Tally]
    /// Live features (every status but retired) by category.
    public var byCategory: [Tally]
    /// Live features by how customer data trains our models.
    public var byTrainingUse: [Tally]
    /// Live features by who they are for.
    public var byAudience: [Tally]

    enum CodingKeys: String, CodingKey {
      case features
      case byStatus = "by_status"
      case byCategory = "by_category"
      case byTrainingUse = "by_training_use"
      case byAudience = "by_audience"
    }
  }

  /// A count now, then, and the change. `previous` is nil when the trail cannot rebuild the
  /// previous quarter's end (it was recorded by schema version 1).
  public struct Tally: Codable, Equatable, Sendable {
    public var term: String
    public var count: Int
    public var previous: Int?

    public var change: Int? { previous.map { count - $0 } }

    enum CodingKeys: String, CodingKey {
      case term, count, previous, change
    }

    public init(term: String, count: Int, previous: Int?) {
      self.term = term
      self.count = count
      self.previous = previous
    }

    public init(from decoder: any Decoder) throws {
      let values = try decoder.container(keyedBy: CodingKeys.self)
      term = try values.decode(String.self, forKey: .term)
      count = try values.decode(Int.self, forKey: .count)
      previous = try values.decodeIfPresent(Int.self, forKey: .previous)
    }

    public func encode(to encoder: any Encoder) throws {
      var values = encoder.container(keyedBy: CodingKeys.self)
      try values.encode(term, forKey: .term)
      try values.encode(count, forKey: .count)
      try values.encodeIfPresent(previous, forKey: .previous)
      try values.encodeIfPresent(change, forKey: .change)
    }
  }

  // MARK: Activity

  /// What the audit trail records in the quarter (up to `asOf`), each list in the order it
  /// happened.
  public struct Activity: Codable, Equatable, Sendable {
    public var featuresAdded: [FeatureEvent]
    /// Features whose material content (what a review approves) differs between the quarter's
    /// start and `asOf`, with what differs. Features added in the quarter are not listed.
    public var materialChanges: [MaterialChange]
    /// Moves to launched, suspended or retired.
    public var statusChanges: [StatusChange]
    /// Review rounds opened and closed (approved, rejected, voided, withdrawn).
    public var reviewRounds: [RoundEvent]
    public var signOffs: [SignOffEvent]
    public var providersAdded: [ProviderEvent]
    /// Provider edits that changed contract terms: the DPA or its day, the no-training term,
    /// retention, the platform it is reached through, the subprocessor listing or the kind.
    public var providerTermChanges: [ProviderEvent]

    enum CodingKeys: String, CodingKey {
      case featuresAdded = "features_added"
      case materialChanges = "material_changes"
      case statusChanges = "status_changes"
      case reviewRounds = "review_rounds"
      case signOffs = "signoffs"
      case providersAdded = "providers_added"
      case providerTermChanges = "provider_term_changes"
    }
  }

  public struct FeatureEvent: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    public var at: String
    public var by: String
  }

  public struct MaterialChange: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    /// In words: `category`, `provider gemini`, `risk 3`.
    public var changed: [String]
  }

  public struct StatusChange: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    public var from: FeatureStatus
    public var to: FeatureStatus
    public var reason: String?
    public var at: String
    public var by: String
  }

  public struct RoundEvent: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    public var round: Int
    public var kind: RoundKind
    /// `open` when it was opened; otherwise how it closed.
    public var status: RoundStatus
    public var reason: String?
    public var at: String
    public var by: String
  }

  public struct SignOffEvent: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    public var round: Int
    public var discipline: Discipline
    public var decision: Decision
    public var reviewer: String
    /// Why, for a reject or changes requested; what the reviewer added to an approval.
    public var comment: String
    public var signed: Bool
    public var at: String
  }

  public struct ProviderEvent: Codable, Equatable, Sendable {
    public var provider: String
    public var name: String
    /// For a change of terms: which (`DPA`, `DPA day`, `no-training term`, `retention`,
    /// `platform`, `subprocessor listing`, `kind`); empty when the provider was added.
    public var changed: [String]
    public var at: String
    public var by: String
  }

  // MARK: Reviews

  /// Live features against every discipline: each cell the latest decision in the feature's
  /// latest round.
  public struct SignOffMatrix: Codable, Equatable, Sendable {
    public var disciplines: [Discipline]
    /// By feature key.
    public var rows: [MatrixRow]
  }

  public struct MatrixRow: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    public var status: FeatureStatus
    /// The latest round's number and status; nil before the first review.
    public var round: Int?
    public var roundStatus: RoundStatus?
    /// One per discipline of the matrix, in its order.
    public var cells: [MatrixCell]
    /// Whether the feature holds an approval of what it is now.
    public var approvalInForce: Bool
    /// The round whose approval it holds (which need not be the latest: a round withdrawn when
    /// the feature was suspended leaves the approval before it in force).
    public var approvalRound: Int?

    enum CodingKeys: String, CodingKey {
      case feature, name, status, round
      case roundStatus = "round_status"
      case cells
      case approvalInForce = "approval_in_force"
      case approvalRound = "approval_round"
    }
  }

  public enum MatrixCell: String, Codable, Sendable {
    case approve, reject
    case changesRequested = "changes-requested"
    /// Required and not yet decided.
    case pending
    /// Not required by the round (or by the settings, before the first round).
    case notRequired = "not-required"
  }

  /// Periodic reviews of approved and launched features.
  public struct ReviewSchedule: Codable, Equatable, Sendable {
    /// Due on or before `asOf`, most overdue first.
    public var overdue: [ReviewDue]
    /// Falling due after `asOf` and by `dueBy`, soonest first.
    public var dueSoon: [ReviewDue]
    /// The last day of the next quarter.
    public var dueBy: String

    enum CodingKeys: String, CodingKey {
      case overdue
      case dueSoon = "due_soon"
      case dueBy = "due_by"
    }
  }

  public struct ReviewDue: Codable, Equatable, Sendable {
    public var feature: String
    public var name: String
    public var status: FeatureStatus
    /// Nil when it was never reviewed.
    public var lastReviewed: String?
    /// The day it falls due; nil when it was never reviewed (due at once).
    public var due: String?
    public var intervalDays: Int

    enum CodingKeys: String, CodingKey {
      case feature, name, status
      case lastReviewed = "last_reviewed"
      case due
      case intervalDays = "interval_days"
    }
  }

  // MARK: Risks

  /// The risks of live features that are not closed.
  public struct RiskRegister: Codable, Equatable, Sendable {
    public var count: Int
    /// `inherent[likelihood - 1][impact - 1]` risks at that likelihood and impact.
    public var inherent: [[Int]]
    /// The same for the residual assessment, of the risks that have one.
    public var residual: [[Int]]
    /// Risks without a residual assessment.
    public var residualUnassessed: Int
    /// The ten highest by inherent score (then residual score, then number).
    public var highest: [RiskEntry]
    /// Every high or critical risk without an implemented or verified mitigation.
    public var unmitigated: [RiskEntry]

    enum CodingKeys: String, CodingKey {
      case count, inherent, residual
      case residualUnassessed = "residual_unassessed"
      case highest, unmitigated
    }
  }

  public struct RiskEntry: Codable, Equatable, Sendable {
    public var id: Int
    public var feature: String
    public var featureName: String
    public var title: String
    public var category: RiskCategory
    public var status: RiskStatus
    public var likelihood: Int
    public var impact: Int
    public var score: Int
    public var level: RiskLevel
    public var residualScore: Int?
    public var mitigations: Int
    /// Implemented or verified.
    public var mitigationsInPlace: Int

    enum CodingKeys: String, CodingKey {
      case id, feature
      case featureName = "feature_name"
      case title, category, status, likelihood, impact, score, level
      case residualScore = "residual_score"
      case mitigations
      case mitigationsInPlace = "mitigations_in_place"
    }
  }

  // MARK: Providers

  public struct ProviderEntry: Codable, Equatable, Sendable {
    public var key: String
    public var name: String
    public var kind: ProviderKind
    public var subprocessorListed: Bool
    public var dpa: DPAStatus
    public var dpaSignedOn: String?
    public var noTraining: Bool
    public var retentionDays: Int?
    public var regions: String
    /// The key of the platform it is reached through.
    public var servedThrough: String?
    /// Keys of the live features that send it data.
    public var features: [String]

    enum CodingKeys: String, CodingKey {
      case key, name, kind
      case subprocessorListed = "subprocessor_listed"
      case dpa
      case dpaSignedOn = "dpa_signed_on"
      case noTraining = "no_training"
      case retentionDays = "retention_days"
      case regions
      case servedThrough = "served_through"
      case features
    }
  }
}
