/// The plain words the public page uses, shared by its renderers so that every format says the
/// same thing. Every sentence is built from the records; none claims what they do not hold.
extension PublicDisclosure {
  /// The page's title.
  var title: String { company.map { "How \($0) uses AI" } ?? "How we use AI" }

  /// The opening paragraph: what the page covers, counted from the records.
  var introduction: String {
    let offered = sections.reduce(0) { $0 + $1.features.count }
    var text =
      "This page describes the AI in our product: \(Self.count(offered, "feature")) offered to "
      + "customers"
    if !sections.isEmpty {
      text +=
        " ("
        + sections.map { "\($0.features.count) \(Self.categoryWord($0.category))" }
        .joined(separator: ", ") + ")"
    }
    if !internalUses.isEmpty {
      text += ", and \(Self.count(internalUses.count, "use")) of customer data by our own staff"
    }
    return text + ". It is generated from our AI inventory, the record our governance reviews "
      + "approve, so it changes only when that record does."
  }

  /// The data-use summary: how many listed features use data in each way, and the terms every
  /// third party shares.
  var dataUseSummary: [String] {
    let features = listedFeatures
    guard !features.isEmpty else { return [] }
    let total = features.count
    func of(_ n: Int) -> String { n == total ? "all \(total)" : "\(n) of \(total)" }
    var lines: [String] = []
    let accountOnly = features.filter { $0.servingUse == .accountOnly }.count
    lines.append("Serving you with your own account's data only: \(of(accountOnly)) features.")
    if accountOnly < total {
      lines.append(
        "Drawing on data across accounts, aggregated so that no account can be picked out: "
          + "\(of(total - accountOnly)).")
    }
    let training = features.filter { $0.trainingUse != .notUsed }
    let pooled = training.filter { $0.trainingUse.crossesAccounts }.count
    if training.isEmpty {
      lines.append("Training any model on your data: none.")
    } else if pooled == training.count {
      lines.append(
        "Training our own models on customer data: \(of(training.count)), each only after the "
          + "data is aggregated or de-identified.")
    } else {
      let own = training.count - pooled
      lines.append(
        "Training our own models on customer data: \(of(training.count)); \(pooled) only after "
          + "the data is aggregated or de-identified, and \(own) only for "
          + (own == 1 ? "a model of your account alone." : "models of your account alone."))
    }
    if !thirdParties.isEmpty {
      var terms: [String] = []
      if thirdParties.allSatisfy({ $0.dpa == .yes }) {
        terms.append("works under a data processing agreement")
      }
      if thirdParties.allSatisfy(\.noTraining) {
        terms.append("is contractually barred from training on your data")
      }
      if thirdParties.allSatisfy({ $0.retentionDays == 0 }) { terms.append("keeps none of it") }
      let count = Self.count(thirdParties.count, "third party", plural: "third parties")
      lines.append(
        "Third parties that see data from these features: \(count)"
          + (terms.isEmpty ? "; their terms are below." : "; each " + Self.list(terms) + "."))
    }
    return lines
  }

  static func heading(_ category: FeatureCategory) -> String {
    switch category {
    case .agentic: "AI agents"
    case .predictive: "Predictions"
    case .generative: "Generated content"
    case .automation: "Automations"
    }
  }

  static let internalUsesHeading = "How our staff use AI on your data"
  static let internalUsesIntroduction =
    "These are not features you operate: our own staff use them on your account's data, only "
    + "for the purpose stated."

  static func serving(_ feature: DisclosedFeature) -> String {
    switch feature.servingUse {
    case .accountOnly: "Uses only your account's data, for your account."
    case .crossAccount:
      "Draws on data across accounts, aggregated\(groups(feature.minGroupSize)), so that no "
        + "account can be picked out."
    }
  }

  static func training(_ feature: DisclosedFeature) -> String {
    switch feature.trainingUse {
    case .notUsed: "Your data does not train any model."
    case .accountOnly: "Trains a model for your account only; no other account benefits from it."
    case .aggregated:
      "Helps train our own models only after it is aggregated with other accounts' "
        + "data\(groups(feature.minGroupSize)); no person or business can be identified from it."
    case .deIdentified:
      "Helps train our own models only after it is de-identified: what identifies a person or "
        + "a business is removed first."
    }
  }

