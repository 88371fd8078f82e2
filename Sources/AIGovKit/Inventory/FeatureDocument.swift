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
  /// The evidence behind its controls, risks, mitigations, sign-offs and incidents, by number;
  /// a piece a revision replaced is left out.
  public var evidence: [FeatureEvidence] = []

  public init(record: FeatureRecord, review: FeatureReview, afterLaunch: AfterLaunchRecord) {
    self.record = record
    self.review = review
    self.afterLaunch = afterLaunch
  }

  enum CodingKeys: String, CodingKey {
    case review, monitoring, incidents, controls, exceptions, evidence
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
    evidence = try values.decodeIfPresent([FeatureEvidence].self, forKey: .evidence) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(review, forKey: .review)
    try values.encode(afterLaunch.monitoring, forKey: .monitoring)
    try values.encode(afterLaunch.incidents, forKey: .incidents)
    try values.encode(controls, forKey: .controls)
    try values.encode(exceptions, forKey: .exceptions)
    try values.encode(evidence, forKey: .evidence)
  }
}

/// A piece of evidence behind a feature: what it is, what of the feature it supports, and who
/// attested it.
public struct FeatureEvidence: Codable, Equatable, Sendable {
  public var id: Int
  public var title: String
  public var kind: EvidenceKind
  public var sha256: String
  public var collectedOn: String
  public var expiresOn: String?
  /// Past its expiry today.
  public var expired: Bool
  /// What of the feature it supports: `control:KEY`, `risk:3`, `mitigation:12`, `signoff:40`,
  /// `incident:REF`.
  public var supports: [String]
  /// Who attested it, as `handle (discipline)`, with `, signed` when a key signed it.
  public var attestedBy: [String]

  enum CodingKeys: String, CodingKey {
    case id, title, kind, sha256, expired, supports
    case collectedOn = "collected_on"
    case expiresOn = "expires_on"
    case attestedBy = "attested_by"
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
    document.evidence = try featureEvidence(document, today: standing.today)
    return document
  }

  /// The evidence linked to what belongs to the feature, leaving out pieces a revision replaced.
  private func featureEvidence(_ document: FeatureDocument, today: String) throws
    -> [FeatureEvidence]
  {
    var targets = Set(document.controls.map { "control:\($0.control)" })
    for entry in document.record.risks {
      targets.insert("risk:\(entry.risk.id)")
      for mitigation in entry.mitigations { targets.insert("mitigation:\(mitigation.id)") }
    }
    for round in document.review.rounds {
      for signOff in round.signOffs { targets.insert("signoff:\(signOff.id)") }
    }
    for record in document.afterLaunch.incidents {
      targets.insert("incident:\(record.incident.reference)")
    }
    let every = try evidence()
    let replaced = Set(every.compactMap(\.revises))
    var attested: [Int: [String]] = [:]
    for attestation in try attestations() {
      attested[attestation.evidence, default: []].append(
        "\(attestation.reviewer) (\(attestation.discipline.rawValue))"
          + (attestation.signature == nil ? "" : ", signed"))
    }
    return every.compactMap { evidence in
      let supports = evidence.links.filter(targets.contains)
      guard !supports.isEmpty, !replaced.contains(evidence.id) else { return nil }
      return FeatureEvidence(
        id: evidence.id, title: evidence.title, kind: evidence.kind, sha256: evidence.sha256,
        collectedOn: evidence.collectedOn, expiresOn: evidence.expiresOn,
        expired: !evidence.isCurrent(on: today), supports: supports,
        attestedBy: attested[evidence.id] ?? [])
    }
  }
}
