#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// `audit verify`'s proof of the governance: the trail replayed, event by event, through the rules
/// the commands enforce (`GovernanceRules`), each applied to the inventory as the trail left it at
/// that event. An event the rules would have refused is named with its position and the rule, so
/// that rows appended with correct hashes by someone holding the file still cannot make an
/// approval that no reviewer gave.
///
/// Every event is read once, in order, in the same pass that recomputes the chain (`visit`). Only
/// the few kinds of record the rules are about (reviewers,
/// rounds, sign-offs, settings, checkpoints) are decoded whole; of a feature, only its status, and
/// its owner while a round is open. What a rule needs of the inventory at a moment (a feature's
/// material content, its risks and their mitigations) is read from the trail when the rule asks.
struct GovernanceReplay {
  let registry: Registry
  private(set) var problems: [GovernanceProblem] = []
  /// The events up to this one are replayed for the state they leave, not judged: a verification
  /// since a checkpoint judges only what came after it.
  var judgesAfter: Int?
  /// The event being replayed.
  private var visiting = 0
  /// What of a resumed state did not read when an event asked for it.
  private var unreadableState: UnreadableReplayState?
  /// The events after which the state is kept (`kept`), for a verification since each later.
  var keepsStateAt: Set<Int> = []
  private(set) var kept: [ReplayState] = []

  private var lastTime: [UInt8] = []
  private var lastSeq = 0
  private var lastHash = ""
  private var statuses = FeatureStatuses()
  private var reviewers: [String: Reviewer] = [:]
  private var rounds = KnownRounds()
  private var roundsOfFeature: [String: [Int]] = [:]
  private var open: [String: OpenRound] = [:]
  private var settings: [SettingName: String] = [:]
  private var incidents: [String: Incident] = [:]
  private var plans: [Int: MonitoringPlan] = [:]
  /// Each company control as the trail left it, by key.
  private var controls: [String: Control] = [:]
  /// The frameworks an applicability decision named so far.
  private var decidedFrameworks: Set<String> = []
  /// Each mitigation mapping in force, by its number: the framework it answers.
  private var mitigationAnswers: [String: String] = [:]
  /// The catalogues imported so far, by key: each replaces the shipped one of its key.
  private var importedCatalogues: [String: Framework] = [:]
  /// The text of each, as imported, for a state to be kept (`carried`).
  private var catalogueTexts: [String: String] = [:]
  /// Each feature's exceptions so far, oldest first.
  private var exceptions: [String: [ControlException]] = [:]
  /// The day each meeting so far was held, by number.
  private var meetingsHeld: [Int: String] = [:]
  /// Each meeting action as the trail left it, by number.
  private var actions: [String: MeetingAction] = [:]
  /// The features that have had a review round or an incident: the only ones whose material
  /// changes owe anything, so that the others are passed over at the cost of a lookup.
  private var governed: Set<String> = []
  /// What the material-change rule still owes for the last change that altered a feature's
  /// material content: the events the operation writes right after it.
  private var owed: [Consequences] = []
  /// Whether any reviewer has had a key by now: from then on, the key administrators change only
  /// with a key administrator's signature.
  private var keysRegistered = false
  /// The round event just before, for the feature status changes a round event brings.
  private var previousRoundEvent: RoundEvent?
  /// A feature event in schema 5's words has been read: every later one must be too, since aigov
  /// reads a record in schema 4's words through the mapping (`Schema4Fields`) that only an
  /// upgraded trail's earlier events need.
  private var schema5Began = false

  /// What a material change to `feature` by event `cause` brings, as `applyMaterialChangeRule`
  /// writes it: an override recorded on each serious incident that holds the feature, the void
  /// of each round pinned to other content, and the feature's return to review.
  struct Consequences: Codable {
    var cause: Int
    var feature: String
    var holds: Set<String>
    var voids: Set<Int>
    var reopens: Bool
    var isSettled: Bool { holds.isEmpty && voids.isEmpty && !reopens }
  }

  /// A round while it is open: the feature's owners so far, and the decisions made in it.
  struct OpenRound: Codable {
    var id: Int
    var owners: [String]
    var signOffs: [SignOff] = []
  }

  /// A review round's event, by its position.
  struct RoundEvent: Codable {
    var seq: Int
    var action: AuditAction
    var feature: String
  }

  /// The launch gate in force before the trail's first change of it: `approval` for a trail
  /// recorded before schema 11, whose upgrade recorded the change from it.
  private let initialLaunchGate: String

  init(registry: Registry) {
    self.registry = registry
    initialLaunchGate =
      (try? registry.database.queryOne(
        """
        SELECT before ->> '$.value' AS value FROM audit_events
        WHERE entity = ? AND entity_key = ? ORDER BY seq LIMIT 1
        """, [AuditEntity.setting.rawValue, SettingName.launchGate.rawValue]))?.flatMap {
        $0.optionalText("value")
      } ?? SettingName.launchGateCheck
  }

  /// Resumes a replay where `carried` was kept (`carried` of a replay that had visited every event
  /// up to that point).
  init(registry: Registry, resuming carried: Carried) throws {
    self.registry = registry
    initialLaunchGate = carried.initialLaunchGate
    lastTime = Array(carried.lastTime.utf8)
    lastSeq = carried.lastSeq
    lastHash = carried.lastHash
    statuses = carried.statuses
    reviewers = carried.reviewers
    rounds = carried.rounds
    roundsOfFeature = carried.roundsOfFeature
    open = carried.open
    settings = carried.settings
    incidents = carried.incidents
    plans = carried.plans
    controls = carried.controls
    decidedFrameworks = carried.decidedFrameworks
    mitigationAnswers = carried.mitigationAnswers
    catalogueTexts = carried.catalogues
    importedCatalogues = try carried.catalogues.mapValues(Framework.stored)
    exceptions = carried.exceptions
    meetingsHeld = carried.meetingsHeld
    actions = carried.actions
    governed = carried.governed
    owed = carried.owed
    keysRegistered = carried.keysRegistered
    previousRoundEvent = carried.previousRoundEvent
    schema5Began = carried.schema5Began
  }

