/// How far a requirement is met, computed from the records and never stored.
public enum RequirementStatus: String, Vocabulary {
  public static let termName = "requirement status"
  /// A mapped control that meets it alone (equal or superset) is in place for the feature, with
  /// current evidence.
  case met
  /// Only part of it is: a mapped control that meets part of it (subset, intersects) holds, or
  /// one that would meet it is in place without current evidence.
  case partlyMet = "partly-met"
  /// Controls are mapped to it, and none is in place for the feature.
  case notMet = "not-met"
  /// Nothing is mapped to it, or what it applies to is not yet known (an unassessed tier).
  case notAssessed = "not-assessed"
  /// It does not apply: by the feature's role, tier, category or Annex III point, or by a
  /// decision with its justification.
  case notApplicable = "not-applicable"

  /// How the status reads in a sentence or a table.
  public var words: String {
    switch self {
    case .met: "met"
    case .partlyMet: "partly met"
    case .notMet: "not met"
    case .notAssessed: "not assessed"
    case .notApplicable: "not applicable"
    }
  }
}

/// One requirement as it stands for the company or one feature.
public struct RequirementStanding: Codable, Equatable, Sendable {
  public var requirement: String
  /// As the source cites it: `Art. 50(1)`.
  public var cited: String
  public var title: String
  public var status: RequirementStatus
  /// Why, in words: the justification of a decision, the condition it does not meet, or what
  /// the mapped controls lack.
  public var why: String
  /// The controls mapped to it, each with its relationship and whether it holds here.
  public var controls: [MappedControl]
  /// The current evidence of the controls that hold, by number.
  public var evidence: [Int]
  /// When it applies from, where the source sets a date.
  public var appliesFrom: String?

  enum CodingKeys: String, CodingKey {
    case requirement, cited, title, status, why, controls, evidence
    case appliesFrom = "applies_from"
  }
}

/// A control mapped to a requirement, and how it stands for the company or one feature.
public struct MappedControl: Codable, Equatable, Sendable {
  /// The control's key; empty for a feature's own mitigation.
  public var control: String
  /// The number of the feature's own mitigation that answers it, instead of a control.
  public var mitigation: Int? = nil
  public var relationship: MappingRelationship
  public var rationale: String
  /// In place, covering the feature (no exception taking it out) and with current evidence.
  public var holds: Bool
  /// Why it does not hold, in words; nil when it does.
  public var gap: String?

  /// `control 'ai-disclosure'`, or `mitigation #12`.
  public var name: String { mitigation.map { "mitigation #\($0)" } ?? "control '\(control)'" }
}

/// How many requirements stand at each status.
public struct StatusCounts: Codable, Equatable, Sendable {
  public var met = 0
  public var partlyMet = 0
  public var notMet = 0
  public var notAssessed = 0
  public var notApplicable = 0

  enum CodingKeys: String, CodingKey {
    case met
    case partlyMet = "partly_met"
    case notMet = "not_met"
    case notAssessed = "not_assessed"
    case notApplicable = "not_applicable"
  }

  init(_ standings: [RequirementStanding]) {
    for standing in standings {
      switch standing.status {
      case .met: met += 1
      case .partlyMet: partlyMet += 1
      case .notMet: notMet += 1
      case .notAssessed: notAssessed += 1
      case .notApplicable: notApplicable += 1
      }
    }
  }

  /// The requirements that apply.
  public var applicable: Int { met + partlyMet + notMet + notAssessed }

  /// `12 of 30 applicable requirements met, 4 partly`.
  public var summary: String {
    "\(met) of \(applicable) applicable requirements met"
      + (partlyMet > 0 ? ", \(partlyMet) partly" : "")
      + (notApplicable > 0 ? "; \(notApplicable) not applicable" : "")
  }
}

/// One feature's standing against a framework assessed feature by feature.
public struct FeatureFrameworkStanding: Codable, Equatable, Sendable {
  public var feature: String
  public var name: String
  public var status: FeatureStatus
  public var role: FeatureRole?
  public var tier: EUAIActTier
  public var annexIII: AnnexIIIPoint?
  public var counts: StatusCounts
  public var requirements: [RequirementStanding]

  enum CodingKeys: String, CodingKey {
    case feature, name, status, role, tier, counts, requirements
    case annexIII = "annex_iii"
  }
}

/// A framework as the company stands against it, requirement by requirement: for the company as a
/// whole, or for each live feature.
public struct FrameworkAssessment: Codable, Equatable, Sendable {
  public var framework: String
  public var title: String
  public var version: String
  public var source: String
  public var licence: String
  public var assessed: Framework.Assessment
  /// For a framework assessed for the company: each requirement.
  public var requirements: [RequirementStanding]
  /// For a framework assessed per feature: each live feature.
  public var features: [FeatureFrameworkStanding]
  /// Every requirement of the company, or of every feature, counted.
  public var counts: StatusCounts
}

extension Framework.Assessment: Codable {}

