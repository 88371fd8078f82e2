#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What a company tells the public about its AI, generated from the inventory so that the page
/// cannot drift from what was approved: every launched feature offered to customers or seen by
/// their end-consumers, by category, with what it does, how it uses data for each purpose, who
/// has the final say, the customer's control and the third parties it sends data to with their
/// terms; the internal uses of customer data in a section of their own; the published
/// commitments, each traced to the mitigations that back it; what the review records say of the
/// governance; and the company's own statements. Nothing else internal: no owners, no risks, no
/// reviewers.
public struct PublicDisclosure: Codable, Equatable, Sendable {
  /// When the page last changed: the time of the last event that altered it. The same content
  /// has the same date however often, and whenever, it is built.
  public var updatedAt: String?
  /// The company's name, when one is set.
  public var company: String?
  /// Customer-offered features, in the order agentic, predictive, generative, automation; only
  /// categories with a feature.
  public var sections: [Section]
  /// Uses of customer data by our own staff (support, say), by name.
  public var internalUses: [DisclosedFeature]
  /// Every third party a listed feature sends data to, by name.
  public var thirdParties: [ThirdParty]
  /// By statement.
  public var commitments: [Commitment]
  public var governance: Governance
  /// The company statements that are set, in the page's order.
  public var statements: [Statement]
  /// The frameworks the company assesses, and how far the records meet them; nil when it
  /// assesses none.
  public var frameworks: [DisclosedFramework]? = nil
  /// What the company states of one switch that turns AI off for a whole account; nil while it
  /// states nothing.
  public var accountSwitch: AccountWideSwitch? = nil
  /// The kinds of data the company states it never processes with AI; nil when it states none.
  public var neverProcessed: [DataCategory]? = nil
  /// The company's documents the page links to (privacy policy, terms, DPA, subprocessor list);
  /// nil when it names none.
  public var documents: [PublishedLink]? = nil

  /// The account-wide AI switch as the company states it.
  public struct AccountWideSwitch: Codable, Equatable, Sendable {
    /// Whether there is one.
    public var available: Bool
    /// Who may use it (`an account administrator`); nil when not said.
    public var who: String?
    /// What it does, when there is one.
    public var effect: AISwitchEffect?
  }

  /// A framework the company assesses, and how its requirements stand: for a framework assessed
  /// feature by feature, over the features on the page.
  public struct DisclosedFramework: Codable, Equatable, Sendable {
    public var title: String
    public var version: String
    /// `feature` or `company`.
    public var assessed: String
    /// `requirements`, or `taxonomy` for a list of risks or attacks.
    public var kind: String
    public var counts: StatusCounts
    /// For a framework assessed feature by feature, how many features of the page it covers.
    public var features: Int?
  }

  public struct Section: Codable, Equatable, Sendable {
    public var category: FeatureCategory
    /// By name.
    public var features: [DisclosedFeature]
  }

  public struct DisclosedFeature: Codable, Equatable, Sendable {
    public var name: String
    public var category: FeatureCategory
    /// What it does: the feature's purpose.
    public var purpose: String
    public var audience: Audience
    public var servingUse: ServingUse
    public var trainingUse: TrainingSources
    /// The smallest group that data across accounts is aggregated into, where one is stated.
    public var minGroupSize: Int?
    public var finalSay: FinalSay
    public var customerControl: CustomerControl
    /// The third parties that see its data, by name.
    public var thirdParties: [ThirdPartyName]
    /// Where customers read more (its help-centre page); nil when it states none.
    public var links: [PublishedLink]? = nil
    /// The kinds of data it uses; nil when none is recorded.
    public var dataCategories: [DataCategory]? = nil
    /// How it adapts a model to one account, and whether the customer enables it; nil while
    /// not stated.
    public var adaptation: TermSet<Adaptation>? = nil
    public var adaptationConsent: AdaptationConsent? = nil
    /// Whether its third parties all receive the data or are alternatives; nil while not stated.
    public var providerChoice: ProviderChoice? = nil
    /// What the account-wide AI switch does to it; nil while not stated.
    public var accountSwitch: AccountSwitch? = nil
    /// What it keeps for an account, where, until when, and for how long; nil while not stated.
    public var keptData: TermSet<KeptData>? = nil
    public var keptWhere: String? = nil
    public var keptDeletion: TermSet<KeptDeletion>? = nil
    public var keptDays: Int? = nil