  /// Everything the replay carries from one event to the next: what a replay resumed from it
  /// (`init(registry:resuming:)`) needs to judge the later events as this one would.
  var carried: Carried {
    Carried(
      initialLaunchGate: initialLaunchGate, lastTime: String(decoding: lastTime, as: UTF8.self),
      lastSeq: lastSeq, lastHash: lastHash, statuses: statuses,
      reviewers: reviewers,
      rounds: rounds, roundsOfFeature: roundsOfFeature, open: open, settings: settings,
      incidents: incidents, plans: plans, controls: controls,
      decidedFrameworks: decidedFrameworks, mitigationAnswers: mitigationAnswers,
      catalogues: catalogueTexts, exceptions: exceptions, meetingsHeld: meetingsHeld,
      actions: actions, governed: governed, owed: owed, keysRegistered: keysRegistered,
      previousRoundEvent: previousRoundEvent, schema5Began: schema5Began)
  }

  /// The replay's state between two events, field for field (see the properties of the same
  /// names); the catalogues by their text.
  struct Carried: Codable {
    var initialLaunchGate: String
    var lastTime: String
    var lastSeq: Int
    var lastHash: String
    var statuses: FeatureStatuses
    var reviewers: [String: Reviewer]
    var rounds: KnownRounds
    var roundsOfFeature: [String: [Int]]
    var open: [String: OpenRound]
    var settings: [SettingName: String]
    var incidents: [String: Incident]
    var plans: [Int: MonitoringPlan]
    var controls: [String: Control]
    var decidedFrameworks: Set<String>
    var mitigationAnswers: [String: String]
    var catalogues: [String: String]
    var exceptions: [String: [ControlException]]
    var meetingsHeld: [Int: String]
    var actions: [String: MeetingAction]
    var governed: Set<String>
    var owed: [Consequences]
    var keysRegistered: Bool
    var previousRoundEvent: RoundEvent?
    var schema5Began: Bool
  }

  /// Replays one event, a row read in place by the chain's pass (`AuditTrail.TrailRow`).
  mutating func visit(_ row: RowView) throws {
    typealias Column = AuditTrail.TrailRow
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    let seq = row.integer(Column.seq)
    visiting = seq
    let at = row.bytes(Column.at) ?? none
    if !Self.isStoredTime(at) {
      // Times are compared as text: only the one form aigov writes sorts as time does.
      report(
        seq,
        "its time '\(UntrustedText.visibleOnOneLine(String(decoding: at, as: UTF8.self)))' "
          + "is not a time as aigov records one (2026-11-22T09:30:00Z)")
    }
    if !lastTime.isEmpty, lastTime.withUnsafeBufferPointer({ Self.compare(at, $0) < 0 }) {
      report(
        seq,
        "its time \(String(decoding: at, as: UTF8.self)) is before the time of event "
          + "\(lastSeq), \(String(decoding: lastTime, as: UTF8.self)); times never go back "
          + "along the trail")
    }
    lastTime.removeAll(keepingCapacity: true)
    lastTime.append(contentsOf: at)
    let entity = row.bytes(Column.entity) ?? none
    if Self.replayedEntities.contains(where: { Self.equals(entity, $0) }),
      let after = row.bytes(Column.after)
    {
      try replay(seq: seq, row: row, entity: String(decoding: entity, as: UTF8.self), after)
    } else {
      // No event of these kinds is a consequence of a material change.
      settleOwed()
      // A risk's event is read only when its feature has a review or an incident that the
      // material-change rule concerns: the few among the many.
      if !governed.isEmpty, Self.equals(entity, "risk"), let after = row.bytes(Column.after),
        let feature = Self.topLevelString("feature", in: after).map(Self.unescape),
        governed.contains(feature)
      {
        try replay(seq: seq, row: row, entity: "risk", after)
      } else if row.bytes(Column.after) == nil, Self.equals(entity, "feature") {
        replayRemoval(
          seq: seq, key: String(decoding: row.bytes(Column.entityKey) ?? none, as: UTF8.self))
      } else if row.bytes(Column.after) == nil, Self.equals(entity, "mitigation-mapping") {
        mitigationAnswers[
          String(decoding: row.bytes(Column.entityKey) ?? none, as: UTF8.self)] = nil
      }
    }
    if let unreadableState { throw unreadableState }
    lastSeq = seq
    lastHash = String(decoding: row.bytes(Column.hash) ?? none, as: UTF8.self)
    if !keepsStateAt.isEmpty, keepsStateAt.contains(seq) {
      kept.append(ReplayState(carried: carried))
    }
  }

  /// The entities whose events the replay reads; the others only for their time.
  private static let replayedEntities: [StaticString] = [
    "feature", "reviewer", "review-round", "signoff", "setting", "checkpoint", "provider",
    "incident", "monitoring-plan", "monitoring-result", "control", "control-exception",
    "evidence-attestation", "applicability-decision", "mitigation-mapping", "framework-catalogue",
    "statement", "meeting", "meeting-action", "webhook",
  ]

  /// Names what the last material change still owes once the trail has ended.
  mutating func finish() {
    settleOwed()
  }

