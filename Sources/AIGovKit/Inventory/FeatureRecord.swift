/// Everything recorded about one feature: the feature, the providers it sends data to, and its risks
/// with their mitigations. What `feature show` prints.
public struct FeatureRecord: Codable, Equatable, Sendable {
  public var feature: Feature
  public var providers: [ProviderLink]
  public var risks: [RiskRecord]
  /// Text the feature arrived with from another inventory's format, ordered by name.
  public var attributes: [FeatureAttribute] = []
}

/// A provider as one feature uses it: the link and the contract terms that apply.
public struct ProviderLink: Codable, Equatable, Sendable {
  public var provider: Provider
  public var model: String
  public var purpose: String
}

/// A risk with its mitigations.
public struct RiskRecord: Codable, Equatable, Sendable {
  public var risk: Risk
  public var mitigations: [Mitigation]

}

/// A provider with the features that use it. What `provider show` prints.
public struct ProviderRecord: Codable, Equatable, Sendable {
  public var provider: Provider
  public var uses: [ProviderUse]
}
