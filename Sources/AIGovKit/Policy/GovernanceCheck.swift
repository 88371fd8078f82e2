#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A rule of `aigov check`: governance policy as code.
public enum CheckRule: String, Vocabulary {
  case forbiddenData = "forbidden-data"
  case providerTerms = "provider-terms"
  case aggregationSize = "aggregation-size"
  case unstatedGroupSize = "unstated-group-size"
  case unbackedCommitment = "unbacked-commitment"
  case autonomousGenerative = "autonomous-generative"
  case unmitigatedRisk = "unmitigated-risk"
  case approvalNotInForce = "approval-not-in-force"
  case euTierProhibited = "eu-tier-prohibited"
  case unlistedSubprocessor = "unlisted-subprocessor"
  case reviewOverdue = "review-overdue"
  case euTierUnassessed = "eu-tier-unassessed"
  case unreviewedImport = "unreviewed-import"
  case monitoringMissing = "monitoring-missing"
  case monitoringOverdue = "monitoring-overdue"
  case monitoringFailure = "monitoring-failure"
  case incidentReportOverdue = "incident-report-overdue"
  case incidentOpen = "incident-open"
  case unstatedClaim = "unstated-claim"
  case claimContradicted = "claim-contradicted"
  case controlEvidence = "control-evidence"
  case controlMitigation = "control-mitigation"
  case frameworkUnmapped = "framework-unmapped"
  case euAIActObligation = "eu-ai-act-obligation"
  case euAIActTransparency = "eu-ai-act-transparency"
  case frameworkAnswerOrphaned = "framework-answer-orphaned"
  case statementUnbackedFramework = "statement-unbacked-framework"
  case accountSwitchPromise = "account-switch-promise"
  case neverProcessedData = "never-processed-data"
  public static let termName = "rule"

  public var severity: Severity {
    switch self {
    case .unlistedSubprocessor, .reviewOverdue, .euTierUnassessed, .unstatedGroupSize,
      .monitoringOverdue, .unstatedClaim, .controlEvidence, .frameworkUnmapped,
      .frameworkAnswerOrphaned, .accountSwitchPromise:
      .warning
    default: .error
    }
  }

