import CAIGovSQLite

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The current row of a statement read in place, by column position, without copying it: for the
/// scans that read every row of a large table once (`audit verify`). Valid only inside the closure
/// that receives it; `row()` copies it out when a value must outlive the step.
public struct RowView {
  let statement: Statement

  /// Column `column` as UTF-8 bytes, in SQLite's buffer until the next step; nil for NULL.
  public func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
    let handle = statement.handle
    guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
    // Ask for the text before its length, as SQLite's documentation prescribes.
    let text = sqlite3_column_text(handle, column)
    let count = Int(sqlite3_column_bytes(handle, column))
    guard let text else { return UnsafeBufferPointer(start: nil, count: 0) }
    return UnsafeBufferPointer(start: text, count: count)
  }

  /// Column `column` as an integer (0 for NULL).
  public func integer(_ column: Int32) -> Int {
    Int(sqlite3_column_int64(statement.handle, column))
  }

  /// The whole row, copied out of SQLite's buffers; `skipping` a column read in place instead,
  /// which the copy holds as NULL.
  public func row(skipping column: Int32? = nil) -> Row {
    statement.currentRow(skipping: column)
  }

  /// How many columns the row has.
  public var columnCount: Int32 { sqlite3_column_count(statement.handle) }
}

extension Database {
  /// Runs `sql` and calls `body` with each row in place: nothing is copied unless `body` asks.
  public func forEachRowView(
    _ sql: String, _ arguments: [any DatabaseValueConvertible] = [], cached: Bool = false,
    _ body: (RowView) throws -> Void
  ) throws {
    try withStatement(sql, arguments, cached: cached) { statement in
      defer { statement.finish() }
      while try statement.step() {
        try body(RowView(statement: statement))
      }
    }
  }
}

extension UnsafeBufferPointer<UInt8> {
  /// Whether both hold the same bytes.
  func hasSameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
    count == other.count
      && (isEmpty || memcmp(baseAddress!, other.baseAddress!, count) == 0)
  }
}
