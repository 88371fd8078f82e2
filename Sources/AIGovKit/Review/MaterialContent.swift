import Crypto

/// What a review approves: the parts of a feature that change its risk picture. A review round is
/// pinned to the SHA-256 of this content (the content hash); a change to any of it voids the round
/// or the approval, and a change to anything else (descriptions, owners, mitigation progress, a
/// provider's DPA date or reference, a published statement) does not.
///
/// The canonical form keeps the hash of every feature schema 4 could describe as it was, so that
/// an upgrade voids no approval: the fields schema 4 had are written as schema 4 would have
/// written them (`Schema4Fields`), and each schema 5 fact that says more than they do is written
/// in a field of its own, only then.
public struct MaterialContent: Equatable, Sendable {
  var category: FeatureCategory
  var servingUse: ServingUse
  var trainingUse: TrainingSources
  var minGroupSize: Int?
  var purpose: String
  var humanOversight: HumanOversight
  var audience: Audience
  var finalSay: FinalSay
  var customerControl: CustomerControl
  var euAIActTier: EUAIActTier
  /// The EU AI Act role and Annex III point, written only once stated (so that stating neither
  /// leaves the hash as it was).
  var euAIActRole: FeatureRole?
  var annexIII: AnnexIIIPoint?
  /// How the data is used beyond serving and training, written only once stated: how a model is
  /// adapted to one account, whether the customer enables it, whether the providers are
  /// alternatives, what the account-wide switch does, and what is kept, how long and until when.
  var adaptation: TermSet<Adaptation>?
  var adaptationConsent: AdaptationConsent?
  var providerChoice: ProviderChoice?
  var accountSwitch: AccountSwitch?
  var keptData: TermSet<KeptData>?
  var keptDeletion: TermSet<KeptDeletion>?
  var keptDays: Int?
  /// What schema 4 would have said of the feature.
  private var schema4: Schema4Fields
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
    var dpa: DPAStatus
    var noTraining: Bool
    var retentionDays: Int?
    var servedThrough: String?
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
    servingUse = feature.servingUse
    trainingUse = feature.trainingUse
    minGroupSize = feature.minGroupSize
    purpose = feature.purpose
    humanOversight = feature.humanOversight
    audience = feature.audience
    finalSay = feature.finalSay
    customerControl = feature.customerControl
    schema4 = Schema4Fields(feature)
    euAIActTier = feature.euAIActTier
    euAIActRole = feature.euAIActRole
    annexIII = feature.annexIII
    adaptation = feature.adaptation
    adaptationConsent = feature.adaptationConsent
    providerChoice = feature.providerChoice
    accountSwitch = feature.accountSwitch
    keptData = feature.keptData
    keptDeletion = feature.keptDeletion
    keptDays = feature.keptDays
    dataCategories = feature.dataCategories.sorted()
    self.providers = providers.map { link, provider in
      ProviderTerms(
        provider: provider.key, model: link.model, kind: provider.kind, dpa: provider.dpa,
        noTraining: provider.noTraining, retentionDays: provider.retentionDays,
        servedThrough: provider.servedThrough)
    }.sorted { ($0.provider, $0.model) < ($1.provider, $1.model) }
    self.risks = risks.map {
      RiskScore(id: $0.id, category: $0.category, likelihood: $0.likelihood, impact: $0.impact)
    }.sorted { $0.id < $1.id }
  }

  /// The canonical JSON the hash is taken over.
  var canonicalBytes: [UInt8] {
    /// A schema 5 fact, written only where it says more than schema 4's fields do.
    func beyond<T: Equatable>(_ value: T, _ schema4Value: T) -> T? {
      value == schema4Value ? nil : value
    }
    var object = CanonicalObject()
    object.term("account_switch", accountSwitch)
    object.term("adaptation", adaptation)
    object.term("adaptation_consent", adaptationConsent)
    object.term("annex_iii", annexIII)
    object.term("audience", beyond(audience, schema4.audience))
    object.term("category", category)
    object.term("customer_control", customerControl)
    object.bool("customer_facing", schema4.customerFacing)
    object.terms("data_categories", dataCategories)
    object.term("eu_ai_act_role", euAIActRole)
    object.term("eu_ai_act_tier", euAIActTier)
    object.term("final_say", beyond(finalSay, Schema4Fields.finalSay(humanOversight)))
    object.term("human_oversight", humanOversight)
    object.term("kept_data", keptData)
    object.integer("kept_days", keptDays)
    object.term("kept_deletion", keptDeletion)
    object.integer("min_aggregation_size", schema4.minAggregationSize)
    object.string("processing_mode", schema4.aggregated ? "aggregated" : "account-only")
    object.term("provider_choice", providerChoice)
    object.objects("providers", providers) { terms, object in
      let signed = terms.dpa == .yes
      object.term("dpa", beyond(terms.dpa, Schema4Fields.dpa(signed: signed)))
      object.bool("dpa_signed", signed)
      object.term("kind", terms.kind)
      object.string("model", terms.model)
      object.bool("no_training", terms.noTraining)
      object.string("provider", terms.provider)
      object.integer("retention_days", terms.retentionDays)
      object.string("served_through", terms.servedThrough)
    }
    object.string("purpose", purpose)
    object.objects("risks", risks) { risk, object in
      object.term("category", risk.category)
      object.integer("id", risk.id)
      object.integer("impact", risk.impact)
      object.integer("likelihood", risk.likelihood)
    }
    object.term("serving_use", beyond(servingUse, schema4.servingUse))
    object.term("training_use", beyond(trainingUse, schema4.trainingUse))
    object.bool("trains_models", schema4.trainsModels)
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
    compare("serving use", \.servingUse)
    compare("training use", \.trainingUse)
    compare("minimum group size", \.minGroupSize)
    compare("purpose", \.purpose)
    compare("human oversight", \.humanOversight)
    compare("audience", \.audience)
    compare("final say", \.finalSay)
    compare("customer control", \.customerControl)
    compare("EU AI Act tier", \.euAIActTier)
    compare("EU AI Act role", \.euAIActRole)
    compare("Annex III point", \.annexIII)
    compare("data categories", \.dataCategories)
    compare("adaptation", \.adaptation)
    compare("adaptation consent", \.adaptationConsent)
    compare("provider choice", \.providerChoice)
    compare("account switch", \.accountSwitch)
    compare("kept data", \.keptData)
    compare("kept deletion", \.keptDeletion)
    compare("kept days", \.keptDays)
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