  /// What the rule asks, for the README and `check --help`.
  public var summary: String {
    switch self {
    case .forbiddenData:
      "no feature processes data the acceptable-use policy forbids (special-category, health, "
        + "government-id, financial-account, children)"
    case .providerTerms:
      "a feature of any category sends customer data to third-party providers only with a DPA in "
        + "place, a no-training term and a known retention, and, when it serves one account, "
        + "zero retention"
    case .aggregationSize:
      "data used across accounts is never aggregated into groups smaller than "
        + "check.min-aggregation-size"
    case .unstatedGroupSize:
      "data aggregated across accounts (serving cross-account, or training aggregated) states its "
        + "smallest group (a warning, or an error when check.unstated-group-size is error)"
    case .unbackedCommitment:
      "a launched feature's published commitment rests on a mitigation that is implemented or "
        + "verified"
    case .autonomousGenerative:
      "a customer-facing generative feature has a person review its output (not autonomous)"
    case .unmitigatedRisk:
      "a launched feature has an implemented or verified mitigation for every high or critical "
        + "risk"
    case .approvalNotInForce:
      "an approved or launched feature holds an approval of its current content"
    case .euTierProhibited: "no live feature is a practice the EU AI Act prohibits"
    case .unlistedSubprocessor:
      "every third-party provider a live feature uses is on the published subprocessor list"
    case .reviewOverdue:
      "an approved or launched feature is reviewed every review_interval_days (plus "
        + "check.review-grace-days)"
    case .euTierUnassessed: "a launched feature has an assessed EU AI Act tier"
    case .unreviewedImport:
      "a feature that arrived approved, launched or suspended by import has since passed a "
        + "review in this database"
    case .monitoringMissing:
      "a launched feature of a category in check.monitored-categories has a monitoring plan"
    case .monitoringOverdue:
      "each monitoring plan of a launched feature has a result within its cadence"
    case .monitoringFailure:
      "a launched feature whose latest monitoring result failed was decided on since: suspended, "
        + "or a review round opened"
    case .incidentReportOverdue:
      "an incident's reports are made by their deadlines: a serious incident to the authority "
        + "within 15, 10 or 2 days of awareness (EU AI Act Art. 73), a personal-data breach "
        + "within 72 hours (GDPR Art. 33)"
    case .incidentOpen:
      "a launched feature with an open high, critical or serious incident was decided on since "
        + "the company became aware: suspended, or a review round opened (an error until then, "
        + "a warning while the incident stays open)"
    case .unstatedClaim:
      "a feature states its human oversight, who has the final say on its output and how "
        + "customers control it, since the public page claims none of them unstated (an error "
        + "once it is launched, a warning before)"
    case .claimContradicted:
      "a feature in the scope of a company control in place does not contradict the control's "
        + "claim (customers can turn it off, no training across accounts, ...), unless an "
        + "exception in force accepts it"
    case .controlEvidence:
      "a company control in place has current evidence: collected within its review cadence and "
        + "not expired"
    case .controlMitigation:
      "a mitigation in place that is a company control is one for the feature: the control is in "
        + "place, its scope covers the feature, and no exception takes the feature out of it"
    case .frameworkUnmapped:
      "in a framework the company assesses (one with a control mapped to it or an applicability "
        + "decision), every requirement that applies and is in force has a control mapped to it"
    case .euAIActObligation:
      "a high-risk feature meets every EU AI Act obligation in force that binds its role (an "
        + "error once it is launched, a warning before)"
    case .euAIActTransparency:
      "a feature that talks to people or generates content meets the EU AI Act's Art. 50 "
        + "transparency obligations in force for its role (an error once it is launched, a "
        + "warning before)"
    case .frameworkAnswerOrphaned:
      "every control mapping and applicability decision names a requirement the framework's "
        + "version in force has (after 'aigov framework import' of a new version)"
    case .statementUnbackedFramework:
      "a company statement on the public page names only frameworks the company assesses (a "
        + "control mapped to it, or an applicability decision)"
    case .accountSwitchPromise:
      "when public.ai-switch-effect promises that the account-wide AI switch stops every flow of "
        + "data to AI third parties, each launched feature sending data to one states that the "
        + "switch turns it off (an error); and no feature states that an account-wide switch "
        + "turns it off while public.ai-switch does not say one is available (a warning)"
    case .neverProcessedData:
      "no live feature processes a kind of data public.never-processed says the company never "
        + "processes with AI"
    }
  }
}

public enum Severity: String, Vocabulary, Comparable {
  case error, warning
  public static let termName = "severity"

  public static func < (lhs: Severity, rhs: Severity) -> Bool {
    lhs == .error && rhs == .warning
  }
}

/// One rule a feature breaks, and what would fix it.
public struct Finding: Codable, Equatable, Sendable {
  public var feature: String
  public var rule: CheckRule
  public var severity: Severity
  public var message: String
  /// The remedies in the command line's words.
  public var fix: String
  /// The ways out, as actions each front end words for its people.
  public var remedies: [Remedy]
  /// The company control whose claim the feature contradicts, for `claim-contradicted`.
  public var control: String?
  /// The number of the exception in force that accepts the finding, which is then a warning.
  public var exception: Int?
  /// The framework a company-level framework finding is about.
  public var framework: String?

  /// What the finding is about: the feature, or for a company-level finding, the control or
  /// the framework.
  public var subject: String {
    guard feature.isEmpty else { return feature }
    return framework.map { "framework \($0)" } ?? "control \(control ?? "")"
  }

  init(
    _ feature: String, _ rule: CheckRule, _ message: String, fix remedies: [Remedy],
    severity: Severity? = nil
  ) {
    self.feature = feature
    self.rule = rule
    self.severity = severity ?? rule.severity
    self.message = message
    self.fix = Remedy.commandLine(remedies)
    self.remedies = remedies
  }
}

/// The outcome of `aigov check`.
public struct CheckReport: Codable, Equatable, Sendable {
  /// Errors first, then by feature and rule.
  public var findings: [Finding]
  public var featuresChecked: Int

  public var errorCount: Int { findings.filter { $0.severity == .error }.count }
  public var warningCount: Int { findings.filter { $0.severity == .warning }.count }

  enum CodingKeys: String, CodingKey {
    case findings
    case featuresChecked = "features_checked"
  }
}

extension Registry {
  /// Evaluates every live feature (every status but retired) against the rules, as of now.
  public func check() throws -> CheckReport {
    try check(visiting: { _, _ in })
  }

