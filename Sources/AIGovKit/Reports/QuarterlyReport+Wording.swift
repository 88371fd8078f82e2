/// The words the quarterly report's renderers share, so that every format says the same thing.
/// None of them holds text from the database; the renderers escape that themselves.
extension QuarterlyReport {
  public var title: String { "AI governance review, \(quarter)" }

  /// `2026-07-01 to 2026-09-30`, and whether the quarter has ended.
  public var periodLine: String {
    "\(firstDay) to \(lastDay)"
      + (quarterEnded ? "" : " (in progress: described as of \(asOf))")
  }

  /// What the trail position means, in one sentence.
  public var trailLine: String {
    guard let head = trail.head else { return "The audit trail was empty at \(asOf)." }
    return "Built from audit events 1 to \(trail.events), the last of which has the hash \(head)."
  }

  public static let verifyHint =
    "Check the trail with aigov audit verify; building this report again from the same "
    + "database with the same --now gives the same bytes."

  /// What needs a decision, in one sentence.
  public var decisionLine: String {
    let needs = needsDecision
    guard !needs.isEmpty else { return "Nothing needs a decision as of \(asOf)." }
    func count(_ number: Int, _ one: String, _ many: String) -> String {
      "\(number) \(number == 1 ? one : many)"
    }
    return "As of \(asOf): "
      + [
        count(needs.overdueReviews.count, "periodic review overdue", "periodic reviews overdue"),
        count(
          needs.checkErrors.count, "error found by the policy check",
          "errors found by the policy check"),
        count(
          needs.unmitigatedRisks.count, "high or critical risk without a mitigation in place",
          "high or critical risks without a mitigation in place"),
        count(needs.openIncidents.count, "open incident", "open incidents"),
        count(
          needs.failedMonitoring.count, "monitoring plan whose latest result failed",
          "monitoring plans whose latest result failed"),
      ].joined(separator: "; ") + "."
  }

  /// The approval a feature holds: `round 2`, or `none`.
  public static func approval(_ row: MatrixRow) -> String {
    row.approvalRound.map { "round \($0)" } ?? "none"
  }

  /// A provider's contract term (subprocessor listing, DPA, no-training clause), shown only for a
  /// third party: the company's own platform has no contract with itself.
  public static func term(_ provider: ProviderEntry, _ value: String) -> String {
    provider.kind == .internal ? "n/a (own)" : value
  }

  /// A third party's DPA: `yes, 2024-03-18`, `yes`, `no` or `unknown`.
  public static func dpa(_ provider: ProviderEntry) -> String {
    provider.dpa.cell(signedOn: provider.dpaSignedOn)
  }

  /// `+2`, `-1`, `0`, or `n/a` when there is nothing to compare with.
  public static func change(_ tally: Tally) -> String {
    guard let change = tally.change else { return "n/a" }
    return change > 0 ? "+\(change)" : String(change)
  }

  /// The one-paragraph summary of the quarter's activity.
  public var activityLine: String {
    let activity = self.activity
    func count(_ number: Int, _ noun: String) -> String {
      "\(number) \(noun)"
    }
    let moved = Dictionary(grouping: activity.statusChanges, by: \.to).mapValues(\.count)
    let closed = Dictionary(grouping: activity.reviewRounds, by: \.status).mapValues(\.count)
    let decisions = Dictionary(grouping: activity.signOffs, by: \.decision).mapValues(\.count)
    let signed = activity.signOffs.filter(\.signed).count
    return [
      count(activity.featuresAdded.count, "added"),
      count(activity.materialChanges.count, "materially changed"),
      count(moved[.launched] ?? 0, "launched"),
      count(moved[.suspended] ?? 0, "suspended"),
      count(moved[.retired] ?? 0, "retired"),
    ].joined(separator: ", ") + ". Review rounds: "
      + [
        count(closed[.open] ?? 0, "opened"), count(closed[.approved] ?? 0, "approved"),
        count(closed[.rejected] ?? 0, "rejected"), count(closed[.voided] ?? 0, "voided"),
        count(closed[.withdrawn] ?? 0, "withdrawn"),
      ].joined(separator: ", ") + ". Sign-offs: \(activity.signOffs.count) ("
      + [
        count(decisions[.approve] ?? 0, "approve"), count(decisions[.reject] ?? 0, "reject"),
        count(decisions[.changesRequested] ?? 0, "changes requested"),
      ].joined(separator: ", ") + "; \(signed) signed). Providers: "
      + count(activity.providersAdded.count, "added") + ", "
      + count(activity.providerTermChanges.count, "with changed terms") + "."
  }

