#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension QuarterlyReport {
  /// One item the review meeting must decide on: what, whose, why, since when, how many
  /// quarters it has been carried, what the meeting is asked, and the evidence behind it.
  public struct DecisionItem: Codable, Equatable, Sendable {
    /// How minutes and actions name it: `review/kb-search`, `risk/12`, `incident/INC-7`,
    /// `monitoring/kb-search/accuracy`, `check/kb-search/provider-terms`, `action/4`.
    public var item: String
    public var kind: DecisionItemKind
    public var feature: String?
    /// What it is, in words.
    public var what: String
    /// Whose it is: a handle or a name; empty when nobody owns it.
    public var owner: String
    /// The owner's name, when the owner is a reviewer.
    public var ownerName: String?
    /// Why it needs a decision: the rule, in words.
    public var why: String
    /// The day it fell due or began, when known.
    public var since: String?
    /// Days from `since` to the report's day, for what fell due then (a review, an action).
    public var daysOverdue: Int?
    /// The earlier quarters whose end it was already outstanding at, in a row.
    public var quartersCarried: Int
    /// What the meeting is asked to decide.
    public var decision: DecisionKind
    /// The question, in words.
    public var asked: String
    /// Dates that bear on it: planned mitigations and their owners, reports due.
    public var dates: [String]
    /// The evidence recorded for it: numbered evidence, a mitigation's or a result's evidence.
    public var evidence: [String]
    /// What earlier meetings decided on it: `2026-07-09: approve (Review it again)`.
    public var decidedBefore: [String]

    enum CodingKeys: String, CodingKey {
      case item, kind, feature, what, owner
      case ownerName = "owner_name"
      case why, since
      case daysOverdue = "days_overdue"
      case quartersCarried = "quarters_carried"
      case decision, asked, dates, evidence
      case decidedBefore = "decided_before"
    }
  }

  /// The last meeting before the quarter, and where its actions stand at the report's moment.
  public struct LastMeeting: Codable, Equatable, Sendable {
    public var meeting: Int
    public var heldOn: String
    public var quarter: String
    public var attendees: [String]
    public var decisions: [MeetingDecision]
    public var actions: [ActionEntry]

    enum CodingKeys: String, CodingKey {
      case meeting
      case heldOn = "held_on"
      case quarter, attendees, decisions, actions
    }
  }

  public struct ActionEntry: Codable, Equatable, Sendable {
    public var id: Int
    public var title: String
    public var owner: String
    public var item: String?
    public var dueOn: String
    public var state: ActionStanding
    public var closedOn: String?
    public var note: String?

    enum CodingKeys: String, CodingKey {
      case id, title, owner, item
      case dueOn = "due_on"
      case state
      case closedOn = "closed_on"
      case note
    }
  }

  /// The figures of one quarter, for the trends: as its end (or the report's moment) left them.
  public struct QuarterFigures: Codable, Equatable, Sendable {
    public var quarter: String
    /// Open risks of live features by level, low to critical.
    public var risksByLevel: [Count]
    /// `aigov check`'s findings at the quarter's end, by rule: errors and warnings.
    public var findingsByRule: [RuleCount]
    public var checkErrors: Int
    /// Incidents the company became aware of in the quarter, and reporting deadlines missed.
    public var incidentsOpened: Int
    public var deadlinesMissed: Int
    /// Monitoring results measured in the quarter that failed.
    public var monitoringFailures: Int
    /// Risks and mitigations recorded in the quarter, and risks closed and mitigations put in
    /// place (implemented or verified) in it.
    public var risksOpened: Int
    public var risksClosed: Int
    public var mitigationsOpened: Int
    public var mitigationsInPlace: Int
    /// Live features by EU AI Act tier.
    public var euAIActTiers: [Count]
    /// Each assessed framework's requirements met, partly met and not met.
    public var frameworks: [FrameworkCount]

    enum CodingKeys: String, CodingKey {
      case quarter
      case risksByLevel = "risks_by_level"
      case findingsByRule = "findings_by_rule"
      case checkErrors = "check_errors"
      case incidentsOpened = "incidents_opened"
      case deadlinesMissed = "deadlines_missed"
      case monitoringFailures = "monitoring_failures"
      case risksOpened = "risks_opened"
      case risksClosed = "risks_closed"
      case mitigationsOpened = "mitigations_opened"
      case mitigationsInPlace = "mitigations_in_place"
      case euAIActTiers = "eu_ai_act_tiers"
      case frameworks
    }
  }

  public struct Count: Codable, Equatable, Sendable {
    public var term: String
    public var count: Int
  }

  public struct RuleCount: Codable, Equatable, Sendable {
    public var rule: CheckRule
    public var errors: Int
    public var warnings: Int
  }

  public struct FrameworkCount: Codable, Equatable, Sendable {
    public var framework: String
    public var met: Int
    public var partlyMet: Int
    public var notMet: Int

    enum CodingKeys: String, CodingKey {
      case framework, met
      case partlyMet = "partly_met"
      case notMet = "not_met"
    }
  }
}