  /// `check`, showing each live feature it reads, with its content hash, to `visit` on the way:
  /// a report that reads the same features rides on the same pass.
  func check(visiting visit: (GovernedFeature, _ contentHash: String) throws -> Void) throws
    -> CheckReport
  {
    let settings = try governanceSettings()
    let today = clock()
    var findings: [Finding] = []
    var checked = 0
    let monitoring = try monitoringStandings()
    let incidents = try incidentsByFeature()
    let controls = try controlStanding()
    try forEachGovernedFeature { governed in
      let hash = governed.contentHash
      try visit(governed, hash)
      checked += 1
      let rounds = governed.rounds.map(\.round)
      var found = GovernanceCheck.findings(
        for: governed.record,
        holdsApproval: Self.approvalInForce(rounds, contentHash: hash) != nil,
        settings: settings, now: today)
      found += GovernanceCheck.monitoringFindings(
        for: governed.record.feature, monitoring[governed.record.feature.key] ?? [],
        rounds: rounds, settings: settings, now: today)
      found += GovernanceCheck.incidentFindings(
        for: governed.record.feature, incidents[governed.record.feature.key] ?? [],
        rounds: rounds, now: today)
      found += controls.findings(for: governed.record)
      findings += controls.accepting(found)
    }
    findings += ControlStanding.evidenceFindings(
      controls.controls, evidence: try evidenceByTarget(prefix: "control:"), today: controls.today)
    findings += controls.accepting(try frameworkFindings())
    return CheckReport(sorting: findings, featuresChecked: checked)
  }

  /// The errors `check` would report about a feature once launched, that no exception in force
  /// accepts: what the launch gate refuses on. The rules about what happens after launch
  /// (monitoring results, incidents, periodic reviews) are judged once it is live, and the
  /// approval and the risks by the gate itself, first.
  func launchFindings(_ featureKey: String) throws -> [Finding] {
    var record = try featureRecord(featureKey)
    record.feature.status = .launched
    let rounds = try rounds(featureID: try featureID(featureKey))
    let controls = try controlStanding()
    let found =
      GovernanceCheck.findings(
        for: record,
        holdsApproval: Self.approvalInForce(rounds, contentHash: MaterialContent(record).hash)
          != nil,
        settings: try governanceSettings(), now: clock())
      + controls.findings(for: record)
    return controls.accepting(found).filter {
      $0.severity == .error && !CheckRule.judgedByTheLaunchGate.contains($0.rule)
    }
  }
}

extension CheckRule {
  /// The rules the launch gate applies itself, before any other, with refusals of their own.
  static let judgedByTheLaunchGate: Set<CheckRule> = [
    .approvalNotInForce, .unmitigatedRisk, .unreviewedImport,
  ]
}

extension CheckReport {
  /// Errors first, then by feature, rule and message.
  init(sorting findings: [Finding], featuresChecked: Int) {
    self.findings = findings.sorted {
      ($0.severity, $0.feature, $0.rule.rawValue, $0.message)
        < ($1.severity, $1.feature, $1.rule.rawValue, $1.message)
    }
    self.featuresChecked = featuresChecked
  }
}

extension MaterialContent {
  init(_ record: FeatureRecord) {
    self.init(
      feature: record.feature,
      providers: record.providers.map {
        (
          link: FeatureProviderLink(
            provider: $0.provider.key, model: $0.model, purpose: $0.purpose),
          provider: $0.provider
        )
      }, risks: record.risks.map(\.risk))
  }
}

