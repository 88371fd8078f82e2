import CAIGovSQLite

#if canImport(Glibc)
  import Glibc
#endif

extension Database {
  /// Copies the whole database into the empty file at `destination` with SQLite's online backup:
  /// every page as one snapshot of the file, taken while other connections go on writing (in
  /// WAL mode a reader never waits for a writer). The copy is left in rollback-journal mode,
  /// one file that needs no `-wal` beside it; a command that writes to it turns WAL on again.
  public func backup(to destination: String) throws {
    var target: OpaquePointer?
    let code = sqlite3_open_v2(
      destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
    guard code == SQLITE_OK, let target else {
      let message = target.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close_v2(target)
      throw SQLiteError(code: code, message: message)
    }
    defer { sqlite3_close_v2(target) }
    guard let backup = sqlite3_backup_init(target, "main", handle, "main") else {
      throw SQLiteError(
        code: sqlite3_extended_errcode(target), message: String(cString: sqlite3_errmsg(target)))
    }
    // All pages in one step: one read transaction on the source, so the copy is one moment of it.
    var step = sqlite3_backup_step(backup, -1)
    var waited = 0
    while step == SQLITE_BUSY || step == SQLITE_LOCKED, waited < Int(Self.busyTimeoutMilliseconds) {
      usleep(10_000)
      waited += 10
      step = sqlite3_backup_step(backup, -1)
    }
    let finished = sqlite3_backup_finish(backup)
    guard step == SQLITE_DONE, finished == SQLITE_OK else {
      throw SQLiteError(
        code: step == SQLITE_DONE ? finished : step,
        message: String(cString: sqlite3_errmsg(target)))
    }
    var message: UnsafeMutablePointer<CChar>?
    let journal = sqlite3_exec(target, "PRAGMA journal_mode = DELETE", nil, nil, &message)
    defer { sqlite3_free(message) }
    guard journal == SQLITE_OK else {
      throw SQLiteError(
        code: journal, message: message.map { String(cString: $0) } ?? "journal_mode refused")
    }
  }
}
