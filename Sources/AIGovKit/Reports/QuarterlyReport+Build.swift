#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  /// The quarterly review of `quarter`, as of its end or, while it runs, as of now.
  ///
  /// The inventory is rebuilt from the audit trail at two moments, the quarter's end and the
  /// previous quarter's end (see `snapshot(throughEvent:at:)`; a quarter still running ends at
  /// the trail's head, where the tables are read in place); what happened in between is read
  /// from the trail's events.
  public func quarterlyReport(_ quarter: Quarter, toolVersion: String, trendQuarters: Int = 4)
    throws -> QuarterlyReport
  {
    let today = clock()
    guard quarter.start <= today else {
      throw AIGovError.invalidValue(
        field: "quarter", value: quarter.description,
        expected: "a quarter that has begun; it is now \(Quarter(containing: today))")
    }
    let quarterEnded = quarter.end <= today
    let asOf = quarterEnded ? quarter.end.addingTimeInterval(-1) : today
    let startTime = quarter.start.addingTimeInterval(-1)
    let endEvent = try lastEvent(through: asOf)
    let startEvent = try lastEvent(through: startTime)
    // The inventory at the quarter's start and the quarters before it, for the comparisons and
    // the trends: on a second connection and thread while this one builds the rest, or here,
    // after it, for a database no other connection can see.
    let earlierCount = max(0, trendQuarters - 1)
    let before =
      !database.isInMemory && !database.isInTransaction
      ? SecondConnection(path: database.path, readOnly: database.mode == .readOnly) {
        [actor] database in
        try Registry(database: database, actor: actor, clock: Date.init).quarterStart(
          of: quarter, startEvent: startEvent, at: startTime, earlier: earlierCount)
      } : nil
    let atEnd = try inventory(throughEvent: endEvent, at: asOf)
    let (reading, check) = try QuarterReading.readAndCheck(
      atEnd, asOf: asOf, nextQuarter: quarter.next)
    // A trail that began under schema version 1 may not rebuild the previous quarter's end; the
    // report then has nothing to compare with.
    let (atStart, earlier) =
      try before?.result()
      ?? quarterStart(of: quarter, startEvent: startEvent, at: startTime, earlier: earlierCount)
    let previousContent = atStart?.contents ?? [:]
    let activity = try quarterActivity(
      after: startEvent, through: endEvent, names: reading.names,
      materialChanges: reading.contents.compactMap { key, content in
        guard let before = previousContent[key] else { return nil }
        let changed = content.changes(from: before)
        return changed.isEmpty
          ? nil
          : QuarterlyReport.MaterialChange(
            feature: key, name: reading.names[key] ?? key, changed: changed)
      }.sorted { $0.feature < $1.feature })

    let start = Timestamp.format(quarter.start)
    let monitoring = try atEnd.quarterMonitoring(
      names: reading.names, start: start, asOf: Timestamp.format(asOf))
    let incidents = try atEnd.quarterIncidents(start: start, asOf: asOf)
    let trends = try quarterTrends(
      quarter, asOf: asOf, atEnd: atEnd, check: check, endEvent: endEvent,
      startEvent: startEvent, earlier: earlier, depth: trendQuarters)
    let failedMonitoring = monitoring.filter { $0.latest?.passed == false }
    let checkErrors = check.findings.filter { $0.severity == .error }
    let coveredRules: Set<CheckRule> = [
      .unmitigatedRisk, .monitoringFailure, .incidentOpen, .incidentReportOverdue, .reviewOverdue,
    ]
    let items = try atEnd.decisionItems(
      DecisionSources(
        quarter: quarter, asOf: asOf, overdueReviews: reading.schedule.overdue,
        unmitigatedRisks: reading.risks.unmitigated, incidents: incidents.entries,
        failedMonitoring: failedMonitoring,
        checkErrors: checkErrors.filter { !coveredRules.contains($0.rule) },
        earlier: trends.outstanding))
    let pageChanges = try atStart.map {
      PublicDisclosureChanges(
        since: quarter.previous.lastDay, from: $0.page, to: try atEnd.publicDisclosureContent()
      ).changes
    }
    return QuarterlyReport(
      quarter: quarter.description, firstDay: quarter.firstDay, lastDay: quarter.lastDay,
      asOf: Timestamp.format(asOf), quarterEnded: quarterEnded, generatedAt: now,
      toolVersion: toolVersion, schemaVersion: try database.userVersion,
      trail: QuarterlyReport.TrailPosition(
        events: endEvent,
        head: try database.queryOne("SELECT hash FROM audit_events WHERE seq = ?", [endEvent])?
          .optionalText("hash")),
      lastMeeting: try atEnd.lastMeeting(before: quarter, asOf: asOf),
      needsDecision: QuarterlyReport.NeedsDecision(
        items: items,
        overdueReviews: reading.schedule.overdue,
        checkErrors: checkErrors,
        unmitigatedRisks: reading.risks.unmitigated,
        openIncidents: incidents.entries.filter { $0.status == .open },
        failedMonitoring: failedMonitoring),
      summary: Self.summary(try FeatureTallies(atEnd), previous: atStart?.tallies),
      activity: activity, signOffMatrix: reading.matrix, reviewSchedule: reading.schedule,
      risks: reading.risks, providers: reading.providers, monitoring: monitoring,
      incidents: incidents, check: check,
      frameworks: try quarterFrameworks(atEnd, atStart: atStart),
      trends: trends.figures, publicPageChanges: pageChanges)
  }

  /// The figures of the quarter and of those before it, oldest first; and what each earlier
  /// quarter's end left outstanding, the latest first.
  private func quarterTrends(
    _ quarter: Quarter, asOf: Date, atEnd: Registry, check: CheckReport, endEvent: Int,
    startEvent: Int, earlier: EarlierQuarters, depth: Int
  ) throws -> EarlierQuarters {
    guard depth > 0 else { return EarlierQuarters() }
    let current = try atEnd.quarterFigures(
      quarter, asOf: asOf, check: check, trail: database, eventsAfter: startEvent,
      through: endEvent
    ).0
    return EarlierQuarters(
      figures: earlier.figures + [current], outstanding: earlier.outstanding)
  }

  /// The inventory at `quarter`'s start, rebuilt from the trail up to `startEvent` (the last event
  /// before it began) with its clock at `time`, read once for what the report compares with it;
  /// and the figures of up to `count` quarters before `quarter`, the first of them from the same
  /// rebuilt inventory and the same pass over its features. No start when the trail cannot
  /// rebuild it.
  func quarterStart(of quarter: Quarter, startEvent: Int, at time: Date, earlier count: Int)
    throws -> (QuarterStart?, EarlierQuarters)
  {
    guard let atStart = try rebuildable(throughEvent: startEvent, at: time) else {
      return (nil, EarlierQuarters())
    }
    var contents: [String: MaterialContent] = [:]
    var check: CheckReport?
    if count > 0 {
      check = try atStart.check { governed, _ in
        contents[governed.record.feature.key] = MaterialContent(governed.record)
      }
    } else {
      try atStart.forEachGovernedFeature {
        contents[$0.record.feature.key] = MaterialContent($0.record)
      }
    }
    var frameworks: [String: StatusCounts] = [:]
    for assessment in try atStart.frameworkAssessments() {
      frameworks[assessment.framework] = assessment.counts
    }
    let start = QuarterStart(
      contents: contents, tallies: try FeatureTallies(atStart),
      page: try atStart.publicDisclosureContent(), frameworks: frameworks)
    return (
      start,
      try earlierQuarters(
        before: quarter, startEvent: startEvent, atStart: atStart, checkAtStart: check,
        count: count)
    )
  }

  /// The figures of up to `count` quarters before `quarter`, oldest first, as far back as the
  /// trail rebuilds them, and what each one's end left outstanding, the latest first.
  /// `startEvent` is the last event before `quarter` began and `atStart` the inventory then,
  /// with its check when it has been made.
  func earlierQuarters(
    before quarter: Quarter, startEvent: Int, atStart: Registry?, checkAtStart: CheckReport?,
    count: Int
  ) throws -> EarlierQuarters {
    var earlierQuarters = EarlierQuarters()
    var earlier = quarter.previous
    var snapshotAtEnd = atStart
    var checkAtEnd = checkAtStart
    var lastEventOfEarlier = startEvent
    while let registry = snapshotAtEnd, earlierQuarters.figures.count < count,
      lastEventOfEarlier > 0
    {
      let end = earlier.end.addingTimeInterval(-1)
      let firstEvent = try lastEvent(through: earlier.start.addingTimeInterval(-1))
      let (quarterFigures, left) = try registry.quarterFigures(
        earlier, asOf: end, check: try checkAtEnd ?? registry.check(), trail: database,
        eventsAfter: firstEvent, through: lastEventOfEarlier)
      checkAtEnd = nil
      earlierQuarters.figures.insert(quarterFigures, at: 0)
      earlierQuarters.outstanding.append(left)
      guard firstEvent > 0, earlierQuarters.figures.count < count else { break }
      earlier = earlier.previous
      lastEventOfEarlier = firstEvent
      snapshotAtEnd = try rebuildable(
        throughEvent: firstEvent, at: earlier.end.addingTimeInterval(-1))
    }
    return earlierQuarters
  }

  /// The inventory as it stood after event `sequence` (see `snapshot(throughEvent:at:)`), or nil
  /// when the trail cannot rebuild it: one that began under schema version 1, before its baseline.
  func rebuildable(throughEvent sequence: Int, at time: Date) throws -> Registry? {
    do {
      return try snapshot(throughEvent: sequence, at: time)
    } catch AIGovError.refused(.trailBeforeBaseline) {
      return nil
    }
  }

  /// Each framework assessed as of the report's moment, with its standing at the quarter's start.
  private func quarterFrameworks(_ atEnd: Registry, atStart: QuarterStart?) throws
    -> [QuarterlyReport.FrameworkCoverage]
  {
    try atEnd.frameworkAssessments().map {
      QuarterlyReport.FrameworkCoverage(
        framework: $0.framework, title: $0.title, assessed: $0.assessed.rawValue,
        counts: $0.counts, previous: atStart?.frameworks[$0.framework])
    }
  }

  /// The sequence number of the last event, by position, recorded at or before `time`: the report
  /// describes the trail up to there. An event dated wrongly later (a clock far ahead) cannot hide
  /// the events after it, which `audit verify` names for going back in time. 0 when there is none.
  func lastEvent(through time: Date) throws -> Int {
    try database.scalarInteger(
      "SELECT seq FROM audit_events WHERE at <= ? ORDER BY seq DESC LIMIT 1",
      [Timestamp.format(time)]) ?? 0
  }

  // MARK: Summary

  private static func summary(_ atEnd: FeatureTallies, previous atStart: FeatureTallies?)
    -> QuarterlyReport.Summary
  {
    func tallies<T: Vocabulary>(_ counts: KeyPath<FeatureTallies, [T: Int]>)
      -> [QuarterlyReport.Tally]
    {
      let then = atStart?[keyPath: counts]
      return T.allCases.map { term in
        QuarterlyReport.Tally(
          term: term.rawValue, count: atEnd[keyPath: counts][term] ?? 0,
          previous: then.map { $0[term] ?? 0 })
      }
    }
    let byStatus = tallies(\.byStatus)
    return QuarterlyReport.Summary(
      features: QuarterlyReport.Tally(
        term: "features", count: byStatus.reduce(0) { $0 + $1.count },
        previous: atStart.map { _ in byStatus.reduce(0) { $0 + ($1.previous ?? 0) } }),
      byStatus: byStatus, byCategory: tallies(\.byCategory),
      byTrainingUse: tallies(\.byTrainingUse), byAudience: tallies(\.byAudience))
  }
}

