#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The built-in sample: a marketing platform's published AI features with their providers, risks,
/// mitigations and reviewers, and a dated year of governance: features proposed, reviewed,
/// launched, changed, suspended and retired across 2026.
///
/// `aigov demo` replays it through the ordinary registry operations, each step as the person who
/// took it and at the time it was taken (through the injected clock), so the audit trail is the
/// same as if those people had typed every command on those days. The same cut-off time always
/// gives the same database and the same chain head.
public struct SampleInventory: Decodable, Sendable {
  public var providers: [SampleProvider]
  public var reviewers: [SampleReviewer]
  public var features: [SampleFeature]
  public var history: [SampleStep]
  public var monitoring: [SampleMonitoringPlan]
  public var incidents: [SampleIncident]
  public var controls: [SampleControl]
  public var exceptions: [SampleException]
  public var evidence: [SampleEvidence]
  public var applicability: [SampleApplicability]

  enum CodingKeys: String, CodingKey {
    case providers, reviewers, features, history, monitoring, incidents, controls, exceptions
    case evidence, applicability
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    providers = try values.decode([SampleProvider].self, forKey: .providers)
    reviewers = try values.decode([SampleReviewer].self, forKey: .reviewers)
    features = try values.decode([SampleFeature].self, forKey: .features)
    history = try values.decode([SampleStep].self, forKey: .history)
    monitoring = try values.decodeIfPresent([SampleMonitoringPlan].self, forKey: .monitoring) ?? []
    incidents = try values.decodeIfPresent([SampleIncident].self, forKey: .incidents) ?? []
    controls = try values.decodeIfPresent([SampleControl].self, forKey: .controls) ?? []
    exceptions = try values.decodeIfPresent([SampleException].self, forKey: .exceptions) ?? []
    evidence = try values.decodeIfPresent([SampleEvidence].self, forKey: .evidence) ?? []
    applicability =
      try values.decodeIfPresent([SampleApplicability].self, forKey: .applicability) ?? []
  }

  /// The sample compiled into the binary from `Fixtures/sample-inventory.json`.
  public static func builtIn() throws -> SampleInventory {
    try JSONDecoder().decode(
      SampleInventory.self, from: Data(PackageResources.sample_inventory_json))
  }

  /// The governance lead of the sample, who registers providers and opens reviews.
  static let governanceLead = "dana"

