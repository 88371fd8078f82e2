/// A feature as the audit trail records it: the feature with its data categories, and the providers
/// it sends data to. Linking or unlinking a provider changes this record.
public struct FeatureState: AuditedRecord, Equatable, Sendable {
  public var feature: Feature
  /// Ordered by provider key, then model.
  public var providers: [FeatureProviderLink]
  /// Text the feature arrived with from another inventory's format, ordered by name; left out of
  /// the record when there is none.
  public var attributes: [FeatureAttribute] = []

  public static let entity = AuditEntity.feature
  public var auditKey: String { feature.key }

  public init(
    feature: Feature, providers: [FeatureProviderLink], attributes: [FeatureAttribute] = []
  ) {
    self.feature = feature
    self.providers = providers
    self.attributes = attributes
  }

  enum CodingKeys: String, CodingKey {
    case providers, attributes
  }

  public func encode(to encoder: any Encoder) throws {
    try feature.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(providers, forKey: .providers)
    if !attributes.isEmpty { try values.encode(attributes, forKey: .attributes) }
  }

  public func writeFields(to object: inout CanonicalObject) {
    let feature = self.feature
    if !attributes.isEmpty {
      object.objects("attributes", attributes) { attribute, object in
        object.string("name", attribute.name)
        object.string("value", attribute.value)
      }
    }
    object.term("audience", feature.audience)
    object.term("category", feature.category)
    object.string("created_at", feature.createdAt)
    object.term("customer_control", feature.customerControl)
    object.terms("data_categories", feature.dataCategories)
    object.string("description", feature.description)
    object.term("eu_ai_act_tier", feature.euAIActTier)
    object.term("final_say", feature.finalSay)
    object.term("human_oversight", feature.humanOversight)
    object.string("key", feature.key)
    object.string("last_reviewed_at", feature.lastReviewedAt)
    object.integer("min_group_size", feature.minGroupSize)
    object.string("name", feature.name)
    object.string("owner", feature.owner)
    object.objects("providers", providers) { link, object in
      object.string("model", link.model)
      object.string("provider", link.provider)
      object.string("purpose", link.purpose)
    }
    object.string("purpose", feature.purpose)
    object.integer("review_interval_days", feature.reviewIntervalDays)
    object.term("serving_use", feature.servingUse)
    object.term("status", feature.status)
    object.string("status_reason", feature.statusReason)
    object.string("team", feature.team)
    object.term("training_use", feature.trainingUse)
    object.term("unreviewed_status", feature.unreviewedStatus)
    object.string("updated_at", feature.updatedAt)
    object.integer("version", feature.version)
  }
}

/// One use of a provider inside a feature's record: which provider, which model, for what.
public struct FeatureProviderLink: Codable, Equatable, Sendable {
  public var provider: String
  public var model: String
  public var purpose: String

  public init(provider: String, model: String, purpose: String) {
    self.provider = provider
    self.model = model
    self.purpose = purpose
  }
}

/// A cell an imported row held that has no column of its own here, kept with the feature by the
/// name the import gave it (`omb-2025.topic_area`).
public struct FeatureAttribute: Codable, Equatable, Sendable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}
