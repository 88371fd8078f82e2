/// Why a database file could not be used. Each case names the file.
public enum StorageError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file does not exist.
  case missing(path: String)
  /// The file could not be created.
  case cannotCreate(path: String)
  /// The file exists but is not a SQLite database.
  case notADatabase(path: String)
  /// The path names a device, a FIFO or a folder, not a file.
  case notAFile(path: String)
  /// The file is empty: no database yet.
  case emptyFile(path: String)
  /// The file was written by a newer release: its schema version is beyond the newest we know.
  case schemaTooNew(path: String, found: Int, supported: Int)
  /// The file has an older schema, and the connection may not write to bring it up to date.
  case schemaOutdated(path: String, found: Int, supported: Int)
  /// A pragma the connection relies on did not take effect.
  case pragmaRefused(name: String, value: String)
  /// A migration left rows that break a foreign key.
  case foreignKeyViolation(migration: String)

  public var description: String {
    switch self {
    case .missing(let path):
      "no database at '\(path)'"
    case .cannotCreate(let path):
      "cannot create the database file '\(path)' (check that its folder exists and is writable)"
    case .notADatabase(let path):
      "'\(path)' is not an aigov database (it is not a SQLite file at all); it was left untouched"
    case .notAFile(let path):
      "'\(path)' is not a database file (it is a device, a pipe or a folder); it was left untouched"
    case .emptyFile(let path):
      "'\(path)' is empty, not an aigov database; it was left untouched"
    case .schemaTooNew(let path, let found, let supported):
      "'\(path)' has schema version \(found), newer than this aigov understands (\(supported)); "
        + "upgrade aigov. The file was left untouched"
    case .schemaOutdated(let path, let found, let supported):
      "'\(path)' has schema version \(found), older than this aigov reads (\(supported)); a read "
        + "never changes the file, so bring it up to date once with 'aigov init' on it (or any "
        + "command that writes) and read it then"
    case .pragmaRefused(let name, let value):
      "SQLite refused to set \(name) (it stayed '\(value)')"
    case .foreignKeyViolation(let migration):
      "migration \(migration) left rows that break a foreign key; it was rolled back"
    }
  }
}
