import AIGovKit
import Foundation

extension BenchRun {
  /// `audit verify` of a trail of `options.verifyEvents` events: chain, signatures and
  /// reconciliation.
  func auditVerify() throws -> [Budget] {
    var budgets: [Budget] = []
    let features = Int(
      (Double(options.verifyEvents) / SyntheticInventory.eventsPerFeature).rounded(.up))
    let path = folder.appendingPathComponent("verify-\(features).sqlite").path
    let build = try measureSeconds { try SyntheticInventory(features: features).build(at: path) }
    let events = try eventCount(at: path)
    note(
      "built \(features) features (\(events) audit events) in \(String(format: "%.1f", build)) s")
    let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
    let comparison = Comparison(
      name: "audit verify", runs: max(3, options.runs / 3), aigov: { ["audit", "verify"] },
      sqlite: { [path, SyntheticInventory.hashEveryEvent] })
    let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    print(
      Report.row(size: features, events: events, name: comparison.name, ours: ours, theirs: theirs))
    let scan = try measureRuns(
      sqlite3, runs: max(3, options.runs / 3), label: "reading every event",
      arguments: { [path, SyntheticInventory.readEveryEvent] }, environment: env)
    let why =
      "sqlite3 alone takes \(Report.milliseconds(scan.seconds)) to read every event once; "
      + "reconciling every record looks up its latest event by key"
    budgets.append(
      Budget(
        name: "audit verify, \(events) events", measured: Report.milliseconds(ours.seconds),
        baseline: "", limit: "1 s", ratio: ours.seconds, peakKilobytes: ours.peakKilobytes, why: why
      ))
    budgets.append(
      Budget(
        name: "audit verify, \(events) events", measured: Report.milliseconds(ours.seconds),
        baseline: "sqlite3 hashing " + Report.milliseconds(theirs.seconds), limit: "1x sqlite3",
        ratio: ours.seconds / theirs.seconds, peakKilobytes: ours.peakKilobytes, why: why))
    budgets.append(try verifySinceCheckpoint(at: path, features: features, events: events))
    return budgets
  }

  /// `audit verify --since` a checkpoint of the trail's head, after about 10,000 more events (new
  /// synthetic features, every hundredth reviewed) were recorded. The auditor's full verification
  /// with the checkpoint kept the state of the rules beside it (`--keep-state`), as the README
  /// has it.
  private func verifySinceCheckpoint(at path: String, features: Int, events: Int) throws
    -> Budget
  {
    let fixed = Date(timeIntervalSince1970: 1_795_000_000)
    let registry = try Registry.open(path: path, actor: "bench", clock: { fixed })
    let key = SigningKey()
    let checkpoint = try registry.checkpoint(signingWith: key)
    let stem = folder.appendingPathComponent("checkpoint-\(checkpoint.seq)")
    let signature = Data(base64Encoded: checkpoint.signature) ?? Data()
    try Data(checkpoint.statement).write(to: stem.appendingPathExtension("json"))
    try signature.write(to: stem.appendingPathExtension("sig"))
    try Data(checkpoint.publicKey.utf8).write(to: stem.appendingPathExtension("pub"))
    let (verified, states) = try registry.verify(
      checkpoints: [
        HeldCheckpoint(
          statement: checkpoint.statement, signature: Array(signature),
          publicKey: key.publicKey)
      ], keepingStatesAt: [checkpoint.seq])
    guard verified.isIntact, let state = states.first else {
      fail("the trail of \(path) does not verify: \(verified.problems.prefix(3))")
    }
    try Data(try state.bytes).write(to: stem.appendingPathExtension("state"))
    var added = features
    while try eventCount(at: path) < events + 10_001 {
      try registry.transaction {
        for index in added..<(added + 100) {
          try addSyntheticFeature(index, to: registry, launchable: false)
        }
      }
      added += 100
    }
    let after = try eventCount(at: path) - checkpoint.seq
    let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
    let comparison = Comparison(
      name: "audit verify --since (\(after) new)", runs: max(3, options.runs / 3),
      aigov: { ["audit", "verify", "--since", stem.appendingPathExtension("json").path] },
      sqlite: {
        [
          path,
          SyntheticInventory.hashEveryEvent.replacingOccurrences(
            of: "FROM audit_events", with: "FROM audit_events WHERE seq > \(checkpoint.seq)"),
        ]
      })
    let since = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let hashing = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    print(
      Report.row(
        size: added, events: checkpoint.seq + after, name: comparison.name, ours: since,
        theirs: hashing))
    return Budget(
      name: "audit verify --since, \(after) new events",
      measured: Report.milliseconds(since.seconds),
      baseline: "sqlite3 hashing " + Report.milliseconds(hashing.seconds), limit: "0.1 s",
      ratio: since.seconds / 0.1, peakKilobytes: since.peakKilobytes,
      why: "the events after the checkpoint, hashed, replayed from the state the full verification "
        + "kept, and the records they touched reconciled")
  }
}
