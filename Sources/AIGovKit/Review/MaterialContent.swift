import Crypto

/// What a review approves: the parts of a feature that change its risk picture. A review round is
/// pinned to the SHA-256 of this content (the content hash); a change to any of it voids the round
/// or the approval, and a change to anything else (descriptions, owners, mitigation progress) does
/// not.
public struct MaterialContent: Equatable, Sendable {
  var category: FeatureCategory
  var processingMode: ProcessingMode
  var purpose: String
  var humanOversight: HumanOversight
  var customerFacing: Bool
  var customerControl: CustomerControl
  var trainsModels: Bool
  var minAggregationSize: Int?
  var euAIActTier: EUAIActTier
  var dataCategories: [DataCategory]
  /// Each provider the feature sends data to, with the model and the contract terms that decide
  /// what the provider may do with the data. Ordered by provider key, then model.
  var providers: [ProviderTerms]
  /// Each risk's number, category, likelihood and impact, by number.
  var risks: [RiskScore]

  struct ProviderTerms: Equatable, Sendable {
    var provider: String
    var model: String
    var kind: ProviderKind
    var dpaSigned: Bool
    var noTraining: Bool
    var retentionDays: Int?
  }

  struct RiskScore: Equatable, Sendable {
    var id: Int
    var category: RiskCategory
    var likelihood: Int
    var impact: Int
  }

  init(
    feature: Feature, providers: [(link: FeatureProviderLink, provider: Provider)], risks: [Risk]
  ) {
    category = feature.category
    processingMode = feature.processingMode
    purpose = feature.purpose
    humanOversight = feature.humanOversight
    customerFacing = feature.customerFacing
    customerControl = feature.customerControl
    trainsModels = feature.trainsModels
    minAggregationSize = feature.minAggregationSize
    euAIActTier = feature.euAIActTier
    dataCategories = feature.dataCategories.sorted()
    self.providers = providers.map { link, provider in
      ProviderTerms(
        provider: provider.key, model: link.model, kind: provider.kind,
        dpaSigned: provider.dpaSignedOn != nil, noTraining: provider.noTraining,
        retentionDays: provider.retentionDays)
    }.sorted { ($0.provider, $0.model) < ($1.provider, $1.model) }
    self.risks = risks.map {
      RiskScore(id: $0.id, category: $0.category, likelihood: $0.likelihood, impact: $0.impact)
    }.sorted { $0.id < $1.id }
  }

  /// The canonical JSON the hash is taken over.
  var canonicalBytes: [UInt8] {
    var object = CanonicalObject()
    object.term("category", category)
    object.term("customer_control", customerControl)
    object.bool("customer_facing", customerFacing)
    object.terms("data_categories", dataCategories)
    object.term("eu_ai_act_tier", euAIActTier)
    object.term("human_oversight", humanOversight)
    object.integer("min_aggregation_size", minAggregationSize)
    object.term("processing_mode", processingMode)
    object.objects("providers", providers) { terms, object in
      object.bool("dpa_signed", terms.dpaSigned)
      object.term("kind", terms.kind)
      object.string("model", terms.model)
      object.bool("no_training", terms.noTraining)
      object.string("provider", terms.provider)
      object.integer("retention_days", terms.retentionDays)
    }
    object.string("purpose", purpose)
    object.objects("risks", risks) { risk, object in
      object.term("category", risk.category)
      object.integer("id", risk.id)
      object.integer("impact", risk.impact)
      object.integer("likelihood", risk.likelihood)
    }
    object.bool("trains_models", trainsModels)
    return object.finish()
  }

  /// SHA-256 of the canonical JSON, in lowercase hex.
  public var hash: String { CanonicalJSON.hex(SHA256.hash(data: canonicalBytes)) }

  /// What differs from `earlier`, in words, e.g. `["category", "risk 3"]`.
  func changes(from earlier: MaterialContent) -> [String] {
    var changed: [String] = []
    func compare<T: Equatable>(_ name: String, _ path: KeyPath<MaterialContent, T>) {
      if self[keyPath: path] != earlier[keyPath: path] { changed.append(name) }
    }
    compare("category", \.category)
    compare("processing mode", \.processingMode)
    compare("purpose", \.purpose)
    compare("human oversight", \.humanOversight)
    compare("customer-facing", \.customerFacing)
    compare("customer control", \.customerControl)
    compare("trains models", \.trainsModels)
    compare("minimum aggregation size", \.minAggregationSize)
    compare("EU AI Act tier", \.euAIActTier)
    compare("data categories", \.dataCategories)
    let providerKeys = Set(providers.map(\.provider) + earlier.providers.map(\.provider)).sorted()
    for key in providerKeys
    where providers.filter({ $0.provider == key })
      != earlier.providers.filter({ $0.provider == key })
    {
      changed.append("provider \(key)")
    }
    let riskIDs = Set(risks.map(\.id) + earlier.risks.map(\.id)).sorted()
    for id in riskIDs
    where risks.first(where: { $0.id == id }) != earlier.risks.first(where: { $0.id == id }) {
      changed.append("risk \(id)")
    }
    return changed
  }
}
