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

  /// The data-use summary: how many listed features use data in each way, the terms every
  /// third party shares, the account-wide AI switch and the data never processed; `text`
  /// escapes recorded words for the format.
  func dataUseSummary(_ text: (String) -> String) -> [String] {
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
    let training = features.filter { $0.trainingUse.usesCustomerData }
    let pooled = training.filter { !$0.trainingUse.contains(.accountOnly) }.count
    let treatments = Self.list(
      [TrainingUse.aggregated, .deIdentified, .anonymised].filter { source in
        training.contains { $0.trainingUse.contains(source) }
      }.map(\.rawValue), "or")
    if training.isEmpty {
      lines.append("Training any model on your data: none.")
    } else if pooled == training.count {
      lines.append(
        "Training our own models on customer data: \(of(training.count)), each only after the "
          + "data is \(treatments).")
    } else {
      let own = training.count - pooled
      lines.append(
        "Training our own models on customer data: \(of(training.count)); "
          + (pooled == 0 ? "" : "\(pooled) only after the data is \(treatments), and ")
          + "\(own) only for "
          + (own == 1 ? "a model of your account alone." : "models of your account alone."))
    }
    let synthetic = features.filter { $0.trainingUse == TrainingSources([.synthetic]) }.count
    if synthetic > 0 {
      lines.append("Trained on synthetic data only, never on yours: \(of(synthetic)).")
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
    if let accountSwitch {
      lines.append(Self.accountWideSwitch(accountSwitch, text))
    }
    if let neverProcessed, !neverProcessed.isEmpty {
      lines.append(
        "Data we never process with AI: "
          + neverProcessed.map(Self.dataWords).joined(separator: "; ") + ".")
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

  /// What trains the feature's models: one sentence for each source, in the vocabulary's order.
  static func training(_ feature: DisclosedFeature) -> String {
    let sources = feature.trainingUse.terms
    guard !sources.isEmpty else { return "Your data does not train any model." }
    if sources == [.synthetic] {
      return "Its models are trained on synthetic data made for the purpose; your data does not "
        + "train them."
    }
    return sources.map { source in
      switch source {
      case .notUsed: ""
      case .accountOnly:
        "Trains a model for your account only; no other account benefits from it."
      case .aggregated:
        "Helps train our own models only after it is aggregated with other accounts' "
          + "data\(groups(feature.minGroupSize)); no person or business can be identified from "
          + "it."
      case .deIdentified:
        "Helps train our own models only after it is de-identified: what identifies a person or "
          + "a business is removed first."
      case .anonymised:
        "Helps train our own models only after it is anonymised: it can no longer be linked to "
          + "any person or business, so it is no longer personal data."
      case .synthetic: "Synthetic data made for the purpose trains them too."
      }
    }.joined(separator: " ")
  }

  /// What the page says of a feature, in its order, label by label: what each format lays out
  /// as a list of terms and descriptions. Only what the records state is said; `text` escapes
  /// recorded words for the format.
  static func facts(_ feature: DisclosedFeature, _ text: (String) -> String)
    -> [(label: String, words: String)]
  {
    var facts: [(String, String?)] = [
      ("Serving you", serving(feature)),
      ("Training our models", training(feature)),
      ("Adapting to your account", adaptation(feature)),
      ("Data it uses", dataUsed(feature)),
      ("What it keeps", kept(feature, text)),
      ("Final say", finalSay(feature)),
      ("Your control", control(feature.customerControl)),
      ("If you turn AI off", accountSwitch(feature)),
      (
        "Third parties",
        thirdParties(feature.thirdParties, choice: feature.providerChoice, text)
      ),
    ]
    facts.removeAll { $0.1 == nil }
    return facts.map { ($0.0, $0.1!) }
  }

  /// How the feature adapts a model to the customer's account, and whether the customer
  /// enables it; nil while not stated.
  static func adaptation(_ feature: DisclosedFeature) -> String? {
    guard let adaptation = feature.adaptation else { return nil }
    guard !adaptation.isEmpty else { return "Nothing is adapted to your account." }
    let ways = adaptation.terms.map { way in
      switch way {
      case .fineTuning: "fine-tunes a model on your data"
      case .retrievalIndex: "keeps an index of your data to look things up in"
      case .embeddings: "computes embeddings of your data"
      }
    }
    let consent =
      switch feature.adaptationConsent {
      case .customerEnables?: " It does so only once you enable it."
      case .onByDefault?: " It does so by default, as part of the feature."
      case nil: ""
      }
    return "For your account alone, it " + list(ways) + "; no other account uses the result."
      + consent
  }

  /// What the company states of the account-wide AI switch.
  static func accountWideSwitch(_ state: AccountWideSwitch, _ text: (String) -> String) -> String {
    guard state.available else {
      return "Turning AI off for your whole account: there is no single switch; each feature's "
        + "own control is stated below."
    }
    let who = state.who.map(text) ?? "you"
    let effect =
      state.effect == .noAIData
      ? "then no data from your account reaches any AI third party"
      : "then every feature below that says so stops"
    return "Turning AI off for your whole account: \(who) can do it with one switch; \(effect)."
  }

  /// What the account-wide AI switch does to the feature; nil while not stated.
  static func accountSwitch(_ feature: DisclosedFeature) -> String? {
    switch feature.accountSwitch {
    case .turnsOff?: "Turning AI off for your account turns this feature off."
    case .keepsRunning?: "It keeps running when AI is turned off for your account."
    case nil: nil
    }
  }

  /// What the feature keeps for the account, where, for how long and until when; nil while not
  /// stated. `text` escapes where it is kept for the format.
  static func kept(_ feature: DisclosedFeature, _ text: (String) -> String) -> String? {
    guard let kept = feature.keptData else { return nil }
    guard !kept.isEmpty else { return "Nothing: it keeps no output or model of yours." }
    let what = kept.terms.map { item in
      switch item {
      case .outputs: "the outputs it produces"
      case .embeddings: "embeddings of your data"
      case .models: "the models it adapts to your account"
      }
    }
    var sentence = "It keeps " + list(what) + " for your account"
    if let place = feature.keptWhere { sentence += ", " + text(place) }
    sentence += "."
    var deleted: [String] = []
    if let days = feature.keptDays { deleted.append("after \(count(days, "day")) at most") }
    for way in feature.keptDeletion?.terms ?? [] {
      switch way {
      case .withAccount: deleted.append("when your account is deleted")
      case .onRequest: deleted.append("whenever you ask")
      }
    }
    if !deleted.isEmpty {
      sentence += " They are deleted " + deleted.joined(separator: ", or ") + "."
    }
    return sentence
  }

  /// The kinds of data the feature uses, in words a customer reads; nil when none is recorded.
  static func dataUsed(_ feature: DisclosedFeature) -> String? {
    guard let categories = feature.dataCategories, !categories.isEmpty else { return nil }
    let words = categories.map(dataWords).joined(separator: "; ")
    return words.prefix(1).uppercased() + words.dropFirst() + "."
  }

  /// A kind of data, as a customer would name it.
  static func dataWords(_ category: DataCategory) -> String {
    switch category {
    case .customerPersonalData: "personal details of your customers"
    case .contactInfo: "contact details such as email addresses and phone numbers"
    case .behavioral: "how people interact with your messages and store"
    case .purchaseHistory: "purchase history"
    case .messageContent: "the content of your messages"
    case .aggregatedStatistics: "statistics aggregated across accounts"
    case .specialCategory:
      "special categories of personal data, such as health, beliefs or ethnic origin"
    case .health: "health information"
    case .governmentID: "government identifiers such as passport or tax numbers"
    case .financialAccount: "bank and payment card account numbers"
    case .children: "data about children"
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
  static func thirdParties(
    _ names: [ThirdPartyName], choice: ProviderChoice? = nil, _ text: (String) -> String
  ) -> String {
    guard !names.isEmpty else { return "None; it runs on our own systems." }
    let parties = names.map { party in
      text(party.name) + (party.servedThrough.map { " (through \(text($0)))" } ?? "")
    }.joined(separator: "; ")
    guard names.count > 1, let choice else { return parties }
    return
      switch choice
    {
    case .allUsed: "Each of these receives the data: " + parties + "."
    case .customerChooses:
      "You choose which one receives your data, and only that one does: " + parties + "."
    case .companyRoutes: "We send each request to one of these, not to all: " + parties + "."
    }
  }

  /// The columns of the third-parties table.
  static let thirdPartyColumns = [
    "Third party", "Reached through", "DPA", "Training on your data", "Retention", "Regions",
    "On our subprocessor list",
  ]

  /// A third party's row of the table, one cell per column; `text` escapes the recorded words
  /// for the format.
  static func thirdPartyCells(_ party: ThirdParty, _ text: (String) -> String) -> [String] {
    [
      text(party.name), reachedThrough(party, text), dpa(party.dpa),
      trainingTerm(party.noTraining), retention(party.retentionDays), text(regions(party.regions)),
      listed(party.subprocessorListed),
    ]
  }

  /// How the data reaches a third party: through a platform, directly, or, for a platform no
  /// feature uses but through another party, only as that party's platform.
  static func reachedThrough(_ party: ThirdParty, _ text: (String) -> String) -> String {
    if let platform = party.servedThrough { return text(platform) }
    let carried = (party.platformFor ?? []).map(text).joined(separator: ", ")
    guard !carried.isEmpty else { return "directly" }
    return party.reachedDirectly == false
      ? "only as the platform for \(carried)" : "directly, and as the platform for \(carried)"
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

  /// `a`, `a and b`, `a, b and c` (or with `or`).
  static func list(_ items: [String], _ word: String = "and") -> String {
    guard items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " \(word) " + items.last!
  }
}
