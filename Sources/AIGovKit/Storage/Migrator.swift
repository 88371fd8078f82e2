/// One schema step: plain SQL, never edited once shipped.
public struct Migration: Sendable {
  /// The number in the file name (`V0003__...` is 3); the database's `user_version` after it runs.
  public let version: Int
  /// The file name, for messages.
  public let name: String
  public let sql: String

  public init(version: Int, name: String, sql: String) {
    self.version = version
    self.name = name
    self.sql = sql
  }
}

/// Brings a database's schema up to the newest migration, one transaction per migration.
public struct Migrator: Sendable {
  public let migrations: [Migration]

  public init(migrations: [Migration]) {
    precondition(
      migrations.map(\.version) == Array(1...migrations.count),
      "migrations must be numbered 1, 2, 3, ... without gaps")
    self.migrations = migrations
  }

  /// The schema version this binary writes.
  public var latestVersion: Int { migrations.last?.version ?? 0 }

  /// Refuses a database written by a newer binary, before anything is written to it.
  public func checkCompatible(_ database: Database) throws {
    let found = try database.userVersion
    if found > latestVersion {
      throw StorageError.schemaTooNew(path: database.path, found: found, supported: latestVersion)
    }
  }

  /// Applies every migration the database has not seen yet; returns the versions applied.
  ///
  /// `afterEach` runs inside each migration's transaction, after its SQL: work that needs Swift
  /// (hashing, say) lands or fails together with the schema change.
  @discardableResult
  public func migrate(
    _ database: Database, afterEach: (_ version: Int) throws -> Void = { _ in }
  ) throws -> [Int] {
    try checkCompatible(database)
    let current = try database.userVersion
    guard current < latestVersion else { return [] }
    // A migration may rebuild a table that others refer to (SQLite cannot drop a constraint):
    // foreign keys are off while it runs, as SQLite's procedure for that asks, and checked before
    // it commits. The pragma has no effect inside a transaction, so it is set around them.
    let foreignKeys = try database.scalarInteger("PRAGMA foreign_keys") == 1
    if foreignKeys { try database.execute("PRAGMA foreign_keys = OFF") }
    defer { if foreignKeys { try? database.execute("PRAGMA foreign_keys = ON") } }
    var applied: [Int] = []
    for migration in migrations where current < migration.version {
      let ran = try database.transaction {
        // Another process may have applied it while we waited for the write lock.
        guard try database.userVersion < migration.version else { return false }
        try database.executeScript(migration.sql)
        try afterEach(migration.version)
        if try database.queryOne("PRAGMA foreign_key_check") != nil {
          throw StorageError.foreignKeyViolation(migration: migration.name)
        }
        try database.executeScript("PRAGMA user_version = \(migration.version)")
        return true
      }
      if ran { applied.append(migration.version) }
    }
    return applied
  }
}
