#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Where an export writes before it is whole: a hidden sibling of the target, moved into place in
/// one step once everything is written. When anything fails (a full disk among the rest) the
/// staging copy is removed, and so is every folder made on the way to it, so that a failed export
/// leaves nothing behind.
enum StagedOutput {
  /// Writes a folder: `write` fills the staging folder it is given, which then replaces `target`
  /// (absent, or an empty folder).
  static func folder<T>(_ target: URL, _ write: (URL) throws -> T) throws -> T {
    try staged(target) { staging in
      do {
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
      } catch {
        throw AIGovError.refused(.cannotCreateFolder(path: target.path))
      }
      let result = try write(staging)
      guard rename(staging.path, target.path) == 0 else {
        throw AIGovError.refused(
          .cannotCreateFile(path: target.path, reason: String(cString: strerror(errno))))
      }
      return result
    }
  }

  /// Writes a file: `write` creates the staging file it is given, which then takes the name
  /// `target`, never replacing a file that is there.
  static func file<T>(_ target: URL, _ write: (URL) throws -> T) throws -> T {
    try staged(target) { staging in
      let result = try write(staging)
      guard link(staging.path, target.path) == 0 else {
        throw AIGovError.refused(
          .cannotCreateFile(path: target.path, reason: String(cString: strerror(errno))))
      }
      unlink(staging.path)
      return result
    }
  }

  private static func staged<T>(_ target: URL, _ write: (URL) throws -> T) throws -> T {
    let parent = target.deletingLastPathComponent()
    let made = firstMissingFolder(on: parent)
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw AIGovError.refused(.cannotCreateFolder(path: parent.path))
    }
    let staging = parent.appendingPathComponent(
      ".\(target.lastPathComponent).exporting-\(getpid())")
    try? FileManager.default.removeItem(at: staging)
    do {
      return try write(staging)
    } catch {
      try? FileManager.default.removeItem(at: staging)
      if let made { try? FileManager.default.removeItem(at: made) }
      throw error
    }
  }

  /// The outermost folder on the way to `folder` that does not exist yet, which writing there
  /// would make.
  private static func firstMissingFolder(on folder: URL) -> URL? {
    var missing: URL?
    var current = folder.standardizedFileURL
    while !FileManager.default.fileExists(atPath: current.path) {
      missing = current
      let up = current.deletingLastPathComponent()
      if up.path == current.path { break }
      current = up
    }
    return missing
  }
}
