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
    let attributes = self.attributes
    let providers = self.providers
    var extra: [(name: String, value: ExtraField)] = []
    if !attributes.isEmpty {
      extra.append(
        (
          "attributes",
          .objects {
            $0.objects("attributes", attributes) { attribute, object in
              object.string("name", attribute.name)
              object.string("value", attribute.value)
            }
          }
        ))
    }
    extra.append(("data_categories", .texts(feature.dataCategories.map(\.rawValue))))
    extra.append(
      (
        "providers",
        .objects {
          $0.objects("providers", providers) { link, object in
            object.string("model", link.model)
            object.string("provider", link.provider)
            object.string("purpose", link.purpose)
          }
        }
      ))
    Feature.table.writeCanonicalFields(of: feature, to: &object, extra: extra)
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