  private mutating func replay(
    seq: Int, row: RowView, entity: String, _ after: UnsafeBufferPointer<UInt8>
  ) throws {
    typealias Column = AuditTrail.TrailRow
    let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    let actionBytes = row.bytes(Column.action) ?? none
    let key = String(decoding: row.bytes(Column.entityKey) ?? none, as: UTF8.self)
    guard let action = Self.action(actionBytes), action.entity.rawValue == entity else {
      report(
        seq,
        "its action '\(String(decoding: actionBytes, as: UTF8.self))' is not one aigov "
          + "records for a \(entity)")
      return
    }
    // Only what the event's kind needs is read of the row: for features, the most frequent by
    // far, neither the time nor the actor.
    func text(_ column: Int32) -> String {
      String(decoding: row.bytes(column) ?? none, as: UTF8.self)
    }
    if !owed.isEmpty, !discharge(seq: seq, action: action, key: key, after) { settleOwed() }
    defer {
      if Self.mayChangeMaterialContent(action) {
        do {
          try noteMaterialChange(seq: seq, action: action, key: key, after)
        } catch let error as UnreadableReplayState {
          // The auditor's state, not the event, is at fault: `visit` throws it.
          unreadableState = error
        } catch {
          report(seq, "its consequences could not be read: \(error)")
        }
      }
    }
    switch action.entity {
    case .feature: try replayFeature(seq: seq, action: action, key: key, after)
    case .reviewer:
      try replayReviewer(seq: seq, action: action, key: key, time: text(Column.at), after)
    case .reviewRound:
      try replayRound(
        seq: seq, action: action, time: text(Column.at), actor: text(Column.actor), after)
    case .signoff:
      try replaySignOff(seq: seq, time: text(Column.at), actor: text(Column.actor), after)
    case .setting:
      guard let name = SettingName(rawValue: key) else { return }
      guard !after.isEmpty else {
        settings[name] = nil  // back to its default, or moved (a statement, at schema 18)
        return
      }
      guard let setting = decode(Setting.self, after, seq) else { return }
      if name == .keyAdministrators,
        let refusal = GovernanceRules.administratorsChangeRefusal(
          current: settings[name] ?? name.defaultValue, new: setting,
          keysRegistered: keysRegistered)
      {
        report(seq, refusal.description)
      }
      if SettingName.publicStatements.contains(name) {
        replayStatement(seq: seq, name: "\(name.rawValue)", setting.value)
      }
      settings[name] = setting.value
    case .checkpoint: replayCheckpoint(seq: seq, after)
    case .statement:
      // A removal says nothing; an addition or a change is held to what was assessed then, as
      // is an upgrade's move of a setting, which the setting's own event was held to before.
      guard !after.isEmpty, let statement = decode(CompanyStatement.self, after, seq) else {
        return
      }
      let moved = SettingName.publicStatements.contains {
        $0.legacyStatement?.key == key && settings[$0] == statement.body
      }
      if action != .statementCreate || !moved {
        replayStatement(seq: seq, name: statement.key, statement.title + "\n" + statement.body)
      }
    case .provider:
      if action == .providerUpgrade,
        let problem = try TrailMoment(database: registry.database, seq: seq)
          .upgradeProblem(.provider, key: key)
      {
        report(seq, problem)
      }
    case .incident: replayIncident(seq: seq, action: action, key: key, after)
    case .monitoringPlan:
      if let plan = decode(MonitoringPlan.self, after, seq) { plans[plan.id] = plan }
    case .monitoringResult: replayResult(seq: seq, time: text(Column.at), after)
    case .control:
      if let control = decode(Control.self, after, seq) { controls[key] = control }
    case .controlException:
      replayException(seq: seq, time: text(Column.at), actor: text(Column.actor), after)
    case .evidenceAttestation:
      replayAttestation(seq: seq, time: text(Column.at), actor: text(Column.actor), after)
    case .applicabilityDecision:
      if let decision = decode(ApplicabilityDecision.self, after, seq) {
        decidedFrameworks.insert(decision.framework)
      }
    case .mitigationMapping:
      if let mapping = decode(MitigationMapping.self, after, seq) {
        mitigationAnswers[key] = mapping.framework
        // As `mapMitigation` refuses: a mitigation answers only a framework assessed per feature.
        let framework = knownFrameworks.first { $0.key == mapping.framework }
        if framework?.kind != .requirements || framework?.assessed != .feature {
          report(
            seq,
            "it maps mitigation \(mapping.mitigation) to \(mapping.framework), which is not a "
              + "framework assessed feature by feature; only a company control answers it")
        }
      }
    case .frameworkCatalogue:
      if let imported = decode(ImportedCatalogue.self, after, seq) {
        do {
          let framework = try Framework.stored(imported.catalogue)
          importedCatalogues[framework.key] = framework
          catalogueTexts[framework.key] = imported.catalogue
        } catch {
          report(seq, "it records a catalogue that does not read: \(error)")
        }
      }
    case .meeting:
      if let meeting = decode(Meeting.self, after, seq) {
        replayMeeting(seq: seq, time: text(Column.at), meeting)
      }
    case .meetingAction:
      replayAction(seq: seq, action: action, key: key, time: text(Column.at), after)
    case .risk, .mitigation, .accessToken, .evidence, .webhook:
      break
    }
  }

  /// The frameworks known at this point of the trail: those shipped, each replaced by a version
  /// imported so far, and the company's own.
  private var knownFrameworks: [Framework] {
    Framework.builtIn.map { importedCatalogues[$0.key] ?? $0 }
      + importedCatalogues.values.filter { imported in
        !Framework.builtIn.contains { $0.key == imported.key }
      }.sorted { $0.key < $1.key }
  }

  /// A company statement names only frameworks assessed when it was written: a control or a
  /// mitigation mapped to one, or an applicability decision (`changeSetting` refuses the rest).
  /// As `addStatement`, `editStatement` and `config set` refuse: a company statement names only
  /// frameworks the company assessed when it was written.
  private mutating func replayStatement(seq: Int, name: String, _ text: String) {
    guard !text.isEmpty else { return }
    let assessed = Set(controls.values.flatMap { $0.mappings.map(\.framework) })
      .union(decidedFrameworks).union(mitigationAnswers.values)
    for framework in knownFrameworks where !assessed.contains(framework.key) {
      if let named = framework.named(in: text) {
        report(
          seq,
          "the company statement \(name) names '\(named)' (\(framework.key)), which "
            + "nothing assessed when it was written")
        return
      }
    }
  }

  // MARK: Material changes

  /// The actions that may change a feature's material content, as the commands that write them
  /// apply the material-change rule after them.
  private static func mayChangeMaterialContent(_ action: AuditAction) -> Bool {
    switch action {
    case .featureUpdate, .featureImport, .featureLinkProvider, .featureUnlinkProvider,
      .riskCreate, .riskUpdate, .riskImport, .providerUpdate, .providerImport:
      true
    default: false
    }
  }