  private static func groups(_ size: Int?) -> String {
    size.map { " into groups of at least \($0)" } ?? ""
  }

  static func finalSay(_ feature: DisclosedFeature) -> String {
    switch (feature.finalSay, feature.category) {
    case (.customer, .generative), (.customer, .agentic):
      "You: you review, edit and approve what it produces before any of it is used or reaches "
        + "your recipients."
    case (.customer, _): "You: you decide whether and how its output is used."
    case (.staff, _): "Our staff: a person reviews its output before it is used."
    case (.nobody, _): "Its output takes effect without a person approving each one."
    case (.notStated, _): notStated
    }
  }

  static func control(_ control: CustomerControl) -> String {
    switch control {
    case .optIn: "Off until you turn it on."
    case .optOut: "On by default; you can turn it off."
    case .alwaysOn: "Part of the product; it cannot be turned off."
    case .optional:
      "Optional: you never have to use it, and you can always do the same work by hand."
    case .notStated: notStated
    }
  }

  /// What the page says where the company has not recorded an answer: nothing is claimed.
  static let notStated = "Not stated."

  /// A feature's third parties, each with the platform it is reached through; `text` escapes the
  /// names for the format.
  static func thirdParties(_ names: [ThirdPartyName], _ text: (String) -> String) -> String {
    guard !names.isEmpty else { return "None; it runs on our own systems." }
    return names.map { party in
      text(party.name) + (party.servedThrough.map { " (through \(text($0)))" } ?? "")
    }.joined(separator: "; ")
  }

  static func dpa(_ status: DPAStatus) -> String {
    switch status {
    case .yes: "in place"
    case .no: "none"
    case .unknown: "unknown"
    }
  }

  static func trainingTerm(_ noTraining: Bool) -> String {
    noTraining ? "contractually barred" : "not barred"
  }

  static func retention(_ days: Int?) -> String {
    switch days {
    case 0?: "none (zero retention)"
    case let days?: "up to \(count(days, "day"))"
    case nil: "unknown"
    }
  }

  static func regions(_ regions: String) -> String { regions.isEmpty ? "unknown" : regions }

  static func listed(_ listed: Bool) -> String { listed ? "yes" : "no" }

  static let commitmentsHeading = "What we commit to"
  static let commitmentsIntroduction =
    "Each commitment below rests on a control recorded in our inventory and in place today; a "
    + "control that is not in place is never listed."

  /// The features a commitment covers and the controls that back it; `text` escapes the names
  /// for the format.
  static func commitmentScope(_ commitment: Commitment, _ text: (String) -> String) -> String {
    guard let control = commitment.control else {
      return "Applies to \(list(commitment.features.map(text))). Backed by control"
        + (commitment.mitigations.count == 1 ? " " : "s ")
        + list(commitment.mitigations.map { "M\($0)" }) + " in our inventory."
    }
    let scope = text(commitment.scope ?? "every feature")
    // A scope of named features names them already.
    let named =
      commitment.features.isEmpty || commitment.scope == list(commitment.features)
      ? "" : " (\(list(commitment.features.map(text))))"
    let except = (commitment.exceptions ?? []).map { "\(text($0.feature)), where \(text($0.what))" }
    return "Applies to \(scope)\(named)"
      + (except.isEmpty ? "" : ", except \(except.joined(separator: "; and except "))")
      + ". Backed by company control \(text(control)) in our inventory"
      + (commitment.evidence.map {
        ", with \(Self.evidenceWords($0.kind)) collected on \($0.collectedOn)"
      } ?? "") + "."
  }

  /// An evidence kind as the page words it.
  static func evidenceWords(_ kind: EvidenceKind) -> String {
    switch kind {
    case .document: "a document"
    case .contract: "a contract"
    case .testReport: "a test report"
    case .logExtract: "a log extract"
    case .screenshot: "a screenshot"
    case .attestation: "an attestation"
    }
  }

  static let governanceHeading = "How these features are governed"

