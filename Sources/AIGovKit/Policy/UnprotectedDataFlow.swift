/// A live feature that sends customer data to a third party whose contract terms lack something
/// `check`'s provider-terms rule asks for (`TermGap`).
public struct UnprotectedDataFlow: Encodable, Equatable, Sendable {
  public var featureKey: String
  public var featureName: String
  public var featureStatus: FeatureStatus
  public var servingUse: ServingUse
  public var providerKey: String
  public var providerName: String
  /// The platform the provider is reached through, when it is.
  public var servedThrough: String?
  public var gaps: [TermGap]

  enum CodingKeys: String, CodingKey {
    case featureKey = "feature"
    case featureName = "feature_name"
    case featureStatus = "feature_status"
    case servingUse = "serving_use"
    case providerKey = "provider"
    case providerName = "provider_name"
    case servedThrough = "served_through"
    case gaps
  }
}

extension Registry {
  /// Every unprotected data flow of a live feature, ordered by feature and provider: `limit` of
  /// them from the `offset`th, and how many there are in all.
  public func unprotectedDataFlows(offset: Int, limit: Int) throws -> ResultPage<
    UnprotectedDataFlow
  > {
    var flows: [UnprotectedDataFlow] = []
    var total = 0
    // SQL only narrows the rows down to providers lacking some term; `TermGap.gaps` decides.
    try database.forEachRow(
      """
      SELECT DISTINCT \(Provider.table.selectList("p")), f.key AS feature_key,
             f.name AS feature_name, f.status AS feature_status,
             f.serving_use AS feature_serving_use
      FROM feature_providers fp
      JOIN features f ON f.id = fp.feature_id JOIN providers p ON p.id = fp.provider_id
      WHERE f.status != ? AND p.kind != ?
        AND (p.dpa != ? OR p.no_training = 0 OR p.retention_days IS NULL OR p.retention_days != 0)
      ORDER BY f.key, p.key
      """,
      [FeatureStatus.retired.rawValue, ProviderKind.internal.rawValue, DPAStatus.yes.rawValue]
    ) { row in
      let provider = try Self.provider(from: row)
      let servingUse: ServingUse = try row.term("feature_serving_use")
      let gaps = TermGap.gaps(of: provider, servingUse: servingUse)
      guard !gaps.isEmpty else { return }
      total += 1
      guard total > offset, flows.count < limit else { return }
      flows.append(
        UnprotectedDataFlow(
          featureKey: try row.text("feature_key"), featureName: try row.text("feature_name"),
          featureStatus: try row.term("feature_status"), servingUse: servingUse,
          providerKey: provider.key, providerName: provider.name,
          servedThrough: provider.servedThrough, gaps: gaps))
    }
    return ResultPage(items: flows, offset: offset, total: total)
  }
}
