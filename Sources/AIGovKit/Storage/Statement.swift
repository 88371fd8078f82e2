import CAIGovSQLite

/// SQLite's `SQLITE_TRANSIENT`: the library copies the bytes before the call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement of exactly one SQL statement, finalised when it is released.
///
/// Owned by its `Database`; never shared between threads.
public final class Statement {
  let handle: OpaquePointer
  let sql: String
  private unowned let database: Database
  private(set) lazy var columns: ColumnIndex = {
    let count = Int(sqlite3_column_count(handle))
    return ColumnIndex(
      names: (0..<count).map { String(cString: sqlite3_column_name(handle, Int32($0))) })
  }()

  /// Prepares `sql`, which must hold one statement: any SQL after it, but for white space and
  /// comments, is refused rather than silently left unrun. `persistent` tells SQLite the
  /// statement will be kept and run many times.
  init(database: Database, sql: String, persistent: Bool) throws {
    var statement: OpaquePointer?
    let flags = UInt32(persistent ? SQLITE_PREPARE_PERSISTENT : 0)
    let (code, hasMore) = sql.withCString { text in
      var tail: UnsafePointer<CChar>?
      let code = sqlite3_prepare_v3(database.handle, text, -1, flags, &statement, &tail)
      guard code == SQLITE_OK, let tail, tail.pointee != 0 else { return (code, false) }
      // Prepare what follows, only to learn whether it holds a statement at all.
      var next: OpaquePointer?
      let nextCode = sqlite3_prepare_v2(database.handle, tail, -1, &next, nil)
      sqlite3_finalize(next)
      return (code, nextCode != SQLITE_OK || next != nil)
    }
    guard code == SQLITE_OK, let statement, !hasMore else {
      sqlite3_finalize(statement)
      if hasMore {
        throw SQLiteError(
          code: SQLITE_MISUSE,
          message: "the SQL holds more than one statement; run one statement at a time",
          sql: sql)
      }
      throw database.error(code: code, sql: sql)
    }
    self.handle = statement
    self.sql = sql
    self.database = database
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// Clears earlier bindings and binds `arguments` to the parameters in order.
  func bind(_ arguments: [any DatabaseValueConvertible]) throws {
    try bind(count: arguments.count) { arguments[$0].databaseValue }
  }

  /// Clears earlier bindings and binds `values` to the parameters in order.
  func bind(values: [DatabaseValue]) throws {
    try bind(count: values.count) { values[$0] }
  }

  private func bind(count: Int, _ value: (Int) -> DatabaseValue) throws {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    let expected = Int(sqlite3_bind_parameter_count(handle))
    guard expected == count else {
      throw SQLiteError(
        code: SQLITE_RANGE,
        message: "statement takes \(expected) arguments, \(count) given", sql: sql)
    }
    for offset in 0..<count {
      let index = Int32(offset + 1)
      let code: Int32
      switch value(offset) {
      case .null: code = sqlite3_bind_null(handle, index)
      case .integer(let value): code = sqlite3_bind_int64(handle, index, value)
      case .real(let value): code = sqlite3_bind_double(handle, index, value)
      case .text(let value): code = sqlite3_bind_text(handle, index, value, -1, transient)
      case .blob(let bytes):
        code = bytes.withUnsafeBytes {
          sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient)
        }
      }
      guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
    }
  }

  /// Advances to the next row: true when a row is ready, false when the statement is done.
  func step() throws -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      let error = database.error(code: code, sql: sql)
      sqlite3_reset(handle)
      throw error
    }
  }

  /// The current row, copied out of SQLite's buffers; `skipping` columns read as NULL.
  func currentRow(skipping skipped: Int32? = nil) -> Row {
    let columns = self.columns
    var values: [DatabaseValue] = []
    values.reserveCapacity(columns.names.count)
    for index in 0..<Int32(columns.names.count) {
      if index == skipped {
        values.append(.null)
        continue
      }
      switch sqlite3_column_type(handle, index) {
      case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, index)))
      case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, index)))
      case SQLITE_TEXT:
        let bytes = sqlite3_column_text(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        values.append(
          .text(
            bytes.map {
              String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
            } ?? ""))
      case SQLITE_BLOB:
        let count = Int(sqlite3_column_bytes(handle, index))
        if let pointer = sqlite3_column_blob(handle, index), count > 0 {
          values.append(
            .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count))))
        } else {
          values.append(.blob([]))
        }
      default: values.append(.null)
      }
    }
    return Row(columns: columns, values: values)
  }

  /// Releases the read lock a half-read statement may hold.
  func finish() {
    sqlite3_reset(handle)
  }
}

/// A statement belongs to the connection that prepared it, on one thread.
@available(*, unavailable)
extension Statement: Sendable {}