  /// The governance statement, computed from the review records.
  var governanceStatement: [String] {
    let governance = governance
    guard governance.featureCount > 0 else { return [] }
    var lines: [String] = []
    let features = Self.count(governance.featureCount, "feature")
    if governance.approvedByAll.isEmpty {
      lines.append(
        "Not every one of the \(features) on this page holds a current approval from the same "
          + "reviewers.")
    } else {
      lines.append(
        "Each of the \(features) on this page was approved, as it is now, by our "
          + Self.list(governance.approvedByAll.map(\.rawValue)) + " reviewers.")
    }
    if let days = governance.longestReviewIntervalDays {
      var line = "Each is reviewed again at least every \(Self.count(days, "day"))"
      if let oldest = governance.oldestReview {
        line += "; the oldest review of a feature listed here was on \(oldest)"
      }
      lines.append(line + ".")
    }
    if governance.highRisksMitigated {
      lines.append(
        "Every high or critical risk identified for a feature listed here has a mitigation in "
          + "place.")
    }
    if governance.monitoredCount > 0, let days = governance.longestMonitoringCadenceDays {
      let which =
        governance.monitoredCount == governance.featureCount
        ? "Each of the \(features)" : "\(governance.monitoredCount) of the \(features)"
      var line =
        "\(which) on this page \(governance.monitoredCount == 1 ? "is" : "are") monitored after "
        + "launch against measures and checks we set, at least every \(Self.count(days, "day")), "
        + "and the latest result of each passed"
      if let oldest = governance.oldestMonitoringResult {
        line += "; the oldest of those results was taken on \(oldest)"
      }
      lines.append(line + ".")
    }
    return lines
  }

  /// How far each assessed framework is met, one sentence each, its title and version through
  /// `text` (a catalogue the company imported is its own text).
  func frameworkSentences(_ text: (String) -> String) -> [String] {
    (frameworks ?? []).map { framework in
      let counts = framework.counts
      let noun = framework.kind == "taxonomy" ? "entry" : "requirement"
      let scope =
        framework.assessed == "feature"
        ? "to the \(Self.count(framework.features ?? 0, "feature")) on this page"
        : "to the company"
      var parts = ["\(counts.met) \(counts.met == 1 ? "is" : "are") met"]
      if counts.partlyMet > 0 { parts.append("\(counts.partlyMet) partly met") }
      if counts.notMet > 0 { parts.append("\(counts.notMet) not met") }
      if counts.notAssessed > 0 { parts.append("\(counts.notAssessed) not yet assessed") }
      let setAside =
        framework.assessed == "company" && counts.notApplicable > 0
        ? "; \(counts.notApplicable) \(counts.notApplicable == 1 ? "is" : "are") set aside as "
          + "not applicable, \(counts.notApplicable == 1 ? "with" : "each with") its reason" : ""
      return "\(text(framework.title)) (\(text(framework.version))): of the "
        + Self.count(counts.applicable, noun, plural: noun == "entry" ? "entries" : nil)
        + " that apply \(scope), " + Self.list(parts) + setAside + "."
    }
  }

  static func statementHeading(_ topic: SettingName) -> String {
    switch topic {
    case .ownershipStatement: "Your content and what the AI produces"
    case .dataSharingStatement: "What we do not do with your data"
    case .limitationsStatement: "What AI output can get wrong"
    case .complianceStatement: "Law and standards"
    case .securityStatement: "Security"
    case .contractStatement: "About this page"
    default: topic.rawValue
    }
  }

  var footer: String {
    guard let updatedAt else { return "Generated from our AI inventory; no change recorded yet." }
    return "Last changed on \(updatedAt.prefix(10)). Generated from our AI inventory."
  }

  static let noFeatures = "No AI features are offered to customers at this time."

  static func categoryWord(_ category: FeatureCategory) -> String { category.rawValue }

  /// `3 features`, `1 feature`.
  static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
    "\(n) \(n == 1 ? noun : (plural ?? noun + "s"))"
  }

  /// `a`, `a and b`, `a, b and c`.
  static func list(_ items: [String]) -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " and " + items.last!
  }
}