/// What an assessment reads of the inventory, once for every framework.
struct AssessmentInputs {
  var controls: [Control]
  var standing: ControlStanding
  /// Each control's current evidence, by key.
  var currentEvidence: [String: [Evidence]]
  /// The latest decision on each requirement, by framework, requirement and feature ("" for the
  /// company).
  var decisions: [String: ApplicabilityDecision]
  var features: [FeatureRecord]
  /// Each mitigation's mappings, by its number.
  var mitigationMappings: [Int: [MitigationMapping]] = [:]
  /// Each mitigation's current evidence, by its number.
  var mitigationEvidence: [Int: [Evidence]] = [:]

  /// The frameworks the company assesses: those a control is mapped to, or a decision names.
  var assessed: Set<String> {
    Set(
      controls.flatMap { $0.mappings.map(\.framework) } + decisions.values.map(\.framework)
        + mitigationMappings.values.flatMap { $0.map(\.framework) })
  }

  static func decisionKey(_ framework: String, _ requirement: String, _ feature: String?) -> String
  {
    "\(framework)\u{0}\(requirement)\u{0}\(feature ?? "")"
  }
}

extension Registry {
  /// How the company stands against the framework named, or against every framework it
  /// assesses (one with a control mapped to it, or an applicability decision), as of now.
  public func frameworkAssessments(framework key: String? = nil) throws -> [FrameworkAssessment] {
    let named = try key.map { try framework($0) }
    // Nothing assessed: no need to read the inventory.
    if named == nil, try assessedFrameworks().isEmpty { return [] }
    return try database.readTransaction {
      let inputs = try assessmentInputs()
      let chosen =
        try named.map { [$0] } ?? frameworks().filter { inputs.assessed.contains($0.key) }
      return chosen.map { $0.assessment(inputs) }
    }
  }

  func assessmentInputs() throws -> AssessmentInputs {
    let standing = try controlStanding()
    let controls = try controls()
    let evidence = try evidenceByTarget(prefix: "control:")
    var current: [String: [Evidence]] = [:]
    for control in controls {
      current[control.key] = ControlStanding.currentEvidence(
        of: control, evidence["control:\(control.key)"] ?? [], today: standing.today)
    }
    var decisions: [String: ApplicabilityDecision] = [:]
    for decision in try applicabilityDecisions() {
      decisions[
        AssessmentInputs.decisionKey(decision.framework, decision.requirement, decision.featureKey)
      ] = decision
    }
    var features: [FeatureRecord] = []
    try forEachGovernedFeature { features.append($0.record) }
    var inputs = AssessmentInputs(
      controls: controls, standing: standing, currentEvidence: current, decisions: decisions,
      features: features)
    inputs.mitigationMappings = Dictionary(grouping: try mitigationMappings(), by: \.mitigation)
    if !inputs.mitigationMappings.isEmpty {
      for (target, pieces) in try evidenceByTarget(prefix: "mitigation:") {
        guard let id = Int(target.dropFirst("mitigation:".count)) else { continue }
        inputs.mitigationEvidence[id] = pieces.filter { $0.isCurrent(on: standing.today) }
      }
    }
    return inputs
  }
}

extension Framework {
  func assessment(_ inputs: AssessmentInputs) -> FrameworkAssessment {
    let leaves = self.leaves
    var assessment = FrameworkAssessment(
      framework: key, title: title, version: version, source: source, licence: licence,
      assessed: assessed, requirements: [], features: [], counts: StatusCounts([]))
    switch assessed {
    case .company:
      assessment.requirements = leaves.map { standing(of: $0, for: nil, inputs) }
      assessment.counts = StatusCounts(assessment.requirements)
    case .feature:
      assessment.features = inputs.features.map { record in
        let requirements = leaves.map { standing(of: $0, for: record, inputs) }
        return FeatureFrameworkStanding(
          feature: record.feature.key, name: record.feature.name, status: record.feature.status,
          role: record.feature.euAIActRole, tier: record.feature.euAIActTier,
          annexIII: record.feature.annexIII, counts: StatusCounts(requirements),
          requirements: requirements)
      }
      assessment.counts = StatusCounts(assessment.features.flatMap(\.requirements))
    }
    return assessment
  }

