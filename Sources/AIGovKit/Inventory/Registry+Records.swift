extension Registry {
  /// Writes a new record's row, every column but its id; gives the id. `parent` is the id of the
  /// record it belongs to, where the record names that one by key.
  @discardableResult
  func insert<Record>(_ record: Record, into table: RecordTable<Record>, parent: Int? = nil)
    throws -> Int
  {
    try database.execute(
      table.insertSQL, values: table.insertArguments(record, parent: parent), cached: true)
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
      values: table.updateArguments(record, change, previousVersion: previousVersion), cached: true)
  }

  /// Writes an edit of a record: nothing when it changes nothing (false), else the record with
  /// the time of the change and the next version (true).
  func saveEdit<Record: VersionedRecord>(
    _ after: inout Record, from before: Record, in table: RecordTable<Record>
  ) throws -> Bool {
    guard after != before else { return false }
    after.updatedAt = now
    after.version = before.version + 1
    try update(after, in: table, previousVersion: before.version)
    return true
  }
}

/// A record that keeps the time of its last change and a version raised by one on each.
protocol VersionedRecord: Equatable {
  var updatedAt: String { get set }
  var version: Int { get set }
}

extension Feature: VersionedRecord {}
extension Provider: VersionedRecord {}
extension Risk: VersionedRecord {}
extension Mitigation: VersionedRecord {}
