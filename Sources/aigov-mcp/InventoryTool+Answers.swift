import AIGovKit
import MCP

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension InventoryTool {
  /// Answers a call by reading through `registry`. A wrong argument, or a record it names that
  /// does not exist, is a `ToolRefusal`.
  func answer(_ given: [String: Value]?, registry: Registry, now: Date) throws -> any Encodable {
    let arguments = try ToolArguments(
      tool: rawValue, values: given, accepted: self.arguments.keys.sorted())
    do {
      return try answer(arguments, registry: registry, now: now)
    } catch let error as AIGovError {
      throw ToolRefusal(message: error.description)
    }
  }

  private func answer(_ arguments: ToolArguments, registry: Registry, now: Date) throws
    -> any Encodable
  {
    switch self {
    case .findFeatures:
      let filter = FeatureFilter(
        category: try arguments.term("category"), audience: try arguments.term("audience"),
        status: try arguments.term("status"), providerKey: try arguments.key("provider"),
        owner: try arguments.text("owner"), servingUse: try arguments.term("serving_use"),
        trainingUse: try arguments.term("training_use"), text: try arguments.text("text"))
      let limit = try arguments.limit(standard: 50, maximum: Self.maximumPage)
      let after = try arguments.cursor(PageCursor.key)
      let page = try registry.featurePage(filter, after: after, limit: limit)
      return PageAnswer(
        itemsKey: "features", total: page.total, items: page.features.map(FeatureSummary.init),
        nextCursor: page.nextAfter.map(PageCursor.after(key:)))

    case .getFeature:
      return try FeatureAnswer(try arguments.requiredKey("key"), registry: registry)

    case .listProviders:
      let only = try arguments.key("provider")
      let featureLimit = try arguments.integer("features_limit", in: 0...Self.maximumPage) ?? 20
      let all = try registry.providers()
      let providers = try only.map { [try registry.provider($0)] } ?? all
      return ProvidersAnswer(
        providers: try providers.map { provider in
          let uses = try registry.providerUses(provider.key, limit: featureLimit)
          return ProviderEntry(
            provider: provider, featureCount: uses.total, features: uses.items,
            platformFor: all.filter { $0.servedThrough == provider.key }.map(\.key))
        })

    case .findUnprotectedDataFlows:
      let limit = try arguments.limit(standard: 50, maximum: Self.maximumPage)
      let offset = try arguments.cursor(PageCursor.offset) ?? 0
      let page = try registry.unprotectedDataFlows(offset: offset, limit: limit)
      return PageAnswer(
        itemsKey: "flows", total: page.total, items: page.items,
        nextCursor: PageCursor.next(after: page, offset: offset))

    case .whatIsMissing:
      let key = try arguments.requiredKey("key")
      return try registry.readiness(key, goal: try arguments.term("goal") ?? .launch)

    case .findUnmitigatedRisks:
      let limit = try arguments.limit(standard: 50, maximum: Self.maximumPage)
      let offset = try arguments.cursor(PageCursor.offset) ?? 0
      let page = try registry.risksWithoutMitigationInPlace(
        featureKey: try arguments.key("feature"),
        minimumLevel: try arguments.term("minimum_level") ?? .low, offset: offset, limit: limit)
      return PageAnswer(
        itemsKey: "risks", total: page.total, items: page.items,
        nextCursor: PageCursor.next(after: page, offset: offset))

    case .findIncidents:
      let limit = try arguments.limit(standard: 50, maximum: Self.maximumPage)
      let offset = try arguments.cursor(PageCursor.offset) ?? 0
      let incidents = try registry.incidents(
        featureKey: try arguments.key("feature"), status: try arguments.term("status"))
      let items: [IncidentRecord] = try incidents.dropFirst(offset).prefix(limit).map {
        try registry.incidentRecord($0.reference)
      }
      let page = ResultPage(
        items: items, total: incidents.count, hasMore: offset + items.count < incidents.count)
      return PageAnswer(
        itemsKey: "incidents", total: page.total, items: page.items,
        nextCursor: PageCursor.next(after: page, offset: offset))

    case .changesBetween:
      guard let from = try arguments.time("from") else {
        throw ToolRefusal(message: "\(rawValue) needs the argument 'from'")
      }
      let until = try Self.end(of: arguments, "until") ?? now
      guard from < until else {
        throw ToolRefusal(
          message: "argument 'until' (\(Timestamp.format(until))) is not after 'from' "
            + "(\(Timestamp.format(from)))")
      }
      let limit = try arguments.limit(standard: 50, maximum: Self.maximumPage)
      let afterSeq = try arguments.cursor(PageCursor.seq) ?? 0
      let page = try registry.auditTrail.events(
        from: Timestamp.format(from), until: Timestamp.format(until), afterSeq: afterSeq,
        limit: limit)
      return ChangesAnswer(
        from: Timestamp.format(from), until: Timestamp.format(until), total: page.total,
        changes: try page.items.map(TrailChange.init),
        nextCursor: page.hasMore ? page.items.last.map { PageCursor.after(seq: $0.seq) } : nil)

    case .checkFindings:
      let feature = try arguments.key("feature")
      let severity: Severity? = try arguments.term("severity")
      let rule: CheckRule? = try arguments.term("rule")
      let limit = try arguments.limit(standard: 50, maximum: Self.maximumPage)
      let offset = try arguments.cursor(PageCursor.offset) ?? 0
      if let feature { _ = try registry.feature(feature) }
      let report = try registry.check()
      let findings = report.findings.filter {
        (feature == nil || $0.feature == feature) && (severity == nil || $0.severity == severity)
          && (rule == nil || $0.rule == rule)
      }
      let page = ResultPage(
        items: Array(findings.dropFirst(offset).prefix(limit)), total: findings.count,
        hasMore: offset + limit < findings.count)
      return CheckAnswer(
        featuresChecked: report.featuresChecked, errors: report.errorCount,
        warnings: report.warningCount, total: findings.count, findings: page.items,
        nextCursor: PageCursor.next(after: page, offset: offset))

    case .listMeetings:
      let actions = Dictionary(grouping: try registry.meetingActions(), by: \.meeting)
      return MeetingsAnswer(
        meetings: try registry.meetings().map {
          MeetingMinutes(meeting: $0, actions: actions[$0.id] ?? [])
        })

    case .listControls:
      return ControlsAnswer(
        controls: try registry.controlCoverage(status: try arguments.term("status")))

    case .frameworkStatus:
      let feature = try arguments.key("feature")
      let status: RequirementStatus? = try arguments.term("requirement_status")
      if let feature { _ = try registry.feature(feature) }
      let kept = { (standings: [RequirementStanding]) in
        standings.filter { status == nil || $0.status == status }
      }
      return FrameworksAnswer(
        frameworks: try registry.frameworkAssessments(framework: try arguments.key("framework"))
          .map { assessment in
            var assessment = assessment
            assessment.requirements = kept(assessment.requirements)
            assessment.features = assessment.features.filter {
              feature == nil || $0.feature == feature
            }.map {
              var standing = $0
              standing.requirements = kept(standing.requirements)
              return standing
            }
            return assessment
          })

    case .verifyAuditTrail:
      let verification = try registry.verify()
      let problems = verification.problems
      return VerifyAnswer(
        intact: verification.isIntact, eventCount: verification.chain.eventCount,
        headSeq: verification.chain.headSeq, headHash: verification.chain.headHash,
        recordsChecked: verification.recordsChecked,
        signOffsChecked: verification.signOffsChecked,
        signedSignOffs: verification.signedSignOffs, problemCount: problems.count,
        problems: Array(problems.prefix(VerifyAnswer.shownProblems)))
    }
  }

  /// A time argument read as the end of what it names: a day means up to its end.
  private static func end(of arguments: ToolArguments, _ name: String) throws(ToolRefusal)
    -> Date?
  {
    guard let text = try arguments.text(name), let time = try arguments.time(name) else {
      return nil
    }
    return Timestamp.isValidDay(text) ? time.addingTimeInterval(86_400) : time
  }
}

/// Where the next page of an answer starts, as the opaque `cursor` the assistant passes back.
enum PageCursor {
  static func after(key: String) -> String { "k:" + key }
  static func after(seq: Int) -> String { "s:\(seq)" }

  static func key(_ cursor: String) -> String? {
    guard cursor.hasPrefix("k:") else { return nil }
    let key = String(cursor.dropFirst(2))
    return (try? Validation.key(key)) == nil ? nil : key
  }

  static func seq(_ cursor: String) -> Int? {
    guard cursor.hasPrefix("s:"), let seq = Int(cursor.dropFirst(2)), seq >= 0 else { return nil }
    return seq
  }

  static func offset(_ cursor: String) -> Int? {
    guard cursor.hasPrefix("o:"), let offset = Int(cursor.dropFirst(2)), offset >= 0 else {
      return nil
    }
    return offset
  }

  /// The cursor of the page after `page`, which starts at `offset`; nil after the last.
  static func next<Item>(after page: ResultPage<Item>, offset: Int) -> String? {
    page.hasMore ? "o:\(offset + page.items.count)" : nil
  }
}
