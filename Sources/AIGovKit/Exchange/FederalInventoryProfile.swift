#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A public inventory format that `import --profile` and `export --profile` speak.
public enum InventoryProfile: String, Vocabulary {
  /// The US federal AI use-case inventory, 2025 template (OMB M-25-21).
  case omb2025 = "omb-2025"
  public static let termName = "profile"
}

/// The US federal AI use-case inventory, 2025 template: how its columns map to a feature.
///
/// Every cell of a row is kept with the feature as an attribute named `omb-2025.<column>`, so
/// nothing is lost and an export with the profile gives back each cell as it came, unless the
/// field it maps to has changed here since. The columns that correspond to ours set them:
///
/// | column | field |
/// |---|---|
/// | agency, id | key: `<agency>-<id>` as a slug; `<agency>-row-<n>` for an empty id; a repeated id adds `-row-<n>` (n: the row's number after the header) |
/// | use_case_name | name (the key when empty) |
/// | problem_solved | purpose (the name when empty) |
/// | benefits | description |
/// | development_stage | status: pre-deployment or empty proposed, pilot and deployed launched, retired retired |
/// | classification | category: agentic AI agentic, generative AI generative, classical ML, NLP, computer vision and reinforcement learning predictive, other or empty automation |
/// | is_high_impact | EU AI Act tier: high-impact high, else unassessed |
/// | vendor_name | a provider (kind ml-platform, DPA unknown, no other contract terms recorded) linked to the feature |
/// | has_pii | data category customer-personal-data when yes |
/// | contact_email, agency_bureau | owner (the email, else the bureau, else the agency); team (the bureau) |
enum FederalInventory {
  static let prefix = "omb-2025."

  /// The template's columns, in its order.
  static let columns = [
    "agency", "agency_name", "id", "use_case_name", "agency_bureau", "contact_email",
    "is_withheld", "development_stage", "is_high_impact", "HI_justification", "topic_area",
    "classification", "problem_solved", "benefits", "system_outputs", "operational_date",
    "contracting_usage", "vendor_name", "have_ato", "system_name_ato", "data_description",
    "link_to_data", "has_pii", "pia_url", "demographic_features", "has_custom_code", "code_url",
    "hi_testing_conducted", "hi_assessment_completed", "hi_potential_impacts",
    "hi_independent_review", "hi_ongoing_monitoring", "hi_training_established",
    "hi_failsafe_presence", "hi_appeal_process", "hi_public_consultation",
  ]

  /// The columns that set a field of ours; the others are kept as attributes only.
  static let mapped: Set<String> = [
    "agency", "id", "use_case_name", "problem_solved", "benefits", "development_stage",
    "classification", "is_high_impact", "vendor_name", "has_pii", "contact_email",
    "agency_bureau",
  ]

  /// A multiple-choice cell as it is compared: trimmed, lower-case.
  private static func normalised(_ cell: String) -> String {
    cell.trimmingWhitespace().lowercased()
  }

  static func stage(_ cell: String) -> FeatureStatus? {
    let text = normalised(cell)
    if text.isEmpty || text.hasPrefix("pre-deployment") || text.hasPrefix("a) pre") {
      return .proposed
    }
    if text.hasPrefix("pilot") || text.hasPrefix("b) pilot") { return .launched }
    if text.hasPrefix("deployed") || text.hasPrefix("c) deployed") { return .launched }
    if text.hasPrefix("retired") || text.hasPrefix("d) retired") { return .retired }
    return nil
  }

  static func category(_ cell: String) -> FeatureCategory? {
    let text = normalised(cell)
    if text.isEmpty || text.hasPrefix("other") { return .automation }
    if text.hasPrefix("agentic") { return .agentic }
    if text.hasPrefix("generative") { return .generative }
    for predictive in [
      "classical", "nlp", "natural language", "computer vision", "reinforcement",
    ] where text.hasPrefix(predictive) {
      return .predictive
    }
    return nil
  }

  static func tier(_ cell: String) -> EUAIActTier? {
    let text = normalised(cell)
    if text == "high-impact" || text == "a) high-impact" { return .high }
    if text.isEmpty || text.hasPrefix("presumed") || text.hasPrefix("b) presumed")
      || text.hasPrefix("not high") || text.hasPrefix("c) not high")
    {
      return .unassessed
    }
    return nil
  }

  static func personalData(_ cell: String) -> Bool? {
    let text = normalised(cell)
    if text.isEmpty || text == "no" || text == "a) no" { return false }
    if text.hasPrefix("yes") || text.hasPrefix("b) yes") { return true }
    return nil
  }

