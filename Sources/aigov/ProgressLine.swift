import AIGovKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// Progress of a long import or export on one line of stderr, rewritten in place, when stderr is a
/// terminal; nothing at all when it is not (a pipe, a file, a CI log).
final class ProgressLine {
  private let verb: String
  private let isTerminal = CommandContext.current == nil && isatty(STDERR_FILENO) == 1
  private var lastShown = Date.distantPast
  private var isShowing = false

  init(verb: String) {
    self.verb = verb
  }

  /// Shows how far the work has got, at most ten times a second.
  func report(_ progress: ExchangeProgress) {
    guard isTerminal else { return }
    let now = Date()
    guard now.timeIntervalSince(lastShown) >= 0.1 else { return }
    lastShown = now
    isShowing = true
    // The file name is the export's own or the one the user gave; keep it to what prints.
    let file = progress.file.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
    DescriptorOutput.standardError.writeOrExit(
      "\r\u{1B}[K\(verb) \(String(String.UnicodeScalarView(file))): \(progress.rows) rows")
  }

  /// Clears the line before the closing message.
  func finish() {
    guard isShowing else { return }
    DescriptorOutput.standardError.writeOrExit("\r\u{1B}[K")
    isShowing = false
  }
}
