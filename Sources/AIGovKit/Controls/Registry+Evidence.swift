import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  // MARK: Reading

  /// One piece of evidence, by its number, or `AIGovError.notFound`.
  public func evidence(_ id: Int) throws -> Evidence {
    guard
      let row = try database.queryOne(
        "SELECT \(Evidence.table.selectList("v")) FROM evidence v WHERE v.id = ?", [id],
        cached: true)
    else { throw AIGovError.notFound(entity: "evidence", key: String(id)) }
    return try withLinks(Evidence.table.record(at: row))
  }

  /// Every piece of evidence (that supports `target`, when given: `control:KEY`), by number.
  public func evidence(supporting target: String? = nil) throws -> [Evidence] {
    if let target { try checkTarget(target) }
    return try database.query(
      """
      SELECT \(Evidence.table.selectList("v")) FROM evidence v
      WHERE ?1 IS NULL OR v.id IN (SELECT evidence_id FROM evidence_links WHERE target = ?1)
      ORDER BY v.id
      """, [target], cached: true
    ).map { try withLinks(Evidence.table.record(at: $0)) }
  }

  func withLinks(_ evidence: Evidence) throws -> Evidence {
    var evidence = evidence
    evidence.links = try database.query(
      "SELECT target FROM evidence_links WHERE evidence_id = ? ORDER BY target", [evidence.id],
      cached: true
    ).map { try $0.text("target") }
    return evidence
  }

  /// Every piece of evidence linked to a record of one kind (`control:`), by the link's target.
  func evidenceByTarget(prefix: String) throws -> [String: [Evidence]] {
    var byTarget: [String: [Evidence]] = [:]
    for evidence in try evidence() {
      for link in evidence.links where link.hasPrefix(prefix) {
        byTarget[link, default: []].append(evidence)
      }
    }
    return byTarget
  }

  /// The stored bytes of a piece of evidence; nil for evidence kept elsewhere.
  public func evidenceContent(_ id: Int) throws -> [UInt8]? {
    let evidence = try evidence(id)
    guard evidence.fileName != nil else { return nil }
    guard
      let row = try database.queryOne(
        "SELECT content FROM evidence_files WHERE sha256 = ?", [evidence.sha256])
    else { return nil }
    return row.optionalBlob("content")
  }

  /// The attestations of a piece of evidence (of every one, without it), oldest first.
  public func attestations(evidence id: Int? = nil) throws -> [EvidenceAttestation] {
    if let id { _ = try evidence(id) }
    return try database.query(
      Self.attestationQuery + " WHERE ?1 IS NULL OR a.evidence_id = ?1 ORDER BY a.id", [id],
      cached: true
    ).map(Self.attestation(from:))
  }

  /// The query that reads attestations with what the trail names and holds of them.
  static let attestationQuery = """
    SELECT \(EvidenceAttestation.table.selectList("a")), r.handle AS reviewer_handle,
      v.sha256 AS evidence_sha256, v.title AS evidence_title,
      v.collected_on AS evidence_collected_on, v.expires_on AS evidence_expires_on
    FROM evidence_attestations a JOIN reviewers r ON r.id = a.reviewer_id
    JOIN evidence v ON v.id = a.evidence_id
    """

  static func attestation(from row: Row) throws -> EvidenceAttestation {
    var attestation = try EvidenceAttestation.table.record(at: row)
    attestation.reviewer = try row.text("reviewer_handle")
    attestation.sha256 = try row.text("evidence_sha256")
    attestation.title = try row.text("evidence_title")
    attestation.collectedOn = try row.text("evidence_collected_on")
    attestation.expiresOn = row.optionalText("evidence_expires_on")
    return attestation
  }

  // MARK: Recording

  /// Records a piece of evidence: a file stored here, named by its SHA-256, or a URL with the
  /// SHA-256 of the copy kept; linked to the records it supports.
  @discardableResult
  public func addEvidence(_ draft: EvidenceDraft, revising: Int? = nil) throws -> Evidence {
    try database.transaction {
      if let revising { _ = try evidence(revising) }
      var sha256 = draft.sha256?.lowercased()
      var size: Int?
      switch (draft.content, draft.url) {
      case (let content?, nil):
        guard content.count <= EvidenceDraft.maximumSize else {
          throw AIGovError.invalidValue(
            field: "evidence file", value: "\(content.count) bytes",
            expected: "at most \(EvidenceDraft.maximumSize) bytes")
        }
        let digest = CanonicalJSON.hex(SHA256.hash(data: content))
        if let given = sha256, given != digest {
          throw AIGovError.invalidValue(
            field: "sha256", value: given, expected: "the file's SHA-256, \(digest)")
        }
        sha256 = digest
        size = content.count
      case (nil, _?):
        guard let given = sha256, given.utf8.count == 64,
          given.allSatisfy({ $0.isHexDigit })
        else {
          throw AIGovError.invalidValue(
            field: "sha256", value: draft.sha256 ?? "",
            expected: "the SHA-256 of the copy kept, 64 hexadecimal digits")
        }
      default:
        throw AIGovError.invalidValue(
          field: "evidence", value: draft.url ?? "",
          expected: "either a file to store or a URL with its SHA-256, not both")
      }
      for day in [draft.periodStart, draft.periodEnd, draft.expiresOn, draft.collectedOn] {
        try Validation.day(day, field: "day")
      }
      if let start = draft.periodStart, let end = draft.periodEnd, start > end {
        throw AIGovError.invalidValue(
          field: "period end", value: end, expected: "a day on or after \(start)")
      }
      let links = Array(Set(draft.links)).sorted()
      for link in links { try checkTarget(link) }
      var evidence = Evidence(
        id: 0, title: draft.title, kind: draft.kind, sha256: sha256 ?? "", size: size,
        fileName: draft.content == nil ? nil : (draft.fileName ?? "evidence"), url: draft.url,
        periodStart: draft.periodStart, periodEnd: draft.periodEnd,
        collectedOn: draft.collectedOn, expiresOn: draft.expiresOn,
        providedBy: draft.providedBy, revises: revising, createdAt: now, links: links)
      try Evidence.table.checkTexts(evidence)
      try Validation.nonEmpty(evidence.title, field: "title")
      try Validation.nonEmpty(evidence.providedBy, field: "provided by")
      if let content = draft.content {
        try database.execute(
          "INSERT OR IGNORE INTO evidence_files (sha256, content) VALUES (?, ?)",
          [evidence.sha256, DatabaseValue.blob(content)])
      }
      evidence.id = try insert(evidence, into: Evidence.table)
      for link in links { try insertLink(evidence.id, link) }
      try recordEvent(.evidenceAdd, before: nil, after: evidence)
      return evidence
    }
  }

  /// Links a piece of evidence to more records it supports; a link it has already is kept once.
  @discardableResult
  public func linkEvidence(_ id: Int, to targets: [String]) throws -> Evidence {
    try database.transaction {
      let before = try evidence(id)
      let added = Set(targets).subtracting(before.links).sorted()
      for target in added { try checkTarget(target) }
      guard !added.isEmpty else { return before }
      for target in added { try insertLink(id, target) }
      var after = before
      after.links = (before.links + added).sorted()
      try recordEvent(.evidenceLink, before: before, after: after)
      return after
    }
  }

  /// Records the acting reviewer's attestation of a piece of evidence, signed with their key
  /// when they hold one.
  @discardableResult
  public func attestEvidence(_ id: Int, discipline: Discipline? = nil, key: SigningKey? = nil)
    throws -> EvidenceAttestation
  {
    try database.transaction {
      let evidence = try evidence(id)
      guard let reviewerID = try? reviewerID(actor) else {
        throw AIGovError.refused(.notAReviewer(actor: actor))
      }
      let reviewer = try reviewer(id: reviewerID)
      let chosen: Discipline
      if let discipline {
        guard reviewer.disciplines.contains(discipline) else {
          throw AIGovError.refused(
            .disciplineNotHeld(
              reviewer: reviewer.handle, discipline: discipline, held: reviewer.disciplines))
        }
        chosen = discipline
      } else {
        guard reviewer.disciplines.count == 1 else {
          throw AIGovError.disciplineUnspecified(
            reviewer: reviewer.handle, held: reviewer.disciplines)
        }
        chosen = reviewer.disciplines[0]
      }
      if let refusal = GovernanceRules.signingKeyRefusal(
        reviewer: reviewer, given: key?.publicKey.fingerprint)
      {
        throw AIGovError.refused(refusal)
      }
      var attestation = EvidenceAttestation(
        id: 0, evidence: id, reviewer: reviewer.handle, discipline: chosen, attestedAt: now,
        keyFingerprint: key?.publicKey.fingerprint, signature: nil, sha256: evidence.sha256,
        title: evidence.title, collectedOn: evidence.collectedOn, expiresOn: evidence.expiresOn,
        rows: .init(reviewer: reviewerID))
      if let key {
        attestation.signature = Data(try key.signature(for: attestation.signedMessage))
          .base64EncodedString()
      }
      attestation.id = try insert(attestation, into: EvidenceAttestation.table)
      try recordEvent(.evidenceAttest, before: nil, after: attestation)
      return attestation
    }
  }

  private func insertLink(_ id: Int, _ target: String) throws {
    try database.execute(
      "INSERT INTO evidence_links (evidence_id, target) VALUES (?, ?)", [id, target], cached: true)
  }

  /// Refuses a link to no record: `control:KEY` must name a control, `mitigation:12` a
  /// mitigation, and so on.
  func checkTarget(_ target: String) throws {
    guard let colon = target.firstIndex(of: ":"),
      let kind = EvidenceTarget(rawValue: String(target[..<colon]))
    else {
      throw AIGovError.invalidValue(
        field: "link", value: target,
        expected: "kind:record, the kind one of "
          + EvidenceTarget.allCases.map(\.rawValue).joined(separator: ", "))
    }
    let key = String(target[target.index(after: colon)...])
    func number() throws -> Int {
      guard let number = Int(key), number > 0 else {
        throw AIGovError.invalidValue(
          field: "\(kind.rawValue) link", value: key, expected: "a record's number")
      }
      return number
    }
    switch kind {
    case .control: _ = try controlID(key)
    case .mitigation: _ = try mitigation(try number())
    case .risk: _ = try risk(try number())
    case .incident: _ = try incident(key)
    case .signoff, .monitoringResult:
      let table = kind == .signoff ? "signoffs" : "monitoring_results"
      guard try database.queryOne("SELECT 1 FROM \(table) WHERE id = ?", [try number()]) != nil
      else { throw AIGovError.notFound(entity: kind.rawValue, key: key) }
    }
  }

  // MARK: Verifying

  /// The stored evidence files that are missing or whose bytes no longer match the SHA-256 their
  /// evidence names: what `audit verify` reports of them.
  func evidenceFileProblems() throws -> [String] {
    var problems: [String] = []
    try database.forEachRow(
      """
      SELECT v.id, v.sha256, f.sha256 AS stored, f.content FROM evidence v
      LEFT JOIN evidence_files f ON f.sha256 = v.sha256 WHERE v.file_name IS NOT NULL
      ORDER BY v.id
      """
    ) { row in
      let id = try row.integer("id")
      let named = try row.text("sha256")
      guard row.optionalText("stored") != nil, let content = row.optionalBlob("content") else {
        problems.append("evidence #\(id)'s stored file (SHA-256 \(named.prefix(16))...) is missing")
        return
      }
      let digest = CanonicalJSON.hex(SHA256.hash(data: content))
      if digest != named {
        problems.append(
          "evidence #\(id)'s stored file no longer matches its SHA-256: it names "
            + "\(named.prefix(16))..., the bytes hash to \(digest.prefix(16))...")
      }
    }
    return problems
  }
}

