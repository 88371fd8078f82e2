#if canImport(Glibc)
  import Glibc
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A database built beside its final path and moved there only when complete: a failure, a
/// refusal or a dry run leaves nothing behind, and a crash leaves at most a staging file that the
/// next build removes.
public struct StagedDatabase {
  /// Where the database goes.
  public let path: String
  /// Where it is built: beside `path`, named after it and this process.
  public let staging: String

  public init(for path: String) {
    self.path = path
    staging = path + ".building-\(getpid())"
  }

  /// Runs `body` with the staging path, in which the body opens, fills and closes a database;
  /// moves it to `path` when the body says to keep it, else removes it. An existing file at
  /// `path` is replaced only when `replacing`; otherwise, one that appeared meanwhile is kept and
  /// `AIGovError.fileExists` thrown.
  public func build<T>(replacing: Bool, _ body: (String) throws -> (value: T, keep: Bool))
    throws -> T
  {
    let files = FileManager.default
    if files.fileExists(atPath: path), !replacing {
      throw AIGovError.fileExists(path: path)
    }
    Self.removeAbandonedBuilds(of: path)
    let stagingFiles = [staging, staging + "-wal", staging + "-shm", staging + "-journal"]
    defer { for file in stagingFiles { try? files.removeItem(atPath: file) } }
    let (value, keep) = try body(staging)
    guard keep else { return value }
    if replacing {
      // The old database's own -wal and -shm files must not meet the new one; the rename then
      // replaces the file in one step, so that a crash leaves the old database or the new one.
      for file in [path + "-wal", path + "-shm"] where files.fileExists(atPath: file) {
        try files.removeItem(atPath: file)
      }
      guard rename(staging, path) == 0 else { throw StorageError.cannotCreate(path: path) }
    } else {
      // A link never replaces a file: one created meanwhile by someone else is kept.
      guard link(staging, path) == 0 else {
        if errno == EEXIST { throw AIGovError.fileExists(path: path) }
        throw StorageError.cannotCreate(path: path)
      }
    }
    return value
  }

  /// Removes the partial builds (and their -wal and -shm files) that killed runs left beside the
  /// database; a build whose process is still running is left alone.
  static func removeAbandonedBuilds(of path: String) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    let prefix = url.lastPathComponent + ".building-"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    for name in names where name.hasPrefix(prefix) {
      guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)),
        kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      try? FileManager.default.removeItem(atPath: folder + "/" + name)
    }
  }
}
