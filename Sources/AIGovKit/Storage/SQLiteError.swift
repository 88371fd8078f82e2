import CAIGovSQLite

/// An error reported by SQLite: the extended result code, SQLite's message and the SQL that failed.
///
/// The bound values are deliberately not kept: they may hold personal data.
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The extended result code (for example `SQLITE_CONSTRAINT_UNIQUE`, 2067).
  public let code: Int32
  /// What `sqlite3_errmsg` said.
  public let message: String
  /// The statement that failed, if there was one.
  public let sql: String?

  public init(code: Int32, message: String, sql: String? = nil) {
    self.code = code
    self.message = message
    self.sql = sql
  }

  /// The primary result code (the low byte of the extended code).
  public var primaryCode: Int32 { code & 0xFF }

  /// The database stayed locked by another connection past the busy timeout.
  public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

  /// A constraint (CHECK, UNIQUE, FOREIGN KEY, NOT NULL, a trigger's RAISE) refused the change.
  public var isConstraintViolation: Bool { primaryCode == SQLITE_CONSTRAINT }

  /// The file is not a SQLite database (or is encrypted).
  public var isNotADatabase: Bool { primaryCode == SQLITE_NOTADB }

  public var description: String {
    var text = "SQLite error \(code): \(message)"
    if let sql { text += " (while running: \(sql))" }
    return text
  }
}