extension ControlStanding {
  /// The pieces of a control's evidence that are current on `today`: collected within its review
  /// cadence and not expired.
  static func currentEvidence(of control: Control, _ linked: [Evidence], today: String)
    -> [Evidence]
  {
    let oldest =
      Timestamp.parse(today).map {
        String(
          Timestamp.format($0.addingTimeInterval(-Double(control.reviewIntervalDays) * 86_400))
            .prefix(10))
      } ?? today
    return linked.filter { $0.isCurrent(on: today) && $0.collectedOn >= oldest }
  }

  /// What `check` finds of each control in place: no evidence, or none current (collected within
  /// its review cadence and not expired).
  static func evidenceFindings(
    _ controls: [Control], evidence: [String: [Evidence]], today: String
  ) -> [Finding] {
    controls.compactMap { control in
      let linked = evidence["control:\(control.key)"] ?? []
      if !currentEvidence(of: control, linked, today: today).isEmpty { return nil }
      let latest = linked.max { ($0.collectedOn, $0.id) < ($1.collectedOn, $1.id) }
      let why =
        latest.map { latest in
          latest.isCurrent(on: today)
            ? "its latest evidence, #\(latest.id), was collected on \(latest.collectedOn), more "
              + "than its \(control.reviewIntervalDays)-day review cadence ago"
            : "its latest evidence, #\(latest.id), expired on \(latest.expiresOn ?? "")"
        } ?? "it has no evidence"
      var finding = Finding(
        "", .controlEvidence, "control '\(control.key)' is in place but \(why)",
        fix: [Remedy("record current evidence", .addEvidence(control: control.key))])
      finding.control = control.key
      return finding
    }
  }
}