/// What a quarter's end left outstanding, to tell how long an item has been carried.
struct Outstanding: Sendable {
  var checkErrors: Set<String> = []
  var unmitigatedRisks: Set<Int> = []
}

/// The trends' figures of quarters, oldest first, and what each earlier quarter's end left
/// outstanding, the latest first.
struct EarlierQuarters: Sendable {
  var figures: [QuarterlyReport.QuarterFigures] = []
  var outstanding: [Outstanding] = []
}

extension Registry {
  /// The quarter's figures in a snapshot at its end (or the report's moment), with what was
  /// outstanding then; what happened in it is read from `trail`'s events after `first` up to
  /// `last`.
  func quarterFigures(
    _ quarter: Quarter, asOf: Date, check: CheckReport, trail: Database,
    eventsAfter first: Int, through last: Int
  ) throws -> (QuarterlyReport.QuarterFigures, Outstanding) {
    let start = Timestamp.format(quarter.start)
    let end = Timestamp.format(asOf)
    var levels: [RiskLevel: Int] = [:]
    var outstanding = Outstanding()
    try database.forEachRow(
      """
      SELECT r.id, r.likelihood * r.impact AS score, \(RiskRecord.blocksLaunchSQL("r")) AS blocks
      FROM risks r JOIN features f ON f.id = r.feature_id
      WHERE f.status != 'retired' AND r.status != 'closed'
      """, RiskRecord.blocksLaunchArguments
    ) { row in
      levels[RiskLevel(score: try row.integer("score")), default: 0] += 1
      if try row.integer("blocks") != 0 {
        outstanding.unmitigatedRisks.insert(try row.integer("id"))
      }
    }
    var rules: [CheckRule: (Int, Int)] = [:]
    for finding in check.findings {
      var counts = rules[finding.rule] ?? (0, 0)
      if finding.severity == .error {
        counts.0 += 1
        outstanding.checkErrors.insert("\(finding.subject)/\(finding.rule.rawValue)")
      } else {
        counts.1 += 1
      }
      rules[finding.rule] = counts
    }
    let incidents = try quarterIncidents(start: start, asOf: asOf)
    var tiers: [EUAIActTier: Int] = [:]
    try database.forEachRow(
      "SELECT eu_ai_act_tier AS tier, count(*) AS n FROM features WHERE status != 'retired' "
        + "GROUP BY eu_ai_act_tier"
    ) { row in
      if let tier = EUAIActTier(rawValue: try row.text("tier")) {
        tiers[tier] = try row.integer("n")
      }
    }
    func events(_ sql: String) throws -> Int {
      try trail.scalarInteger(sql, [first, last]) ?? 0
    }
    let inPlace = "('implemented', 'verified')"
    let figures = QuarterlyReport.QuarterFigures(
      quarter: quarter.description,
      risksByLevel: RiskLevel.allCases.map { .init(term: $0.rawValue, count: levels[$0] ?? 0) },
      findingsByRule: CheckRule.allCases.compactMap { rule in
        rules[rule].map { QuarterlyReport.RuleCount(rule: rule, errors: $0.0, warnings: $0.1) }
      },
      checkErrors: check.errorCount,
      incidentsOpened: incidents.opened, deadlinesMissed: incidents.deadlinesMissed,
      monitoringFailures: try database.scalarInteger(
        "SELECT count(*) FROM monitoring_results WHERE passed = 0 AND measured_at >= ? "
          + "AND measured_at <= ?", [start, end]) ?? 0,
      risksOpened: try events(
        "SELECT count(*) FROM audit_events WHERE seq > ? AND seq <= ? AND action = 'risk.create'"),
      risksClosed: try events(
        """
        SELECT count(*) FROM audit_events WHERE seq > ? AND seq <= ? AND action = 'risk.update'
        AND after ->> '$.status' = 'closed' AND before ->> '$.status' != 'closed'
        """),
      mitigationsOpened: try events(
        "SELECT count(*) FROM audit_events WHERE seq > ? AND seq <= ? "
          + "AND action = 'mitigation.create'"),
      mitigationsInPlace: try events(
        """
        SELECT count(*) FROM audit_events WHERE seq > ? AND seq <= ?
        AND action IN ('mitigation.create', 'mitigation.update')
        AND after ->> '$.status' IN \(inPlace)
        AND coalesce(before ->> '$.status', '') NOT IN \(inPlace)
        """),
      euAIActTiers: EUAIActTier.allCases.map { .init(term: $0.rawValue, count: tiers[$0] ?? 0) },
      frameworks: try frameworkAssessments().map {
        QuarterlyReport.FrameworkCount(
          framework: $0.framework, met: $0.counts.met, partlyMet: $0.counts.partlyMet,
          notMet: $0.counts.notMet)
      })
    return (figures, outstanding)
  }