  /// After an event that may change material content: for each feature it changed that has a
  /// review or an approval to void, or a serious incident holding it, what the rule owes.
  private mutating func noteMaterialChange(
    seq: Int, action: AuditAction, key: String, _ after: UnsafeBufferPointer<UInt8>
  ) throws {
    let candidates: [String]
    switch action.entity {
    case .feature:
      guard governed.contains(key) else { return }
      candidates = [key]
    case .risk:
      candidates = Self.topLevelString("feature", in: after).map { [Self.unescape($0)] } ?? []
    default:
      // A provider's terms are part of every feature that uses it.
      candidates = governed.sorted()
    }
    let moment = TrailMoment(database: registry.database, seq: seq)
    for feature in candidates {
      let open = try open[feature].flatMap { try rounds.round($0.id) }
      let approval = try (roundsOfFeature[feature] ?? []).compactMap { try rounds.round($0) }
        .last(where: { [.approved, .rejected, .voided].contains($0.status) })
        .flatMap { $0.status == .approved ? $0 : nil }
      let holds = incidents.values.filter {
        $0.status == .open && $0.seriousKind != nil && $0.authorityReportedAt == nil
          && $0.features.contains(feature)
      }.map(\.reference)
      guard open != nil || approval != nil || !holds.isEmpty else { continue }
      if action.entity == .provider, try !moment.feature(feature, linksProvider: key) { continue }
      let now = try moment.materialContent(ofFeature: feature)?.hash
      let then = try TrailMoment(database: registry.database, seq: seq - 1)
        .materialContent(ofFeature: feature)?.hash
      guard let now, let then, now != then else { continue }
      let voids = [open, approval].compactMap { $0 }.filter { $0.contentHash != now }.map(\.id)
      let reopens =
        !voids.isEmpty && [.inReview, .approved, .launched].contains(statuses[feature])
      owed.append(
        Consequences(
          cause: seq, feature: feature, holds: Set(holds), voids: Set(voids), reopens: reopens))
    }
    owed.removeAll { $0.isSettled }
  }

  /// Whether the event is one of those the last material change owes; if so, it is struck off.
  private mutating func discharge(
    seq: Int, action: AuditAction, key: String, _ after: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    for index in owed.indices {
      switch action {
      case .incidentHoldOverride where owed[index].holds.contains(key):
        owed[index].holds.remove(key)
      case .reviewVoid:
        guard let id = Self.topLevelInteger("id", in: after), owed[index].voids.contains(id)
        else { continue }
        owed[index].voids.remove(id)
      case .reviewOpen where owed[index].reopens:
        // The new round comes between the voids and the feature's return to review.
        guard Self.topLevelString("feature", in: after).map(Self.unescape) == owed[index].feature
        else { continue }
        return true
      case .featureReviewVoided where owed[index].reopens && key == owed[index].feature:
        owed[index].reopens = false
      default:
        continue
      }
      return true
    }
    return false
  }

  /// Names every consequence the last material change owed that the trail never recorded.
  private mutating func settleOwed() {
    for consequences in owed where !consequences.isSettled {
      let feature = consequences.feature
      for reference in consequences.holds.sorted() {
        report(
          consequences.cause,
          "it changes what feature '\(feature)' is while serious incident '\(reference)' is "
            + "unreported to the authority, and no override of the hold follows it")
      }
      for id in consequences.voids.sorted() {
        report(
          consequences.cause,
          "it changes what feature '\(feature)' is, but round \(rounds.number(of: id) ?? 0), "
            + "pinned to what it was, is not voided after it")
      }
      if consequences.reopens, consequences.voids.isEmpty {
        report(
          consequences.cause,
          "it changes what feature '\(feature)' is, but the feature is not sent back to review "
            + "after it")
      }
    }
    owed.removeAll()
  }

  // MARK: Monitoring

  /// A result is judged by its plan as it stood, as `monitor record` judges it.
  private mutating func replayResult(
    seq: Int, time: String, _ after: UnsafeBufferPointer<UInt8>
  ) {
    guard let result = decode(MonitoringResult.self, after, seq) else { return }
    guard let plan = plans[result.planID] else {
      return report(
        seq, "it records a result of monitoring plan \(result.planID), which no event made")
    }
    let described = "the result of '\(plan.metric)' of '\(plan.featureKey)'"
    do {
      let judged = try plan.judge(
        value: result.value, passed: plan.kind == .check ? result.passed : nil)
      if judged != result.passed {
        report(
          seq,
          "\(described) is recorded as \(result.passed ? "passed" : "failed"), but "
            + "\(result.value ?? "") \(judged ? "passes" : "fails") its plan "
            + "(\(plan.direction?.rawValue ?? "") \(plan.threshold ?? ""))")
      }
    } catch {
      report(seq, "\(described) would have been refused: \(error)")
    }
    if result.measuredAt > time {
      report(seq, "\(described) is measured at \(result.measuredAt), after it was recorded")
    }
  }

  /// Every action with its name's bytes, to read an event's action without making a string.
  private static let actions = AuditAction.allCases.map { (Array($0.rawValue.utf8), $0) }

  private static func action(_ bytes: UnsafeBufferPointer<UInt8>) -> AuditAction? {
    for (name, action) in actions where name.count == bytes.count {
      if name.withUnsafeBufferPointer({ bytes.hasSameBytes(as: $0) }) { return action }
    }
    return nil
  }

  // MARK: Features

  private mutating func replayFeature(
    seq: Int, action: AuditAction, key: String, _ after: UnsafeBufferPointer<UInt8>
  ) throws {
    guard let (status, statusIndex) = Self.statusField(in: after) else {
      report(seq, "feature '\(key)' has no status aigov knows")
      return
    }
    if Self.isSchema5Feature(after, statusAt: statusIndex) {
      schema5Began = true
    } else if schema5Began {
      report(
        seq,
        "it records feature '\(key)' in schema 4's words after the trail began to use "
          + "schema 5's")
    }
    let before = statuses[key]
    let unreviewed =
      action == .featureImport
      ? Self.topLevelString("unreviewed_status", in: after).flatMap(FeatureStatus.init(rawValue:))
      : nil
    if !GovernanceRules.allowsStatusChange(action, from: before, to: status, unreviewed: unreviewed)
    {
      report(
        seq,
        "it moves feature '\(key)' from \(before?.rawValue ?? "nothing") to "
          + "\(status.rawValue), which \(action.rawValue) never does")
    }
    statuses[key] = status
    // A status a review brings follows the round event that brought it.
    let bringingRoundEvent: AuditAction? =
      switch action {
      case .featureReviewOpened, .featureReviewVoided: .reviewOpen
      case .featureReviewApproved: .reviewApprove
      case .featureReviewRejected: .reviewReject
      default: nil
      }
    if let bringingRoundEvent, before != status || action == .featureReviewApproved {
      guard let previous = previousRoundEvent, previous.seq == seq - 1,
        previous.action == bringingRoundEvent, previous.feature == key
      else {
        report(
          seq,
          "it moves feature '\(key)' to \(status.rawValue) as if by a review, but no "
            + "\(bringingRoundEvent.rawValue) of its round comes just before")
        return
      }
    }
    if action == .featureUpgrade,
      let problem = try TrailMoment(database: registry.database, seq: seq)
        .upgradeProblem(.feature, key: key)
    {
      report(seq, problem)
    }
    if action == .featureSetStatus, status == .launched, let before {
      try checkLaunch(seq: seq, featureKey: key, status: before)
    }
    if var round = open[key],
      let owner = Self.topLevelString("owner", in: after).map(Self.unescape),
      !round.owners.contains(owner)
    {
      round.owners.append(owner)
      open[key] = round
      let name = OwnerName(owner)
      for signer in Set(round.signOffs.map(\.reviewer)).sorted() {
        if let reviewer = reviewers[signer], name.names(reviewer) {
          report(
            seq,
            "it makes '\(owner)' the owner of '\(key)' while reviewer '\(signer)', whom "
              + "that names, has signed in its open round")
        }
      }
    }
  }