    enum CodingKeys: String, CodingKey {
      case name, category, purpose, audience, links, adaptation
      case servingUse = "serving_use"
      case trainingUse = "training_use"
      case minGroupSize = "min_group_size"
      case finalSay = "final_say"
      case customerControl = "customer_control"
      case thirdParties = "third_parties"
      case dataCategories = "data_categories"
      case adaptationConsent = "adaptation_consent"
      case providerChoice = "provider_choice"
      case accountSwitch = "account_switch"
      case keptData = "kept_data"
      case keptWhere = "kept_where"
      case keptDeletion = "kept_deletion"
      case keptDays = "kept_days"
    }
  }

  /// A third party as a feature names it: the party, and the platform it is reached through.
  public struct ThirdPartyName: Codable, Equatable, Sendable {
    public var name: String
    public var servedThrough: String?

    enum CodingKeys: String, CodingKey {
      case name
      case servedThrough = "served_through"
    }
  }

  /// A third party and what its contract lets it do with the data.
  public struct ThirdParty: Codable, Equatable, Sendable {
    public var name: String
    /// The platform the data reaches it through (a vendor's model on a cloud platform), by name.
    public var servedThrough: String?
    public var dpa: DPAStatus
    /// Contractually barred from training on the data.
    public var noTraining: Bool
    /// How long it keeps the data: 0 is zero retention, nil is unknown.
    public var retentionDays: Int?
    /// Where it processes data; empty when unknown.
    public var regions: String
    /// Named on the published subprocessor list.
    public var subprocessorListed: Bool
    /// For a platform other parties are reached through: those parties, by name; nil for none.
    public var platformFor: [String]? = nil
    /// For such a platform: whether a listed feature also sends it data directly.
    public var reachedDirectly: Bool? = nil

    enum CodingKeys: String, CodingKey {
      case name
      case servedThrough = "served_through"
      case platformFor = "platform_for"
      case reachedDirectly = "reached_directly"
      case dpa
      case noTraining = "no_training"
      case retentionDays = "retention_days"
      case regions
      case subprocessorListed = "subprocessor_listed"
    }
  }

  /// A published statement of a control, with the features it covers and the mitigations (by
  /// number) that back it: only mitigations implemented or verified.
  public struct Commitment: Codable, Equatable, Sendable {
    public var statement: String
    /// By name.
    public var features: [String]
    public var mitigations: [Int]
    /// The company control that backs it, by key, when a control rather than mitigations does.
    public var control: String? = nil
    /// The control's scope in words: `every generative feature`.
    public var scope: String? = nil
    /// The listed features in the control's scope that it does not hold for, and why.
    public var exceptions: [NotCovered]? = nil
    /// The kind and collection day of the control's latest current evidence, when the company
    /// shows them (`public.show-evidence`).
    public var evidence: ShownEvidence? = nil
  }

  /// What the page says of the evidence behind a commitment: its kind and when it was collected.
  public struct ShownEvidence: Codable, Equatable, Sendable {
    public var kind: EvidenceKind
    public var collectedOn: String

    enum CodingKeys: String, CodingKey {
      case kind
      case collectedOn = "collected_on"
    }
  }

  /// A listed feature a company commitment does not hold for: what is not covered, as the
  /// exception states it, or how the records contradict the control's claim.
  public struct NotCovered: Codable, Equatable, Sendable {
    /// By name.
    public var feature: String
    public var what: String
  }

  /// What the review records say of the listed features.
  public struct Governance: Codable, Equatable, Sendable {
    /// The listed features (customer-offered and internal uses).
    public var featureCount: Int
    /// The disciplines whose approval of its current content every listed feature holds.
    public var approvedByAll: [Discipline]
    /// The longest interval between a listed feature's periodic reviews, in days.
    public var longestReviewIntervalDays: Int?
    /// The day of the oldest last review among the listed features.
    public var oldestReview: String?
    /// No listed feature has a high or critical risk without a mitigation in place.
    public var highRisksMitigated: Bool
    /// The listed features monitored after launch: each has a monitoring plan in force, and the
    /// latest result of every one of its plans passed.
    public var monitoredCount: Int
    /// The longest cadence among the monitored features' plans, in days.
    public var longestMonitoringCadenceDays: Int?
    /// The day of the oldest of those latest results.
    public var oldestMonitoringResult: String?

