/// A record kind's table and its columns, stated once, with the statements derived from them.
struct RecordTable<Record>: Sendable {
  let name: String
  /// In the order of the exchange files.
  let columns: [RecordColumn<Record>]
  /// A record with every field empty, which reading a row fills in.
  let empty: @Sendable () -> Record
  /// `INSERT INTO table (...) VALUES (?, ...)` for every column but the row id.
  let insertSQL: String
  /// `UPDATE table SET ... WHERE identity = ?` for each kind of change, with `AND version = ?`
  /// where the table keeps versions.
  private let updateSQL: [Change: String]

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

  init(name: String, columns: [RecordColumn<Record>], empty: @escaping @Sendable () -> Record) {
    self.name = name
    self.columns = columns
    self.empty = empty
    let inserted = columns.filter { $0.role != .id }.map(\.name)
    insertSQL =
      "INSERT INTO \(name) (\(inserted.joined(separator: ", "))) VALUES ("
      + Array(repeating: "?", count: inserted.count).joined(separator: ", ") + ")"
    let identity = columns.first { $0.role == .key } ?? columns.first { $0.role == .id }
    let versioned = columns.contains { $0.role == .version }
    var updateSQL: [Change: String] = [:]
    for change in [Change.content, .lifecycle] {
      let updated = columns.filter { change.roles.contains($0.role) }
      updateSQL[change] =
        "UPDATE \(name) SET \(updated.map { "\($0.name) = ?" }.joined(separator: ", ")) "
        + "WHERE \(identity?.name ?? "rowid") = ?" + (versioned ? " AND version = ?" : "")
    }
    self.updateSQL = updateSQL
  }

  /// The column a stored record is found by for an update: its key, or else its id.
  private var identity: RecordColumn<Record> {
    columns.first { $0.role == .key } ?? columns.first { $0.role == .id }!
  }

  /// The columns an insert writes: every one but the row id.
  private var insertedColumns: [RecordColumn<Record>] { columns.filter { $0.role != .id } }

  /// The values of `insertSQL`; `parent` stands for a parent id the record does not hold.
  func insertArguments(_ record: Record, parent: Int? = nil) -> [DatabaseValue] {
    insertedColumns.map { column in
      if let value = column.value { return value(record) }
      precondition(column.role == .parent && parent != nil, "\(name).\(column.name) needs a value")
      return parent.databaseValue
    }
  }

  /// The statement that writes a change of the given kind.
  func updateSQL(_ change: Change) -> String { updateSQL[change]! }

  /// The values of `updateSQL(change)`: the record as changed, and the version it was changed
  /// from.
  func updateArguments(_ record: Record, _ change: Change, previousVersion: Int) -> [DatabaseValue]
  {
    let versioned = columns.contains { $0.role == .version }
    return columns.filter { change.roles.contains($0.role) }.map { $0.value!(record) }
      + [identity.value!(record)] + (versioned ? [.integer(Int64(previousVersion))] : [])
  }

  /// Reads a record from stored values found by column name; the fields no column holds keep
  /// their empty values, for the caller to fill in.
  func record(_ value: (String) -> DatabaseValue) throws -> Record {
    var record = empty()
    for column in columns {
      try column.read(&record, value(column.name))
    }
    return record
  }

  /// Reads a record from a row that selected the table's columns.
  func record(from row: Row) throws -> Record {
    try record { row[$0] }
  }

  /// The columns as an exchange file holds them.
  var exchangeColumns: [ExchangeColumn] { columns.map(\.exchange) }

  /// The statement that rebuilds the records of `entity` from the `after` of their latest events
  /// (`temp.latest l`), joined to `joins`; `expressions` gives the value of each column whose
  /// audit field does not hold it.
  func rebuildSQL(entity: AuditEntity, joins: String = "", expressions: [String: String]) -> String
  {
    let values = columns.map { column in
      if let expression = expressions[column.name] { return expression }
      guard let field = column.auditField else {
        preconditionFailure("\(name).\(column.name) needs an expression to be rebuilt")
      }
      return "l.after ->> '$.\(field)'"
    }
    return """
      INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", ")))
      SELECT \(values.joined(separator: ", "))
      FROM temp.latest l \(joins) WHERE l.entity = '\(entity.rawValue)'
      """
  }
}
