/// A company control of the sample, recorded on its day by the governance lead.
public struct SampleControl: Decodable, Sendable {
  public var added: String
  public var draft: ControlDraft

  enum CodingKeys: String, CodingKey {
    case added, key, title, description, kind, discipline, owner, status, claim, scope, mappings
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
    draft.mappings =
      try values.decodeIfPresent([RequirementMapping].self, forKey: .mappings) ?? []
  }
}

/// A decision of the sample that a framework requirement does not apply, recorded on its day.
public struct SampleApplicability: Decodable, Sendable {
  public var at: String
  public var by: String
  public var framework: String
  public var requirement: String
  public var feature: String?
  public var justification: String
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

/// A piece of evidence of the sample: one of the files it ships, recorded on its day and attested
/// by the reviewers named, signed with the sample's keys where they hold one.
public struct SampleEvidence: Decodable, Sendable {
  public var added: String
  public var by: String
  public var draft: EvidenceDraft
  public var attestedBy: [String]

  enum CodingKeys: String, CodingKey {
    case added, by, title, kind, file, links
    case periodStart = "period_start"
    case periodEnd = "period_end"
    case collectedOn = "collected_on"
    case expiresOn = "expires_on"
    case providedBy = "provided_by"
    case attestedBy = "attested_by"
  }

  /// The files the sample ships, compiled into the binary, by name.
  static let files: [String: [UInt8]] = [
    "provider-terms-2026.txt": PackageResources.provider_terms_2026_txt,
    "training-data-review-2026-q3.txt": PackageResources.training_data_review_2026_q3_txt,
    "draft-approval-test-report.txt": PackageResources.draft_approval_test_report_txt,
    "support-access-log-2026-09.txt": PackageResources.support_access_log_2026_09_txt,
    "ai-disclosure-check-2026-10.txt": PackageResources.ai_disclosure_check_2026_10_txt,
  ]

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    added = try values.decode(String.self, forKey: .added)
    by = try values.decode(String.self, forKey: .by)
    draft = EvidenceDraft(
      title: try values.decode(String.self, forKey: .title),
      kind: try values.decode(EvidenceKind.self, forKey: .kind),
      collectedOn: try values.decode(String.self, forKey: .collectedOn),
      providedBy: try values.decode(String.self, forKey: .providedBy))
    let file = try values.decode(String.self, forKey: .file)
    guard let content = Self.files[file] else {
      throw DecodingError.dataCorruptedError(
        forKey: .file, in: values, debugDescription: "the sample ships no file '\(file)'")
    }
    draft.content = content
    draft.fileName = file
    draft.periodStart = try values.decodeIfPresent(String.self, forKey: .periodStart)
    draft.periodEnd = try values.decodeIfPresent(String.self, forKey: .periodEnd)
    draft.expiresOn = try values.decodeIfPresent(String.self, forKey: .expiresOn)
    draft.links = try values.decode([String].self, forKey: .links)
    attestedBy = try values.decodeIfPresent([String].self, forKey: .attestedBy) ?? []
  }
}