  public static func cell(_ cell: MatrixCell) -> String {
    switch cell {
    case .approve: "approved"
    case .reject: "rejected"
    case .changesRequested: "changes requested"
    case .pending: "pending"
    case .notRequired: "—"
    }
  }

  /// `round 2 (open)`, or `none` before the first review.
  public static func round(_ row: MatrixRow) -> String {
    guard let round = row.round, let status = row.roundStatus else { return "none" }
    return "\(round) (\(status.rawValue))"
  }

  /// `Product`, `Engineering`, ...
  public static func title(_ discipline: Discipline) -> String {
    discipline.rawValue.prefix(1).uppercased() + discipline.rawValue.dropFirst()
  }

  public static func event(_ event: RoundEvent) -> String {
    event.status == .open ? "opened" : event.status.rawValue
  }

  public static func due(_ entry: ReviewDue) -> String {
    entry.due ?? "never reviewed"
  }

  public static func retention(_ days: Int?) -> String {
    guard let days else { return "not confirmed" }
    return days == 0 ? "zero" : "\(days) days"
  }

  public static func residual(_ risk: RiskEntry) -> String {
    risk.residualScore.map(String.init) ?? "not assessed"
  }

  public static func mitigations(_ risk: RiskEntry) -> String {
    "\(risk.mitigationsInPlace) of \(risk.mitigations)"
  }

  public var checkLine: String {
    "\(Self.plural(check.errorCount, "error")) and \(Self.plural(check.warningCount, "warning")) "
      + "in \(Self.plural(check.featuresChecked, "live feature")), as of \(asOf)."
  }

