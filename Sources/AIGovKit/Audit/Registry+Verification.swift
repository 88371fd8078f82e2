import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  /// Everything `audit verify` proves: the chain holds together, every record of every table is
  /// what its latest event says it is, every sign-off's signature verifies against the key its
  /// reviewer registered, and every event obeys the governance rules at the moment it was made
  /// (`GovernanceReplay`).
  ///
  /// The chain is verified on a second connection and thread while this one checks the records
  /// and signatures, both in one snapshot of the file. Inside a transaction (an import verifies
  /// what it wrote before committing) or for a database in memory, which no other connection can
  /// see, everything is checked here, one part after the other.
  ///
  /// `checkpoints` and `keys` are what an auditor keeps outside the database: signed checkpoints,
  /// each of which the trail must still hold, and the public keys every signature must verify
  /// against.
  public func verify(
    anchors: [String] = [], checkpoints: [HeldCheckpoint] = [], keys: TrustedKeys? = nil
  ) throws -> TrailVerification {
    try verify(anchors: anchors, checkpoints: checkpoints, keys: keys, keepingStatesAt: []).0
  }

  /// `verify`, keeping the governance replay's state just after each event of `seqs` that the
  /// chain reaches intact: what `verify(since:resuming:)` resumes from.
  public func verify(
    anchors: [String] = [], checkpoints: [HeldCheckpoint] = [], keys: TrustedKeys? = nil,
    keepingStatesAt seqs: Set<Int>
  ) throws -> (TrailVerification, [ReplayState]) {
    let sideBySide = !database.isInMemory && !database.isInTransaction
    let (chain, records, signatures, governance, held, states) = try database.readTransaction {
      // The second connection verifies the chain, replaying the governance rules in the same
      // pass, then reconciles the mitigations; this one reconciles the other records and checks
      // the signatures: about half of the work each, measured on the benchmark's inventory.
      let secondTables: [ReconciledTable] = sideBySide ? [.mitigations] : []
      let second =
        sideBySide
        ? SecondConnectionVerification(
          path: database.path, readOnly: database.mode == .readOnly, anchors: anchors,
          head: try auditTrail.head(),
          tables: secondTables, keepingStatesAt: seqs)
        : nil
      var checks: [ReconciledTable: RecordCheck] = [:]
      for table in ReconciledTable.allCases where !secondTables.contains(table) {
        var check = RecordCheck()
        try reconcile(table, into: &check)
        checks[table] = check
      }
      var signatures = SignatureCheck()
      try verifySignatures(into: &signatures)
      var chain: ChainVerification
      var governance: [GovernanceProblem]
      var states: [ReplayState]
      if let outcome = try second?.result() {
        chain = outcome.chain
        governance = outcome.governance
        states = outcome.states
        checks.merge(outcome.records) { $1 }
      } else {
        // No second connection, or it saw a later snapshot: everything here, in this snapshot.
        var replay = GovernanceReplay(registry: self)
        replay.keepsStateAt = seqs
        chain = try auditTrail.verify(anchors: anchors) { try replay.visit($0) }
        replay.finish()
        governance = replay.problems
        states = replay.kept
        for table in secondTables {
          var check = RecordCheck()
          try reconcile(table, into: &check)
          checks[table] = check
        }
      }
      let records = ReconciledTable.allCases.compactMap { checks[$0] }
      var held = try checkpoints.compactMap { try $0.problem(in: auditTrail, trusted: keys) }
      if let keys { held += try keys.problems(in: self) }
      return (
        chain,
        RecordCheck(
          checked: records.map(\.checked).reduce(0, +), problems: records.flatMap(\.problems)),
        signatures, governance, held, states
      )
    }
    return (
      try verification(
        chain: chain, records: records, signatures: signatures, governance: governance,
        held: held, checkpointsChecked: checkpoints.count, keysChecked: keys != nil),
      states
    )
  }

  /// `audit verify --since`: what changed after `checkpoint`, a signed checkpoint the auditor
  /// holds. The checkpoint must verify (with one of `keys`, when given) and the trail must still
  /// hold its event; then the events after it are chained on from its hash, the records they
  /// touched are compared with their latest events, the sign-offs made after it are checked
  /// against their keys, and those events are judged by the governance rules, replayed from the
  /// trail's start for the state the earlier events left (those are replayed, not judged).
  ///
  /// The events up to the checkpoint, and the records no later event touched, are taken as the
  /// auditor verified them: the full `verify` proves those.
  ///
  /// With `state`, the replay's state just after the checkpoint's event that the auditor's full
  /// verification kept (`verify(keepingStatesAt:)`), the replay resumes from it and the events up
  /// to the checkpoint are not read at all.
  public func verify(
    since checkpoint: HeldCheckpoint, resuming state: ReplayState? = nil, anchors: [String] = [],
    checkpoints: [HeldCheckpoint] = [], keys: TrustedKeys? = nil
  ) throws -> TrailVerification {
    try verify(
      since: checkpoint, resumingFrom: { state }, anchors: anchors, checkpoints: checkpoints,
      keys: keys)
  }

  /// `verify(since:resuming:)`, asking for the state once the records are being reconciled on
  /// the second connection: a caller that reads it from a file does so meanwhile. `state` is
  /// called once; what it throws, `verify` throws.
  public func verify(
    since checkpoint: HeldCheckpoint, resumingFrom state: () throws -> ReplayState?,
    anchors: [String] = [], checkpoints: [HeldCheckpoint] = [], keys: TrustedKeys? = nil
  ) throws -> TrailVerification {
    func resumed() throws -> ReplayState? {
      guard let state = try state() else { return nil }
      if let (seq, hash, _) = Checkpoint.readStatement(checkpoint.statement),
        state.seq != seq || state.hash != hash
      {
        throw AIGovError.invalidValue(
          field: "replay state", value: "event \(state.seq)",
          expected: "the state just after the checkpoint's event \(seq)")
      }
      return state
    }
    // Asked before the read transaction begins, which would make every call look inside one.
    let sideBySide = !database.isInMemory && !database.isInTransaction
    let (chain, records, signatures, governance, held) = try database.readTransaction {
      let problem = try checkpoint.problem(in: auditTrail, trusted: keys)
      var held =
        try [problem].compactMap { $0 }
        + checkpoints.compactMap { try $0.problem(in: auditTrail, trusted: keys) }
      if let keys { held += try keys.problems(in: self) }
      guard let (seq, hash, _) = Checkpoint.readStatement(checkpoint.statement), problem == nil
      else {
        // Nothing after a checkpoint the trail does not hold can be chained on from it; a state
        // that cannot be used is named all the same.
        _ = try resumed()
        return (
          ChainVerification(
            eventCount: 0, headSeq: nil, headHash: nil, firstBreak: nil, problems: []),
          RecordCheck(), SignatureCheck(), [GovernanceProblem](), held
        )
      }
      // The records the events since name are reconciled, and the sign-offs made since checked,
      // a table at a time by whichever connection is free: a second connection and thread from
      // the start, this one once it has chained and replayed those events; all in one snapshot.
      let head = try auditTrail.head()
      let queue = SinceChecks()
      let second: SecondConnection<SinceChecks.Outcome?>? =
        !sideBySide
        ? nil
        : SecondConnection(path: database.path, readOnly: database.mode == .readOnly) {
          database in
          try database.readTransaction {
            // Another snapshot takes nothing, and leaves every table to this connection.
            guard try AuditTrail(database: database).head() == head else { return nil }
            // Reading only: the actor and clock are never used.
            return try Registry(database: database, actor: "audit-verify", clock: Date.init)
              .check(queue, after: seq)
          }
        }
      let state: ReplayState?
      do {
        state = try resumed()
      } catch {
        // No work of this call goes on after it.
        _ = try? second?.result()
        throw error
      }
      var replay =
        try state.map { try GovernanceReplay(registry: self, resuming: $0.carried) }
        ?? GovernanceReplay(registry: self)
      replay.judgesAfter = seq
      let chain = try auditTrail.verify(
        anchors: anchors, after: AuditHead(seq: seq, hash: hash), visitsEarlier: state == nil
      ) { try replay.visit($0) }
      replay.finish()
      var outcome = try check(queue, after: seq)
      if let theirs = try second?.result() {
        outcome.records.merge(theirs.records) { $1 }
        outcome.signatures = outcome.signatures ?? theirs.signatures
      }
      let checks = ReconciledTable.allCases.compactMap { outcome.records[$0] }
      let records = RecordCheck(
        checked: checks.map(\.checked).reduce(0, +), problems: checks.flatMap(\.problems))
      let signatures = outcome.signatures ?? SignatureCheck()
      return (chain, records, signatures, replay.problems, held)
    }
    var verification = try verification(
      chain: chain, records: records, signatures: signatures, governance: governance,
      held: held, checkpointsChecked: checkpoints.count + 1, keysChecked: keys != nil)
    verification.sinceCheckpoint = Checkpoint.readStatement(checkpoint.statement)?.seq
    return verification
  }

  /// What `verify(since:)` checks besides the chain and the rules, a table at a time: each
  /// connection takes the next one not taken (`check(_:after:)`).
  final class SinceChecks: Sendable {
    enum Item: Sendable {
      case records(ReconciledTable)
      case signatures
    }

    /// What one connection checked.
    struct Outcome: Sendable {
      var records: [ReconciledTable: RecordCheck] = [:]
      var signatures: SignatureCheck?
    }

    private static let items = ReconciledTable.allCases.map(Item.records) + [.signatures]
    private let taken = Mutex(0)
    /// The records the events since name, read once by the first connection to take an item.
    private let named = Mutex<TouchedRecords?>(nil)

    /// The records the events since name: read by `read` for the first connection that asks,
    /// the same for the other (both read one snapshot).
    func touched(_ read: () throws -> TouchedRecords) throws -> TouchedRecords {
      try named.withLock { named in
        if let named { return named }
        let touched = try read()
        named = touched
        return touched
      }
    }

    /// The next item no connection has taken; nil once all are.
    func take() -> Item? {
      taken.withLock { taken in
        guard taken < Self.items.count else { return nil }
        defer { taken += 1 }
        return Self.items[taken]
      }
    }
  }

  /// Checks the items of `queue` not taken yet, until none is left: the records the events after
  /// event `seq` name, each compared with its latest event, and the sign-offs made since,
  /// checked against their keys.
  private func check(_ queue: SinceChecks, after seq: Int) throws -> SinceChecks.Outcome {
    var outcome = SinceChecks.Outcome()
    while let item = queue.take() {
      let named = try queue.touched { try touchedRecords(after: seq) }
      switch item {
      case .records(let table):
        var check = RecordCheck(touched: named)
        try reconcile(table, into: &check)
        outcome.records[table] = check
      case .signatures:
        var check = SignatureCheck()
        try verifySignatures(madeAfter: named, into: &check)
        outcome.signatures = check
      }
    }
    return outcome
  }

  /// The records the events after event `seq` name, each with its latest event.
  private func touchedRecords(after seq: Int) throws -> TouchedRecords {
    var touched = TouchedRecords()
    try database.forEachRowView(
      "SELECT seq, entity, entity_key, after IS NULL FROM audit_events WHERE seq > ? ORDER BY seq",
      [seq]
    ) { touched.note($0) }
    return touched
  }

  /// The outcome of a verification, with the checks of the file as it is now: the triggers that
  /// keep records as written, the columns aigov knows, and the stored evidence files.
  private func verification(
    chain: ChainVerification, records: RecordCheck, signatures: SignatureCheck,
    governance: [GovernanceProblem], held: [String], checkpointsChecked: Int, keysChecked: Bool
  ) throws -> TrailVerification {
    var problems = chain.problems
    let triggers = Set(
      try database.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        .compactMap { $0.optionalText("name") })
    for (required, keeps) in Self.recordTriggers where !triggers.contains(required) {
      problems.append("the trigger \(required), which keeps \(keeps), was removed")
    }
    problems += try unknownColumns()
    problems += try evidenceFileProblems()
    return TrailVerification(
      chain: ChainVerification(
        eventCount: chain.eventCount, headSeq: chain.headSeq, headHash: chain.headHash,
        firstBreak: chain.firstBreak, problems: problems),
      recordsChecked: records.checked, recordProblems: records.problems,
      signOffsChecked: signatures.checked, signedSignOffs: signatures.signed,
      signatureProblems: signatures.problems, governanceProblems: governance,
      auditorProblems: held, checkpointsChecked: checkpointsChecked, keysChecked: keysChecked)
  }

  /// The triggers that keep records as they were written (the trail's own are checked with the
  /// chain), and what each keeps.
  static let recordTriggers: [(String, String)] = [
    ("signoffs_no_update", "sign-offs unchanged"), ("signoffs_no_delete", "sign-offs unchanged"),
    ("monitoring_results_no_update", "monitoring results unchanged"),
    ("monitoring_results_no_delete", "monitoring results unchanged"),
    ("control_exceptions_no_update", "exceptions unchanged"),
    ("evidence_no_update", "evidence unchanged"), ("evidence_no_delete", "evidence unchanged"),
    ("evidence_files_no_update", "stored evidence files unchanged"),
    ("evidence_files_no_delete", "stored evidence files unchanged"),
    ("evidence_links_no_delete", "evidence links kept"),
    ("evidence_attestations_no_update", "attestations unchanged"),
    ("evidence_attestations_no_delete", "attestations unchanged"),
    ("control_exceptions_no_delete", "exceptions unchanged"),
    ("access_tokens_revoke_only", "access tokens unchanged but for their revocation"),
    ("access_tokens_no_delete", "access tokens unchanged but for their revocation"),
    ("applicability_decisions_no_update", "applicability decisions unchanged"),
    ("applicability_decisions_no_delete", "applicability decisions unchanged"),
    ("framework_catalogues_no_update", "imported framework catalogues unchanged"),
    ("framework_catalogues_no_delete", "imported framework catalogues unchanged"),
    ("meetings_no_update", "minutes unchanged"), ("meetings_no_delete", "minutes unchanged"),
    ("meeting_decisions_no_update", "minutes unchanged"),
    ("meeting_decisions_no_delete", "minutes unchanged"),
  ]

  /// The columns of aigov's tables that no record states: added behind aigov's back, they hold
  /// what no command shows and the trail never recorded.
  func unknownColumns() throws -> [String] {
    var problems: [String] = []
    for table in ExchangeTable.all {
      let known = Set(table.columns.map(\.name))
      try database.forEachRow(
        "SELECT name FROM pragma_table_info(?) ORDER BY cid", [table.name]
      ) { row in
        let column = try row.text("name")
        if !known.contains(column) {
          problems.append(
            "the table \(table.name) has a column '\(column)' that aigov does not record (it was "
              + "added behind aigov's back)")
        }
      }
    }
    return problems
  }

  // MARK: Records against the trail

  struct RecordCheck: Sendable {
    /// Only these records are compared, those named by an event after a checkpoint; nil for every
    /// record.
    var touched: TouchedRecords?
    var checked = 0
    var problems: [RecordProblem] = []
  }

  /// The records the events after a checkpoint name: for each kind, each key with its latest
  /// event, noted as the chain's pass reads them.
  struct TouchedRecords: Sendable {
    struct Latest: Sendable {
      var seq: Int
      var removed: Bool
    }
    private var latest: [String: [String: Latest]] = [:]

    /// Notes an event, a row of its position, entity, key and whether it removed the record.
    mutating func note(_ row: RowView) {
      let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
      let entity = String(decoding: row.bytes(1) ?? none, as: UTF8.self)
      let key = String(decoding: row.bytes(2) ?? none, as: UTF8.self)
      latest[entity, default: [:]][key] = Latest(seq: row.integer(0), removed: row.integer(3) != 0)
    }

    /// The keys of `entity` named, each with its latest event.
    func keys(of entity: AuditEntity) -> [String: Latest] {
      latest[entity.rawValue] ?? [:]
    }

    /// Those keys as a JSON object, each to the position of its latest event, for `json_each`.
    func json(of entity: AuditEntity) -> String {
      var bytes: [UInt8] = [UInt8(ascii: "{")]
      for (key, latest) in keys(of: entity) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        CanonicalJSON.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(contentsOf: String(latest.seq).utf8)
      }
      bytes.append(UInt8(ascii: "}"))
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// The tables whose records are compared with the trail, in the order problems are listed.
  enum ReconciledTable: CaseIterable, Sendable {
    case features, providers, risks, mitigations, reviewers, rounds, signOffs, settings
    case monitoringPlans, monitoringResults, incidents, controls, exceptions, evidence
    case attestations, accessTokens, applicabilityDecisions, frameworkCatalogues
    case mitigationMappings, statements, meetings, meetingActions, webhooks
  }

  /// Compares every record of `table` with the `after` of the latest event that names it.
  func reconcile(_ table: ReconciledTable, into check: inout RecordCheck) throws {
    switch table {
    case .features: try reconcileFeatures(into: &check)
    case .providers:
      try reconcile(
        Provider.self,
        "SELECT \(Provider.table.selectList()), key AS audit_key, id AS audit_order FROM providers",
        exists: "SELECT 1 FROM providers WHERE key = ?", into: &check, Provider.table.record(at:))
    case .risks:
      try reconcileRecordsOfFeatures(Risk.table, into: &check) { $0.featureKey = $1 }
    case .mitigations: try reconcileByNumber(Mitigation.table, into: &check)
    case .reviewers:
      try reconcile(
        Reviewer.self, "SELECT id, handle AS audit_key, id AS audit_order FROM reviewers",
        exists: "SELECT 1 FROM reviewers WHERE handle = ?", into: &check
      ) { row in try reviewer(id: try row.integer("id")) }
    case .rounds:
      try reconcileRecordsOfFeatures(ReviewRound.table, into: &check) { $0.featureKey = $1 }
    case .signOffs:
      try reconcile(
        SignOff.self,
        "SELECT *, CAST(id AS TEXT) AS audit_key, id AS audit_order FROM (\(Self.signOffQuery))",
        exists: "SELECT 1 FROM signoffs WHERE id = CAST(?1 AS INTEGER)", byNumber: true,
        into: &check,
        Self.signOff(from:))
    case .settings:
      try reconcile(
        Setting.self,
        "SELECT \(Self.settingColumns), name AS audit_key, name AS audit_order FROM settings",
        exists: "SELECT 1 FROM settings WHERE name = ?", into: &check, Self.setting(from:))
    case .monitoringPlans:
      try reconcileRecordsOfFeatures(MonitoringPlan.table, into: &check) { $0.featureKey = $1 }
    case .monitoringResults: try reconcileByNumber(MonitoringResult.table, into: &check)
    case .incidents:
      try reconcile(
        Incident.self,
        "SELECT \(Incident.table.selectList()), reference AS audit_key, id AS audit_order "
          + "FROM incidents",
        exists: "SELECT 1 FROM incidents WHERE reference = ?", into: &check
      ) { row in try withLinks(Incident.table.record(at: row)) }
    case .controls:
      try reconcile(
        Control.self,
        "SELECT \(Control.table.selectList()), id AS control_id, key AS audit_key, "
          + "id AS audit_order FROM controls",
        exists: "SELECT 1 FROM controls WHERE key = ?", into: &check
      ) { row in try withScope(Control.table.record(at: row), id: row.integer("control_id")) }
    case .exceptions:
      try reconcile(
        ControlException.self,
        "SELECT *, CAST(id AS TEXT) AS audit_key, id AS audit_order FROM (\(Self.exceptionQuery))",
        exists: "SELECT 1 FROM control_exceptions WHERE id = CAST(?1 AS INTEGER)", byNumber: true,
        into: &check,
        Self.exception(from:))
    case .evidence:
      try reconcile(
        Evidence.self,
        "SELECT \(Evidence.table.selectList()), CAST(id AS TEXT) AS audit_key, id AS audit_order "
          + "FROM evidence",
        exists: "SELECT 1 FROM evidence WHERE id = CAST(?1 AS INTEGER)", byNumber: true,
        into: &check
      ) { row in try withLinks(Evidence.table.record(at: row)) }
    case .attestations:
      try reconcile(
        EvidenceAttestation.self,
        "SELECT *, CAST(id AS TEXT) AS audit_key, id AS audit_order FROM "
          + "(\(Self.attestationQuery))",
        exists: "SELECT 1 FROM evidence_attestations WHERE id = CAST(?1 AS INTEGER)",
        byNumber: true, into: &check, Self.attestation(from:))
    case .accessTokens:
      try reconcile(
        AccessToken.self,
        "SELECT \(Self.accessTokenColumns), CAST(id AS TEXT) AS audit_key, id AS audit_order "
          + "FROM access_tokens",
        exists: "SELECT 1 FROM access_tokens WHERE id = CAST(?1 AS INTEGER)", byNumber: true,
        into: &check,
        Self.accessToken(from:))
    case .applicabilityDecisions:
      try reconcile(
        ApplicabilityDecision.self,
        """
        SELECT \(ApplicabilityDecision.table.selectList("a")), f.key AS feature_key,
               CAST(a.id AS TEXT) AS audit_key, a.id AS audit_order
        FROM applicability_decisions a LEFT JOIN features f ON f.id = a.feature_id
        """,
        exists: "SELECT 1 FROM applicability_decisions WHERE id = CAST(?1 AS INTEGER)",
        byNumber: true, into: &check, Self.applicabilityDecision(from:))
    case .frameworkCatalogues: try reconcileByNumber(ImportedCatalogue.table, into: &check)
    case .mitigationMappings: try reconcileByNumber(MitigationMapping.table, into: &check)
    case .statements:
      try reconcile(
        CompanyStatement.self,
        "SELECT \(CompanyStatement.table.selectList()), key AS audit_key, id AS audit_order "
          + "FROM statements",
        exists: "SELECT 1 FROM statements WHERE key = ?", into: &check,
        CompanyStatement.table.record(at:))
    case .meetings:
      let decisions = try meetingDecisionsByMeeting()
      try reconcile(
        Meeting.self,
        "SELECT \(Meeting.table.selectList()), CAST(id AS TEXT) AS audit_key, id AS audit_order "
          + "FROM meetings",
        exists: "SELECT 1 FROM meetings WHERE id = CAST(?1 AS INTEGER)", byNumber: true,
        into: &check
      ) { row in
        var meeting = try Meeting.table.record(at: row)
        meeting.decisions = decisions[meeting.id] ?? []
        return meeting
      }
    case .meetingActions: try reconcileByNumber(MeetingAction.table, into: &check)
    case .webhooks: try reconcileByNumber(Webhook.table, into: &check)
    }
  }

  /// Reconciles a table whose records the trail names by their number and whose row is the
  /// whole record.
  private func reconcileByNumber<Record: AuditedRecord>(
    _ table: RecordTable<Record>, into check: inout RecordCheck
  ) throws {
    try reconcile(
      Record.self,
      "SELECT \(table.selectList()), CAST(id AS TEXT) AS audit_key, id AS audit_order "
        + "FROM \(table.name)",
      exists: "SELECT 1 FROM \(table.name) WHERE id = CAST(?1 AS INTEGER)", byNumber: true,
      into: &check,
      table.record(at:))
  }

  /// Reconciles a table whose records belong to a feature and are named by their number (risks,
  /// review rounds); the record names its feature by key.
  private func reconcileRecordsOfFeatures<Record: AuditedRecord>(
    _ table: RecordTable<Record>, into check: inout RecordCheck,
    setFeatureKey: (inout Record, String) -> Void
  ) throws {
    try reconcile(
      Record.self,
      """
      SELECT \(table.selectList("r")), coalesce(f.key, '') AS feature_key,
             CAST(r.id AS TEXT) AS audit_key, r.id AS audit_order
      FROM \(table.name) r LEFT JOIN features f ON f.id = r.feature_id
      """, exists: "SELECT 1 FROM \(table.name) WHERE id = CAST(?1 AS INTEGER)", byNumber: true,
      into: &check
    ) { row in
      var record = try table.record(at: row)
      setFeatureKey(&record, try row.text("feature_key"))
      return record
    }
  }

  /// A feature's record holds its data categories, provider links and attributes.
  private func reconcileFeatures(into check: inout RecordCheck) throws {
    // A feature's record holds its data categories and provider links: read beside the features,
    // in the same order of id, rather than by three queries per feature.
    // Since a checkpoint, only the features an event after it names.
    let touched = check.touched.map { $0.json(of: .feature) }
    let filter =
      touched == nil
      ? ""
      : "WHERE feature_id IN (SELECT id FROM features WHERE key IN (SELECT key FROM json_each(?)))"
    let arguments = touched.map { [$0] } ?? []
    let categories = try ChildRows(
      database.cursor(
        "SELECT feature_id, category FROM feature_data_categories \(filter) "
          + "ORDER BY feature_id, category", arguments),
      parentColumn: "feature_id")
    // A link to a provider that is not there (only a hand-edited file has one) is kept, under the
    // provider's number, so that the feature differs from its last event rather than hiding it.
    let links = try ChildRows(
      database.cursor(
        """
        SELECT fp.feature_id, coalesce(p.key, '#' || fp.provider_id) AS provider, fp.model,
               fp.purpose
        FROM feature_providers fp LEFT JOIN providers p ON p.id = fp.provider_id \(filter)
        ORDER BY fp.feature_id, p.key, fp.model
        """, arguments), parentColumn: "feature_id")
    let attributes = try ChildRows(
      database.cursor(
        "SELECT feature_id, name, value FROM feature_attributes \(filter) "
          + "ORDER BY feature_id, name", arguments),
      parentColumn: "feature_id")
    try reconcile(
      FeatureState.self,
      "SELECT \(Feature.table.selectList()), key AS audit_key, id AS audit_order FROM features",
      exists: "SELECT 1 FROM features WHERE key = ?", into: &check
    ) { row in
      let id = try row.integer("id")
      var feature = try Feature.table.record(at: row)
      feature.dataCategories = try categories.rows(for: id).map { try $0.term("category") }
      return FeatureState(
        feature: feature,
        providers: try links.rows(for: id).map {
          FeatureProviderLink(
            provider: try $0.text("provider"), model: try $0.text("model"),
            purpose: try $0.text("purpose"))
        },
        attributes: try attributes.rows(for: id).map {
          FeatureAttribute(name: try $0.text("name"), value: try $0.text("value"))
        })
    }
  }

  /// Reconciles one table. `records` selects its rows with an `audit_key` column (the key the trail
  /// names it by) and an `audit_order` column; `exists` asks whether a record with a given key is
  /// there.
  /// A table whose records the trail names by their number (`byNumber`) has them as its `id`,
  /// which is also their `audit_order`: since a checkpoint, they are looked up by it.
  private func reconcile<Record: AuditedRecord>(
    _ type: Record.Type, _ records: String, exists: String, byNumber: Bool = false,
    into check: inout RecordCheck, _ build: (Row) throws -> Record
  ) throws {
    let entity = Record.entity
    var matched = 0
    // Since a checkpoint: the keys the events after it name, found by their index. A number is
    // also the row's id, by which the rows are found rather than read through.
    let touched = check.touched?.keys(of: entity)
    if touched?.isEmpty == true { return }
    // Since a checkpoint, each key named comes with its latest event, from the chain's pass.
    let latest =
      touched == nil
      ? """
      FROM (\(records)) rec LEFT JOIN audit_events e ON e.seq =
        (SELECT max(seq) FROM audit_events WHERE entity = ?1 AND entity_key = rec.audit_key)
      """
      : """
      FROM json_each(?2) t JOIN (\(records)) rec ON rec.audit_key = t.key
        \(byNumber ? "AND rec.audit_order = CAST(t.key AS INTEGER)" : "")
      JOIN audit_events e ON e.seq = t.value AND e.entity = ?1
      """
    // `audit_after` is the last column: compared in place, not copied into the row.
    try database.forEachRowView(
      """
      SELECT rec.*, e.seq AS audit_seq, e.after AS audit_after \(latest)
      ORDER BY rec.audit_order
      """, [entity.rawValue] + (check.touched.map { [$0.json(of: entity)] } ?? [])
    ) { view in
      let afterColumn = view.columnCount - 1
      let row = view.row(skipping: afterColumn)
      check.checked += 1
      let key = try row.text("audit_key")
      guard let seq = row.optionalInteger("audit_seq") else {
        check.problems.append(
          RecordProblem(entity: entity, key: key, kind: .untracked, fields: [], event: nil))
        return
      }
      matched += 1
      guard let after = view.bytes(afterColumn) else {
        check.problems.append(
          RecordProblem(entity: entity, key: key, kind: .removed, fields: [], event: seq))
        return
      }
      let current: [UInt8]
      do {
        current = try build(row).canonicalBytes
      } catch {
        check.problems.append(
          RecordProblem(entity: entity, key: key, kind: .unreadable, fields: [], event: seq))
        return
      }
      if !current.withUnsafeBufferPointer({ $0.hasSameBytes(as: after) }) {
        check.problems.append(
          RecordProblem(
            entity: entity, key: key, kind: .differs,
            fields: Self.differingFields(
              String(decoding: current, as: UTF8.self), String(decoding: after, as: UTF8.self)),
            event: seq))
      }
    }
    // Each record matched a different key of the trail; if the trail names no more keys than that,
    // none is missing. Only otherwise look for the records the table lacks.
    if let touched {
      guard touched.count > matched else { return }
      for (key, latest) in touched.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      )
      where !latest.removed {
        if try database.queryOne(exists, [key]) == nil {
          check.problems.append(
            RecordProblem(
              entity: entity, key: key, kind: .missing, fields: [], event: latest.seq))
        }
      }
      return
    }
    let events = "audit_events WHERE entity = ?1"
    let trailKeys =
      try database.scalarInteger(
        "SELECT count(*) FROM (SELECT 1 FROM \(events) GROUP BY entity_key)",
        [entity.rawValue]) ?? 0
    guard trailKeys > matched else { return }
    try database.forEachRow(
      """
      SELECT l.entity_key, l.seq FROM
        (SELECT entity_key, max(seq) AS seq FROM \(events) GROUP BY entity_key) l
      WHERE (SELECT after FROM audit_events WHERE seq = l.seq) IS NOT NULL
      """, [entity.rawValue]
    ) { row in
      let key = try row.text("entity_key")
      if try database.queryOne(exists, [key]) == nil {
        check.problems.append(
          RecordProblem(
            entity: entity, key: key, kind: .missing, fields: [],
            event: row.optionalInteger("seq")))
      }
    }
  }

  /// The top-level fields whose values differ between two JSON objects.
  static func differingFields(_ current: String, _ recorded: String) -> [String] {
    guard case .object(let now)? = try? JSONValue(parsing: current),
      case .object(let then)? = try? JSONValue(parsing: recorded)
    else { return [] }
    return Set(now.keys).union(then.keys).filter { now[$0] != then[$0] }.sorted()
  }

  // MARK: Signatures

  struct SignatureCheck: Sendable {
    var checked = 0
    var signed = 0
    var problems: [SignatureProblem] = []
  }

  /// Checks every sign-off against the keys of its reviewer: a signed one must verify with the key
  /// it names. Whether that key was the one in force at its event (and whether an unsigned one
  /// was made when the reviewer had none) is the replay's to say, by position in the trail.
  /// Since a checkpoint, only the sign-offs made after its event.
  private func verifySignatures(
    madeAfter touched: TouchedRecords? = nil, into check: inout SignatureCheck
  ) throws {
    var keysByReviewer: [Int: [ReviewerKey]] = [:]
    if touched?.keys(of: .signoff).isEmpty == true { return }
    let made = touched.map { _ in " WHERE s.id IN (SELECT CAST(key AS INTEGER) FROM json_each(?))" }
    try database.forEachRow(
      Self.signOffQuery + (made ?? "") + " ORDER BY s.id",
      touched.map { [$0.json(of: .signoff)] } ?? []
    ) { row in
      let signOff = try Self.signOff(from: row)
      let reviewerID = try row.integer("reviewer_id")
      if keysByReviewer[reviewerID] == nil {
        keysByReviewer[reviewerID] = (try? reviewer(id: reviewerID))?.keys ?? []
      }
      let keys = keysByReviewer[reviewerID] ?? []
      check.checked += 1
      if signOff.signature != nil { check.signed += 1 }
      if let reason = Self.signatureProblem(signOff, keys: keys) {
        check.problems.append(SignatureProblem(signOff: signOff, reason: reason))
      }
    }
  }

  /// Why a sign-off's signature does not hold, or nil when it does.
  static func signatureProblem(_ signOff: SignOff, keys: [ReviewerKey]) -> String? {
    guard let fingerprint = signOff.keyFingerprint, let signature = signOff.signature else {
      return nil
    }
    guard let key = keys.first(where: { $0.fingerprint == fingerprint }) else {
      return "it names key \(fingerprint.prefix(16))..., which is not registered for reviewer "
        + "'\(signOff.reviewer)'"
    }
    guard let publicKey = try? ReviewerPublicKey(pem: key.publicKey),
      publicKey.fingerprint == key.fingerprint
    else {
      return "the registered public key \(fingerprint.prefix(16))... does not match its "
        + "fingerprint (the reviewer's key was replaced)"
    }
    guard let bytes = Data(base64Encoded: signature),
      publicKey.isValidSignature(Array(bytes), for: signOff.signedMessage)
    else {
      return "the signature does not verify: the decision, its signature or the reviewer's key "
        + "was altered"
    }
    return nil
  }
}

