import AIGovKit
import Foundation
import Testing

@testable import aigov

/// The outcome of one run of the `aigov` binary.
struct Outcome {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs the built `aigov` binary in a temporary folder of its own, as a person would.
final class CommandLineHarness: Sendable {
  let directory: URL
  let database: String

  /// The `aigov` binary that `swift test` built beside the test bundle.
  static let binary: URL = {
    let candidates = [
      Bundle.main.executableURL?.deletingLastPathComponent(),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL.deletingLastPathComponent(),
    ].compactMap { $0 }
    for folder in candidates {
      let url = folder.appendingPathComponent("aigov")
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    fatalError("the aigov binary was not found beside the tests in \(candidates)")
  }()

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    database = directory.appendingPathComponent("aigov.sqlite").path
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  /// Runs `aigov` with `arguments`, a fixed clock and actor, and the database of this harness:
  /// in this process where nothing in the run depends on being a process of its own (its
  /// working folder, or a command that replaces the process or writes files beside it), else
  /// as the built binary. `InProcessTests` holds the two to the same output and status.
  @discardableResult
  func run(_ arguments: [String], environment extra: [String: String] = [:], binary: URL? = nil)
    throws -> Outcome
  {
    guard binary == nil, runsInProcess(arguments, environment: extra) else {
      return try launch(binary ?? Self.binary, arguments, environment: extra)
    }
    return runInProcess(arguments, environment: extra)
  }

  /// Runs `aigov` with `arguments` in this process, with the environment `run` gives the binary.
  func runInProcess(_ arguments: [String], environment extra: [String: String] = [:]) -> Outcome {
    let outcome = AIGov.runInProcess(arguments, environment: environment(extra))
    return Outcome(
      status: outcome.status, stdout: String(decoding: outcome.output, as: UTF8.self),
      stderr: String(decoding: outcome.error, as: UTF8.self))
  }

  /// The commands that need a process of their own: those that replace it, and those that
  /// write files beside the working folder by default.
  static let processCommands: Set<String> = [
    "serve", "mcp", "demo", "init", "keygen", "checkpoint", "export",
  ]

  /// Whether a run may happen in this process: no command of `processCommands`, a database
  /// named, and no relative path: no value with a dot or slash that does not start at the root,
  /// none that names a file in this harness's folder, and no `--output` but at the root.
  func runsInProcess(_ arguments: [String], environment: [String: String]) -> Bool {
    guard (environment["AIGOV_DB"] ?? "x") != "" else { return false }
    for (index, argument) in arguments.enumerated() {
      let value =
        argument.hasPrefix("-") ? argument.split(separator: "=").dropFirst().joined() : argument
      let relative = !value.isEmpty && !value.hasPrefix("/")
      let written =
        index > 0 && arguments[index - 1] == "--output" || argument.hasPrefix("--output=")
      if Self.processCommands.contains(argument)
        || relative && (value.contains("/") || value.contains(".") || written)
        || relative
          && FileManager.default.fileExists(atPath: directory.appendingPathComponent(value).path)
      {
        return false
      }
    }
    return true
  }

  /// Runs a bash script in this harness's folder, with the built `aigov` first on the PATH and the
  /// same environment as `run`.
  @discardableResult
  func shell(_ script: String, environment extra: [String: String] = [:]) throws -> Outcome {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    var environment = extra
    environment["PATH"] = Self.binary.deletingLastPathComponent().path + ":" + path
    return try launch(
      URL(fileURLWithPath: "/bin/bash"), ["-euo", "pipefail", "-c", script],
      environment: environment)
  }

  /// Runs `executable` in this harness's folder, with the harness's database, clock and actor.
  func launch(_ executable: URL, _ arguments: [String], environment extra: [String: String] = [:])
    throws -> Outcome
  {
    let outcome = try ChildProcess.run(
      executable.path, arguments, environment: environment(extra), directory: directory.path)
    return Outcome(
      status: outcome.status, stdout: String(decoding: outcome.output, as: UTF8.self),
      stderr: String(decoding: outcome.error, as: UTF8.self))
  }

  /// The process's environment with this harness's database, clock and actor, and `extra`.
  func environment(_ extra: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment["AIGOV_DB"] = database
    environment["AIGOV_NOW"] = "2026-11-22T10:00:00Z"
    environment["AIGOV_ACTOR"] = "tester"
    environment["NO_COLOR"] = "1"
    environment.merge(extra) { $1 }
    return environment
  }

  /// Runs a command that must succeed, and returns its outcome.
  @discardableResult
  func succeed(
    _ arguments: [String], environment: [String: String] = [:],
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Outcome {
    let outcome = try run(arguments, environment: environment)
    #expect(
      outcome.status == 0, "aigov \(arguments.joined(separator: " ")): \(outcome.stderr)",
      sourceLocation: sourceLocation)
    return outcome
  }

  /// Puts the sample inventory in this harness's database: a copy of the one `aigov demo` built
  /// once for every test of the run (the same command, clock and actor give the same file).
  func loadSample() throws {
    let sample = try Self.sample.get()
    try FileManager.default.copyItem(atPath: sample, toPath: database)
  }

  /// The sample database `aigov demo` built, once per run.
  private static let sample: Result<String, any Error> = Result {
    let harness = try CommandLineHarness()
    let outcome = try harness.run(["demo"])
    guard outcome.status == 0 else {
      throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: outcome.stderr])
    }
    // Kept for the whole run (the harness that built it is not removed).
    let kept = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-sample-\(UUID().uuidString).sqlite")
    try FileManager.default.copyItem(atPath: harness.database, toPath: kept.path)
    return kept.path
  }

  /// Every row of every table, as text: two equal snapshots mean nothing changed.
  func snapshot() throws -> String {
    try Self.snapshot(of: database)
  }

  /// Every row of every table of the database at `path`, as text.
  static func snapshot(of path: String) throws -> String {
    try Database(path: path, mode: .existing).dumpContent()
  }

  func count(_ table: String) throws -> Int {
    try Database(path: database, mode: .existing).scalarInteger("SELECT count(*) FROM \(table)")
      ?? -1
  }
}

extension JSONValue {
  subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }

  var array: [JSONValue]? {
    if case .array(let array) = self { return array }
    return nil
  }

  var string: String? {
    if case .string(let string) = self { return string }
    return nil
  }
}
