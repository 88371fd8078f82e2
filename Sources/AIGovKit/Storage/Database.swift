import CAIGovSQLite

#if canImport(Glibc)
  import Glibc
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// One connection to a SQLite file.
///
/// Deliberately not `Sendable`: a connection belongs to the code that opened it. Each call
/// prepares its statement and finalizes it when done, unless it asks for the statement to be
/// cached (`cached: true`), as the statements run again and again in a loop do: those are kept by
/// SQL text, and one that fails is dropped from the cache, so that a statement left in a failed
/// state is never reused. A SQL text holding more than one statement is refused, never run in part.
public final class Database {
  /// How to open the file.
  public enum OpenMode: Sendable {
    /// The file must exist already.
    case existing
    /// The file must exist already, and is only read: SQLite refuses every statement that would
    /// write (`PRAGMA query_only`). The connection is opened read-write all the same, because only
    /// then does SQLite remove the `-wal` and `-shm` files it keeps beside a database in WAL mode
    /// when the last connection closes: a command that reads leaves nothing behind.
    case queryOnly
    /// The file must exist already, and SQLite opens it read-only (`SQLITE_OPEN_READONLY`, and
    /// `PRAGMA query_only`): no statement, whoever wrote it, can change it. For a server that
    /// must never write; beside a database in WAL mode it may leave the empty `-wal` and the
    /// `-shm` index that SQLite needs to read one, which the next command that writes removes.
    case readOnly
    /// Create the file (readable and writable by its owner only) when it does not exist.
    case createIfMissing
    /// A private database held in memory and gone when the connection closes; the path is only
    /// a name for messages.
    case memory
  }

  let handle: OpaquePointer
  /// The path the connection was opened with.
  public let path: String
  /// True for a private database held in memory, which no other connection can open.
  public let isInMemory: Bool
  /// How the connection was opened.
  public let mode: OpenMode
  /// True for a connection that only reads (`OpenMode.queryOnly` or `.readOnly`).
  public var isReadOnly: Bool { mode == .queryOnly || mode == .readOnly }
  private var statements: [String: Statement] = [:]
  private var savepointDepth = 0

  /// How long a write waits for another connection's lock before giving up with `SQLITE_BUSY`.
  public static let busyTimeoutMilliseconds: Int32 = 5000

  /// Opens the file, turns on extended result codes and the busy timeout, and reads the schema once
  /// so that a file that is not a SQLite database fails here, with `StorageError.notADatabase`.
  public init(path: String, mode: OpenMode) throws {
    if mode == .memory {
      // Nothing on disk to check.
    } else if mode == .createIfMissing, !FileManager.default.fileExists(atPath: path) {
      // Create the file ourselves so that it is private from its first byte, whatever the umask;
      // SQLite gives the -wal and -shm files it creates beside it the same permissions. Another
      // process creating it at the same moment is no error.
      let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
      guard descriptor >= 0 || errno == EEXIST else {
        throw StorageError.cannotCreate(path: path)
      }
      if descriptor >= 0 { close(descriptor) }
    } else if !FileManager.default.fileExists(atPath: path) {
      throw StorageError.missing(path: path)
    }
    if mode != .memory {
      // A device, a FIFO or a folder is never a database; an empty file is one only when a
      // command that creates the database is given it.
      var status = stat()
      guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
        throw StorageError.notAFile(path: path)
      }
      if status.st_size == 0, mode != .createIfMissing {
        throw StorageError.emptyFile(path: path)
      }
    }
    var connection: OpaquePointer?
    let flags =
      (mode == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(mode == .memory ? ":memory:" : path, &connection, flags, nil)
    guard code == SQLITE_OK, let connection else {
      let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close_v2(connection)
      throw SQLiteError(code: code, message: message)
    }
    self.handle = connection
    self.path = path
    self.isInMemory = mode == .memory
    sqlite3_extended_result_codes(connection, 1)
    sqlite3_busy_timeout(connection, Self.busyTimeoutMilliseconds)
    self.mode = mode
    do {
      if isReadOnly { try execute("PRAGMA query_only = ON") }
      _ = try scalarInteger("SELECT count(*) FROM sqlite_master", cached: false)
    } catch let error as SQLiteError where error.isNotADatabase {
      throw StorageError.notADatabase(path: path)
    }
  }

