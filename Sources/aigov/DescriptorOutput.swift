#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
  private let systemWrite = Glibc.write
#elseif canImport(Darwin)
  private let systemWrite = Darwin.write
#endif

/// An open file descriptor that bytes are written to whole: stdout, stderr, or a file a command
/// created. Writes straight to the descriptor, with no buffer to flush and no Foundation file
/// handle to load.
struct DescriptorOutput {
  let descriptor: Int32
  /// The context of a command run in-process, whose buffers stand for stdout and stderr.
  private var context: CommandContext? = nil

  init(descriptor: Int32) {
    self.descriptor = descriptor
  }

  static var standardOutput: DescriptorOutput { standard(STDOUT_FILENO) }
  static var standardError: DescriptorOutput { standard(STDERR_FILENO) }

  private static func standard(_ descriptor: Int32) -> DescriptorOutput {
    var output = DescriptorOutput(descriptor: descriptor)
    output.context = CommandContext.current
    return output
  }

  /// Writes every byte, resuming after interrupted or partial writes.
  func write(_ bytes: some ContiguousBytes) throws {
    if let context {
      return bytes.withUnsafeBytes { context.append($0, toError: descriptor == STDERR_FILENO) }
    }
    try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws in
      var offset = 0
      while offset < buffer.count {
        let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw WriteError(code: errno)
        }
        offset += written
      }
    }
  }

  func write(_ text: String) throws {
    try write(Array(text.utf8))
  }

  /// Writes to stdout or stderr; a failure there (a full disk behind a redirect) ends the run with
  /// the internal-error status, since the output the caller asked for cannot be delivered.
  func writeOrExit(_ text: String) {
    do {
      try write(text)
    } catch {
      if descriptor != STDERR_FILENO {
        try? DescriptorOutput.standardError.write("error: cannot write the output: \(error)\n")
      }
      ExitStatus.software.terminate()
    }
  }

  /// Creates the file at `path` (never replacing one), writes `bytes` and flushes them to the
  /// disk; a file it could not complete is removed. `CreateError.exists` when one is there.
  static func createFile(_ path: String, mode: mode_t, _ bytes: some ContiguousBytes) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard descriptor >= 0 else {
      throw errno == EEXIST
        ? CreateError.exists : CreateError.failed(String(cString: strerror(errno)))
    }
    do {
      defer { close(descriptor) }
      try DescriptorOutput(descriptor: descriptor).write(bytes)
      guard fsync(descriptor) == 0 else { throw WriteError(code: errno) }
    } catch {
      unlink(path)
      throw CreateError.failed(String(describing: error))
    }
  }

  /// Why `createFile` did not create a file.
  enum CreateError: Error, CustomStringConvertible {
    case exists
    case failed(String)

    var description: String {
      switch self {
      case .exists: "it already exists"
      case .failed(let reason): reason
      }
    }
  }

  struct WriteError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { String(cString: strerror(code)) }
  }
}