/// The rules, as pure functions of one feature's record.
enum GovernanceCheck {
  static func findings(
    for record: FeatureRecord, holdsApproval: Bool, settings: GovernanceSettings, now: Date
  ) -> [Finding] {
    let feature = record.feature
    let key = feature.key
    var findings: [Finding] = []
    func add(_ rule: CheckRule, _ message: String, fix: [Remedy], severity: Severity? = nil) {
      findings.append(Finding(key, rule, message, fix: fix, severity: severity))
    }

    let forbidden = feature.forbiddenDataCategories.map(\.rawValue)
    if !forbidden.isEmpty {
      add(
        .forbiddenData,
        "processes \(forbidden.joined(separator: ", ")), which the acceptable-use policy forbids",
        fix: [
          Remedy(
            "stop processing it and record that",
            .removeDataCategories(feature: key, feature.forbiddenDataCategories))
        ])
    }

    let thirdParties = uniqueProviders(record).filter { $0.kind != .internal }
    findings += promiseFindings(
      feature, sendsToThirdParties: !thirdParties.isEmpty, settings: settings)
    // Whatever the category: customer data sent to a third party needs the same terms.
    for provider in thirdParties {
      let gaps = TermGap.gaps(of: provider, servingUse: feature.servingUse)
      if !gaps.isEmpty {
        add(
          .providerTerms,
          "sends \(feature.servingUse.rawValue) customer data to '\(provider.key)', which has "
            + gaps.map(\.summary).joined(separator: ", "),
          fix: [
            Remedy(
              "agree the missing terms and record them", .agreeProviderTerms(provider: provider.key)
            ),
            Remedy("stop using it", .unlinkProvider(feature: key, provider: provider.key)),
          ])
      }
    }

    if feature.crossesAccounts {
      if let size = feature.minGroupSize {
        if size < settings.minAggregationSize {
          add(
            .aggregationSize,
            "aggregates data across accounts into groups as small as \(size); the policy's "
              + "minimum is \(settings.minAggregationSize)",
            fix: [Remedy(.setMinGroupSize(feature: key, settings.minAggregationSize))])
        }
      } else if feature.aggregatesAccounts {
        add(
          .unstatedGroupSize,
          "uses data across accounts (serving \(feature.servingUse.rawValue), training "
            + "\(feature.trainingUse.rawValue)) without a stated smallest group",
          fix: [Remedy("state it", .setMinGroupSize(feature: key, nil))],
          severity: settings.unstatedGroupSize)
      }
    }

    if feature.status == .launched {
      for entry in record.risks {
        for mitigation in entry.mitigations
        where mitigation.publicStatement != nil && !mitigation.status.isInPlace {
          add(
            .unbackedCommitment,
            "publishes a commitment through mitigation #\(mitigation.id) "
              + "'\(mitigation.title)', which is \(mitigation.status.rawValue), not in place; "
              + "the public page leaves it out",
            fix: [
              Remedy("finish it", .completeMitigation(mitigation.id)),
              Remedy("withdraw the statement", .withdrawPublicStatement(mitigation: mitigation.id)),
            ])
        }
      }
    }

    if feature.category == .generative, feature.audience != .internal,
      feature.humanOversight == .autonomous
    {
      add(
        .autonomousGenerative,
        "is customer-facing generative AI whose output reaches customers with no person "
          + "reviewing it (autonomous)",
        fix: [Remedy("put a person in the loop", .requireHumanReview(feature: key))])
    }

    if feature.status == .launched {
      for entry in record.risks where entry.blocksLaunch {
        add(
          .unmitigatedRisk,
          "is launched with risk #\(entry.risk.id) '\(entry.risk.title)' "
            + "(\(entry.risk.level.rawValue), \(entry.risk.score)) lacking an implemented or "
            + "verified mitigation",
          fix: [
            entry.mitigations.first.map {
              Remedy("finish mitigation #\($0.id)", .completeMitigation($0.id))
            } ?? Remedy("add a mitigation", .addMitigation(risk: entry.risk.id)),
            Remedy("suspend the feature", .setStatus(feature: key, .suspended)),
          ])
      }
    }

    if let arrived = feature.unreviewedStatus {
      add(
        .unreviewedImport,
        "arrived \(arrived.rawValue) by import and has passed no review in this database, so "
          + "that status was not earned here",
        fix: [Remedy("have it reviewed", .openReview(feature: key))])
    } else if feature.status == .approved || feature.status == .launched, !holdsApproval {
      add(
        .approvalNotInForce,
        "is \(feature.status.rawValue) but holds no approval of what it is now (no completed "
          + "review in this database approved its current content)",
        fix: [Remedy("have it reviewed", .openReview(feature: key))])
    }

    if feature.euAIActTier == .prohibited {
      add(
        .euTierProhibited, "is classed as a practice the EU AI Act prohibits",
        fix: [Remedy("retire it", .setStatus(feature: key, .retired))])
    }

    for provider in thirdParties where !provider.subprocessorListed {
      add(
        .unlistedSubprocessor,
        "sends data to '\(provider.key)', which is not on the published subprocessor list",
        fix: [
          Remedy(
            "publish it as a subprocessor and record that",
            .listSubprocessor(provider: provider.key))
        ])
    }

    if feature.status == .approved || feature.status == .launched, feature.unreviewedStatus == nil {
      let graceDays = settings.reviewGraceDays
      if let due = reviewDue(feature), now > due.addingTimeInterval(Double(graceDays) * 86_400) {
        let dueDay = String(Timestamp.format(due).prefix(10))
        add(
          .reviewOverdue,
          "periodic review was due on \(dueDay) (every \(feature.reviewIntervalDays) days; last "
            + "reviewed \(feature.lastReviewedAt.map { String($0.prefix(10)) } ?? "never"))",
          fix: [Remedy("open a periodic review", .openReview(feature: key))])
      }
    }

    let unstated = [
      feature.humanOversight == .notStated ? "human_oversight" : nil,
      feature.finalSay == .notStated ? "final_say" : nil,
      feature.customerControl == .notStated ? "customer_control" : nil,
    ].compactMap { $0 }
    if !unstated.isEmpty {
      add(
        .unstatedClaim,
        "does not state its "
          + unstated.map { $0.replacingUnderscores() }
          .joined(separator: ", ") + ", so the public page claims nothing there",
        fix: [Remedy("state it", .stateClaims(feature: key, unstated))],
        severity: feature.status == .launched ? .error : .warning)
    }

    if feature.status == .launched, feature.euAIActTier == .unassessed {
      add(
        .euTierUnassessed, "is launched without an assessed EU AI Act tier",
        fix: [Remedy("assess it", .assessEUTier(feature: key))])
    }
    return findings
  }

