/// What a feature is working towards: an approval of what it is now, or its launch.
public enum ReadinessGoal: String, Vocabulary {
  case approval, launch
  public static let termName = "goal"
}

/// What a feature still lacks before it can be approved or launched, from the same rules that
/// `review sign` and `feature set-status` apply.
public struct Readiness: Encodable, Equatable, Sendable {
  public var featureKey: String
  public var featureName: String
  public var status: FeatureStatus
  public var goal: ReadinessGoal
  /// True when nothing is missing: it holds an approval (the approval goal), or it is launched or
  /// may launch now (the launch goal).
  public var isReady: Bool
  /// Each thing missing, in the order to do them.
  public var missing: [MissingStep]
  /// The command that reaches the goal once nothing is missing, when one remains to be run.
  public var next: String?
  /// The round whose approval the feature holds, if any.
  public var approvalInForce: Int?
  /// The number of the review round open now, if any.
  public var openRound: Int?

  enum CodingKeys: String, CodingKey {
    case featureKey = "feature"
    case featureName = "name"
    case status, goal
    case isReady = "ready"
    case missing, next
    case approvalInForce = "approval_in_force"
    case openRound = "open_round"
  }
}

/// One thing a feature lacks, and what would supply it.
public struct MissingStep: Encodable, Equatable, Sendable {
  /// What kind of thing: `status`, `review-round`, `approval` or `mitigation`.
  public var requirement: String
  public var detail: String
  /// The remedy in the command line's words.
  public var fix: String
  public var remedy: Remedy

  init(requirement: String, detail: String, fix remedy: Remedy) {
    self.requirement = requirement
    self.detail = detail
    self.fix = Remedy.commandLine([remedy])
    self.remedy = remedy
  }
}

extension Registry {
  /// What `featureKey` lacks before it holds an approval of what it is now, or before it may be
  /// launched. The launch goal agrees with `feature set-status KEY launched`: it is ready exactly
  /// when that command would launch the feature (or the feature is launched already).
  public func readiness(_ featureKey: String, goal: ReadinessGoal) throws -> Readiness {
    let feature = try feature(featureKey)
    let review = try review(featureKey)
    let settings = try governanceSettings()
    let rounds = review.rounds.map(\.round)
    let approval = Self.approvalInForce(rounds, contentHash: review.contentHash)
    let open = review.rounds.last.flatMap { $0.round.status == .open ? $0 : nil }
    let key = feature.key
    var missing: [MissingStep] = []

    if feature.status == .retired {
      missing.append(
        MissingStep(
          requirement: "status",
          detail: "is retired, which is final: it is never reviewed or launched again",
          fix: Remedy("register what replaces it as a new feature", .addFeature)))
    } else if approval == nil || (goal == .launch && feature.status == .inReview) {
      // No approval of what it is now; or, to launch, the round under way must approve it.
      let required = open?.round.requiredDisciplines ?? settings.requiredDisciplines
      let decisions = open.map { Self.latest($0.signOffs) } ?? [:]
      if open == nil {
        missing.append(
          MissingStep(
            requirement: "review-round", detail: "no review round is open",
            fix: Remedy(.openReview(feature: key))))
      }
      for discipline in required where decisions[discipline]?.decision != .approve {
        let detail =
          if let decision = decisions[discipline] {
            "\(discipline.rawValue) decided \(decision.decision.rawValue) (\(decision.reviewer))"
              + (decision.comment.isEmpty ? "" : ": \(decision.comment)")
          } else {
            "no approval from \(discipline.rawValue) yet"
          }
        missing.append(
          MissingStep(
            requirement: "approval", detail: detail,
            fix: Remedy(
              "a reviewer who holds \(discipline.rawValue) and does not own the feature",
              .signOff(feature: key, discipline))))
      }
    }

    var isReady = approval != nil && feature.status != .retired
    var next: String?
    if goal == .launch, feature.status == .launched {
      isReady = true
    } else if goal == .launch, feature.status != .retired {
      let blocking = try risksBlockingLaunch(key)
      for entry in blocking {
        let risk = entry.risk
        missing.append(
          MissingStep(
            requirement: "mitigation",
            detail: "risk #\(risk.id) '\(risk.title)' (\(risk.level.rawValue), \(risk.score)) "
              + "has no implemented or verified mitigation",
            fix: entry.mitigations.first.map {
              Remedy("finish mitigation #\($0.id)", .completeMitigation($0.id))
            } ?? Remedy(.addMitigation(risk: risk.id))))
      }
      let refusal = GovernanceRules.launchRefusal(
        featureKey: key, status: feature.status, approvalInForce: approval != nil,
        blocking: blocking.map(\.risk))
      isReady = refusal == nil
      if let refusal, missing.isEmpty {
        // Approved content and no blocking risk, yet not launchable from this status.
        missing.append(
          MissingStep(
            requirement: "status", detail: refusal.description,
            fix: Remedy(.openReview(feature: key))))
      }
      if isReady { next = RemedyAction.setStatus(feature: key, .launched).commandLine }
    }
    return Readiness(
      featureKey: key, featureName: feature.name, status: feature.status, goal: goal,
      isReady: isReady, missing: isReady && goal == .approval ? [] : missing, next: next,
      approvalInForce: approval?.number, openRound: open?.round.number)
  }
}