/// What the quarterly report reads of the inventory as it stood when the quarter began: the
/// features' material content, their counts, the public page and the frameworks' standing.
struct QuarterStart: Sendable {
  var contents: [String: MaterialContent]
  var tallies: FeatureTallies
  var page: PublicDisclosure
  var frameworks: [String: StatusCounts]
}

/// The features counted by status (every one), and the live ones by category, training use and
/// audience.
struct FeatureTallies: Sendable {
  var byStatus: [FeatureStatus: Int]
  var byCategory: [FeatureCategory: Int]
  var byTrainingUse: [TrainingUse: Int]
  var byAudience: [Audience: Int]

  init(_ registry: Registry) throws {
    byStatus = try registry.featureCounts(by: "status")
    byCategory = try registry.featureCounts(by: "category", liveOnly: true)
    byTrainingUse = try registry.featureCounts(by: "training_use", liveOnly: true)
    byAudience = try registry.featureCounts(by: "audience", liveOnly: true)
  }
}

/// What the report reads from the live features of a snapshot, gathered in the pass `check`
/// makes over them (`Registry.check(visiting:)`): one pass for both.
private struct QuarterReading {
  var names: [String: String]
  var contents: [String: MaterialContent]
  var matrix: QuarterlyReport.SignOffMatrix
  var schedule: QuarterlyReport.ReviewSchedule
  var risks: QuarterlyReport.RiskRegister
  var providers: [QuarterlyReport.ProviderEntry] = []