  /// The monitoring rules: a plan where the policy asks for one, results within each plan's
  /// cadence, and a decision after a failed result.
  static func monitoringFindings(
    for feature: Feature, _ monitoring: [MonitoringStanding], rounds: [ReviewRound],
    settings: GovernanceSettings, now: Date
  ) -> [Finding] {
    guard feature.status == .launched else { return [] }
    let key = feature.key
    var findings: [Finding] = []
    let active = monitoring.filter { $0.plan.status == .active }
    if active.isEmpty, settings.monitoredCategories.contains(feature.category) {
      findings.append(
        Finding(
          key, .monitoringMissing,
          "is a launched \(feature.category.rawValue) feature without a monitoring plan, which "
            + "check.monitored-categories asks of \(feature.category.rawValue) features",
          fix: [Remedy("plan it", .planMonitoring(feature: key))]))
    }
    for standing in active {
      let plan = standing.plan
      let since = standing.latest?.measuredAt ?? plan.createdAt
      if let last = Timestamp.parse(since) {
        let due = last.addingTimeInterval(Double(plan.cadenceDays) * 86_400)
        if now > due {
          findings.append(
            Finding(
              key, .monitoringOverdue,
              "'\(plan.metric)' was due on \(Timestamp.format(due).prefix(10)) (every "
                + "\(plan.cadenceDays) days; "
                + (standing.latest == nil
                  ? "never measured)" : "last measured \(since.prefix(10)))"),
              fix: [
                Remedy(
                  "record it",
                  .recordMonitoringResult(feature: key, metric: plan.metric, plan.kind))
              ]))
        }
      }
      if let latest = standing.latest, !latest.passed,
        !rounds.contains(where: { $0.openedAt >= latest.createdAt })
      {
        let measured = latest.value.map {
          " (\($0), passing \(plan.direction?.rawValue ?? "") \(plan.threshold ?? ""))"
        }
        findings.append(
          Finding(
            key, .monitoringFailure,
            "failed '\(plan.metric)' on \(latest.measuredAt.prefix(10))\(measured ?? "") and no "
              + "decision followed: it was neither suspended nor sent to review since",
            fix: Self.suspendOrReview(key)))
      }
    }
    return findings
  }