  /// A key made of text: lower-case letters and digits, other runs as one hyphen, at most
  /// `limit` characters.
  static func slug(_ text: String, limit: Int = 64) -> String {
    var slug = ""
    for scalar in text.lowercased().unicodeScalars {
      if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
        slug.unicodeScalars.append(scalar)
      } else if !slug.isEmpty, !slug.hasSuffix("-") {
        slug.append("-")
      }
    }
    while slug.count > limit || slug.hasSuffix("-") { slug.removeLast() }
    return slug
  }

  /// The owner the template names: the contact email, else the bureau, else the agency.
  static func owner(_ cells: [String: String]) -> String {
    for column in ["contact_email", "agency_bureau", "agency_name", "agency"] {
      let value = fitted(cells[column] ?? "", .featureOwner).text
      if !value.isEmpty { return value }
    }
    return "unknown"
  }

  static func vendor(_ cells: [String: String]) -> String? {
    let value = fitted(cells["vendor_name"] ?? "", .providerName).text
    return value.isEmpty ? nil : value
  }

  /// A cell made to fit a field of ours. Its line breaks are written as line feeds; in a one-line
  /// field every run of white space (a spreadsheet's wrapped cell) becomes one space; past the
  /// field's length it is cut, ending in an ellipsis. The cell itself is kept whole as an
  /// attribute. Control characters stay, for the field's check to refuse.
  static func fitted(_ cell: String, _ field: TextField) -> (text: String, shortened: Bool) {
    var scalars = String.UnicodeScalarView()
    var pendingSpace = false
    var previous: Unicode.Scalar? = nil
    for scalar in cell.unicodeScalars {
      defer { previous = scalar }
      switch (field.lines, scalar) {
      case (.many, "\r"):
        scalars.append("\n")
      case (.many, "\n") where previous == "\r":
        continue
      case (.many, "\u{2028}"), (.many, "\u{2029}"):
        scalars.append("\n")
      case (.one, _) where scalar.properties.isWhitespace:
        pendingSpace = !scalars.isEmpty
      default:
        if pendingSpace { scalars.append(" ") }
        pendingSpace = false
        scalars.append(scalar)
      }
    }
    guard scalars.count > field.maximumLength else { return (String(scalars), false) }
    var cut = String.UnicodeScalarView()
    cut.append(contentsOf: scalars.prefix(field.maximumLength - 1))
    cut.append("…")
    return (String(cut), true)
  }

  /// The fields a row's cells give a feature, as the import set them.
  struct Derived: Equatable {
    var name: String
    var purpose: String
    var description: String
    var status: FeatureStatus
    var category: FeatureCategory
    var tier: EUAIActTier
    var personalData: Bool
    var owner: String
    var team: String?
    /// The columns whose cells were too long for their field here, and were cut.
    var shortened: [String] = []
  }

  /// Derives the fields; nil values of the vocabularies mean the cell is outside them.
  static func derive(_ cells: [String: String], key: String) -> (
    Derived?, [(column: String, reason: String)]
  ) {
    var problems: [(String, String)] = []
    let stage = stage(cells["development_stage"] ?? "")
    if stage == nil {
      problems.append(
        (
          "development_stage",
          "unknown stage '\(cells["development_stage"] ?? "")' (expected Pre-deployment, Pilot, "
            + "Deployed, Retired or empty)"
        ))
    }
    let category = category(cells["classification"] ?? "")
    if category == nil {
      problems.append(
        (
          "classification",
          "unknown classification '\(cells["classification"] ?? "")' (expected Agentic AI, "
            + "Generative AI, Classical ML, NLP, Computer Vision, Reinforcement Learning, Other or "
            + "empty)"
        ))
    }
    let tier = tier(cells["is_high_impact"] ?? "")
    if tier == nil {
      problems.append(
        (
          "is_high_impact",
          "unknown value '\(cells["is_high_impact"] ?? "")' (expected High-impact, Presumed "
            + "High-Impact but Not High-impact, Not High-impact or empty)"
        ))
    }
    let personal = personalData(cells["has_pii"] ?? "")
    if personal == nil {
      problems.append(
        ("has_pii", "unknown value '\(cells["has_pii"] ?? "")' (expected Yes, No or empty)"))
    }
    guard let stage, let category, let tier, let personal else { return (nil, problems) }
    var shortened: [String] = []
    func fit(_ column: String, _ field: TextField) -> String {
      let (text, cut) = fitted(cells[column] ?? "", field)
      if cut { shortened.append(column) }
      return text
    }
    let fittedName = fit("use_case_name", .featureName)
    let name = fittedName.trimmingWhitespace().isEmpty ? key : fittedName
    let problem = fit("problem_solved", .featurePurpose)
    let bureau = fit("agency_bureau", .featureTeam)
    return (
      Derived(
        name: name,
        purpose: problem.trimmingWhitespace().isEmpty ? name : problem,
        description: fit("benefits", .featureDescription), status: stage, category: category,
        tier: tier, personalData: personal, owner: owner(cells),
        team: bureau.isEmpty ? nil : bureau, shortened: shortened),
      problems
    )
  }
}