  /// `1 error`, `2 errors`.
  static func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }

  public static let headings = (
    decisions: "Needs a decision", summary: "Inventory", activity: "In the quarter",
    matrix: "Sign-off matrix",
    schedule: "Periodic reviews", risks: "Risk register", providers: "Providers and subprocessors",
    monitoring: "Monitoring", incidents: "Incidents", frameworks: "Frameworks",
    check: "Policy check"
  )

  /// The frameworks of the quarter, in one sentence.
  public var frameworkLine: String {
    guard !frameworks.isEmpty else {
      return "No framework is assessed: no control is mapped to one, and no requirement is "
        + "set aside."
    }
    return "\(Self.plural(frameworks.count, "framework")) assessed as of \(asOf), each "
      + "requirement counted once for the company or once for each live feature; the last "
      + "column is how many were met at the quarter's start."
  }

  /// A framework's row: its requirements by status, and those met at the quarter's start.
  static func frameworkCells(_ coverage: FrameworkCoverage) -> [String] {
    let counts = coverage.counts
    return [
      String(counts.applicable), String(counts.met), String(counts.partlyMet),
      String(counts.notMet), String(counts.notAssessed), String(counts.notApplicable),
      coverage.previous.map { previous in
        let change = counts.met - previous.met
        return "\(previous.met)" + (change == 0 ? "" : " (\(change > 0 ? "+" : "")\(change))")
      } ?? "not assessed",
    ]
  }

  static let frameworkHeader = [
    "Framework", "Assessed for", "Apply", "Met", "Partly met", "Not met", "Not assessed",
    "Not applicable", "Met at the start",
  ]

  /// The incidents of the quarter, in one sentence.
  public var incidentLine: String {
    let section = incidents
    guard !section.entries.isEmpty else { return "No incident was open in the quarter." }
    let days = section.entries.compactMap(\.daysToClose)
    let closing =
      days.isEmpty
      ? ""
      : " (in \(Self.days(days.reduce(0, +) / Double(days.count))) on average from awareness)"
    return "\(section.entries.count) open in the quarter: \(section.opened) opened, "
      + "\(section.closed) closed\(closing). Reports: \(section.deadlinesMet) made in time, "
      + "\(section.deadlinesMissed) missed, \(section.deadlinesDue) still due."
  }

  /// The monitoring of the quarter, in one sentence.
  public var monitoringLine: String {
    let results = monitoring.reduce(0) { $0 + $1.results.count }
    let failures = monitoring.reduce(0) { $0 + $1.failures }
    guard !monitoring.isEmpty else { return "No live feature has a monitoring plan." }
    return "\(monitoring.count) plans of live features; \(results) results in the quarter, "
      + "\(failures) failed."
  }

  /// `12.5 days`, `1 day`.
  public static func days(_ value: Double) -> String {
    let rounded = (value * 10).rounded() / 10
    let text = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    return text + (rounded == 1 ? " day" : " days")
  }

  /// What passes a plan: `at-least 0.80`, or `a person judges` for a check.
  public static func passesWhen(_ entry: MonitoringEntry) -> String {
    entry.kind == .check
      ? "a person judges"
      : "\(entry.direction?.rawValue ?? "") \(entry.threshold ?? "")\(entry.unit)"
  }

  /// A result: `2026-08-01 0.17 FAIL`.
  public static func point(_ point: MonitoringPoint) -> String {
    "\(point.measuredAt.prefix(10)) " + (point.value.map { "\($0) " } ?? "")
      + (point.passed ? "pass" : "FAIL")
  }

  /// Where an incident's reports stand: `gdpr-art-33 due 2026-10-23T09:30:00Z: met`.
  public static func reports(_ entry: IncidentEntry) -> String {
    entry.deadlines.isEmpty
      ? "none due"
      : entry.deadlines.map {
        "\($0.regime) due \($0.due): \($0.standing)" + ($0.reportedAt.map { ", made \($0)" } ?? "")
      }.joined(separator: "; ")
  }

  /// `high`, `critical, serious (death)`, `medium, personal-data breach`.
  public static func severity(_ entry: IncidentEntry) -> String {
    entry.severity.rawValue + (entry.seriousKind.map { ", serious (\($0.rawValue))" } ?? "")
      + (entry.personalDataBreach ? ", personal-data breach" : "")
  }
}

/// The words of the meeting's sections: last meeting's actions, the items needing a decision,
/// and the trends. Text from the database is the renderers' to escape.
extension QuarterlyReport {
  public static let meetingHeadings = (
    actions: "Actions from the last meeting", trends: "Trends", pageChanges: "Public page changes"
  )

  /// `Meeting 2, held 2026-10-08, reviewing 2026-Q3: 4 actions, 3 done, 1 late.`
  public static func meetingLine(_ meeting: LastMeeting) -> String {
    let counts = Dictionary(grouping: meeting.actions, by: \.state).mapValues(\.count)
    let order: [ActionStanding] = [.late, .open, .done, .doneLate, .dropped]
    let states = order.compactMap { state in
      counts[state].map { "\($0) \(state == .doneLate ? "done late" : state.rawValue)" }
    }
    return "Meeting \(meeting.meeting), held \(meeting.heldOn), reviewing \(meeting.quarter): "
      + plural(meeting.actions.count, "action")
      + (states.isEmpty ? "" : ", " + states.joined(separator: ", ")) + "."
  }

