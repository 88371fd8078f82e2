import AIGovKit
import Crypto
import Foundation
import MCP

@testable import aigov_mcp

/// The built-in sample in a folder of its own, as the MCP server serves it.
final class ServedInventory: Sendable {
  /// The time the sample is built and answered as of.
  static let now = Timestamp.parse("2026-11-22T10:00:00Z")!
  static let nowText = "2026-11-22T10:00:00Z"

  let folder: URL
  let path: String

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-mcp-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("aigov.sqlite").path
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { Self.now })
  }

  deinit {
    try? FileManager.default.removeItem(at: folder)
  }

  /// The SHA-256 of the database file and of the write-ahead log beside it (empty when there is
  /// none): equal digests mean not one byte of the inventory changed.
  func digest() throws -> String {
    var hash = SHA256()
    hash.update(data: try Data(contentsOf: URL(fileURLWithPath: path)))
    hash.update(data: Data("|".utf8))
    if let wal = FileManager.default.contents(atPath: path + "-wal") { hash.update(data: wal) }
    return hash.finalize().map { String(format: "%02x", $0) }.joined()
  }

  /// A client of the server, both in this process, connected through memory.
  func connect(maximumAnswerBytes: Int = ReadOnlyInventory.maximumAnswerBytes) async throws
    -> (Client, Server)
  {
    let inventory = try ReadOnlyInventory(
      path: path, fixedTime: Self.now, maximumAnswerBytes: maximumAnswerBytes)
    let server = await InventoryServer.make(inventory)
    let (clientSide, serverSide) = await InMemoryTransport.createConnectedPair()
    try await server.start(transport: serverSide)
    let client = Client(name: "aigov-tests", version: "1")
    _ = try await client.connect(transport: clientSide)
    return (client, server)
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
}

/// What a process wrote and how it ended.
struct ProcessOutcome {
  var status: Int32
  var stdout: Data
  var stderr: String
}

/// Runs `executable` with `input` on its standard input, to the end.
func run(
  _ executable: URL, _ arguments: [String], input: Data = Data(),
  environment: [String: String] = [:]
) throws -> ProcessOutcome {
  let outcome = try ChildProcess.run(
    executable.path, arguments, input: Array(input),
    environment: ProcessInfo.processInfo.environment.merging(environment) { $1 })
  return ProcessOutcome(
    status: outcome.status, stdout: Data(outcome.output),
    stderr: String(decoding: outcome.error, as: UTF8.self))
}
