#if canImport(Glibc)
  import Glibc
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A copy `Registry.backup(to:)` wrote, and what it proved about itself.
public struct Backup: Encodable, Sendable {
  /// Where the copy is.
  public var path: String
  /// Its size on disk.
  public var bytes: Int
  /// `audit verify` of the copy alone.
  public var verification: TrailVerification

  enum CodingKeys: String, CodingKey {
    case path, bytes, verification
  }
}

extension Registry {
  /// Copies the database, as one moment of it, to a new file at `destination`, and verifies the
  /// copy alone: its chain, records, signatures and rules (`verify`). Other processes may go on
  /// writing meanwhile (`Database.backup(to:)`).
  ///
  /// The copy is written beside `destination` under another name, and linked into place only
  /// when complete, so `destination` is either the whole copy or absent; an existing file there
  /// is never replaced. A copy that does not verify is kept all the same (it is the evidence of
  /// what the file held), and the verification says what is wrong with it.
  public func backup(to destination: String) throws -> Backup {
    guard !FileManager.default.fileExists(atPath: destination) else {
      throw AIGovError.invalidValue(
        field: "FILE", value: destination,
        expected: "a path where no file is yet: a backup never replaces a file")
    }
    let slash = destination.lastIndex(of: "/").map { destination.index(after: $0) }
    let folder = destination[..<(slash ?? destination.startIndex)]
    let name = destination[(slash ?? destination.startIndex)...]
    let partial = "\(folder).\(name).partial-\(getpid())"
    let descriptor = Glibc.open(partial, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw StorageError.cannotCreate(path: destination) }
    close(descriptor)
    defer { unlink(partial) }
    try database.backup(to: partial)
    let copy = try Registry.openForReading(path: partial, actor: actor, clock: clock)
    let verification = try copy.verify()
    guard link(partial, destination) == 0 else {
      throw errno == EEXIST
        ? AIGovError.invalidValue(
          field: "FILE", value: destination,
          expected: "a path where no file is yet: a backup never replaces a file")
        : StorageError.cannotCreate(path: destination)
    }
    var status = stat()
    _ = stat(destination, &status)
    return Backup(path: destination, bytes: Int(status.st_size), verification: verification)
  }
}
