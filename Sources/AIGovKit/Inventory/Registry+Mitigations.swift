extension Registry {
  /// One mitigation by its number, or `AIGovError.notFound`.
  public func mitigation(_ id: Int) throws -> Mitigation {
    guard
      let row = try database.queryOne(
        "SELECT \(Mitigation.table.selectList()) FROM mitigations WHERE id = ?", [id], cached: true)
    else {
      throw AIGovError.notFound(entity: "mitigation", key: String(id))
    }
    return try Self.mitigation(from: row)
  }

  /// The mitigations `filter` keeps, by feature, then by number.
  public func mitigations(_ filter: MitigationFilter) throws -> [MitigationListing] {
    if let key = filter.featureKey { _ = try feature(key) }
    if let id = filter.riskID { _ = try risk(id) }
    var conditions: [String] = []
    var arguments: [DatabaseValue] = []
    if let key = filter.featureKey {
      conditions.append("f.key = ?")
      arguments.append(.text(key))
    }
    if let id = filter.riskID {
      conditions.append("m.risk_id = ?")
      arguments.append(.integer(Int64(id)))
    }
    if let status = filter.status {
      conditions.append("m.status = ?")
      arguments.append(.text(status.rawValue))
    }
    if let kind = filter.kind {
      conditions.append("m.kind = ?")
      arguments.append(.text(kind.rawValue))
    }
    if let owner = filter.owner {
      conditions.append("m.owner = ?")
      arguments.append(.text(owner))
    }
    if let published = filter.hasPublicStatement {
      conditions.append(
        published ? "m.public_statement IS NOT NULL" : "m.public_statement IS NULL")
    }
    let rows = try database.query(
      """
      SELECT \(Mitigation.table.selectList("m")), f.key AS feature_key FROM mitigations m
      JOIN risks r ON r.id = m.risk_id JOIN features f ON f.id = r.feature_id
      \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
      ORDER BY f.key, m.id
      """, arguments)
    return try rows.map { row in
      MitigationListing(
        featureKey: try row.text("feature_key"),
        mitigation: try Self.mitigation(from: row))
    }
  }

  /// The mitigations of every risk of one feature, by number.
  func mitigations(featureKey: String) throws -> [Mitigation] {
    try database.query(
      """
      SELECT \(Mitigation.table.selectList("m")) FROM mitigations m
      JOIN risks r ON r.id = m.risk_id JOIN features f ON f.id = r.feature_id
      WHERE f.key = ? ORDER BY m.id
      """, [featureKey], cached: true
    ).map(Self.mitigation(from:))
  }

  func mitigations(riskID: Int) throws -> [Mitigation] {
    try database.query(
      "SELECT \(Mitigation.table.selectList("m")) FROM mitigations m WHERE m.risk_id = ? "
        + "ORDER BY m.id", [riskID], cached: true
    ).map(Self.mitigation(from:))
  }

  /// Records a mitigation of a risk; returns it with its number.
  @discardableResult
  public func addMitigation(riskID: Int, _ draft: MitigationDraft) throws -> Mitigation {
    try database.transaction {
      _ = try risk(riskID)
      let timestamp = now
      var mitigation = Mitigation(
        id: 0, riskID: riskID, title: draft.title, description: draft.description,
        kind: draft.kind, status: draft.status,
        evidence: draft.evidence.flatMap { $0.isEmpty ? nil : $0 }, owner: draft.owner,
        dueOn: draft.dueOn.flatMap { $0.isEmpty ? nil : $0 }, createdAt: timestamp,
        updatedAt: timestamp, version: 1,
        publicStatement: draft.publicStatement.flatMap { $0.isEmpty ? nil : $0 },
        control: draft.control.flatMap { $0.isEmpty ? nil : $0 })
      try Self.validate(mitigation)
      try checkControlExists(mitigation.control)
      mitigation.id = try insertMitigation(mitigation)
      try recordEvent(.mitigationCreate, before: nil, after: mitigation)
      return mitigation
    }
  }

  /// Applies `changes` to a mitigation; a change that changes nothing records nothing.
  @discardableResult
  public func editMitigation(
    _ id: Int, _ changes: MitigationChanges, expectedVersion: Int? = nil
  ) throws -> Edited<Mitigation> {
    try database.transaction {
      let before = try mitigation(id)
      try Self.checkVersion(
        expectedVersion, of: before.version, entity: "mitigation", key: String(id))
      var after = before
      try Mitigation.table.apply(changes.fields, to: &after)
      try Self.validate(after)
      if after.control != before.control { try checkControlExists(after.control) }
      guard try saveEdit(&after, from: before, in: Mitigation.table) else {
        return Edited(before: before, after: before)
      }
      try recordEvent(.mitigationUpdate, before: before, after: after)
      return Edited(before: before, after: after)
    }
  }

  /// Refuses a control key that names no control.
  private func checkControlExists(_ key: String?) throws {
    if let key { _ = try control(key) }
  }

  static func validate(_ mitigation: Mitigation) throws {
    try Mitigation.table.checkTexts(mitigation)
    try Validation.nonEmpty(mitigation.title, field: "title")
    try Validation.nonEmpty(mitigation.owner, field: "owner")
    try Validation.day(mitigation.dueOn, field: "due day")
  }

  /// A mitigation from a row that selected `Mitigation.table.selectList` first.
  static func mitigation(from row: Row) throws -> Mitigation {
    try Mitigation.table.record(at: row)
  }

  /// Writes a new mitigation's row; gives its id.
  func insertMitigation(_ mitigation: Mitigation) throws -> Int {
    try insert(mitigation, into: Mitigation.table)
  }
}