  /// Reads the snapshot `registry` and checks it, in one pass over its features.
  static func readAndCheck(_ registry: Registry, asOf: Date, nextQuarter: Quarter) throws
    -> (QuarterReading, CheckReport)
  {
    var gathering = try Gathering(registry, asOf: asOf, nextQuarter: nextQuarter)
    let check = try registry.check { gathering.add($0, contentHash: $1) }
    return (try gathering.finish(registry), check)
  }

  /// The sections as they are gathered, feature by feature.
  private struct Gathering {
    let settings: GovernanceSettings
    let asOf: Date
    let nextQuarter: Quarter
    var rows: [QuarterlyReport.MatrixRow] = []
    var overdue: [(Date, QuarterlyReport.ReviewDue)] = []
    var dueSoon: [(Date, QuarterlyReport.ReviewDue)] = []
    var riskEntries: [QuarterlyReport.RiskEntry] = []
    var unmitigated: [QuarterlyReport.RiskEntry] = []
    var inherent = Array(repeating: Array(repeating: 0, count: 5), count: 5)
    var residual = Array(repeating: Array(repeating: 0, count: 5), count: 5)
    var residualUnassessed = 0
    var uses: [String: Set<String>] = [:]
    var names: [String: String] = [:]
    var contents: [String: MaterialContent] = [:]