/// The outcome of `audit verify`: the chain, the records, the signatures.
public struct TrailVerification: Equatable, Sendable {
  public var chain: ChainVerification
  public var recordsChecked: Int
  public var recordProblems: [RecordProblem]
  public var signOffsChecked: Int
  /// How many of the sign-offs checked were signed; the rest were made by reviewers without a key.
  public var signedSignOffs: Int
  public var signatureProblems: [SignatureProblem]
  /// The events the governance rules would have refused.
  public var governanceProblems: [GovernanceProblem]
  /// What does not agree with the checkpoints and keys the auditor holds.
  public var auditorProblems: [String]
  public var checkpointsChecked: Int
  /// Whether the signatures were checked against keys the auditor holds.
  public var keysChecked: Bool
  /// For a verification since a checkpoint (`verify(since:)`), the checkpoint's event: the
  /// events, records and sign-offs counted are those after it.
  public var sinceCheckpoint: Int?

  public var isIntact: Bool {
    chain.isIntact && recordProblems.isEmpty && signatureProblems.isEmpty
      && governanceProblems.isEmpty && auditorProblems.isEmpty
  }

  /// Every problem found, one sentence each: the chain's first break first.
  public var problems: [String] {
    [chain.firstBreak?.reason].compactMap { $0 } + chain.problems
      + recordProblems.map(\.description) + signatureProblems.map(\.description)
      + governanceProblems.map(\.description) + auditorProblems
  }
}

