/// A company control of the sample, recorded on its day by the governance lead.
public struct SampleControl: Decodable, Sendable {
  public var added: String
  public var draft: ControlDraft

  enum CodingKeys: String, CodingKey {
    case added, key, title, description, kind, discipline, owner, status, claim, scope
    case reviewIntervalDays = "review_interval_days"
    case publicStatement = "public_statement"
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    added = try values.decode(String.self, forKey: .added)
    draft = ControlDraft(
      key: try values.decode(String.self, forKey: .key),
      title: try values.decode(String.self, forKey: .title),
      kind: try values.decode(ControlKind.self, forKey: .kind),
      discipline: try values.decode(Discipline.self, forKey: .discipline),
      owner: try values.decode(String.self, forKey: .owner))
    draft.description = try values.decodeIfPresent(String.self, forKey: .description) ?? ""
    draft.reviewIntervalDays =
      try values.decodeIfPresent(Int.self, forKey: .reviewIntervalDays) ?? 365
    draft.status = try values.decode(ControlStatus.self, forKey: .status)
    draft.claim = try values.decodeIfPresent(ControlClaim.self, forKey: .claim)
    draft.publicStatement = try values.decodeIfPresent(String.self, forKey: .publicStatement)
    draft.scope = try ControlScope(
      terms: try values.decodeIfPresent([String].self, forKey: .scope) ?? [])
  }
}

/// An exception of the sample, accepted on its day by a reviewer, signed with the sample's key
/// when the reviewer holds one.
public struct SampleException: Decodable, Sendable {
  public var at: String
  public var by: String
  public var draft: ExceptionDraft

  enum CodingKeys: String, CodingKey {
    case at, by, feature, control, rule, reason, until
    case notCovered = "not_covered"
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    at = try values.decode(String.self, forKey: .at)
    by = try values.decode(String.self, forKey: .by)
    draft = ExceptionDraft(
      featureKey: try values.decode(String.self, forKey: .feature),
      control: try values.decodeIfPresent(String.self, forKey: .control),
      rule: try values.decodeIfPresent(CheckRule.self, forKey: .rule),
      notCovered: try values.decode(String.self, forKey: .notCovered),
      reason: try values.decode(String.self, forKey: .reason),
      until: try values.decode(String.self, forKey: .until))
  }
}
