import Dispatch

/// The serial executor of an actor that owns one SQLite connection: its jobs run one at a time
/// on a dispatch queue of its own, outside Swift's cooperative thread pool, so that a call that
/// waits for a lock (up to the busy timeout) or reads for a second blocks this connection only,
/// never one of the few threads every other task shares. GRDB serializes each connection on a
/// queue of its own for the same reason.
///
///     actor Connection {
///       private let executor = DatabaseExecutor(label: "reader 1")
///       nonisolated var unownedExecutor: UnownedSerialExecutor {
///         executor.asUnownedSerialExecutor()
///       }
///     }
public final class DatabaseExecutor: SerialExecutor, Sendable {
  private let queue: DispatchQueue
  /// The queue's label, which `currentLabel` returns while one of its jobs runs.
  public let label: String
  private static let labelKey = DispatchSpecificKey<String>()

  public init(label: String) {
    self.label = label
    queue = DispatchQueue(label: label)
    queue.setSpecific(key: Self.labelKey, value: label)
  }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    queue.async {
      job.runSynchronously(on: self.asUnownedSerialExecutor())
    }
  }

  public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
    UnownedSerialExecutor(ordinary: self)
  }

  /// The label of the executor running the caller, nil outside every one.
  public static var currentLabel: String? {
    DispatchQueue.getSpecific(key: labelKey)
  }
}
