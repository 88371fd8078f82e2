/// A feature's whole record as `feature show --format json` prints it and the server serves it:
/// the record, its review history, its monitoring and incidents, in one object.
public struct FeatureDocument: Codable, Equatable, Sendable {
  public var record: FeatureRecord
  public var review: FeatureReview
  public var afterLaunch: AfterLaunchRecord
  /// The company controls whose scope covers it, and how it stands against each.
  public var controls: [FeatureControl] = []
  /// Every exception accepted for it, oldest first.
  public var exceptions: [ControlException] = []

  public init(record: FeatureRecord, review: FeatureReview, afterLaunch: AfterLaunchRecord) {
    self.record = record
    self.review = review
    self.afterLaunch = afterLaunch
  }

  enum CodingKeys: String, CodingKey {
    case review, monitoring, incidents, controls, exceptions
  }

  public init(from decoder: any Decoder) throws {
    record = try FeatureRecord(from: decoder)
    let values = try decoder.container(keyedBy: CodingKeys.self)
    review = try values.decode(FeatureReview.self, forKey: .review)
    afterLaunch = AfterLaunchRecord(
      monitoring: try values.decode([MonitoringStanding].self, forKey: .monitoring),
      incidents: try values.decode([IncidentRecord].self, forKey: .incidents))
    controls = try values.decodeIfPresent([FeatureControl].self, forKey: .controls) ?? []
    exceptions = try values.decodeIfPresent([ControlException].self, forKey: .exceptions) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(review, forKey: .review)
    try values.encode(afterLaunch.monitoring, forKey: .monitoring)
    try values.encode(afterLaunch.incidents, forKey: .incidents)
    try values.encode(controls, forKey: .controls)
    try values.encode(exceptions, forKey: .exceptions)
  }
}

/// A company control that covers a feature: what it is, and how the feature stands against it.
public struct FeatureControl: Codable, Equatable, Sendable {
  public var control: String
  public var title: String
  public var status: ControlStatus
  public var claim: ControlClaim?
  /// How the feature's records contradict the claim, in words; nil when they do not.
  public var contradiction: String?
  /// The number of the exception in force that accepts the gap, if any.
  public var exception: Int?
}

/// A registry read as the server and the command line read a feature.
extension Registry {
  /// A feature's whole record: what `feature show` prints.
  public func featureDocument(_ key: String) throws -> FeatureDocument {
    let record = try featureRecord(key)
    var document = FeatureDocument(
      record: record, review: try review(key), afterLaunch: try afterLaunch(key))
    let standing = try controlStanding()
    document.controls = try controls().filter { $0.status != .retired && $0.scope.covers(record) }
      .map { control in
        FeatureControl(
          control: control.key, title: control.title, status: control.status,
          claim: control.claim, contradiction: control.claim?.contradiction(by: record),
          exception: standing.exception(feature: key, control: control.key)?.id)
      }
    document.exceptions = standing.exceptions[key] ?? []
    return document
  }
}