  /// How one requirement stands for the company (`record` nil) or one feature.
  func standing(
    of requirement: Requirement, for record: FeatureRecord?, _ inputs: AssessmentInputs
  ) -> RequirementStanding {
    var standing = RequirementStanding(
      requirement: requirement.id, cited: requirement.cited, title: requirement.title,
      status: .notAssessed, why: "", controls: [], evidence: [],
      appliesFrom: requirement.appliesFrom)
    let decision =
      record.flatMap {
        inputs.decisions[AssessmentInputs.decisionKey(key, requirement.id, $0.feature.key)]
      } ?? inputs.decisions[AssessmentInputs.decisionKey(key, requirement.id, nil)]
    if let decision, !decision.applicable {
      standing.status = .notApplicable
      standing.why = decision.justification
      return standing
    }
    if decision == nil, let record {
      if let reason = Self.inapplicability(of: requirement, to: record.feature) {
        standing.status = reason.unknown ? .notAssessed : .notApplicable
        standing.why = reason.words
        return standing
      }
    }
    for control in inputs.controls {
      guard
        let mapping = control.mappings.first(where: {
          $0.framework == key && $0.requirement == requirement.id
        })
      else { continue }
      let gap = Self.gap(of: control, for: record, inputs)
      standing.controls.append(
        MappedControl(
          control: control.key, relationship: mapping.relationship,
          rationale: mapping.rationale, holds: gap == nil, gap: gap))
      if gap == nil {
        standing.evidence += (inputs.currentEvidence[control.key] ?? []).map(\.id)
      }
    }
    // A feature's own mitigations answer it for that feature alone.
    for entry in record?.risks ?? [] {
      for mitigation in entry.mitigations {
        guard
          let mapping = inputs.mitigationMappings[mitigation.id]?.first(where: {
            $0.framework == key && $0.requirement == requirement.id
          })
        else { continue }
        let current = inputs.mitigationEvidence[mitigation.id] ?? []
        let gap =
          !mitigation.status.isInPlace
          ? "is \(mitigation.status.rawValue)" : current.isEmpty ? Self.noCurrentEvidence : nil
        standing.controls.append(
          MappedControl(
            control: "", mitigation: mitigation.id, relationship: mapping.relationship,
            rationale: mapping.rationale, holds: gap == nil, gap: gap))
        if gap == nil { standing.evidence += current.map(\.id) }
      }
    }
    standing.evidence = Array(Set(standing.evidence)).sorted()
    let holding = standing.controls.filter(\.holds)
    if holding.contains(where: { $0.relationship.meetsAlone }) {
      standing.status = .met
      standing.why =
        holding.filter { $0.relationship.meetsAlone }.map(\.name).joined(separator: ", ")
        + " meets it, in place with current evidence"
    } else if let partial = holding.first {
      standing.status = .partlyMet
      standing.why =
        "\(partial.name) meets part of it (\(partial.relationship.rawValue)); "
        + "nothing in place meets all of it"
    } else if let waiting = standing.controls.first(where: { $0.gap == Self.noCurrentEvidence }) {
      standing.status = .partlyMet
      standing.why = "\(waiting.name) is in place but has no current evidence"
    } else if let first = standing.controls.first {
      standing.status = .notMet
      standing.why = "\(first.name) \(first.gap ?? "")"
    } else {
      standing.why = "no control is mapped to it"
    }
    return standing
  }

  static let noCurrentEvidence = "is in place but has no current evidence"

  /// Why a mapped control does not hold for the company or the feature; nil when it does.
  static func gap(of control: Control, for record: FeatureRecord?, _ inputs: AssessmentInputs)
    -> String?
  {
    guard control.status == .inPlace else { return "is \(control.status.rawValue)" }
    if let record {
      guard control.scope.covers(record) else { return "does not cover this feature" }
      if let exception = inputs.standing.exception(
        feature: record.feature.key, control: control.key)
      {
        return "is excepted for this feature until \(exception.until) (exception #\(exception.id))"
      }
    }
    guard !(inputs.currentEvidence[control.key] ?? []).isEmpty else { return noCurrentEvidence }
    return nil
  }

  /// Why a requirement does not apply to a feature by its conditions (or cannot yet be told:
  /// `unknown`); nil when it applies.
  static func inapplicability(of requirement: Requirement, to feature: Feature)
    -> (words: String, unknown: Bool)?
  {
    let conditions = requirement.applicability
    if let roles = conditions.roles, let role = feature.euAIActRole,
      !roles.contains(role.rawValue)
    {
      return (
        "binds the " + roles.joined(separator: " or ") + "; the company is this feature's "
          + role.rawValue, false
      )
    }
    if let roles = conditions.roles, !roles.contains(where: { FeatureRole(rawValue: $0) != nil }) {
      return ("binds the " + roles.joined(separator: " or ") + ", which no feature is", false)
    }
    if let tiers = conditions.tiers {
      if feature.euAIActTier == .unassessed {
        return (
          "applies to \(tiers.map(\.rawValue).joined(separator: " or ")) systems; this "
            + "feature's tier is not assessed", true
        )
      }
      if !tiers.contains(feature.euAIActTier) {
        return (
          "applies to \(tiers.map(\.rawValue).joined(separator: " or ")) systems; this "
            + "feature is \(feature.euAIActTier.rawValue)", false
        )
      }
    }
    if let categories = conditions.categories, !categories.contains(feature.category) {
      return (
        "applies to \(categories.map(\.rawValue).joined(separator: " or ")) features; this "
          + "one is \(feature.category.rawValue)", false
      )
    }
    if let points = conditions.annexIII, !points.contains(feature.annexIII?.rawValue ?? "") {
      return (
        "applies to the uses of Annex III " + points.joined(separator: ", ")
          + (feature.annexIII.map { "; this feature's is \($0.rawValue)" }
            ?? "; this feature names none"),
        false
      )
    }
    return nil
  }
}
