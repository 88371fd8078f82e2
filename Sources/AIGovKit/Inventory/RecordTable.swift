/// A record kind's table and its columns, stated once, with the statements derived from them.
struct RecordTable<Record>: Sendable {
  let name: String
  /// In the order of the exchange files.
  let columns: [RecordColumn<Record>]
  /// A record with every field empty, which reading a row fills in.
  let empty: @Sendable () -> Record
  /// `INSERT INTO table (...) VALUES (?, ...)` for every column but the row id.
  let insertSQL: String
  /// The columns an insert writes: every one but the row id.
  private let insertedColumns: [RecordColumn<Record>]
  /// The column an update finds the record by: its key, or else its id.
  private let identity: RecordColumn<Record>?
  private let isVersioned: Bool
  /// The indices of the columns the canonical audit record writes, in sorted order of their
  /// audit fields.
  /// What the canonical audit record writes of each of those columns, gathered so that writing
  /// a record copies no column: its audit field, that field's bytes, how to read its value, and
  /// whether it holds true or false.
  let canonicalFields: [CanonicalField]

  struct CanonicalField: Sendable {
    let name: String
    let key: [UInt8]
    let value: @Sendable (Record) -> DatabaseValue
    let isBoolean: Bool
  }

  /// What a change rewrites of a record, besides when it was updated and its version.
  enum Change: Sendable {
    /// Its content: what an edit or an import may change.
    case content
    /// Its place in the lifecycle: status, review dates, a round's outcome.
    case lifecycle

    var roles: [RecordColumn<Record>.Role] {
      switch self {
      case .content: [.content, .updatedAt, .version]
      case .lifecycle: [.lifecycle, .updatedAt, .version]
      }
    }
  }

  /// The name queries give the table (`f` for features), for which `selectList` is ready.
  let alias: String
  private let columnList: String
  private let aliasedColumnList: String

  init(
    name: String, alias: String, columns: [RecordColumn<Record>],
    empty: @escaping @Sendable () -> Record
  ) {
    self.name = name
    self.alias = alias
    self.columns = columns
    self.empty = empty
    columnList = columns.map(\.name).joined(separator: ", ")
    aliasedColumnList = columns.map { "\(alias).\($0.name)" }.joined(separator: ", ")
    insertedColumns = columns.filter { $0.role != .id }
    insertSQL =
      "INSERT INTO \(name) (\(insertedColumns.map(\.name).joined(separator: ", "))) VALUES ("
      + Array(repeating: "?", count: insertedColumns.count).joined(separator: ", ") + ")"
    identity = columns.first { $0.role == .key } ?? columns.first { $0.role == .id }
    isVersioned = columns.contains { $0.role == .version }
    // Audit fields are ASCII, whose order as strings is their bytes' order.
    let canonicalOrder = columns.indices.filter { columns[$0].auditField != nil }
      .sorted { columns[$0].auditField! < columns[$1].auditField! }
    canonicalFields = canonicalOrder.map { index in
      CanonicalField(
        name: columns[index].auditField!, key: Array(columns[index].auditField!.utf8),
        value: columns[index].value!, isBoolean: columns[index].exchange.kind == .boolean)
    }
  }

  /// The columns a change of the given kind writes.
  private func changedColumns(_ change: Change) -> [RecordColumn<Record>] {
    columns.filter { change.roles.contains($0.role) }
  }

  /// The columns `insertSQL` writes, in its order.
  var insertedColumnNames: [String] { insertedColumns.map(\.name) }

  /// The values of `insertSQL`; `parent` stands for a parent id the record does not hold.
  func insertArguments(_ record: Record, parent: Int? = nil) -> [DatabaseValue] {
    insertedColumns.map { column in
      if let value = column.value { return value(record) }
      precondition(column.role == .parent && parent != nil, "\(name).\(column.name) needs a value")
      return parent.databaseValue
    }
  }

  /// `UPDATE table SET ... WHERE identity = ?` for a change of the given kind, with
  /// `AND version = ?` where the table keeps versions.
  func updateSQL(_ change: Change) -> String {
    "UPDATE \(name) SET "
      + changedColumns(change).map { "\($0.name) = ?" }.joined(separator: ", ")
      + " WHERE \(identity?.name ?? "rowid") = ?" + (isVersioned ? " AND version = ?" : "")
  }

  /// The values of `updateSQL(change)`: the record as changed, and the version it was changed
  /// from.
  func updateArguments(_ record: Record, _ change: Change, previousVersion: Int) -> [DatabaseValue]
  {
    var arguments = changedColumns(change).map { $0.value!(record) }
    arguments.append(identity!.value!(record))
    if isVersioned { arguments.append(.integer(Int64(previousVersion))) }
    return arguments
  }

  /// The table's columns as a query selects them, in order (of the table named `alias` in the
  /// query), so that `record(at:)` reads them by position rather than by name.
  func selectList(_ alias: String? = nil) -> String {
    switch alias {
    case nil: columnList
    case self.alias?: aliasedColumnList
    case let other?: columns.map { "\(other).\($0.name)" }.joined(separator: ", ")
    }
  }

  /// Reads a record from a row whose first values are the table's columns, in the order
  /// `selectList` gives them: the fast path for reading many rows.
  func record(at row: Row) throws -> Record {
    assert(
      row.columns.names.prefix(columns.count).elementsEqual(columns.map(\.name)),
      "the query must select \(name)'s columns first, in order")
    return try record(values: row.values)
  }

  /// Reads a record from values in the order of the table's columns; the fields no column holds
  /// keep their empty values, for the caller to fill in.
  func record(values: [DatabaseValue]) throws -> Record {
    var record = empty()
    for index in columns.indices {
      try columns[index].read(&record, values[index])
    }
    return record
  }

  /// The columns as an exchange file holds them.
  var exchangeColumns: [ExchangeColumn] { columns.map(\.exchange) }

  /// Each column's value in the `after` of an event `l`, or the expression `expressions` gives
  /// for a column whose audit field does not hold it.
  private func trailValues(_ expressions: [String: String]) -> [String] {
    columns.map { column in
      if let expression = expressions[column.name] { return expression }
      guard let field = column.auditField else {
        preconditionFailure("\(name).\(column.name) needs an expression to be rebuilt")
      }
      let value = "l.after ->> '$.\(field)'"
      guard let legacy = column.legacy else { return value }
      return "CASE WHEN json_type(l.after, '$.\(field)') IS NULL THEN \(legacy) ELSE \(value) END"
    }
  }

  /// The statement that rebuilds the records of `entity` from the `after` of their latest events
  /// (`temp.latest l`), joined to `joins`; `expressions` gives the value of each column whose
  /// audit field does not hold it.
  func rebuildSQL(entity: AuditEntity, joins: String = "", expressions: [String: String]) -> String
  {
    """
    INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", ")))
    SELECT \(trailValues(expressions).joined(separator: ", "))
    FROM temp.latest l \(joins) WHERE l.entity = '\(entity.rawValue)'
    """
  }

  /// The query that reads one record as the latest event naming it up to a position wrote it:
  /// its parameters are the entity, the record's key in the trail and the position. No row when
  /// no event up to there names it, or the latest removed it.
  func atEventSQL(expressions: [String: String]) -> String {
    """
    SELECT \(trailValues(expressions).joined(separator: ", ")) FROM audit_events l
    WHERE l.seq = (SELECT max(seq) FROM audit_events WHERE entity = ?1 AND entity_key = ?2
                   AND seq <= ?3) AND l.after IS NOT NULL
    """
  }
}
