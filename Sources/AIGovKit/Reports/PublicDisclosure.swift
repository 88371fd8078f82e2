/// What customers are told about the AI they meet: the launched customer-facing features by
/// category, what data each uses, whether a person reviews its output, how customers control it,
/// which third parties process its inputs and on what terms; and the AI subprocessors. Generated
/// from the inventory so the published page cannot drift from it. Nothing internal: no owners, no
/// risks, no reviewers.
public struct PublicDisclosure: Codable, Equatable, Sendable {
  /// When it was generated (the injected clock).
  public var generatedAt: String
  /// In the order agentic, predictive, generative, automation; only categories with a feature.
  public var sections: [Section]
  /// Third-party providers on the published subprocessor list, by name.
  public var subprocessors: [Subprocessor]

  public struct Section: Codable, Equatable, Sendable {
    public var category: FeatureCategory
    /// By name.
    public var features: [DisclosedFeature]
  }

  public struct DisclosedFeature: Codable, Equatable, Sendable {
    public var name: String
    /// What it does: the feature's purpose.
    public var purpose: String
    public var processingMode: ProcessingMode
    /// For aggregated features: the smallest group an aggregate describes.
    public var minAggregationSize: Int?
    public var humanOversight: HumanOversight
    public var customerControl: CustomerControl
    /// Whether customer data trains the company's own models.
    public var trainsModels: Bool
    /// The third parties that process its inputs, by name.
    public var providers: [ProviderTerms]

    enum CodingKeys: String, CodingKey {
      case name, purpose
      case processingMode = "processing_mode"
      case minAggregationSize = "min_aggregation_size"
      case humanOversight = "human_oversight"
      case customerControl = "customer_control"
      case trainsModels = "trains_models"
      case providers
    }
  }

  /// A third party's name and what its contract lets it do with the data.
  public struct ProviderTerms: Codable, Equatable, Sendable {
    public var name: String
    /// Contractually barred from training on the data.
    public var noTraining: Bool
    /// How long it keeps the data: 0 is zero retention, nil is not confirmed.
    public var retentionDays: Int?

    enum CodingKeys: String, CodingKey {
      case name
      case noTraining = "no_training"
      case retentionDays = "retention_days"
    }
  }

  public struct Subprocessor: Codable, Equatable, Sendable {
    public var name: String
    public var regions: String
    public var terms: ProviderTerms
  }

  enum CodingKeys: String, CodingKey {
    case generatedAt = "generated_at"
    case sections, subprocessors
  }
}

extension Registry {
  /// The public AI disclosure as the inventory stands now.
  public func publicDisclosure() throws -> PublicDisclosure {
    var byCategory: [FeatureCategory: [PublicDisclosure.DisclosedFeature]] = [:]
    for feature in try features(FeatureFilter(status: .launched)) where feature.customerFacing {
      let providers = try featureRecord(feature.key).providers.map(\.provider)
        .filter { $0.kind != .internal }
      var seen: Set<String> = []
      byCategory[feature.category, default: []].append(
        PublicDisclosure.DisclosedFeature(
          name: feature.name, purpose: feature.purpose, processingMode: feature.processingMode,
          minAggregationSize: feature.minAggregationSize, humanOversight: feature.humanOversight,
          customerControl: feature.customerControl, trainsModels: feature.trainsModels,
          providers: providers.filter { seen.insert($0.key).inserted }.map(Self.terms)
            .sorted { byName($0.name, $1.name) }))
    }
    return PublicDisclosure(
      generatedAt: now,
      sections: FeatureCategory.allCases.compactMap { category in
        byCategory[category].map {
          PublicDisclosure.Section(
            category: category, features: $0.sorted { byName($0.name, $1.name) })
        }
      },
      subprocessors: try providers().filter { $0.subprocessorListed && $0.kind != .internal }
        .map {
          PublicDisclosure.Subprocessor(name: $0.name, regions: $0.regions, terms: Self.terms($0))
        }.sorted { byName($0.name, $1.name) })
  }

  private static func terms(_ provider: Provider) -> PublicDisclosure.ProviderTerms {
    PublicDisclosure.ProviderTerms(
      name: provider.name, noTraining: provider.noTraining, retentionDays: provider.retentionDays)
  }
}

/// Names in the order a reader expects (case aside), the same on every machine.
private func byName(_ lhs: String, _ rhs: String) -> Bool {
  (lhs.lowercased(), lhs) < (rhs.lowercased(), rhs)
}