  /// Replays every step up to `cutoff` into the database, in one transaction; returns how many
  /// steps were replayed.
  @discardableResult
  public func load(into database: Database, until cutoff: Date) throws -> Int {
    let clock = ReplayClock()
    var steps = providers.map { provider in
      TimedStep(at: provider.added, actor: Self.governanceLead) { registry, _ in
        try registry.addProvider(provider.draft)
      }
    }
    steps += reviewers.map { reviewer in
      TimedStep(at: reviewer.added, actor: Self.governanceLead) { registry, _ in
        try registry.addReviewer(
          handle: reviewer.handle, name: reviewer.name, email: reviewer.email,
          disciplines: reviewer.disciplines,
          publicKey: try SampleKeys.key(for: reviewer.handle)?.publicKey)
      }
    }
    steps += features.map { sample in
      TimedStep(at: sample.proposed, actor: sample.draft.owner) { registry, mitigations in
        try sample.add(to: registry, mitigations: &mitigations)
      }
    }
    steps += history.map { step in
      TimedStep(at: step.at, actor: step.actor ?? Self.governanceLead) { registry, mitigations in
        try step.replay(into: registry, mitigations: mitigations)
      }
    }
    for plan in monitoring {
      steps.append(
        TimedStep(at: plan.planned, actor: Self.governanceLead) { registry, _ in
          try registry.addMonitoringPlan(featureKey: plan.feature, plan.draft)
        })
      steps += plan.results.map { result in
        TimedStep(at: result.at, actor: plan.recordedBy) { registry, _ in
          try registry.recordMonitoringResult(
            featureKey: plan.feature, metric: plan.draft.metric, value: result.value,
            passed: result.passed, measuredAt: nil, note: result.note ?? "")
        }
      }
    }
    for incident in incidents {
      let reference = incident.draft.reference
      steps.append(
        TimedStep(at: incident.opened, actor: incident.openedBy) { registry, _ in
          try registry.openIncident(incident.resolved(in: registry))
        })
      if let reported = incident.breachReported {
        steps.append(
          TimedStep(at: reported, actor: incident.openedBy) { registry, _ in
            try registry.updateIncident(reference) { $0.breachReportedAt = reported }
          })
      }
      if let reported = incident.authorityReported {
        steps.append(
          TimedStep(at: reported, actor: incident.openedBy) { registry, _ in
            try registry.updateIncident(reference) { $0.authorityReportedAt = reported }
          })
      }
      if let closing = incident.closed {
        steps.append(
          TimedStep(at: closing.at, actor: closing.by) { registry, _ in
            try registry.closeIncident(
              reference, cause: closing.cause, correctiveAction: closing.correctiveAction)
          })
      }
    }
    steps += controls.map { control in
      TimedStep(at: control.added, actor: Self.governanceLead) { registry, _ in
        try registry.addControl(control.draft)
      }
    }
    steps += applicability.map { decision in
      TimedStep(at: decision.at, actor: decision.by) { registry, _ in
        try registry.decideApplicability(
          framework: decision.framework, requirement: decision.requirement,
          featureKey: decision.feature, applicable: false,
          justification: decision.justification)
      }
    }
    steps += exceptions.map { exception in
      TimedStep(at: exception.at, actor: exception.by) { registry, _ in
        try registry.acceptException(exception.draft, key: try SampleKeys.key(for: exception.by))
      }
    }
    for item in evidence {
      steps.append(
        TimedStep(at: item.added, actor: item.by) { registry, _ in
          let recorded = try registry.addEvidence(item.draft)
          for reviewer in item.attestedBy {
            try registry.acting(as: reviewer).attestEvidence(
              recorded.id, key: try SampleKeys.key(for: reviewer))
          }
        })
    }
    // Stable: at the same time, providers, reviewers and features come before the history.
    let ordered = steps.enumerated().sorted {
      ($0.element.at, $0.offset) < ($1.element.at, $1.offset)
    }
    .map(\.element).filter { $0.at <= cutoff }
    var mitigations: [String: Int] = [:]
    try database.transaction {
      for step in ordered {
        clock.time = step.at
        let registry = Registry(database: database, actor: step.actor, clock: { clock.time })
        try step.run(registry, &mitigations)
      }
    }
    return ordered.count
  }

  /// Builds a new database at `path` holding the sample as it stood at `clock()`, and returns its
  /// overview.
  ///
  /// The database is built beside `path` and moved into place only when complete, so a failure
  /// leaves no half-built file, and an existing file is kept unless `replacing` is true.
  public func build(at path: String, replacing: Bool, clock: @escaping () -> Date) throws
    -> InventoryOverview
  {
    try StagedDatabase(for: path).build(replacing: replacing) { staging in
      let registry = try Registry.open(
        path: staging, create: true, actor: Self.governanceLead, clock: clock)
      try load(into: registry.database, until: clock())
      return (try registry.overview(), keep: true)
    }  // the registry closes before the move, folding the WAL back into the file
  }
}

/// The one clock of a replay, moved forward step by step.
private final class ReplayClock {
  var time = Date(timeIntervalSince1970: 0)
}

/// One thing that happens in the sample's year, at a time, done by a person.
private struct TimedStep {
  var at: Date
  var actor: String
  var run: (Registry, inout [String: Int]) throws -> Void

  init(at: String, actor: String, run: @escaping (Registry, inout [String: Int]) throws -> Void) {
    // The fixture's times are checked by the tests; a malformed one sorts first and fails loudly.
    self.at = Timestamp.parse(at) ?? .distantPast
    self.actor = actor
    self.run = run
  }
}

/// The sample reviewers' signing keys, kept in `Fixtures/sample-keys/` and published there: sample
/// keys, never to be used for real sign-offs.
enum SampleKeys {
  static func key(for handle: String) throws -> SigningKey? {
    let pem: [UInt8]? =
      switch handle {
      case "elena": PackageResources.elena_key_pem
      case "aisha": PackageResources.aisha_key_pem
      case "jordan": PackageResources.jordan_key_pem
      default: nil
      }
    return try pem.map { try SigningKey(pem: String(decoding: $0, as: UTF8.self)) }
  }
}

/// A provider of the sample, and when it was registered.
public struct SampleProvider: Decodable, Sendable {
  public var draft: ProviderDraft
  public var added: String

  enum CodingKeys: String, CodingKey {
    case added
  }

  public init(from decoder: any Decoder) throws {
    draft = try ProviderDraft(from: decoder)
    added = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .added)
  }
}

