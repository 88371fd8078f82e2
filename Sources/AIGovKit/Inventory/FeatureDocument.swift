/// A feature's whole record as `feature show --format json` prints it and the server serves it:
/// the record, its review history, its monitoring and incidents, in one object.
public struct FeatureDocument: Codable, Equatable, Sendable {
  public var record: FeatureRecord
  public var review: FeatureReview
  public var afterLaunch: AfterLaunchRecord

  public init(record: FeatureRecord, review: FeatureReview, afterLaunch: AfterLaunchRecord) {
    self.record = record
    self.review = review
    self.afterLaunch = afterLaunch
  }

  enum CodingKeys: String, CodingKey {
    case review, monitoring, incidents
  }

  public init(from decoder: any Decoder) throws {
    record = try FeatureRecord(from: decoder)
    let values = try decoder.container(keyedBy: CodingKeys.self)
    review = try values.decode(FeatureReview.self, forKey: .review)
    afterLaunch = AfterLaunchRecord(
      monitoring: try values.decode([MonitoringStanding].self, forKey: .monitoring),
      incidents: try values.decode([IncidentRecord].self, forKey: .incidents))
  }

  public func encode(to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(review, forKey: .review)
    try values.encode(afterLaunch.monitoring, forKey: .monitoring)
    try values.encode(afterLaunch.incidents, forKey: .incidents)
  }
}

/// A registry read as the server and the command line read a feature.
extension Registry {
  /// A feature's whole record: what `feature show` prints.
  public func featureDocument(_ key: String) throws -> FeatureDocument {
    FeatureDocument(
      record: try featureRecord(key), review: try review(key), afterLaunch: try afterLaunch(key))
  }
}