  /// The meeting before the quarter, with where its actions stand at `asOf`.
  func lastMeeting(before quarter: Quarter, asOf: Date) throws -> QuarterlyReport.LastMeeting? {
    let day = String(Timestamp.format(asOf).prefix(10))
    guard let meeting = try meeting(before: quarter, heldBy: day) else { return nil }
    return QuarterlyReport.LastMeeting(
      meeting: meeting.id, heldOn: meeting.heldOn, quarter: meeting.quarter,
      attendees: meeting.attendees, decisions: meeting.decisions,
      actions: try meetingActions(meeting: meeting.id).map { action in
        let standing = action.standing(on: day)
        let closed = [.done, .doneLate, .dropped].contains(standing)
        return QuarterlyReport.ActionEntry(
          id: action.id, title: action.title, owner: action.owner, item: action.item,
          dueOn: action.dueOn, state: standing, closedOn: closed ? action.closedOn : nil,
          note: closed ? action.note : nil)
      })
  }
}

/// What the items of "Needs a decision" are drawn from.
struct DecisionSources {
  var quarter: Quarter
  var asOf: Date
  var overdueReviews: [QuarterlyReport.ReviewDue]
  var unmitigatedRisks: [QuarterlyReport.RiskEntry]
  var incidents: [QuarterlyReport.IncidentEntry]
  var failedMonitoring: [QuarterlyReport.MonitoringEntry]
  var checkErrors: [Finding]
  /// What each earlier quarter's end left outstanding, the latest first.
  var earlier: [Outstanding]
}