/// A reviewer of the sample, and when they were registered.
public struct SampleReviewer: Decodable, Sendable {
  public var handle: String
  public var name: String
  public var email: String
  public var disciplines: [Discipline]
  public var added: String
}

/// A feature of the sample, with what it uses and what could go wrong.
public struct SampleFeature: Decodable, Sendable {
  public var draft: FeatureDraft
  /// When its owner proposed it.
  public var proposed: String
  public var providers: [SampleProviderUse]
  public var risks: [SampleRisk]

  enum CodingKeys: String, CodingKey {
    case proposed, providers, risks
  }

  public init(from decoder: any Decoder) throws {
    draft = try FeatureDraft(from: decoder)
    let values = try decoder.container(keyedBy: CodingKeys.self)
    proposed = try values.decode(String.self, forKey: .proposed)
    providers = try values.decodeIfPresent([SampleProviderUse].self, forKey: .providers) ?? []
    risks = try values.decodeIfPresent([SampleRisk].self, forKey: .risks) ?? []
  }

  /// Registers the feature with its providers, risks and mitigations; remembers the mitigations
  /// that the history refers to.
  func add(to registry: Registry, mitigations refs: inout [String: Int]) throws {
    try registry.addFeature(draft)
    for use in providers {
      try registry.linkProvider(
        featureKey: draft.key, providerKey: use.provider, model: use.model ?? "",
        purpose: use.purpose ?? "")
    }
    for sampleRisk in risks {
      let risk = try registry.addRisk(featureKey: draft.key, sampleRisk.draft)
      for mitigation in sampleRisk.mitigations {
        let added = try registry.addMitigation(riskID: risk.id, mitigation.draft)
        if let ref = mitigation.ref { refs[ref] = added.id }
      }
    }
  }
}

/// A feature's use of a provider in the sample.
public struct SampleProviderUse: Decodable, Sendable {
  public var provider: String
  public var model: String?
  public var purpose: String?
}

/// A risk of the sample with its mitigations.
public struct SampleRisk: Decodable, Sendable {
  public var draft: RiskDraft
  public var mitigations: [SampleMitigation]

  enum CodingKeys: String, CodingKey {
    case title, description, category, likelihood, impact, status, owner
    case residualLikelihood = "residual_likelihood"
    case residualImpact = "residual_impact"
    case mitigations, taxonomy
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    draft = RiskDraft(
      title: try values.decode(String.self, forKey: .title),
      category: try values.decode(RiskCategory.self, forKey: .category),
      likelihood: try values.decode(Int.self, forKey: .likelihood),
      impact: try values.decode(Int.self, forKey: .impact),
      owner: try values.decode(String.self, forKey: .owner))
    draft.description = try values.decodeIfPresent(String.self, forKey: .description) ?? ""
    draft.status = try values.decodeIfPresent(RiskStatus.self, forKey: .status) ?? .open
    draft.residualLikelihood = try values.decodeIfPresent(Int.self, forKey: .residualLikelihood)
    draft.residualImpact = try values.decodeIfPresent(Int.self, forKey: .residualImpact)
    draft.taxonomy = try values.decodeIfPresent(String.self, forKey: .taxonomy)
    mitigations = try values.decodeIfPresent([SampleMitigation].self, forKey: .mitigations) ?? []
  }
}

/// A mitigation of the sample.
public struct SampleMitigation: Decodable, Sendable {
  public var draft: MitigationDraft
  /// A name the history uses to refer to the mitigation.
  public var ref: String?

  enum CodingKeys: String, CodingKey {
    case title, description, kind, status, evidence, owner, ref
    case dueOn = "due_on"
    case publicStatement = "public_statement"
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    draft = MitigationDraft(
      title: try values.decode(String.self, forKey: .title),
      kind: try values.decode(MitigationKind.self, forKey: .kind),
      owner: try values.decode(String.self, forKey: .owner))
    draft.description = try values.decodeIfPresent(String.self, forKey: .description) ?? ""
    draft.status = try values.decodeIfPresent(MitigationStatus.self, forKey: .status) ?? .planned
    draft.evidence = try values.decodeIfPresent(String.self, forKey: .evidence)
    draft.dueOn = try values.decodeIfPresent(String.self, forKey: .dueOn)
    draft.publicStatement = try values.decodeIfPresent(String.self, forKey: .publicStatement)
    ref = try values.decodeIfPresent(String.self, forKey: .ref)
  }
}
