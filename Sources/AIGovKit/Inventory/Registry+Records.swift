extension Registry {
  /// Writes a new record's row, every column but its id; gives the id. `parent` is the id of the
  /// record it belongs to, where the record names that one by key.
  @discardableResult
  func insert<Record>(_ record: Record, into table: RecordTable<Record>, parent: Int? = nil)
    throws -> Int
  {
    try database.execute(
      table.insertSQL, table.insertArguments(record, parent: parent), cached: true)
    return Int(database.lastInsertedRowID)
  }

  /// Rewrites a stored record's content (what an edit or an import may change) or its place in
  /// the lifecycle, with when it was updated and its version; the record is found by key or id
  /// at the version it was read at.
  func update<Record>(
    _ record: Record, in table: RecordTable<Record>,
    _ change: RecordTable<Record>.Change = .content,
    previousVersion: Int
  ) throws {
    try database.execute(
      table.updateSQL(change),
      table.updateArguments(record, change, previousVersion: previousVersion),
      cached: true)
  }
}