extension Registry {
  /// Every item the meeting must decide on, the costliest to leave first.
  func decisionItems(_ sources: DecisionSources) throws -> [QuarterlyReport.DecisionItem] {
    let day = String(Timestamp.format(sources.asOf).prefix(10))
    var owners: [String: String] = [:]
    var names: [String: String] = [:]
    var created: [String: String] = [:]
    try database.forEachRow("SELECT key, name, owner, created_at FROM features") { row in
      let key = try row.text("key")
      owners[key] = try row.text("owner")
      names[key] = try row.text("name")
      created[key] = String(try row.text("created_at").prefix(10))
    }
    var people: [String: String] = [:]
    try database.forEachRow("SELECT handle, name FROM reviewers") { row in
      people[try row.text("handle")] = try row.text("name")
    }
    let evidence = try evidenceByTarget(prefix: "")
    func evidenceFor(_ targets: [String]) -> [String] {
      targets.flatMap { evidence[$0] ?? [] }.map {
        "evidence #\($0.id) \($0.title) (\($0.kind.rawValue), collected \($0.collectedOn))"
      }
    }
    var decided: [String: [String]] = [:]
    for meeting in try meetings() where meeting.heldOn <= day {
      for decision in meeting.decisions {
        decided[decision.item, default: []].append(
          "\(meeting.heldOn): \(decision.decision.rawValue)"
            + (decision.until.map { " until \($0)" } ?? "") + " (\(decision.note))")
      }
    }
    /// The quarter ends before this quarter at or after `since`: the earlier lists it was on.
    func carried(since: String?) -> Int {
      guard let since else { return 0 }
      var count = 0
      var quarter = sources.quarter.previous
      while quarter.lastDay >= since, count < 40 {
        count += 1
        quarter = quarter.previous
      }
      return count
    }
    func carried(_ outstanding: (Outstanding) -> Bool) -> Int {
      sources.earlier.prefix { outstanding($0) }.count
    }
    /// For what the trail dates no better (a check error): the end of the earliest quarter in a
    /// row that found it, or the report's day when this is the first.
    func foundSince(_ carried: Int) -> String {
      var quarter = sources.quarter
      for _ in 0..<carried { quarter = quarter.previous }
      return carried == 0 ? day : quarter.lastDay
    }
    func overdue(_ since: String?) -> Int? {
      guard let since, since < day, let from = Timestamp.parse(since + "T00:00:00Z"),
        let to = Timestamp.parse(day + "T00:00:00Z")
      else { return nil }
      return Int((to.timeIntervalSince(from) / 86_400).rounded())
    }
    var ranked: [(rank: Int, item: QuarterlyReport.DecisionItem)] = []
    func add(
      rank: Int, item: String, kind: DecisionItemKind, feature: String?, what: String,
      owner: String, why: String, since: String?, carried: Int, decision: DecisionKind,
      asked: String, dates: [String] = [], evidence: [String] = []
    ) {
      let assign = owner.trimmingWhitespace().isEmpty
      ranked.append(
        (
          rank,
          QuarterlyReport.DecisionItem(
            item: item, kind: kind, feature: feature, what: what, owner: owner,
            ownerName: people[owner], why: why, since: since,
            daysOverdue: [.review, .action].contains(kind) ? overdue(since) : nil,
            quartersCarried: carried, decision: assign ? .assignOwner : decision,
            asked: assign ? "Name who owns it. " + asked : asked, dates: dates,
            evidence: evidence, decidedBefore: decided[item] ?? [])
        ))
    }
    func named(_ key: String) -> String { "\(names[key] ?? key) (\(key))" }

    for incident in sources.incidents where incident.status == .open {
      let missed = incident.deadlines.filter { $0.standing == "overdue" }
      let due = incident.deadlines.filter { $0.standing == "due" }
      let feature = incident.features.first
      add(
        rank: missed.isEmpty ? (incident.severity >= .high ? 80 : 50) : 90,
        item: "incident/\(incident.reference)", kind: .incident, feature: feature,
        what: "Incident \(incident.reference), \(incident.title), "
          + "\(incident.severity.rawValue) (\(incident.features.map(named).joined(separator: ", ")))",
        owner: feature.flatMap { owners[$0] } ?? "",
        why: missed.isEmpty
          ? "an incident is open on a live feature"
          : "a report owed for it is past its deadline",
        since: String(incident.awareAt.prefix(10)), carried: carried(since: incident.awareAt),
        decision: missed.isEmpty ? .suspend : .report,
        asked: missed.isEmpty
          ? "Suspend the feature until the incident is closed, or accept it staying live."
          : "Make the overdue report now, and decide whether the feature stays live.",
        dates: (missed + due).map {
          "\($0.regime) report \($0.standing == "overdue" ? "was due" : "due") "
            + String($0.due.prefix(10))
        },
        evidence: evidenceFor(["incident:\(incident.reference)"]))
    }
    for finding in sources.checkErrors {
      let key = "\(finding.subject)/\(finding.rule.rawValue)"
      let feature = finding.feature.isEmpty ? nil : finding.feature
      let decision: DecisionKind =
        finding.rule == .approvalNotInForce ? .approve : .acceptException
      add(
        rank: 70,
        item: "check/"
          + (feature ?? finding.framework.map { "framework-\($0)" }
            ?? "control-\(finding.control ?? "")")
          + "/\(finding.rule.rawValue)",
        kind: .check, feature: feature,
        what: (feature.map(named) ?? finding.subject) + ": " + finding.message,
        owner: feature.flatMap { owners[$0] } ?? "",
        why: "the policy check's rule \(finding.rule.rawValue): \(finding.rule.summary)",
        since: foundSince(carried { $0.checkErrors.contains(key) }),
        carried: carried { $0.checkErrors.contains(key) }, decision: decision,
        asked: decision == .approve
          ? "Approve a review of what it is now, or suspend it."
          : "Have the owner fix it ("
            + (finding.remedies.first.map { $0.purpose ?? $0.action.plainWords } ?? "see the check")
            + "), or accept an exception until a date.",
        evidence: feature.map { evidenceFor(["feature:\($0)"]) } ?? [])
    }
    for risk in sources.unmitigatedRisks {
      var dates: [String] = []
      var proofs: [String] = evidenceFor(["risk:\(risk.id)"])
      var owner = ""
      var since: String?
      try database.forEachRow(
        "SELECT owner, substr(created_at, 1, 10) AS since FROM risks WHERE id = ?", [risk.id]
      ) { row in
        owner = try row.text("owner")
        since = try row.text("since")
      }
      try database.forEachRow(
        "SELECT id, title, owner, status, due_on, evidence FROM mitigations WHERE risk_id = ? "
          + "ORDER BY id", [risk.id]
      ) { row in
        let id = try row.integer("id")
        dates.append(
          "mitigation #\(id) \(try row.text("title")) (\(try row.text("owner"))), "
            + "\(try row.text("status"))"
            + (row.optionalText("due_on").map { ", due \($0)" } ?? ", no due date"))
        if let text = row.optionalText("evidence") { proofs.append("mitigation #\(id): \(text)") }
        proofs += evidenceFor(["mitigation:\(id)"])
      }
      add(
        rank: risk.level == .critical ? 75 : 60, item: "risk/\(risk.id)", kind: .risk,
        feature: risk.feature,
        what: "Risk #\(risk.id) of \(named(risk.feature)): \(risk.title), "
          + "\(risk.level.rawValue) (\(risk.score))",
        owner: owner,
        why: "a \(risk.level.rawValue) risk has no mitigation implemented or verified",
        since: since, carried: carried { $0.unmitigatedRisks.contains(risk.id) },
        decision: .fundMitigation,
        asked: dates.isEmpty
          ? "Fund a mitigation, or accept the risk with an exception until a date."
          : "Hold the planned mitigation to its date (or fund it), or accept the risk until then.",
        dates: dates, evidence: proofs)
    }
    for entry in sources.failedMonitoring {
      let measured = entry.latest.map { String($0.measuredAt.prefix(10)) }
      add(
        rank: 65, item: "monitoring/\(entry.feature)/\(entry.metric)", kind: .monitoring,
        feature: entry.feature,
        what: "\(named(entry.feature)): the latest \(entry.metric) result failed"
          + (entry.latest?.value.map { " (\($0)\(entry.unit))" } ?? ""),
        owner: entry.owner, why: "a launched feature's monitoring failed its threshold",
        since: measured, carried: carried(since: measured), decision: .suspend,
        asked: "Suspend the feature, or accept an exception until the metric passes again.",
        evidence: evidenceFor(["feature:\(entry.feature)"]))
    }
    for review in sources.overdueReviews {
      add(
        rank: 40, item: "review/\(review.feature)", kind: .review, feature: review.feature,
        what: "Periodic review of \(named(review.feature)), every \(review.intervalDays) days",
        owner: owners[review.feature] ?? "",
        why: review.lastReviewed == nil
          ? "it was never reviewed" : "its periodic review is overdue",
        since: review.due ?? created[review.feature],
        carried: carried(since: review.due ?? created[review.feature]), decision: .approve,
        asked: "Approve a new review round by a date, or suspend the feature.",
        dates: review.lastReviewed.map { ["last reviewed \($0.prefix(10))"] } ?? [])
    }
    for action in try meetingActions() where action.standing(on: day) == .late {
      guard let meeting = try? meeting(action.meeting), meeting.heldOn <= day else { continue }
      add(
        rank: 30, item: "action/\(action.id)", kind: .action, feature: nil,
        what: "Action #\(action.id) of the meeting of \(meeting.heldOn): \(action.title)",
        owner: action.owner, why: "an action the meeting gave out is past its day",
        since: action.dueOn, carried: carried(since: action.dueOn), decision: .reschedule,
        asked: "Set a new date, or drop it.",
        dates: ["due \(action.dueOn)"] + (action.item.map { ["answers \($0)"] } ?? []))
    }
    return ranked.sorted {
      ($0.rank, $0.item.daysOverdue ?? 0, $1.item.item) > (
        $1.rank, $1.item.daysOverdue ?? 0, $0.item.item
      )
    }.map(\.item)
  }
}
