import Dispatch

/// Work done on a second connection to the same file, on another thread, while the caller goes on
/// with its own: on a small machine's two cores, two halves of a whole-database job at once.
///
/// The work must not depend on which snapshot of the file it reads, or must check that it reads
/// the caller's (as `SecondConnectionVerification` does).
final class SecondConnection<Value: Sendable>: @unchecked Sendable {
  // Written once by the worker before it signals `done`; read only after waiting on `done`.
  private var outcome: Result<Value, any Error>?
  private let done = DispatchSemaphore(value: 0)

  /// Starts `work` on a connection to the file at `path`, opened `readOnly` (SQLite's read-only
  /// flag) or else query-only.
  init(path: String, readOnly: Bool, _ work: @escaping @Sendable (Database) throws -> Value) {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      outcome = Result {
        try work(try Database(path: path, mode: readOnly ? .readOnly : .queryOnly))
      }
      done.signal()
    }
  }

  /// Waits for the work to end, and returns what it returned or throws what it threw.
  func result() throws -> Value {
    done.wait()
    guard let outcome else { preconditionFailure("the work signalled done without an outcome") }
    return try outcome.get()
  }
}
