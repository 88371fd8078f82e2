import CAIGovSQLite
import Foundation
import Testing

@testable import AIGovKit

@Suite struct StorageTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
  }

  @Test func newDatabaseIsPrivateAndConfigured() throws {
    let registry = try makeRegistry(in: directory)
    let attributes = try FileManager.default.attributesOfItem(atPath: registry.database.path)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    let database = registry.database
    #expect(try database.scalarInteger("PRAGMA foreign_keys") == 1)
    #expect(try database.queryOne("PRAGMA journal_mode")?.optionalText("journal_mode") == "wal")
    #expect(try database.scalarInteger("PRAGMA busy_timeout") == 5000)
    #expect(try database.userVersion == Registry.migrator.latestVersion)
  }

  @Test func aDumpTellsEveryDifferenceInAValueOrItsKind() throws {
    func dump(_ rows: String) throws -> String {
      let database = try Database(
        path: directory.path("\(UUID().uuidString).sqlite"), mode: .createIfMissing)
      try database.executeScript("CREATE TABLE t (a, b); " + rows)
      return try database.dumpContent()
    }
    let base = try dump("INSERT INTO t VALUES (1, 'x|y'); INSERT INTO t VALUES (NULL, x'00');")
    #expect(
      try dump("INSERT INTO t VALUES (NULL, x'00'); INSERT INTO t VALUES (1, 'x|y');") == base)
    for changed in [
      "INSERT INTO t VALUES ('1', 'x|y'); INSERT INTO t VALUES (NULL, x'00');",
      "INSERT INTO t VALUES (1.0, 'x|y'); INSERT INTO t VALUES (NULL, x'00');",
      "INSERT INTO t VALUES (1, 'x'); INSERT INTO t VALUES (NULL, x'00');",
      "INSERT INTO t VALUES (1, 'x|y'); INSERT INTO t VALUES ('', x'00');",
      "INSERT INTO t VALUES (1, 'x|y'); INSERT INTO t VALUES (NULL, x'01');",
      "INSERT INTO t VALUES (1, 'x|y');",
    ] {
      #expect(try dump(changed) != base, "\(changed)")
    }
  }

  /// What a command that only reads opens: no statement it runs can change the file.
  @Test func aRegistryOpenedForReadingRefusesEveryWrite() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("read.sqlite")
    try makeRegistry(in: directory, name: "read.sqlite").seed()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let reader = try Registry.openForReading(path: path, actor: "reader", clock: Date.init)
    #expect(try reader.feature("email-ai").name == "Email AI")
    #expect(throws: SQLiteError.self) { try reader.changeSetting(.reviewGraceDays, to: "3") }
    #expect(throws: SQLiteError.self) {
      try reader.database.execute("DELETE FROM reviewer_disciplines")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
  }

  @Test func missingFileIsRefusedWithoutCreatingIt() throws {
    let path = directory.path("absent.sqlite")
    #expect(throws: StorageError.missing(path: path)) {
      try Database(path: path, mode: .existing)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func transactionRollsBackWhenTheBodyThrows() throws {
    let database = try makeRegistry(in: directory).database
    try database.executeScript("CREATE TABLE t (x INTEGER)")
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try database.transaction {
        try database.execute("INSERT INTO t VALUES (?)", [1])
        throw Boom()
      }
    }
    #expect(try database.scalarInteger("SELECT count(*) FROM t") == 0)
    #expect(!database.isInTransaction)
  }

  @Test func nestedTransactionUndoesOnlyTheInnerWork() throws {
    let database = try makeRegistry(in: directory).database
    try database.executeScript("CREATE TABLE t (x INTEGER)")
    struct Boom: Error {}
    try database.transaction {
      try database.execute("INSERT INTO t VALUES (1)")
      _ = try? database.transaction {
        try database.execute("INSERT INTO t VALUES (2)")
        throw Boom()
      }
    }
    #expect(try database.query("SELECT x FROM t").map { try $0.integer("x") } == [1])
  }

  @Test func errorsCarryTheExtendedResultCodeAndTheSQL() throws {
    let database = try makeRegistry(in: directory).database
    try database.executeScript("CREATE TABLE t (x INTEGER UNIQUE CHECK (x > 0))")
    try database.execute("INSERT INTO t VALUES (1)")
    let unique = #expect(throws: SQLiteError.self) {
      try database.execute("INSERT INTO t VALUES (?)", [1])
    }
    #expect(unique?.code == 2067)  // SQLITE_CONSTRAINT_UNIQUE
    #expect(unique?.isConstraintViolation == true)
    #expect(unique?.sql == "INSERT INTO t VALUES (?)")
    let check = #expect(throws: SQLiteError.self) {
      try database.execute("INSERT INTO t VALUES (?)", [-5])
    }
    #expect(check?.code == 275)  // SQLITE_CONSTRAINT_CHECK
    #expect(check.map { !$0.description.contains("-5") } == true)  // bound values stay out
    let syntax = #expect(throws: SQLiteError.self) { try database.execute("SELEC 1") }
    #expect(syntax?.primaryCode == SQLITE_ERROR)
  }

  @Test func fileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws {
    let path = directory.path("notes.sqlite")
    let bytes = Data(String(repeating: "meeting notes, not a database\n", count: 200).utf8)
    try bytes.write(to: URL(fileURLWithPath: path))
    #expect(throws: StorageError.notADatabase(path: path)) {
      try Registry.open(path: path, actor: "tester", clock: Date.init)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func databaseFromANewerReleaseIsRefusedAndLeftUntouched() throws {
    let path = directory.path("future.sqlite")
    do {
      let database = try Database(path: path, mode: .createIfMissing)
      try database.executeScript("CREATE TABLE later (x); PRAGMA user_version = 99")
    }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    let latest = Registry.migrator.latestVersion
    #expect(throws: StorageError.schemaTooNew(path: path, found: 99, supported: latest)) {
      try Registry.open(path: path, actor: "tester", clock: Date.init)
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
  }

  @Test func eachMigrationIsAppliedOnce() throws {
    let path = directory.path("m.sqlite")
    let database = try Database(path: path, mode: .createIfMissing)
    let migrator = Registry.migrator
    #expect(try migrator.migrate(database) == Array(1...migrator.latestVersion))
    #expect(try migrator.migrate(database) == [])
    #expect(try database.userVersion == migrator.latestVersion)
  }

  @Test func failedMigrationLeavesTheVersionWhereItWas() throws {
    let database = try Database(path: directory.path("bad.sqlite"), mode: .createIfMissing)
    let migrator = Migrator(migrations: [
      Migration(version: 1, name: "V0001__ok.sql", sql: "CREATE TABLE a (x);"),
      Migration(version: 2, name: "V0002__broken.sql", sql: "CREATE TABLE b (x); NOT SQL;"),
    ])
    #expect(throws: SQLiteError.self) { try migrator.migrate(database) }
    #expect(try database.userVersion == 1)
    #expect(
      try database.scalarInteger("SELECT count(*) FROM sqlite_master WHERE name = 'b'") == 0)
  }

  @Test func everyMigrationFileIsEmbedded() throws {
    let folder = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Migrations")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".sql") }.sorted()
    #expect(files == Registry.migrator.migrations.map(\.name))
    for migration in Registry.migrator.migrations {
      let text = try String(
        contentsOf: folder.appendingPathComponent(migration.name), encoding: .utf8)
      #expect(text == migration.sql, "\(migration.name) differs from the embedded copy")
    }
  }

  @Test func rowsReadEveryStorageClass() throws {
    let database = try makeRegistry(in: directory).database
    let row = try #require(
      try database.queryOne(
        "SELECT ? AS i, ? AS r, ? AS t, ? AS b, ? AS n",
        [42, 2.5, "héllo", DatabaseValue.blob([0, 1, 2]), String?.none]))
    #expect(row["i"] == .integer(42))
    #expect(row["r"] == .real(2.5))
    #expect(row["t"] == .text("héllo"))
    #expect(row["b"] == .blob([0, 1, 2]))
    #expect(row["n"] == .null)
    #expect(row["absent"] == .null)
  }

  @Test func sqlHoldingTwoStatementsIsRefusedAndNothingRuns() throws {
    let database = try makeRegistry(in: directory).database
    try database.executeScript("CREATE TABLE t (x INTEGER)")
    for sql in [
      "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)",
      "INSERT INTO t VALUES (1); DROP TABLE t",
      "INSERT INTO t VALUES (1);;DELETE FROM t",
    ] {
      for cached in [false, true] {
        let error = try #require(throws: SQLiteError.self) {
          try database.execute(sql, cached: cached)
        }
        #expect(error.code == SQLITE_MISUSE)
        #expect(error.message.contains("more than one statement"))
      }
    }
    #expect(try database.scalarInteger("SELECT count(*) FROM t") == 0)
    // White space, a semicolon and comments after the one statement are no second statement.
    try database.execute("INSERT INTO t VALUES (3); -- done\n /* really */ ")
    #expect(try database.scalarInteger("SELECT count(*) FROM t") == 1)
  }

  @Test func statementsAreCachedOnlyOnRequest() throws {
    let database = try makeRegistry(in: directory).database
    let before = database.cachedStatementCount
    _ = try database.scalarInteger("SELECT 1 + ?", [1])
    #expect(database.cachedStatementCount == before)
    _ = try database.scalarInteger("SELECT 2 + ?", [1], cached: true)
    _ = try database.scalarInteger("SELECT 2 + ?", [2], cached: true)
    #expect(database.cachedStatementCount == before + 1)
  }

  @Test func aCachedStatementThatFailsLeavesTheCache() throws {
    let database = try makeRegistry(in: directory).database
    try database.executeScript("CREATE TABLE t (x INTEGER NOT NULL)")
    let sql = "INSERT INTO t VALUES (?)"
    try database.execute(sql, [1], cached: true)
    let cached = database.cachedStatementCount
    #expect(throws: SQLiteError.self) { try database.execute(sql, [String?.none], cached: true) }
    #expect(database.cachedStatementCount == cached - 1)
    try database.execute(sql, [2], cached: true)
    #expect(database.cachedStatementCount == cached)
    #expect(try database.scalarInteger("SELECT sum(x) FROM t") == 3)
  }

  @Test func cursorsOfTheSameSQLReadSideBySide() throws {
    let database = try makeRegistry(in: directory).database
    try database.executeScript("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1), (2);")
    let sql = "SELECT x FROM t ORDER BY x"
    let first = try database.cursor(sql)
    let second = try database.cursor(sql)
    #expect(try first.next()?["x"] == .integer(1))
    #expect(try second.next()?["x"] == .integer(1))
    #expect(try first.next()?["x"] == .integer(2))
    #expect(try second.next()?["x"] == .integer(2))
  }
}