    enum CodingKeys: String, CodingKey {
      case featureCount = "feature_count"
      case approvedByAll = "approved_by_all"
      case longestReviewIntervalDays = "longest_review_interval_days"
      case oldestReview = "oldest_review"
      case highRisksMitigated = "high_risks_mitigated"
      case monitoredCount = "monitored_count"
      case longestMonitoringCadenceDays = "longest_monitoring_cadence_days"
      case oldestMonitoringResult = "oldest_monitoring_result"
    }
  }

  /// One of the company's statements, in its own words.
  public struct Statement: Codable, Equatable, Sendable {
    public var key: String
    public var section: StatementSection
    public var title: String
    /// Paragraphs, lists and links (`StatementText`).
    public var body: String
  }

  enum CodingKeys: String, CodingKey {
    case updatedAt = "updated_at"
    case company, sections
    case internalUses = "internal_uses"
    case thirdParties = "third_parties"
    case commitments, governance, statements, frameworks
    case accountSwitch = "account_switch"
    case neverProcessed = "never_processed"
    case documents
  }

  /// Every listed feature, customer-offered first.
  public var listedFeatures: [DisclosedFeature] { sections.flatMap(\.features) + internalUses }
}

extension Registry {
  /// The public page as the inventory stands now, dated by the last event that changed it.
  public func publicDisclosure() throws -> PublicDisclosure {
    try publicDisclosure(page: try publicDisclosureContent(), throughEvent: nil, at: clock())
  }

  /// The public page as it stood at `time`, rebuilt from the trail and dated as it was then.
  public func publicDisclosure(asOf time: Date) throws -> PublicDisclosure {
    let head = try lastEvent(through: time)
    return try publicDisclosure(
      page: try inventory(throughEvent: head, at: time).publicDisclosureContent(),
      throughEvent: head, at: time)
  }

  /// The events that can change the page: a feature's while it is, or was just before, on it; a
  /// provider's; a company statement's; and a risk's, a round's, a mitigation's or its
  /// monitoring's while its feature is launched. Any other event leaves the page as it was (what the page shows of a
  /// feature is read only while it is launched), so the walk back skips it without rebuilding.
  private static let pageEventsSQL = """
    SELECT e.seq, e.at, e.entity = 'feature' AND (e.before ->> '$.status' IS 'launched')
      != (e.after ->> '$.status' IS 'launched') AS launch_changed
    FROM audit_events e
    WHERE e.seq <= ?1 AND CASE e.entity
      WHEN 'feature' THEN 'launched' IN (e.before ->> '$.status', e.after ->> '$.status')
      WHEN 'provider' THEN 1
      WHEN 'setting' THEN e.entity_key LIKE 'public.%'
      WHEN 'control' THEN 1
      WHEN 'control-exception' THEN 1
      WHEN 'evidence' THEN 1
      WHEN 'applicability-decision' THEN 1
      WHEN 'framework-catalogue' THEN 1
      WHEN 'mitigation-mapping' THEN 1
      WHEN 'statement' THEN 1
      WHEN 'risk' THEN \(launchedSQL("coalesce(e.after, e.before) ->> '$.feature'"))
      WHEN 'review-round' THEN \(launchedSQL("coalesce(e.after, e.before) ->> '$.feature'"))
      WHEN 'mitigation' THEN \(launchedSQL(
        "(SELECT f.key FROM risks r JOIN features f ON f.id = r.feature_id "
          + "WHERE r.id = coalesce(e.after, e.before) ->> '$.risk_id')"))
      WHEN 'monitoring-plan' THEN \(launchedSQL("coalesce(e.after, e.before) ->> '$.feature'"))
      WHEN 'monitoring-result' THEN \(launchedSQL(
        "(SELECT f.key FROM monitoring_plans p JOIN features f ON f.id = p.feature_id "
          + "WHERE p.id = e.after ->> '$.plan_id')"))
      ELSE 0 END
    ORDER BY e.seq DESC
    """

