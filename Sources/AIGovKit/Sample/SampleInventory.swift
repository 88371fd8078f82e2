import Foundation

/// The built-in sample: a marketing platform's published AI features with their providers, risks,
/// mitigations and reviewers. `aigov demo` loads it through the ordinary registry operations, so
/// the audit trail it leaves is the same as if a person had typed every command.
public struct SampleInventory: Decodable, Sendable {
  public var providers: [ProviderDraft]
  public var reviewers: [SampleReviewer]
  public var features: [SampleFeature]

  /// The sample compiled into the binary from `Fixtures/sample-inventory.json`.
  public static func builtIn() throws -> SampleInventory {
    try JSONDecoder().decode(
      SampleInventory.self, from: Data(PackageResources.sample_inventory_json))
  }

  /// Adds every record of the sample to `registry`, in one transaction.
  public func load(into registry: Registry) throws {
    try registry.database.transaction {
      for provider in providers { try registry.addProvider(provider) }
      for reviewer in reviewers {
        try registry.addReviewer(
          handle: reviewer.handle, name: reviewer.name, email: reviewer.email,
          disciplines: reviewer.disciplines)
      }
      for sample in features {
        try registry.addFeature(sample.draft)
        for use in sample.providers {
          try registry.linkProvider(
            featureKey: sample.draft.key, providerKey: use.provider, model: use.model ?? "",
            purpose: use.purpose ?? "")
        }
        for sampleRisk in sample.risks {
          let risk = try registry.addRisk(featureKey: sample.draft.key, sampleRisk.draft)
          for mitigation in sampleRisk.mitigations {
            try registry.addMitigation(riskID: risk.id, mitigation.draft)
          }
        }
      }
    }
  }

  /// Builds a new database at `path` holding the sample and returns its overview.
  ///
  /// The database is built beside `path` and moved into place only when complete, so a failure
  /// leaves no half-built file, and an existing file is kept unless `replacing` is true.
  public func build(
    at path: String, replacing: Bool, actor: String, clock: @escaping () -> Date
  ) throws -> InventoryOverview {
    let files = FileManager.default
    if files.fileExists(atPath: path), !replacing {
      throw AIGovError.fileExists(path: path)
    }
    let staging = path + ".building-\(getpid())"
    let stagingFiles = [staging, staging + "-wal", staging + "-shm"]
    defer { for file in stagingFiles { try? files.removeItem(atPath: file) } }
    let overview: InventoryOverview = try {
      let registry = try Registry.open(path: staging, create: true, actor: actor, clock: clock)
      try load(into: registry)
      return try registry.overview()
    }()  // the registry closes here, folding the WAL back into the file
    for file in [path, path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
      try files.removeItem(atPath: file)
    }
    guard rename(staging, path) == 0 else {
      throw StorageError.cannotCreate(path: path)
    }
    return overview
  }
}

/// A reviewer of the sample.
public struct SampleReviewer: Decodable, Sendable {
  public var handle: String
  public var name: String
  public var email: String
  public var disciplines: [Discipline]
}

/// A feature of the sample, with what it uses and what could go wrong.
public struct SampleFeature: Decodable, Sendable {
  public var draft: FeatureDraft
  public var providers: [SampleProviderUse]
  public var risks: [SampleRisk]

  enum CodingKeys: String, CodingKey {
    case providers, risks
  }

  public init(from decoder: any Decoder) throws {
    draft = try FeatureDraft(from: decoder)
    let values = try decoder.container(keyedBy: CodingKeys.self)
    providers = try values.decodeIfPresent([SampleProviderUse].self, forKey: .providers) ?? []
    risks = try values.decodeIfPresent([SampleRisk].self, forKey: .risks) ?? []
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
    case mitigations
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
    mitigations = try values.decodeIfPresent([SampleMitigation].self, forKey: .mitigations) ?? []
  }
}

/// A mitigation of the sample.
public struct SampleMitigation: Decodable, Sendable {
  public var draft: MitigationDraft

  enum CodingKeys: String, CodingKey {
    case title, description, kind, status, evidence, owner
    case dueOn = "due_on"
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
  }
}
