import AIGovKit
import Foundation

extension BenchRun {
  /// The server under load on a database of `features` features: a feature's JSON read by `wrk`
  /// over keep-alive connections, beside datasette serving the same file (the baseline a team
  /// would otherwise pick to read SQLite over HTTP); then sign-offs signed by eight clients at
  /// once, each a draft and a signed decision, beside `aigov review sign` as a whole process.
  func serve(features: Int) throws -> [Budget] {
    let server = URL(fileURLWithPath: aigov).deletingLastPathComponent()
      .appendingPathComponent("aigov-serve").path
    guard FileManager.default.isExecutableFile(atPath: server) else {
      fail("no aigov-serve beside aigov at \(server); run: swift build -c release")
    }
    guard let wrk = findExecutable("wrk") else {
      fail("wrk drives the read load and is not installed; run: apt-get install -y wrk")
    }
    guard let datasette = findExecutable("datasette") else {
      fail("datasette is the baseline and is not installed; run: python3 -m pip install datasette")
    }
    let path = folder.appendingPathComponent("serve-\(features).sqlite").path
    try SyntheticInventory(features: features).build(at: path)
    let events = try eventCount(at: path)

    // Five reviewers with keys, a round open on each of 60 features, and a token for each person.
    let registry = try Registry.open(path: path, actor: "bench", clock: { Date() })
    var signers: [(handle: String, discipline: Discipline, key: SigningKey, token: String)] = []
    try registry.transaction {
      for discipline in Discipline.allCases {
        let key = SigningKey()
        let handle = "signer-\(discipline.rawValue)"
        try registry.addReviewer(
          handle: handle, name: handle, email: "\(handle)@example.com",
          disciplines: [discipline], publicKey: key.publicKey)
        signers.append(
          (handle, discipline, key, try registry.createAccessToken(for: handle).secret))
      }
    }
    let rounds = (1...60).map { "feature-\($0)" }
    for key in rounds { try registry.openReview(key) }
    let reader = try registry.createAccessToken(for: "bench").secret

    let middle = "feature-\(features / 2)"
    let ours = try ServerProcess(
      server, ["--db", path, "--listen", "127.0.0.1:0"],
      announces: #/on http://127\.0\.0\.1:([0-9]+)/#)
    defer { ours.stop() }
    let oursLoad = try wrkLoad(
      wrk, "http://127.0.0.1:\(ours.port)/api/features/\(middle)",
      header: "Authorization: Bearer \(reader)")
    let oursPeak = ours.peakKilobytes
    // datasette's fastest answer for one feature: its row by primary key, as JSON, with facet
    // suggestions (which it computes for table pages) off.
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let rowID =
      try Database(path: path, mode: .readOnly).scalarInteger(
        "SELECT id FROM features WHERE key = ?", [middle]) ?? 0
    let theirs = try ServerProcess(
      datasette,
      ["serve", path, "--host", "127.0.0.1", "--port", "0", "--setting", "suggest_facets", "off"],
      announces: #/http://127\.0\.0\.1:([0-9]+)/#)
    defer { theirs.stop() }
    let theirsLoad = try wrkLoad(
      wrk, "http://127.0.0.1:\(theirs.port)/\(stem)/features/\(rowID).json", header: nil)
    print(
      Report.row(
        size: features, events: events, name: "serve feature JSON, wrk 16 conns",
        ours: Measurement(seconds: 1 / oursLoad.requestsPerSecond, peakKilobytes: oursPeak),
        theirs: Measurement(seconds: 1 / theirsLoad.requestsPerSecond, peakKilobytes: 0))
        + "  (vs datasette: \(Int(oursLoad.requestsPerSecond)) and "
        + "\(Int(theirsLoad.requestsPerSecond)) requests/s; p99 \(oursLoad.p99) and "
        + "\(theirsLoad.p99))")

    // Sign-offs: eight clients at once, each sign-off a draft and a signed decision on a new
    // connection each, as the command line sends them.
    let address = ServerAddress("http://127.0.0.1:\(ours.port)")!
    let work = rounds.flatMap { feature in signers.map { (feature, $0) } }
    let latencies = LockedList()
    let started = DispatchTime.now().uptimeNanoseconds
    DispatchQueue.concurrentPerform(iterations: 8) { client in
      for index in stride(from: client, to: work.count, by: 8) {
        let (feature, signer) = work[index]
        let begin = DispatchTime.now().uptimeNanoseconds
        guard let outcome = try? signThroughServer(address, feature: feature, signer: signer)
        else { fail("a sign-off through the server failed for \(feature)") }
        guard outcome else { fail("the server refused a sign-off on \(feature)") }
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9)
      }
    }
    let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let signing = latencies.sorted()
    let signPeak = ours.peakKilobytes

    // The baseline: the same decision signed by `aigov review sign` on the file, one process
    // each, on rounds of their own.
    let cliRounds = (61...(60 + max(3, options.runs))).map { "feature-\($0)" }
    for key in cliRounds { try registry.openReview(key) }
    let legal = signers.first { $0.discipline == .legal }!
    let keyFile = folder.appendingPathComponent("signer-legal.key.pem").path
    try Data(legal.key.pem.utf8).write(to: URL(fileURLWithPath: keyFile))
    chmod(keyFile, 0o600)
    var next = cliRounds.makeIterator()
    let cli = try measureRuns(
      aigov, runs: cliRounds.count, label: "review sign",
      arguments: {
        ["review", "sign", next.next()!, "--decision", "approve", "--key", keyFile, "--db", path]
      }, environment: ["AIGOV_ACTOR": legal.handle, "NO_COLOR": "1"])
    let median = signing[signing.count / 2]
    print(
      Report.row(
        size: features, events: events, name: "serve sign-off, 8 clients at once",
        ours: Measurement(seconds: median, peakKilobytes: signPeak),
        theirs: cli)
        + "  (\(work.count) sign-offs in \(String(format: "%.2f", wall)) s: "
        + "\(Int(Double(work.count) / wall))/s; p99 "
        + "\(String(format: "%.1f", signing[signing.count * 99 / 100] * 1000)) ms; baseline: "
        + "aigov review sign, one process)")
    let verify = try spawn(aigov, ["audit", "verify", "--db", path], environment: [:])
    guard verify.status == 0 else { fail("audit verify failed after the sign-off load") }

    return [
      Budget(
        name: "serve a feature's JSON (\(features) features)",
        measured: "\(Int(oursLoad.requestsPerSecond)) req/s",
        baseline: "datasette \(Int(theirsLoad.requestsPerSecond)) req/s",
        limit: "at least datasette's",
        ratio: theirsLoad.requestsPerSecond / oursLoad.requestsPerSecond,
        peakKilobytes: oursPeak,
        why: "the whole record: feature, providers, risks, mitigations, review, monitoring"),
      Budget(
        name: "sign-off through the server, 8 at once",
        measured: String(format: "%.1f ms", median * 1000),
        baseline: String(format: "review sign %.1f ms", cli.seconds * 1000),
        limit: "within the CLI's",
        ratio: median / cli.seconds, peakKilobytes: signPeak,
        why: "two requests each (draft, signed decision), writes one at a time"),
    ]
  }

  /// Asks the server for the decision's draft, signs it as the command line does, and records it.
  private func signThroughServer(
    _ address: ServerAddress, feature: String,
    signer: (handle: String, discipline: Discipline, key: SigningKey, token: String)
  ) throws -> Bool {
    let headers = [
      ("Authorization", "Bearer \(signer.token)"), ("Content-Type", "application/json"),
    ]
    let draft = try HTTPExchange.perform(
      "POST", "/api/features/\(feature)/sign-offs/draft", at: address, headers: headers,
      body: Array(#"{"decision":"approve"}"#.utf8))
    guard draft.status == 200,
      let object = try JSONSerialization.jsonObject(with: Data(draft.body)) as? [String: Any],
      let signOffObject = object["signoff"]
    else { return false }
    let signOff = try JSONDecoder().decode(
      SignOff.self, from: JSONSerialization.data(withJSONObject: signOffObject))
    let signed = try signOff.signedDecision(with: signer.key)
    let body: [String: Any] = [
      "decision": "approve", "round": signed.round, "content_hash": signed.contentHash,
      "signed_at": signed.signedAt, "signature": signed.signature,
    ]
    let recorded = try HTTPExchange.perform(
      "POST", "/api/features/\(feature)/sign-offs", at: address, headers: headers,
      body: Array(try JSONSerialization.data(withJSONObject: body)))
    return recorded.status == 201
  }

  /// `wrk` for ten seconds after a two-second warm-up: requests per second and the 99th
  /// percentile of latency.
  private func wrkLoad(_ wrk: String, _ url: String, header: String?) throws -> WrkResult {
    let headerArguments = header.map { ["-H", $0] } ?? []
    _ = try spawn(wrk, ["-t2", "-c16", "-d2s"] + headerArguments + [url], environment: [:])
    let run = try spawnCapturing(
      wrk, ["-t2", "-c16", "-d10s", "--latency"] + headerArguments + [url])
    guard let rate = run.firstMatch(of: #/Requests/sec:\s+([0-9.]+)/#).flatMap({ Double($0.1) }),
      rate > 0
    else { fail("wrk did not report a rate for \(url): \(run.prefix(500))") }
    if run.contains("Non-2xx") { fail("wrk got errors from \(url): \(run.prefix(800))") }
    let p99 = run.firstMatch(of: #/99%\s+([0-9.]+[a-z]+)/#).map { String($0.1) } ?? "?"
    return WrkResult(requestsPerSecond: rate, p99: p99)
  }
}

struct WrkResult {
  var requestsPerSecond: Double
  var p99: String
}

/// Latencies gathered by the load's threads.
final class LockedList: @unchecked Sendable {
  private var values: [Double] = []
  private let lock = NSLock()
  func append(_ value: Double) {
    lock.lock()
    values.append(value)
    lock.unlock()
  }
  func sorted() -> [Double] {
    lock.lock()
    defer { lock.unlock() }
    return values.sorted()
  }
}

/// A server started for the benchmark, on the port it announces on standard error.
final class ServerProcess {
  private let process = Process()
  let port: Int

  init(_ executable: String, _ arguments: [String], announces: Regex<(Substring, Substring)>)
    throws
  {
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-bench-server-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardError = try FileHandle(forWritingTo: log)
    process.standardOutput = try FileHandle(forWritingTo: log)
    try process.run()
    var found: Int?
    for _ in 0..<600 where found == nil {
      let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
      found = text.firstMatch(of: announces).flatMap { Int($0.1) }
      if found == nil {
        guard process.isRunning else { fail("\(executable) did not start: \(text.prefix(500))") }
        usleep(50_000)
      }
    }
    guard let found else { fail("\(executable) did not say where it listens") }
    port = found
  }

  /// The server's maximum resident memory so far, in kilobytes.
  var peakKilobytes: Int {
    let status = try? String(
      contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
    return status?.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
      .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
  }

  /// Ends the server with `signal` (SIGTERM: as it is stopped; SIGKILL: as its machine dies).
  func stop(_ signal: Int32 = SIGTERM) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
  }
}

/// Runs a command to the end; what it printed on standard output.
func spawnCapturing(_ executable: String, _ arguments: [String]) throws -> String {
  let process = Process()
  let output = Pipe()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}