  /// Whether the feature whose key `key` gives was launched as the trail stood at event `e`.
  private static func launchedSQL(_ key: String) -> String {
    """
    (SELECT s.after ->> '$.status' FROM audit_events s WHERE s.entity = 'feature'
       AND s.entity_key = \(key) AND s.seq <= e.seq ORDER BY s.seq DESC LIMIT 1) = 'launched'
    """
  }

  /// Dates `page`, the page as the trail stood after event `head` (nil: the last event).
  ///
  /// The page is rebuilt as the trail stood before each earlier event that can change it, newest
  /// first, until it differs: the event after that is the one that made the page what it is. An
  /// event that launched a feature, or took one off the market, changed the count of features
  /// the page states, so the page before it differs without being rebuilt.
  private func publicDisclosure(page: PublicDisclosure, throughEvent head: Int?, at time: Date)
    throws -> PublicDisclosure
  {
    var changedAt: String?
    let events = try database.cursor(Self.pageEventsSQL, [head ?? Int.max])
    while let row = try events.next() {
      changedAt = try row.text("at")
      if try row.integer("launch_changed") == 1 { break }
      let earlier: PublicDisclosure?
      do {
        earlier = try snapshot(
          throughEvent: try row.integer("seq") - 1, at: time, tables: .all
        ).publicDisclosureContent()
      } catch AIGovError.refused(.trailBeforeBaseline) {
        earlier = nil  // the trail cannot say what the page was before its baseline
      }
      if earlier != page { break }
    }
    var dated = page
    dated.updatedAt = changedAt
    return dated
  }

