import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A file of an export being written: bytes go out in large blocks as they come, and are counted
/// and hashed on the way, so that memory stays flat however many rows the file holds.
final class ExportFile {
  let name: String
  private let handle: UnsafeMutablePointer<FILE>
  private var hasher = SHA256()
  private(set) var byteCount = 0
  var rowCount = 0
  private var isClosed = false

  /// Creates `name` in `directory`; refuses to replace a file that is there. Problems name the
  /// file `shownAs`, when it is written under another name until it is whole.
  init(name: String, in directory: URL, shownAs: String? = nil) throws {
    self.name = shownAs ?? name
    let path = directory.appendingPathComponent(name).path
    guard let handle = fopen(path, "wx") else {
      throw AIGovError.refused(
        .cannotCreateFile(path: path, reason: String(cString: strerror(errno))))
    }
    self.handle = handle
  }

  deinit {
    if !isClosed { fclose(handle) }
  }

  /// Writes bytes to the file.
  func write(_ bytes: [UInt8]) throws {
    guard !bytes.isEmpty else { return }
    try bytes.withUnsafeBytes { buffer in
      hasher.update(bufferPointer: buffer)
      guard fwrite(buffer.baseAddress, 1, buffer.count, handle) == buffer.count else {
        throw AIGovError.refused(
          .cannotWriteFile(path: name, reason: String(cString: strerror(errno))))
      }
    }
    byteCount += bytes.count
  }

  /// Writes the file out to the disk, closes it and gives its SHA-256, in lowercase hex.
  func finish() throws -> String {
    let written = fflush(handle) == 0 && fsync(fileno(handle)) == 0
    let closed = fclose(handle) == 0
    isClosed = true
    guard written, closed else {
      throw AIGovError.refused(
        .cannotWriteFile(path: name, reason: String(cString: strerror(errno))))
    }
    return CanonicalJSON.hex(hasher.finalize())
  }
}

extension FileManager {
  /// Whether `path` names an existing folder, following symbolic links.
  func isFolder(atPath path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }
}