  /// An action's state in words: `late (due 2026-11-30)`, `done 2026-11-02`.
  public static func actionState(_ action: ActionEntry) -> String {
    switch action.state {
    case .done: "done \(action.closedOn ?? "")"
    case .doneLate: "done late, \(action.closedOn ?? "")"
    case .dropped: "dropped \(action.closedOn ?? "")"
    case .late: "late"
    case .open: "open"
    }
  }

  /// `since 2026-04-30, 220 days overdue; carried 2 quarters`.
  public static func itemTiming(_ item: DecisionItem) -> String {
    var parts: [String] = []
    if let since = item.since {
      parts.append(
        "since \(since)"
          + (item.daysOverdue.map { ", \($0) day\($0 == 1 ? "" : "s") overdue" } ?? ""))
    }
    parts.append(
      item.quartersCarried == 0
        ? "new this quarter"
        : "carried \(plural(item.quartersCarried, "quarter")) from earlier reports")
    return parts.joined(separator: "; ")
  }

  /// `Priya Raman (priya)`, `priya`, or `nobody`.
  public static func whose(_ item: DecisionItem) -> String {
    guard !item.owner.isEmpty else { return "nobody" }
    return item.ownerName.map { "\($0) (\(item.owner))" } ?? item.owner
  }

  /// The trends as rows of a table: a label and one cell per quarter of `trends`.
  public var trendRows: [(String, [String])] {
    func row(_ label: String, _ value: (QuarterFigures) -> Int) -> (String, [String]) {
      (label, trends.map { String(value($0)) })
    }
    var rows = RiskLevel.allCases.map { level in
      row("Open risks, \(level.rawValue)") { figures in
        figures.risksByLevel.first { $0.term == level.rawValue }?.count ?? 0
      }
    }
    rows += [
      row("Risks recorded") { $0.risksOpened }, row("Risks closed") { $0.risksClosed },
      row("Mitigations recorded") { $0.mitigationsOpened },
      row("Mitigations put in place") { $0.mitigationsInPlace },
      row("Policy check errors") { $0.checkErrors },
      row("Policy check warnings") { $0.findingsByRule.reduce(0) { $0 + $1.warnings } },
      row("Incidents opened") { $0.incidentsOpened },
      row("Report deadlines missed") { $0.deadlinesMissed },
      row("Monitoring results failed") { $0.monitoringFailures },
    ]
    rows += EUAIActTier.allCases.map { tier in
      row("EU AI Act tier \(tier.rawValue)") { figures in
        figures.euAIActTiers.first { $0.term == tier.rawValue }?.count ?? 0
      }
    }
    let frameworks = Set(trends.flatMap { $0.frameworks.map(\.framework) }).sorted()
    for framework in frameworks {
      rows.append(
        (
          "\(framework): met / partly / not met",
          trends.map { figures in
            figures.frameworks.first { $0.framework == framework }.map {
              "\($0.met) / \($0.partlyMet) / \($0.notMet)"
            } ?? "—"
          }
        ))
    }
    return rows
  }

  /// The check's findings by rule, each quarter's cell `errors / warnings`.
  public var findingRows: [(CheckRule, [String])] {
    let rules = CheckRule.allCases.filter { rule in
      trends.contains { $0.findingsByRule.contains { $0.rule == rule } }
    }
    return rules.map { rule in
      (
        rule,
        trends.map { figures in
          figures.findingsByRule.first { $0.rule == rule }.map { "\($0.errors) / \($0.warnings)" }
            ?? "0 / 0"
        }
      )
    }
  }

  /// A public page change in words: `added feature Benchmarks`, `changed statement Law and
  /// standards (wording)`.
  public static func pageChange(_ change: PublicDisclosureChanges.Change) -> String {
    "\(change.kind.rawValue) \(change.subject) \(change.name)"
      + (change.parts.isEmpty ? "" : " (\(change.parts.joined(separator: ", ")))")
  }
}