  /// The page's content, undated.
  func publicDisclosureContent() throws -> PublicDisclosure {
    var byCategory: [FeatureCategory: [PublicDisclosure.DisclosedFeature]] = [:]
    var internalUses: [PublicDisclosure.DisclosedFeature] = []
    var thirdParties: [String: PublicDisclosure.ThirdParty] = [:]
    var providersByKey: [String: Provider] = [:]
    var commitments: [String: (features: Set<String>, mitigations: Set<Int>)] = [:]
    var approvedByAll = Set(Discipline.allCases)
    var longestInterval: Int?
    var oldestReview: String?
    var highRisksMitigated = true
    var count = 0
    var monitored = 0
    var longestCadence: Int?
    var oldestResult: String?
    let monitoring = try monitoringStandings()
    for provider in try providers() { providersByKey[provider.key] = provider }
    func disclose(_ provider: Provider) {
      thirdParties[provider.key] = PublicDisclosure.ThirdParty(
        name: provider.name,
        servedThrough: provider.servedThrough.flatMap { providersByKey[$0]?.name },
        dpa: provider.dpa, noTraining: provider.noTraining,
        retentionDays: provider.retentionDays, regions: provider.regions,
        subprocessorListed: provider.subprocessorListed)
    }
    var listed: [FeatureRecord] = []
    var reachedDirectly: Set<String> = []
    var platformFor: [String: Set<String>] = [:]
    try forEachGovernedFeature(launchedOnly: true) { governed in
      let record = governed.record
      let feature = record.feature
      count += 1
      listed.append(record)
      var names: [PublicDisclosure.ThirdPartyName] = []
      for link in record.providers where link.provider.kind != .internal {
        let provider = link.provider
        let name = PublicDisclosure.ThirdPartyName(
          name: provider.name,
          servedThrough: provider.servedThrough.flatMap { providersByKey[$0]?.name })
        if !names.contains(name) { names.append(name) }
        disclose(provider)
        reachedDirectly.insert(provider.key)
        // The platform a provider is reached through sees the data too.
        var through = provider.servedThrough
        var seen: Set<String> = [provider.key]
        var carried = provider.name
        while let key = through, seen.insert(key).inserted, let platform = providersByKey[key] {
          disclose(platform)
          platformFor[key, default: []].insert(carried)
          carried = platform.name
          through = platform.servedThrough
        }
      }
      let disclosed = PublicDisclosure.DisclosedFeature(
        name: feature.name, category: feature.category, purpose: feature.purpose,
        audience: feature.audience, servingUse: feature.servingUse,
        trainingUse: feature.trainingUse, minGroupSize: feature.minGroupSize,
        finalSay: feature.finalSay, customerControl: feature.customerControl,
        thirdParties: names.sorted { byName($0.sortName, $1.sortName) },
        links: feature.publishedLinks.isEmpty ? nil : feature.publishedLinks,
        dataCategories: feature.dataCategories.isEmpty ? nil : feature.dataCategories,
        adaptation: feature.adaptation, adaptationConsent: feature.adaptationConsent,
        providerChoice: feature.providerChoice, accountSwitch: feature.accountSwitch,
        keptData: feature.keptData, keptWhere: feature.keptWhere,
        keptDeletion: feature.keptDeletion, keptDays: feature.keptDays)
      if feature.audience == .internal {
        internalUses.append(disclosed)
      } else {
        byCategory[feature.category, default: []].append(disclosed)
      }
      for entry in record.risks {
        if entry.blocksLaunch { highRisksMitigated = false }
        for mitigation in entry.mitigations {
          guard let statement = mitigation.publishedStatement else { continue }
          commitments[statement, default: ([], [])].features.insert(feature.name)
          commitments[statement, default: ([], [])].mitigations.insert(mitigation.id)
        }
      }
      let approval = Self.approvalInForce(
        governed.rounds.map(\.round), contentHash: governed.contentHash)
      let approving = Set(
        governed.rounds.first { $0.round.id == approval?.id }?.signOffs
          .filter { $0.decision == .approve }.map(\.discipline) ?? [])
      approvedByAll.formIntersection(approving)
      longestInterval = max(longestInterval ?? 0, feature.reviewIntervalDays)
      if let reviewed = feature.lastReviewedAt.map({ String($0.prefix(10)) }) {
        oldestReview = min(oldestReview ?? reviewed, reviewed)
      }
      let plans = (monitoring[feature.key] ?? []).filter { $0.plan.status == .active }
      if !plans.isEmpty, plans.allSatisfy({ $0.latest?.passed == true }) {
        monitored += 1
        for standing in plans {
          longestCadence = max(longestCadence ?? 0, standing.plan.cadenceDays)
          let day = String(standing.latest?.measuredAt.prefix(10) ?? "")
          oldestResult = min(oldestResult ?? day, day)
        }
      }
    }
    for (key, carried) in platformFor {
      thirdParties[key]?.platformFor = carried.sorted(by: byName)
      thirdParties[key]?.reachedDirectly = reachedDirectly.contains(key)
    }
    // The statements as records, and those a trail from before schema 18 kept as settings
    // (a page rebuilt as of then).
    var recorded = try statements()
    for name in SettingName.publicStatements {
      let stored = try database.queryOne(
        "SELECT value FROM settings WHERE name = ?", [name.rawValue], cached: true)?
        .optionalText("value")
      if let stored, !stored.isEmpty, let statement = name.statement(stored) {
        recorded.append(statement)
      }
    }
    let statements = recorded.sorted(by: CompanyStatement.ordered).map {
      PublicDisclosure.Statement(key: $0.key, section: $0.section, title: $0.title, body: $0.body)
    }
    var documents: [PublishedLink] = []
    for (name, words) in SettingName.documentLinks {
      let url = try setting(name)
      if !url.isEmpty { documents.append(PublishedLink(words: words, url: url)) }
    }
    let company = try setting(.companyName)
    let policy = try governanceSettings()
    let who = try setting(.aiSwitchWho)
    let accountSwitch: PublicDisclosure.AccountWideSwitch? =
      switch policy.aiSwitch {
      case .notStated: nil
      case .none: .init(available: false, who: nil, effect: nil)
      case .available:
        .init(available: true, who: who.isEmpty ? nil : who, effect: policy.aiSwitchEffect)
      }
    if accountSwitch?.available != true {
      // Without a switch the company states, no feature's page speaks of one.
      for category in byCategory.keys {
        for index in byCategory[category]!.indices {
          byCategory[category]![index].accountSwitch = nil
        }
      }
      for index in internalUses.indices { internalUses[index].accountSwitch = nil }
    }
    return PublicDisclosure(
      updatedAt: nil, company: company.isEmpty ? nil : company,
      sections: FeatureCategory.allCases.compactMap { category in
        byCategory[category].map {
          PublicDisclosure.Section(
            category: category, features: $0.sorted { byName($0.name, $1.name) })
        }
      },
      internalUses: internalUses.sorted { byName($0.name, $1.name) },
      thirdParties: thirdParties.values.sorted { byName($0.sortName, $1.sortName) },
      commitments: (commitments.map {
        PublicDisclosure.Commitment(
          statement: $0.key, features: $0.value.features.sorted(by: byName),
          mitigations: $0.value.mitigations.sorted())
      } + (try controlCommitments(listed))).sorted { byName($0.statement, $1.statement) },
      governance: PublicDisclosure.Governance(
        featureCount: count, approvedByAll: count == 0 ? [] : approvedByAll.sorted(),
        longestReviewIntervalDays: longestInterval, oldestReview: oldestReview,
        highRisksMitigated: highRisksMitigated, monitoredCount: monitored,
        longestMonitoringCadenceDays: longestCadence, oldestMonitoringResult: oldestResult),
      statements: statements, frameworks: try disclosedFrameworks(), accountSwitch: accountSwitch,
      neverProcessed: policy.neverProcessed.isEmpty ? nil : policy.neverProcessed,
      documents: documents.isEmpty ? nil : documents)
  }