    init(_ registry: Registry, asOf: Date, nextQuarter: Quarter) throws {
      settings = try registry.governanceSettings()
      self.asOf = asOf
      self.nextQuarter = nextQuarter
      var names: [String: String] = [:]
      try registry.database.forEachRow("SELECT key, name FROM features") { row in
        names[try row.text("key")] = try row.text("name")
      }
      self.names = names
    }

    mutating func add(_ governed: GovernedFeature, contentHash hash: String) {
      let record = governed.record
      let feature = record.feature
      let content = MaterialContent(record)
      contents[feature.key] = content
      let approval = Registry.approvalInForce(governed.rounds.map(\.round), contentHash: hash)

      let status = Registry.reviewStatus(
        of: feature,
        review: FeatureReview(
          rounds: governed.rounds, contentHash: hash, approvalInForce: approval?.number),
        settings: settings)
      let decided = Dictionary(
        status.decisions.map { ($0.discipline, $0.signOff?.decision) }, uniquingKeysWith: { $1 })
      rows.append(
        QuarterlyReport.MatrixRow(
          feature: feature.key, name: feature.name, status: feature.status,
          round: status.round?.number, roundStatus: status.round?.status,
          cells: Discipline.allCases.map { discipline in
            guard let decision = decided[discipline] else { return .notRequired }
            switch decision {
            case .approve: return .approve
            case .reject: return .reject
            case .changesRequested: return .changesRequested
            case nil: return .pending
            }
          }, approvalInForce: approval != nil, approvalRound: approval?.number))

      if feature.status == .approved || feature.status == .launched,
        let due = GovernanceCheck.reviewDue(feature)
      {
        let entry = QuarterlyReport.ReviewDue(
          feature: feature.key, name: feature.name, status: feature.status,
          lastReviewed: feature.lastReviewedAt,
          due: due == .distantPast ? nil : String(Timestamp.format(due).prefix(10)),
          intervalDays: feature.reviewIntervalDays)
        if due <= asOf {
          overdue.append((due, entry))
        } else if due < nextQuarter.end {
          dueSoon.append((due, entry))
        }
      }

      for entry in record.risks where entry.risk.status != .closed {
        let risk = entry.risk
        inherent[risk.likelihood - 1][risk.impact - 1] += 1
        if let likelihood = risk.residualLikelihood, let impact = risk.residualImpact {
          residual[likelihood - 1][impact - 1] += 1
        } else {
          residualUnassessed += 1
        }
        let summary = QuarterlyReport.RiskEntry(
          id: risk.id, feature: feature.key, featureName: feature.name, title: risk.title,
          category: risk.category,
          status: risk.status, likelihood: risk.likelihood, impact: risk.impact,
          score: risk.score, level: risk.level,
          residualScore: risk.residualScore,
          mitigations: entry.mitigations.count,
          mitigationsInPlace: entry.mitigations.filter(\.status.isInPlace).count)
        riskEntries.append(summary)
        if entry.blocksLaunch { unmitigated.append(summary) }
      }
      for link in record.providers { uses[link.provider.key, default: []].insert(feature.key) }
    }

