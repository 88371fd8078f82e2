#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// What the servers (`aigov-mcp`, `aigov-serve`) share as they start: the database they serve,
/// the time they answer as of, and the exit status of a database they cannot serve, the same as
/// the command line's.
public enum ServerStartup {
  public static func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
  }

  /// `--db`, else $AIGOV_DB, else `aigov.sqlite`.
  public static func databasePath(_ db: String?) -> String {
    db ?? environment("AIGOV_DB").flatMap { $0.isEmpty ? nil : $0 } ?? "aigov.sqlite"
  }

  /// The time of `--now`, else of $AIGOV_NOW; nil for the system clock.
  public static func fixedTime(_ now: String?) -> Date? {
    (now ?? environment("AIGOV_NOW")).flatMap(Timestamp.parse)
  }

  /// What is wrong with `--now` (or $AIGOV_NOW), if it is not a time.
  public static func nowProblem(_ now: String?) -> String? {
    guard let text = now ?? environment("AIGOV_NOW"), !text.isEmpty, Timestamp.parse(text) == nil
    else { return nil }
    return "invalid --now '\(text)' (expected a time like 2026-11-22T09:30:00Z or a day like "
      + "2026-11-22)"
  }

  /// The help of `--tls-certificate` and `--tls-key`, which `aigov serve` passes on.
  public static let tlsCertificateHelp =
    "Serve over TLS with this certificate (a PEM file, the server's certificate first, then any "
    + "intermediates); needs --tls-key."
  public static let tlsKeyHelp = "The private key of --tls-certificate (a PEM file)."

  /// What is wrong with the TLS options: one given without the other.
  public static func tlsProblem(certificate: String?, key: String?) -> String? {
    guard (certificate == nil) != (key == nil) else { return nil }
    return "--tls-certificate and --tls-key go together (expected both, or neither for plain HTTP)"
  }

  /// The exit status for a database that cannot be served, as the command line's table has it.
  public static func exitStatus(for error: any Error) -> Int32 {
    switch error {
    case StorageError.missing: 66
    case StorageError.notADatabase, StorageError.notAFile, StorageError.emptyFile: 65
    case is NotWritable: 73
    case is StorageError: 1
    default: 70
    }
  }

  /// Refuses a file (or its folder, where SQLite keeps its write-ahead log) this user cannot
  /// write, saying which: a server that records changes needs both.
  public static func checkWritable(_ path: String) throws {
    guard access(path, F_OK) == 0 else { return }
    if access(path, W_OK) != 0 {
      throw NotWritable(path: path, reason: "this user (uid \(getuid())) cannot write the file")
    }
    let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
    if access(folder.isEmpty ? "/" : folder, W_OK) != 0 {
      throw NotWritable(
        path: path,
        reason: "this user (uid \(getuid())) cannot write its folder '\(folder)', where SQLite "
          + "keeps the write-ahead log")
    }
  }
}

/// A database a server could read but not change.
public struct NotWritable: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var reason: String
  public var description: String {
    "cannot serve '\(path)': \(reason); the server records sign-offs and edits, so it needs a "
      + "file and folder it can write (run it as the user who owns them, or serve a copy)"
  }
}