  private mutating func replayRemoval(seq: Int, key: String) {
    if statuses.removeValue(forKey: key) != nil {
      report(seq, "it removes feature '\(key)', which aigov never does")
    }
  }

  /// The launch gate as it stood at the event: an approval in force, no high or critical risk
  /// without a mitigation in place, then no error `check` would report about the feature
  /// launched that no exception then in force accepted.
  private mutating func checkLaunch(seq: Int, featureKey: String, status: FeatureStatus) throws {
    let moment = TrailMoment(database: registry.database, seq: seq)
    let rounds = try (roundsOfFeature[featureKey] ?? []).compactMap { try self.rounds.round($0) }
    guard var record = try moment.featureRecord(featureKey) else { return }
    let content = MaterialContent(record)
    let approval = Registry.approvalInForce(rounds, contentHash: content.hash)
    if let refusal = GovernanceRules.launchRefusal(
      featureKey: featureKey, status: status, approvalInForce: approval != nil,
      blocking: record.risks.filter(\.blocksLaunch).map(\.risk))
    {
      return report(seq, refusal.description)
    }
    guard (settings[.launchGate] ?? initialLaunchGate) == SettingName.launchGateCheck else {
      return
    }
    let time = String(decoding: lastTime, as: UTF8.self)
    guard let now = Timestamp.parse(time),
      let settings = try? GovernanceSettings.parse({ self.settings[$0] })
    else { return }
    record.feature.status = .launched
    let standing = ControlStanding(
      controls: controls.values.filter { $0.status == .inPlace }.sorted { $0.key < $1.key },
      byKey: controls, exceptions: exceptions, today: String(time.prefix(10)))
    let found = standing.accepting(
      GovernanceCheck.findings(for: record, holdsApproval: true, settings: settings, now: now)
        + standing.findings(for: record)
    ).filter { $0.severity == .error && !CheckRule.judgedByTheLaunchGate.contains($0.rule) }
    if !found.isEmpty {
      report(
        seq,
        Refusal.launchBlockedByCheck(
          feature: featureKey, findings: found.map { "\($0.rule.rawValue): \($0.message)" }
        ).description)
    }
  }

  // MARK: Reviews

  private mutating func replayRound(
    seq: Int, action: AuditAction, time: String, actor: String,
    _ after: UnsafeBufferPointer<UInt8>
  ) throws {
    guard let round = decode(ReviewRound.self, after, seq) else { return }
    let feature = round.featureKey
    defer {
      rounds.set(round)
      previousRoundEvent = RoundEvent(seq: seq, action: action, feature: feature)
    }
    if action == .reviewOpen {
      if rounds.contains(round.id) { report(seq, "round #\(round.id) was opened before") }
      if let current = open[feature] {
        report(
          seq,
          "it opens a round of '\(feature)' while round \(try rounds.round(current.id)?.number ?? 0) "
            + "is open")
      }
      let number = (roundsOfFeature[feature]?.count ?? 0) + 1
      let required = try GovernanceSettings.parse { settings[$0] }.requiredDisciplines
      if round.status != .open || round.number != number || round.openedAt != time
        || round.requiredDisciplines != required || round.openedBy != actor
      {
        report(
          seq,
          "round \(round.number) of '\(feature)' is not what opening a round records (round "
            + "\(number), open, at the event's time, by its actor, requiring "
            + "\(required.map(\.rawValue).joined(separator: ", ")))")
      }
      guard let status = statuses[feature], status != .retired else {
        report(seq, "it opens a round of '\(feature)', which is retired or does not exist")
        return
      }
      let moment = TrailMoment(database: registry.database, seq: seq)
      governed.insert(feature)
      open[feature] = OpenRound(
        id: round.id, owners: try moment.owner(ofFeature: feature).map { [$0] } ?? [])
      roundsOfFeature[feature, default: []].append(round.id)
      return
    }
    guard let previous = try rounds.round(round.id) else {
      report(seq, "it closes round #\(round.id), which was never opened")
      return
    }
    var unchanged = round
    unchanged.status = previous.status
    unchanged.closedAt = previous.closedAt
    unchanged.closedBy = previous.closedBy
    unchanged.closeReason = previous.closeReason
    unchanged.causeEvent = previous.causeEvent
    if unchanged != previous {
      report(seq, "it changes what round \(round.number) of '\(feature)' was opened on")
    }
    let closable = action == .reviewVoid ? [.open, .approved] : [RoundStatus.open]
    guard closable.contains(previous.status), action == AuditAction.closing(as: round.status),
      round.closedAt == time
    else {
      report(
        seq,
        "it closes round \(round.number) of '\(feature)' as \(round.status.rawValue), "
          + "which was \(previous.status.rawValue)")
      return
    }
    let decisions = Registry.latest(open[feature]?.signOffs ?? [])
    if previous.status == .open { open[feature] = nil }
    let moment = TrailMoment(database: registry.database, seq: seq)
    switch round.status {
    case .approved:
      let missing = GovernanceRules.missingApprovals(round, decisions: decisions)
      if !missing.isEmpty {
        report(
          seq,
          "it approves round \(round.number) of '\(feature)' without an approval from "
            + missing.map(\.rawValue).joined(separator: ", "))
      }
      if try moment.materialContent(ofFeature: feature)?.hash != round.contentHash {
        report(
          seq,
          "it approves round \(round.number) of '\(feature)', but the feature's content no "
            + "longer matches the round's content hash")
      }
    case .rejected:
      if !decisions.values.contains(where: { $0.decision == .reject }) {
        report(seq, "it rejects round \(round.number) of '\(feature)', which no one rejected")
      }
    case .voided:
      if try moment.materialContent(ofFeature: feature)?.hash == round.contentHash {
        report(
          seq, "it voids round \(round.number) of '\(feature)', whose content had not changed")
      }
    case .withdrawn, .open:
      break
    }
  }