  deinit {
    statements.removeAll()
    sqlite3_close_v2(handle)
  }

  // MARK: Pragmas

  /// Turns on foreign keys and write-ahead logging, and checks that both took effect.
  ///
  /// Switching to WAL writes the file header, so callers check the schema version first.
  public func configureForConcurrentUse() throws {
    try execute("PRAGMA foreign_keys = ON")
    guard try scalarInteger("PRAGMA foreign_keys") == 1 else {
      throw StorageError.pragmaRefused(name: "foreign_keys", value: "off")
    }
    let mode = try queryOne("PRAGMA journal_mode = WAL")?.optionalText("journal_mode") ?? ""
    guard mode.lowercased() == "wal" else {
      throw StorageError.pragmaRefused(name: "journal_mode", value: mode)
    }
  }

  /// `PRAGMA user_version`: the schema version the migrations have reached.
  public var userVersion: Int {
    get throws { try scalarInteger("PRAGMA user_version") ?? 0 }
  }

  // MARK: Running SQL

  /// Runs one statement that returns no rows of interest.
  public func execute(
    _ sql: String, _ arguments: [any DatabaseValueConvertible] = [], cached: Bool = false
  ) throws {
    try execute(sql, cached: cached) { try $0.bind(arguments) }
  }

  /// Runs one statement that returns no rows of interest, with values already stored as SQLite
  /// holds them.
  public func execute(_ sql: String, values: [DatabaseValue], cached: Bool = false) throws {
    try execute(sql, cached: cached) { try $0.bind(values: values) }
  }

  private func execute(_ sql: String, cached: Bool, bind: (Statement) throws -> Void) throws {
    try withStatement(
      sql, cached: cached, bind: bind,
      body: { statement in
        while try statement.step() {}
      })
  }

