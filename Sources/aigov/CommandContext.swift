import Synchronization

/// What a command reads and where it writes when it runs inside another program rather than as
/// a process of its own (the tests): the environment it is given, and buffers for its standard
/// output and error. A command that `aigov` runs has none, and uses the process's own.
final class CommandContext: Sendable {
  let environment: [String: String]
  private let written = Mutex<(output: [UInt8], error: [UInt8])>(([], []))

  /// The context of the command running in this task, if it runs in-process.
  @TaskLocal static var current: CommandContext?

  init(environment: [String: String]) {
    self.environment = environment
  }

  func append(_ bytes: UnsafeRawBufferPointer, toError: Bool) {
    written.withLock {
      if toError { $0.error.append(contentsOf: bytes) } else { $0.output.append(contentsOf: bytes) }
    }
  }

  var output: [UInt8] { written.withLock { $0.output } }
  var error: [UInt8] { written.withLock { $0.error } }
}

extension AIGov {
  /// What a command line run in-process printed, and the status the process would exit with.
  struct InProcessOutcome: Sendable {
    var status: Int32
    var output: [UInt8]
    var error: [UInt8]
  }

  /// Runs a command line as the `aigov` binary would, inside this program, with `environment`
  /// in place of the process's: the same parsing, output, messages and exit status, without a
  /// process. Paths are read from this program's working folder. `serve` and `mcp`, which
  /// replace the process, are refused.
  static func runInProcess(_ arguments: [String], environment: [String: String])
    -> InProcessOutcome
  {
    let context = CommandContext(environment: environment)
    let status = CommandContext.$current.withValue(context) { execute(arguments) }
    return InProcessOutcome(status: status, output: context.output, error: context.error)
  }
}