  private mutating func replaySignOff(
    seq: Int, time: String, actor: String, _ after: UnsafeBufferPointer<UInt8>
  ) throws {
    guard let signOff = decode(SignOff.self, after, seq) else { return }
    let feature = signOff.featureKey
    let described = "the \(signOff.discipline.rawValue) decision of '\(signOff.reviewer)'"
    guard let reviewer = reviewers[signOff.reviewer] else {
      report(seq, "\(described) was made by no registered reviewer")
      return
    }
    // A decision signed on the reviewer's machine is recorded when it arrives, shortly after it
    // was signed; any other is recorded as it is made.
    let timely =
      signOff.signature == nil
      ? signOff.signedAt == time
      : GovernanceRules.signingTimeRefusal(signedAt: signOff.signedAt, recordedAt: time) == nil
    if !timely || actor != signOff.reviewer {
      report(
        seq,
        "\(described) is dated \(signOff.signedAt) or made by '\(actor)', not at its "
          + "event's time by the reviewer")
    }
    let current = open[feature]
    let round = try current.flatMap { try rounds.round($0.id) }
    if let refusal = GovernanceRules.signOffRefusal(
      reviewer: reviewer, discipline: signOff.discipline, round: round, featureKey: feature,
      owners: current?.owners ?? [])
    {
      report(seq, "\(described) breaks a rule: \(refusal.description)")
      return
    }
    guard let round, round.id == signOff.roundID, round.number == signOff.roundNumber,
      round.contentHash == signOff.contentHash
    else {
      report(seq, "\(described) names another round than the open one of '\(feature)'")
      return
    }
    if let refusal = GovernanceRules.signingKeyRefusal(
      reviewer: reviewer, given: signOff.keyFingerprint)
    {
      report(seq, "\(described) breaks a rule: \(refusal.description)")
    }
    open[feature]?.signOffs.append(signOff)
  }

  private mutating func replayReviewer(
    seq: Int, action: AuditAction, key: String, time: String, _ after: UnsafeBufferPointer<UInt8>
  ) throws {
    guard let reviewer = decode(Reviewer.self, after, seq) else { return }
    defer {
      reviewers[key] = reviewer
      keysRegistered = keysRegistered || !reviewer.keys.isEmpty
    }
    if action == .reviewerBaseline { return }
    let before = reviewers[key]
    let known = before?.keys ?? []
    guard reviewer.keys.count >= known.count else {
      report(seq, "it removes a key of reviewer '\(key)'; keys are never removed")
      return
    }
    // A key ends only when a new one replaces it, which its holder or a key administrator
    // endorses (checked below): never on its own, which would let unsigned decisions pass.
    if reviewer.keys.count == known.count,
      let ended = zip(known, reviewer.keys).first(where: {
        $0.retiredAt == nil && $1.retiredAt != nil
      })
    {
      report(
        seq,
        "it ends key \(ended.0.fingerprint.prefix(16))... of reviewer '\(key)' without "
          + "registering a replacement; a key ends only when one endorsed by it or by a key "
          + "administrator replaces it")
    }
    for (old, new) in zip(known, reviewer.keys) {
      var unchanged = new
      unchanged.retiredAt = old.retiredAt
      if unchanged != old || (old.retiredAt != nil && new.retiredAt != old.retiredAt)
        || (old.retiredAt == nil && new.retiredAt != nil && new.retiredAt != time)
      {
        report(
          seq,
          "it changes key \(old.fingerprint.prefix(16))... of reviewer '\(key)' other than "
            + "by retiring it at the event's time")
      }
    }
    let administrators = try GovernanceSettings.parse { settings[$0] }.keyAdministrators
    // The latest key, even one that ended: only a reviewer who never had a key gets one unproven.
    var inForce = before?.keys.last
    for new in reviewer.keys.dropFirst(known.count) {
      if new.addedAt != time {
        report(
          seq,
          "key \(new.fingerprint.prefix(16))... of reviewer '\(key)' says it was added at "
            + "\(new.addedAt), not at the time of the event that registers it")
      }
      if let refusal = GovernanceRules.keyChangeRefusal(
        reviewer: key, inForce: inForce, new: new, administrators: administrators)
      {
        report(seq, refusal.description)
      }
      inForce = new
    }
    if reviewer.keys.filter({ $0.retiredAt == nil }).count > 1 {
      report(seq, "reviewer '\(key)' has more than one key in force")
    }
  }

  private mutating func replayCheckpoint(seq: Int, _ after: UnsafeBufferPointer<UInt8>) {
    guard let checkpoint = decode(Checkpoint.self, after, seq) else { return }
    if checkpoint.seq != lastSeq || checkpoint.hash != lastHash {
      report(seq, "the checkpoint names event \(checkpoint.seq), not the event before it")
    }
    if !checkpoint.isSignatureValid {
      report(seq, "the checkpoint's signature does not verify with the key it names")
    }
  }

  // MARK: Incidents

  /// An incident opens once, changes only while open, and closes with its cause, its corrective
  /// action and every report it owed made; then it is history.
  private mutating func replayIncident(
    seq: Int, action: AuditAction, key: String, _ after: UnsafeBufferPointer<UInt8>
  ) {
    guard let incident = decode(Incident.self, after, seq) else { return }
    governed.formUnion(incident.features)
    defer { incidents[key] = incident }
    let before = incidents[key]
    if action == .incidentOpen {
      if before != nil { report(seq, "it opens incident '\(key)' a second time") }
      if incident.status != .open { report(seq, "it opens incident '\(key)' as closed") }
      return
    }
    guard let before else {
      return report(seq, "it changes incident '\(key)', which no event opened")
    }
    guard before.status == .open else {
      return report(seq, "it changes incident '\(key)' after it was closed")
    }
    guard action == .incidentClose else {
      if incident.status != .open {
        report(seq, "it closes incident '\(key)', which \(action.rawValue) never does")
      }
      return
    }
    let blank = { (text: String?) in text?.allSatisfy(\.isWhitespace) ?? true }
    if incident.status != .closed || blank(incident.cause) || blank(incident.correctiveAction) {
      report(seq, "it closes incident '\(key)' without a cause and a corrective action")
    }
    if let owed = incident.deadlines.first(where: { $0.reportedAt == nil }) {
      report(
        seq, "it closes incident '\(key)' while its \(owed.regime.rawValue) report is still owed")
    }
  }

