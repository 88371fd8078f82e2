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

  static let standardOutput = DescriptorOutput(descriptor: STDOUT_FILENO)
  static let standardError = DescriptorOutput(descriptor: STDERR_FILENO)

  /// Writes every byte, resuming after interrupted or partial writes.
  func write(_ bytes: some ContiguousBytes) throws {
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

  struct WriteError: Error, CustomStringConvertible {
    var code: Int32
    var description: String { String(cString: strerror(code)) }
  }
}