    func finish(_ registry: Registry) throws -> QuarterReading {
      func byRank(_ lhs: QuarterlyReport.RiskEntry, _ rhs: QuarterlyReport.RiskEntry) -> Bool {
        (-lhs.score, -(lhs.residualScore ?? 0), lhs.id) < (
          -rhs.score, -(rhs.residualScore ?? 0), rhs.id
        )
      }
      return QuarterReading(
        names: names, contents: contents,
        matrix: QuarterlyReport.SignOffMatrix(
          disciplines: Discipline.allCases, rows: rows.sorted { $0.feature < $1.feature }),
        schedule: QuarterlyReport.ReviewSchedule(
          overdue: overdue.sorted { ($0.0, $0.1.feature) < ($1.0, $1.1.feature) }.map(\.1),
          dueSoon: dueSoon.sorted { ($0.0, $0.1.feature) < ($1.0, $1.1.feature) }.map(\.1),
          dueBy: nextQuarter.lastDay),
        risks: QuarterlyReport.RiskRegister(
          count: riskEntries.count, inherent: inherent, residual: residual,
          residualUnassessed: residualUnassessed,
          highest: Array(riskEntries.sorted(by: byRank).prefix(10)),
          unmitigated: unmitigated.sorted(by: byRank)),
        providers: try registry.providers().map { provider in
          QuarterlyReport.ProviderEntry(
            key: provider.key, name: provider.name, kind: provider.kind,
            subprocessorListed: provider.subprocessorListed, dpa: provider.dpa,
            dpaSignedOn: provider.dpaSignedOn, noTraining: provider.noTraining,
            retentionDays: provider.retentionDays, regions: provider.regions,
            servedThrough: provider.servedThrough, features: (uses[provider.key] ?? []).sorted())
        }.sorted { ($0.name.lowercased(), $0.key) < ($1.name.lowercased(), $1.key) })
    }
  }
}