  // MARK: Exceptions

  /// An exception is accepted, at its event's time, by a reviewer holding the discipline that
  /// owns the gap (a control's own), signed with the key in force when the reviewer holds one,
  /// until a day no earlier than it was accepted.
  private mutating func replayException(
    seq: Int, time: String, actor: String, _ after: UnsafeBufferPointer<UInt8>
  ) {
    guard let exception = decode(ControlException.self, after, seq) else { return }
    exceptions[exception.featureKey, default: []].append(exception)
    let described = "exception #\(exception.id) for '\(exception.featureKey)'"
    guard let reviewer = reviewers[exception.acceptedBy] else {
      return report(seq, "\(described) was accepted by no registered reviewer")
    }
    if exception.acceptedAt != time || actor != exception.acceptedBy {
      report(
        seq,
        "\(described) is dated \(exception.acceptedAt) or made by '\(actor)', not at its "
          + "event's time by the reviewer")
    }
    if !reviewer.disciplines.contains(exception.discipline) {
      report(
        seq,
        "\(described) breaks a rule: "
          + Refusal.disciplineNotHeld(
            reviewer: reviewer.handle, discipline: exception.discipline,
            held: reviewer.disciplines
          ).description)
    }
    if let control = exception.control {
      if let owner = controls[control]?.discipline, owner != exception.discipline {
        report(
          seq,
          "\(described) breaks a rule: "
            + Refusal.exceptionOwnedByAnother(
              subject: "control '\(control)'", owner: owner, given: exception.discipline
            ).description)
      } else if controls[control] == nil {
        report(seq, "\(described) names control '\(control)', which no event recorded")
      }
    }
    if exception.until < String(exception.acceptedAt.prefix(10)) {
      report(seq, "\(described) ends on \(exception.until), before it was accepted")
    }
    checkSignature(
      seq: seq, described: described, reviewer: reviewer, fingerprint: exception.keyFingerprint,
      signature: exception.signature, message: exception.signedMessage)
  }

  /// An attestation is made, at its event's time, by a reviewer holding its discipline, signed
  /// with the key in force when the reviewer holds one.
  private mutating func replayAttestation(
    seq: Int, time: String, actor: String, _ after: UnsafeBufferPointer<UInt8>
  ) {
    guard let attestation = decode(EvidenceAttestation.self, after, seq) else { return }
    let described =
      "the attestation of evidence #\(attestation.evidence) by '\(attestation.reviewer)'"
    guard let reviewer = reviewers[attestation.reviewer] else {
      return report(seq, "\(described) was made by no registered reviewer")
    }
    if attestation.attestedAt != time || actor != attestation.reviewer {
      report(seq, "\(described) is not dated at its event's time or not made by the reviewer")
    }
    if !reviewer.disciplines.contains(attestation.discipline) {
      report(
        seq,
        "\(described) breaks a rule: "
          + Refusal.disciplineNotHeld(
            reviewer: reviewer.handle, discipline: attestation.discipline,
            held: reviewer.disciplines
          ).description)
    }
    checkSignature(
      seq: seq, described: described, reviewer: reviewer, fingerprint: attestation.keyFingerprint,
      signature: attestation.signature, message: attestation.signedMessage)
  }

  /// A signature made with the key in force, when the reviewer holds one, that verifies over
  /// `message` with the key it names.
  private mutating func checkSignature(
    seq: Int, described: String, reviewer: Reviewer, fingerprint: String?, signature: String?,
    message: [UInt8]
  ) {
    if let refusal = GovernanceRules.signingKeyRefusal(reviewer: reviewer, given: fingerprint) {
      return report(seq, "\(described) breaks a rule: \(refusal.description)")
    }
    guard let fingerprint else { return }
    let key = reviewer.keys.first { $0.fingerprint == fingerprint }
    guard let signature = signature.flatMap({ Data(base64Encoded: $0) }),
      let publicKey = key.flatMap({ try? ReviewerPublicKey(pem: $0.publicKey) }),
      publicKey.fingerprint == fingerprint,
      publicKey.isValidSignature(Array(signature), for: message)
    else {
      return report(
        seq,
        "\(described)'s signature does not verify with key \(fingerprint.prefix(16))...: what "
          + "was signed, its signature or the reviewer's key was altered")
    }
  }

  // MARK: Helpers

  /// As `recordMeeting` refuses: minutes are of a meeting held by the day they were recorded,
  /// reviewing a quarter begun by then, and are recorded once.
  private mutating func replayMeeting(seq: Int, time: String, _ meeting: Meeting) {
    if meetingsHeld[meeting.id] != nil {
      report(seq, "it records meeting \(meeting.id) again; minutes are recorded once")
    }
    meetingsHeld[meeting.id] = meeting.heldOn
    if meeting.heldOn > String(time.prefix(10)) {
      report(
        seq,
        "it records meeting \(meeting.id) as held on \(meeting.heldOn), after the day it was "
          + "recorded")
    }
    if let quarter = Quarter(meeting.quarter), quarter.firstDay > meeting.heldOn {
      report(
        seq,
        "meeting \(meeting.id) held on \(meeting.heldOn) reviews \(meeting.quarter), which had not "
          + "begun")
    }
  }

  /// As `recordMeeting` and `closeAction` refuse: an action belongs to a meeting recorded before
  /// it, and once done or dropped it stays so, closed on a day from its meeting's to the day
  /// it was recorded.
  private mutating func replayAction(
    seq: Int, action: AuditAction, key: String, time: String, _ after: UnsafeBufferPointer<UInt8>
  ) {
    guard let record = decode(MeetingAction.self, after, seq) else { return }
    defer { actions[key] = record }
    guard let held = meetingsHeld[record.meeting] else {
      report(seq, "action \(key) names meeting \(record.meeting), which no event recorded")
      return
    }
    if let before = actions[key], before.status != .open {
      report(
        seq,
        "it changes action \(key), which was \(before.status.rawValue) on "
          + "\(before.closedOn ?? ""); a closed action stays closed")
    } else if action == .meetingActionCreate, record.status != .open {
      report(seq, "it records action \(key) as \(record.status.rawValue) when it is given out")
    }
    if let closed = record.closedOn, closed < held || closed > String(time.prefix(10)) {
      report(
        seq,
        "it closes action \(key) on \(closed), outside its meeting's day (\(held)) to the day it "
          + "was recorded")
    }
  }