  /// Runs a script of several statements without arguments (migrations).
  public func executeScript(_ sql: String) throws {
    var message: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &message)
    guard code == SQLITE_OK else {
      let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
      sqlite3_free(message)
      throw SQLiteError(code: sqlite3_extended_errcode(handle), message: text)
    }
  }

  /// All rows of a query.
  public func query(
    _ sql: String, _ arguments: [any DatabaseValueConvertible] = [], cached: Bool = false
  ) throws -> [Row] {
    var rows: [Row] = []
    try forEachRow(sql, arguments, cached: cached) { rows.append($0) }
    return rows
  }

  /// Every row of every table, each as its table's name and its values as SQL literals (which
  /// tell a text '1' from the integer 1), the rows of each table sorted: two equal dumps mean the
  /// file holds the same data. SQLite writes the literals, so a large file dumps quickly.
  public func dumpContent() throws -> String {
    // SQLite's own bookkeeping (sqlite_sequence) is not content.
    let tables = try query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        + "ESCAPE '\\' ORDER BY name"
    )
    .map { try $0.text("name") }
    var lines: [String] = []
    for table in tables {
      let columns = try query("SELECT name FROM pragma_table_info(?)", [table])
        .map { "quote(\"\(try $0.text("name"))\")" }
      var rows: [String] = []
      try forEachRow(
        "SELECT \(columns.joined(separator: " || '|' || ")) FROM \"\(table)\""
      ) { row in
        if case .text(let text) = row[0] { rows.append(table + ": " + text) }
      }
      lines += rows.sorted()
    }
    return lines.joined(separator: "\n")
  }

  /// The first row of a query, if any.
  public func queryOne(
    _ sql: String, _ arguments: [any DatabaseValueConvertible] = [], cached: Bool = false
  ) throws -> Row? {
    try withStatement(sql, arguments, cached: cached) { statement in
      defer { statement.finish() }
      return try statement.step() ? statement.currentRow() : nil
    }
  }

  /// The first column of the first row as an integer, if any.
  public func scalarInteger(
    _ sql: String, _ arguments: [any DatabaseValueConvertible] = [], cached: Bool = false
  ) throws -> Int? {
    try queryOne(sql, arguments, cached: cached).flatMap { row in
      if case .integer(let value) = row[0] { return Int(value) }
      return nil
    }
  }

  /// Calls `body` for each row as SQLite produces it, without collecting them.
  public func forEachRow(
    _ sql: String, _ arguments: [any DatabaseValueConvertible] = [], cached: Bool = false,
    _ body: (Row) throws -> Void
  ) throws {
    try forEachRowView(sql, arguments, cached: cached) { try body($0.row()) }
  }

  /// A query read one row at a time, so that several can be read side by side (merging two
  /// ordered result sets, say). The cursor has a statement of its own.
  public func cursor(_ sql: String, _ arguments: [any DatabaseValueConvertible] = []) throws
    -> Cursor
  {
    let statement = try Statement(database: self, sql: sql, persistent: false)
    try statement.bind(arguments)
    return Cursor(statement: statement)
  }

  /// The rowid of the last row inserted through this connection.
  public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// How many rows the last INSERT, UPDATE or DELETE changed.
  public var changedRowCount: Int { Int(sqlite3_changes(handle)) }

  /// True while a transaction is open on this connection.
  public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

  // MARK: Transactions

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed when it returns, rolled back when it
  /// throws (the first error is rethrown). Nested calls become savepoints, so an inner failure undoes
  /// only the inner work.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    if isInTransaction {
      savepointDepth += 1
      let name = "aigov_\(savepointDepth)"
      defer { savepointDepth -= 1 }
      try executeScript("SAVEPOINT \(name)")
      do {
        let result = try body()
        try executeScript("RELEASE \(name)")
        return result
      } catch {
        try? executeScript("ROLLBACK TO \(name); RELEASE \(name)")
        throw error
      }
    }
    return try run(body, begin: "BEGIN IMMEDIATE")
  }

  /// Runs `body` in a read transaction, so that everything it reads comes from one moment of the
  /// database while other processes go on writing (WAL).
  public func readTransaction<T>(_ body: () throws -> T) throws -> T {
    if isInTransaction { return try body() }
    return try run(body, begin: "BEGIN DEFERRED")
  }

  /// Runs `body` between `begin` and `COMMIT`; rolls back and rethrows when it throws.
  private func run<T>(_ body: () throws -> T, begin: String) throws -> T {
    try executeScript(begin)
    do {
      let result = try body()
      try executeScript("COMMIT")
      return result
    } catch {
      if isInTransaction { try? executeScript("ROLLBACK") }
      throw error
    }
  }

  // MARK: Internals

  /// Prepares `sql` (or takes it from the cache), binds `arguments` and runs `body` with it. A
  /// cached statement that fails is dropped from the cache.
  func withStatement<T>(
    _ sql: String, _ arguments: [any DatabaseValueConvertible], cached: Bool,
    _ body: (Statement) throws -> T
  ) throws -> T {
    try withStatement(sql, cached: cached, bind: { try $0.bind(arguments) }, body: body)
  }

  private func withStatement<T>(
    _ sql: String, cached: Bool, bind: (Statement) throws -> Void,
    body: (Statement) throws -> T
  ) throws -> T {
    let statement: Statement
    if cached, let known = statements[sql] {
      statement = known
    } else {
      statement = try Statement(database: self, sql: sql, persistent: cached)
      if cached { statements[sql] = statement }
    }
    do {
      try bind(statement)
      return try body(statement)
    } catch {
      if cached { statements[sql] = nil }
      throw error
    }
  }

  /// How many statements the cache holds.
  var cachedStatementCount: Int { statements.count }

  func error(code: Int32, sql: String?) -> SQLiteError {
    let extended = sqlite3_extended_errcode(handle)
    return SQLiteError(
      code: extended != 0 ? extended : code, message: String(cString: sqlite3_errmsg(handle)),
      sql: sql)
  }
}

/// A connection belongs to the code that opened it, on one thread.
@available(*, unavailable)
extension Database: Sendable {}