extension TrailVerification: Encodable {
  enum CodingKeys: String, CodingKey {
    case recordsChecked = "records_checked"
    case recordProblems = "record_problems"
    case signOffsChecked = "signoffs_checked"
    case signedSignOffs = "signed_signoffs"
    case signatureProblems = "signature_problems"
    case governanceProblems = "governance_problems"
    case auditorProblems = "auditor_problems"
    case checkpointsChecked = "checkpoints_checked"
    case keysChecked = "keys_checked"
    case sinceCheckpoint = "since_checkpoint"
    case intact
  }

  /// The chain's fields at the top level, as `audit verify --format json` has always printed them,
  /// with the records and signatures beside them.
  public func encode(to encoder: any Encoder) throws {
    try chain.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(recordsChecked, forKey: .recordsChecked)
    try values.encode(recordProblems, forKey: .recordProblems)
    try values.encode(signOffsChecked, forKey: .signOffsChecked)
    try values.encode(signedSignOffs, forKey: .signedSignOffs)
    try values.encode(signatureProblems, forKey: .signatureProblems)
    try values.encode(governanceProblems, forKey: .governanceProblems)
    try values.encode(auditorProblems, forKey: .auditorProblems)
    try values.encode(checkpointsChecked, forKey: .checkpointsChecked)
    try values.encode(keysChecked, forKey: .keysChecked)
    try values.encodeIfPresent(sinceCheckpoint, forKey: .sinceCheckpoint)
    try values.encode(isIntact, forKey: .intact)
  }
}