  static func incidentFindings(
    for feature: Feature, _ incidents: [Incident], rounds: [ReviewRound], now: Date
  ) -> [Finding] {
    let key = feature.key
    var findings: [Finding] = []
    for incident in incidents where incident.status == .open {
      for deadline in incident.deadlines where deadline.standing(at: now) == .overdue {
        findings.append(
          Finding(
            key, .incidentReportOverdue,
            "incident \(incident.reference)'s \(deadline.regime.rawValue) report was due "
              + "\(Timestamp.format(deadline.due)) and is not recorded as made",
            fix: [
              Remedy(
                "report it now, then record it",
                .recordIncidentReport(incident: incident.reference, deadline.regime))
            ]))
      }
      guard feature.status == .launched, incident.isSevere else { continue }
      let decided = rounds.contains { $0.openedAt >= incident.awareAt }
      findings.append(
        Finding(
          key, .incidentOpen,
          "is launched with open \(incident.severity.rawValue)"
            + (incident.seriousKind == nil ? "" : ", serious")
            + " incident \(incident.reference) (\(incident.category.rawValue), aware "
            + "\(incident.awareAt.prefix(10)))"
            + (decided
              ? "; a review round was opened since" : " and no decision followed"),
          fix: decided
            ? [Remedy("close it when its cause is known", .closeIncident(incident.reference))]
            : Self.suspendOrReview(key),
          severity: decided ? .warning : .error))
    }
    return findings
  }

  /// After a failed result or a severe incident: take it off the market, or review it.
  static func suspendOrReview(_ key: String) -> [Remedy] {
    [
      Remedy("suspend it", .setStatus(feature: key, .suspended)),
      Remedy(
        "open a review round to record why it may stay launched", .openReview(feature: key)),
    ]
  }

  /// When the feature's next periodic review is due; the distant past if it was never reviewed.
  static func reviewDue(_ feature: Feature) -> Date? {
    guard let last = feature.lastReviewedAt.flatMap(Timestamp.parse) else {
      return .distantPast
    }
    return last.addingTimeInterval(Double(feature.reviewIntervalDays) * 86_400)
  }

  private static func uniqueProviders(_ record: FeatureRecord) -> [Provider] {
    var seen: Set<String> = []
    return record.providers.map(\.provider).filter { seen.insert($0.key).inserted }
  }
}

extension GovernanceCheck {
  /// The company-wide promises of the public page a feature's records break: an account-wide AI
  /// switch said to stop every flow of data to AI third parties, and the kinds of data the
  /// company says it never processes.
  static func promiseFindings(
    _ feature: Feature, sendsToThirdParties: Bool, settings: GovernanceSettings
  ) -> [Finding] {
    var findings: [Finding] = []
    let key = feature.key
    let promisesNoData = settings.aiSwitch == .available && settings.aiSwitchEffect == .noAIData
    if promisesNoData, feature.status == .launched, sendsToThirdParties,
      feature.accountSwitch != .turnsOff
    {
      findings.append(
        Finding(
          key, .accountSwitchPromise,
          "sends data to AI third parties, and "
            + (feature.accountSwitch == .keepsRunning
              ? "keeps running" : "does not state that it stops")
            + " when the account-wide AI switch is off, which the public page says stops every "
            + "such flow",
          fix: [
            Remedy(
              "once the switch turns it off, record that",
              .stateClaims(feature: key, ["account_switch"])),
            Remedy(
              "say only that the switch turns off the features that state it",
              .changeSetting(
                setting: SettingName.aiSwitchEffect.rawValue,
                value: AISwitchEffect.featuresOff.rawValue)),
          ], severity: .error))
    }
    if feature.accountSwitch == .turnsOff, settings.aiSwitch != .available,
      feature.status != .retired
    {
      findings.append(
        Finding(
          key, .accountSwitchPromise,
          "states that the account-wide AI switch turns it off, but the company does not say one "
            + "is available (public.ai-switch is \(settings.aiSwitch.rawValue))",
          fix: [
            Remedy(
              "say that the switch is available",
              .changeSetting(
                setting: SettingName.aiSwitch.rawValue, value: AISwitch.available.rawValue))
          ]))
    }
    let never = feature.dataCategories.filter(settings.neverProcessed.contains)
    if !never.isEmpty, feature.status != .retired {
      findings.append(
        Finding(
          key, .neverProcessedData,
          "processes " + never.map(\.rawValue).joined(separator: ", ")
            + ", which the public page says the company never processes with AI",
          fix: [
            Remedy(
              "stop processing it and record that", .removeDataCategories(feature: key, never))
          ]))
    }
    return findings
  }
}