  private mutating func report(_ seq: Int, _ rule: String) {
    if let judgesAfter, visiting <= judgesAfter { return }
    problems.append(GovernanceProblem(seq: seq, rule: rule))
  }

  private mutating func decode<T: Decodable>(
    _ type: T.Type, _ bytes: UnsafeBufferPointer<UInt8>, _ seq: Int
  ) -> T? {
    do {
      return try JSONDecoder().decode(T.self, from: Data(buffer: bytes))
    } catch {
      report(seq, "it records a \(T.self) that aigov cannot read")
      return nil
    }
  }

  /// The raw (still escaped) value of the top-level string field `name` of canonical JSON. In
  /// canonical JSON a quote inside a string is always escaped, so `"name":"` occurs only as a key;
  /// nested objects of the records read here have no field of these names.
  static func topLevelString(_ name: StaticString, in json: UnsafeBufferPointer<UInt8>) -> String? {
    let needle = key(name, then: "\"")
    guard let found = firstIndex(of: needle, in: json) else { return nil }
    var index = found + needle.count
    let start = index
    while index < json.count, json[index] != UInt8(ascii: "\"") {
      index += json[index] == UInt8(ascii: "\\") ? 2 : 1
    }
    guard index <= json.count else { return nil }
    return String(
      decoding: UnsafeBufferPointer(rebasing: json[start..<min(index, json.count)]), as: UTF8.self)
  }

  /// The bytes `"name":` and `then`, as a key and the start of its value appear in canonical JSON.
  private static func key(_ name: StaticString, then: String) -> [UInt8] {
    var needle: [UInt8] = [UInt8(ascii: "\"")]
    needle.append(
      contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    needle.append(contentsOf: Array("\":\(then)".utf8))
    return needle
  }

  /// The top-level integer field `name` of canonical JSON (as `topLevelString` finds a string).
  static func topLevelInteger(_ name: StaticString, in json: UnsafeBufferPointer<UInt8>) -> Int? {
    let needle = key(name, then: "")
    guard let found = firstIndex(of: needle, in: json) else { return nil }
    var index = found + needle.count
    var value = 0
    var digits = 0
    while index < json.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(json[index]) {
      value = value * 10 + Int(json[index] - UInt8(ascii: "0"))
      index += 1
      digits += 1
    }
    return digits > 0 && digits < 19 ? value : nil
  }

  /// Every status with the bytes of its field, `"status":"launched"`.
  private static let statusFields = FeatureStatus.allCases.map {
    (Array("\"status\":\"\($0.rawValue)\"".utf8), $0)
  }

  /// A feature's status and where its field begins, read from the end of its canonical JSON:
  /// `status` is among the last of its sorted keys (only `status_reason`, `team`,
  /// `training_use`, `unreviewed_status`, `updated_at` and `version` follow), so the search
  /// backwards is short.
  private static func statusField(in json: UnsafeBufferPointer<UInt8>)
    -> (status: FeatureStatus, index: Int)?
  {
    guard let base = json.baseAddress else { return nil }
    var index = json.count - 1
    while index >= 0 {
      if json[index] == UInt8(ascii: "s"), index >= 1, json[index - 1] == UInt8(ascii: "\"") {
        for (field, status) in statusFields where json.count - (index - 1) >= field.count {
          if field.withUnsafeBufferPointer({ memcmp(base + index - 1, $0.baseAddress!, $0.count) })
            == 0
          {
            return (status, index - 1)
          }
        }
      }
      index -= 1
    }
    return nil
  }

  /// Every serving use with its field's bytes and the comma after it, `"serving_use":"...",`.
  private static let servingUseFields = ServingUse.allCases.map {
    Array("\"serving_use\":\"\($0.rawValue)\",".utf8)
  }

  /// Whether a feature's JSON is in schema 5's words: `serving_use`, which schema 5 added, is the
  /// key just before `status` in its sorted keys, so the check reads only the bytes before the
  /// status field, which begins at `status`.
  private static func isSchema5Feature(_ json: UnsafeBufferPointer<UInt8>, statusAt status: Int)
    -> Bool
  {
    guard let base = json.baseAddress else { return false }
    return servingUseFields.contains { field in
      status >= field.count
        && field.withUnsafeBufferPointer {
          memcmp(base + status - field.count, $0.baseAddress!, field.count) == 0
        }
    }
  }

  /// Where `needle` first occurs in `haystack`: each quote found by `memchr`, then compared.
  static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = haystack.baseAddress, !needle.isEmpty else { return nil }
    var start = 0
    while haystack.count - start >= needle.count {
      guard let hit = memchr(base + start, Int32(needle[0]), haystack.count - start) else {
        return nil
      }
      let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
      guard haystack.count - index >= needle.count else { return nil }
      if needle.withUnsafeBufferPointer({ memcmp(base + index, $0.baseAddress!, needle.count) })
        == 0
      {
        return index
      }
      start = index + 1
    }
    return nil
  }

  /// A JSON string's content with its escapes undone.
  static func unescape(_ raw: String) -> String {
    guard raw.contains("\\") else { return raw }
    if case .string(let value)? = try? JSONValue(parsing: "\"" + raw + "\"") { return value }
    return raw
  }

  /// Whether `bytes` have the shape `YYYY-MM-DDTHH:MM:SSZ`, digits where digits go.
  static func isStoredTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count == 20 else { return false }
    for index in 0..<20 {
      let byte = bytes[index]
      switch index {
      case 4, 7: if byte != UInt8(ascii: "-") { return false }
      case 10: if byte != UInt8(ascii: "T") { return false }
      case 13, 16: if byte != UInt8(ascii: ":") { return false }
      case 19: if byte != UInt8(ascii: "Z") { return false }
      default: if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { return false }
      }
    }
    return true
  }

  static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
      let result = memcmp(a.baseAddress!, b.baseAddress!, common)
      if result != 0 { return Int(result) }
    }
    return a.count - b.count
  }

  static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    bytes.count == text.utf8CodeUnitCount
      && (bytes.isEmpty || memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0)
  }
}

/// An event the governance rules would have refused.
public struct GovernanceProblem: Codable, Equatable, Sendable, CustomStringConvertible {
  public var seq: Int
  public var rule: String

  public var description: String { "event \(seq): \(rule)" }
}