  /// How far each framework the company assesses is met, over the launched features for one
  /// assessed feature by feature.
  private func disclosedFrameworks() throws -> [PublicDisclosure.DisclosedFramework]? {
    guard !(try assessedFrameworks()).isEmpty else { return nil }
    return try frameworkAssessments().map { assessment in
      let framework = try framework(assessment.framework)
      let launched = assessment.features.filter { $0.status == .launched }
      let counts =
        assessment.assessed == .company
        ? assessment.counts : StatusCounts(launched.flatMap(\.requirements))
      return PublicDisclosure.DisclosedFramework(
        title: framework.title, version: framework.version, assessed: assessment.assessed.rawValue,
        kind: framework.kind.rawValue, counts: counts,
        features: assessment.assessed == .feature ? launched.count : nil)
    }
  }
}

extension PublicDisclosure.ThirdPartyName {
  /// The name, then the platform: a party reached directly sorts before the same party reached
  /// through a platform.
  var sortName: String { name + " " + (servedThrough ?? "") }
}

extension PublicDisclosure.ThirdParty {
  var sortName: String {
    PublicDisclosure.ThirdPartyName(name: name, servedThrough: servedThrough).sortName
  }
}

/// Names in the order a reader expects (case aside), the same on every machine.
func byName(_ lhs: String, _ rhs: String) -> Bool {
  (lhs.lowercased(), lhs) < (rhs.lowercased(), rhs)
}

extension Registry {
  /// Each company control in place with a public statement, once, with the listed features it
  /// covers and those it does not hold for: an exception's words, or the records' contradiction
  /// of its claim. A control scoped to no listed feature is left out, unless it covers every
  /// feature.
  private func controlCommitments(_ listed: [FeatureRecord]) throws
    -> [PublicDisclosure.Commitment]
  {
    let standing = try controlStanding()
    let evidence =
      try setting(.showEvidence) == "yes" ? try evidenceByTarget(prefix: "control:") : [:]
    let names = Dictionary(
      listed.map { ($0.feature.key, $0.feature.name) }, uniquingKeysWith: { first, _ in first })
    return standing.controls.compactMap { control in
      guard let statement = control.publishedStatement else { return nil }
      let covered = listed.filter { control.scope.covers($0) }
      guard !covered.isEmpty || control.scope.coversEveryFeature else { return nil }
      let notCovered = covered.compactMap { record -> PublicDisclosure.NotCovered? in
        let key = record.feature.key
        if let exception = standing.exception(feature: key, control: control.key) {
          return .init(feature: record.feature.name, what: exception.notCovered)
        }
        return control.claim?.contradiction(by: record).map {
          .init(feature: record.feature.name, what: $0)
        }
      }
      let shown = (evidence["control:\(control.key)"] ?? [])
        .filter { $0.isCurrent(on: standing.today) }
        .max { ($0.collectedOn, $0.id) < ($1.collectedOn, $1.id) }
      return PublicDisclosure.Commitment(
        statement: statement, features: covered.map(\.feature.name).sorted(by: byName),
        mitigations: [], control: control.key, scope: control.scope.words(featureNames: names),
        exceptions: notCovered.sorted { byName($0.feature, $1.feature) },
        evidence: shown.map { .init(kind: $0.kind, collectedOn: $0.collectedOn) })
    }
  }
}
