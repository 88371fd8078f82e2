import AIGovKit
import Crypto
import Foundation

/// The built-in sample in a folder of its own, served by the real `aigov-serve` binary on a port
/// of its own, as of a fixed time.
final class ServerUnderTest: @unchecked Sendable {
  static let nowText = "2026-11-22T10:00:00Z"
  static let now = Timestamp.parse(nowText)!

  let folder: URL
  let path: String
  let process: Process
  let address: ServerAddress
  var url: String { address.description }

  /// Builds the sample (then `prepare` may change it) and starts the server on it.
  init(
    arguments: [String] = [], onTheClock: Bool = false,
    prepare: (Registry) throws -> Void = { _ in }
  ) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-serve-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("aigov.sqlite").path
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { Self.now })
    try prepare(try Registry.open(path: path, actor: "dana", clock: { Self.now }))
    let log = folder.appendingPathComponent("server.log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process = Process()
    process.executableURL = Self.binary("aigov-serve")
    process.arguments =
      ["--db", path, "--listen", "127.0.0.1:0"]
      + (onTheClock ? [] : ["--now", Self.nowText]) + arguments
    // On the clock, the server's time is the system's, and so is every change it records.
    if onTheClock {
      process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "AIGOV_NOW" }
    }
    process.standardError = try FileHandle(forWritingTo: log)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    var found: ServerAddress?
    for _ in 0..<400 where found == nil {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      if let match = text.firstMatch(of: /on (https?:\/\/[0-9.]+:[0-9]+)\//) {
        found = ServerAddress(String(match.1))
      } else if !process.isRunning {
        throw ServerFailed(log: text)
      } else {
        usleep(50_000)
      }
    }
    guard let found else { throw ServerFailed(log: "the server did not say where it listens") }
    address = found
  }

  deinit {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
    try? FileManager.default.removeItem(at: folder)
  }

  struct ServerFailed: Error, CustomStringConvertible {
    var log: String
    var description: String { "aigov-serve did not start: \(log)" }
  }

  /// What the server wrote on standard error so far.
  var log: String {
    (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
  }

  /// A new token for `person`, made as the governance lead makes one.
  func token(for person: String) throws -> String {
    try Registry.open(path: path, actor: "dana", clock: { Self.now })
      .createAccessToken(for: person).secret
  }

  /// One request; `token` as a bearer token.
  func request(
    _ method: String, _ target: String, token: String? = nil, json: Any? = nil,
    body: [UInt8]? = nil, headers: [(String, String)] = []
  ) throws -> HTTPAnswer {
    var headers = headers
    if let token { headers.append(("Authorization", "Bearer \(token)")) }
    var bytes = body
    if let json {
      bytes = Array(try JSONSerialization.data(withJSONObject: json))
      headers.append(("Content-Type", "application/json"))
    }
    return try HTTPExchange.perform(method, target, at: address, headers: headers, body: bytes)
  }

  /// The JSON object or array of an answer.
  static func json(_ answer: HTTPAnswer) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(answer.body))
  }

  /// The error message of a refused request.
  static func message(_ answer: HTTPAnswer) -> String {
    let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
    return (object?["error"] as? [String: Any])?["message"] as? String ?? ""
  }

  /// Runs the CLI, as of the server's time.
  func aigov(_ arguments: [String], environment: [String: String] = [:]) throws
    -> ProcessOutcome
  {
    try run(
      Self.binary("aigov"), arguments,
      environment: ["AIGOV_NOW": Self.nowText, "NO_COLOR": "1"].merging(environment) { $1 })
  }

  /// SHA-256 of every row of every table: equal digests mean the inventory did not change.
  func digest() throws -> String {
    let content = try Database(path: path, mode: .readOnly).dumpContent()
    return SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// Sends `signal` and waits for the process to end; its exit status.
  func stop(_ signal: Int32 = SIGTERM) -> Int32 {
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    return process.terminationStatus
  }

  /// A binary built beside the test bundle.
  static func binary(_ name: String) -> URL {
    let candidates = [
      Bundle.main.executableURL?.deletingLastPathComponent(),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
      Bundle.main.bundleURL.deletingLastPathComponent(),
    ].compactMap { $0 }
    for folder in candidates {
      let url = folder.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    fatalError("\(name) was not found beside the tests in \(candidates)")
  }

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// What a process wrote and how it ended.
struct ProcessOutcome {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `executable` to the end, with `input` on its standard input.
func run(
  _ executable: URL, _ arguments: [String], input: Data = Data(),
  environment: [String: String] = [:], in directory: URL? = nil
) throws -> ProcessOutcome {
  let outcome = try ChildProcess.run(
    executable.path, arguments, input: Array(input),
    environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
    directory: directory?.path)
  return ProcessOutcome(
    status: outcome.status, stdout: String(decoding: outcome.output, as: UTF8.self),
    stderr: String(decoding: outcome.error, as: UTF8.self))
}