/// A record that does not match the audit trail.
public struct RecordProblem: Codable, Equatable, Sendable, CustomStringConvertible {
  public var entity: AuditEntity
  public var key: String
  public var kind: Kind
  /// For `differs`: the fields whose values differ.
  public var fields: [String]
  /// The latest event naming the record.
  public var event: Int?

  public enum Kind: String, Codable, Sendable {
    /// The record is not what its latest event says.
    case differs
    /// No event names the record: it was added behind aigov's back.
    case untracked
    /// The trail says it exists, but the table lacks it: it was deleted behind aigov's back.
    case missing
    /// The trail removed it, yet it exists.
    case removed
    /// Its row no longer holds values aigov can read.
    case unreadable
  }

  public var description: String {
    let record = "\(entity.rawValue) '\(key)'"
    let event = self.event.map { "event \($0)" } ?? "the trail"
    return switch kind {
    case .differs:
      "\(record) differs from \(event) in "
        + (fields.isEmpty ? "its content" : fields.joined(separator: ", "))
    case .untracked: "\(record) has no event in the trail (it was added behind aigov's back)"
    case .missing: "\(record) is missing (\(event) recorded it; it was deleted behind aigov's back)"
    case .removed: "\(record) exists, but \(event) removed it"
    case .unreadable: "\(record) holds values aigov cannot read (see \(event))"
    }
  }
}

/// A sign-off whose signature does not hold.
public struct SignatureProblem: Codable, Equatable, Sendable, CustomStringConvertible {
  public var signOff: Int
  public var feature: String
  public var round: Int
  public var discipline: Discipline
  public var reviewer: String
  public var reason: String

  init(signOff: SignOff, reason: String) {
    self.signOff = signOff.id
    feature = signOff.featureKey
    round = signOff.roundNumber
    discipline = signOff.discipline
    reviewer = signOff.reviewer
    self.reason = reason
  }

  enum CodingKeys: String, CodingKey {
    case signOff = "signoff"
    case feature, round, discipline, reviewer, reason
  }

  public var description: String {
    "sign-off \(signOff) (\(feature) round \(round), \(discipline.rawValue) by \(reviewer)): "
      + reason
  }
}
