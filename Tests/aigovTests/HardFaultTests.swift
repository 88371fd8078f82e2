import AIGovKit
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// The database survives what happens to machines and teams: a process killed in the middle of a
/// write, several people writing at once, and other users of the same machine.
@Suite struct HardFaultTests {
  static let now = "2026-11-22T10:00:00Z"

  // MARK: Killed mid-write

  /// A restore is one long transaction: killed at any moment, it leaves the database as it was
  /// (empty) or restored, never between, with the trail and every record verifying.
  @Test func anImportKilledAtAnyMomentLeavesTheDatabaseBeforeOrAfter() throws {
    let harness = try CommandLineHarness()
    let export = harness.directory.appendingPathComponent("export")
    let source = try Self.registry(harness.directory.appendingPathComponent("source.sqlite").path)
    try Self.addFeatures(600, to: source)
    try source.export(to: export, format: .csv, toolVersion: "1")
    let before = harness.directory.appendingPathComponent("before.sqlite").path
    try harness.succeed(["--db", before, "init"])
    let after = try source.auditTrail.head()?.hash
    try Self.killRepeatedly(
      harness, arguments: ["import", export.path], before: before, states: [nil, after])
  }

  /// `demo --force` builds the new sample beside the old database and renames it over it: killed
  /// at any moment, the file holds the old sample or the new one.
  @Test func aDemoKilledAtAnyMomentLeavesTheDatabaseBeforeOrAfter() throws {
    let harness = try CommandLineHarness()
    let before = harness.directory.appendingPathComponent("before.sqlite").path
    let complete = harness.directory.appendingPathComponent("complete.sqlite").path
    try harness.succeed(["--db", before, "demo", "--now", "2026-06-30T00:00:00Z"])
    try harness.succeed([
      "--db", complete, "demo", "--now", "2026-12-31T00:00:00Z", "--trust-now",
    ])
    let states = try [before, complete].map { try Self.registry($0).auditTrail.head()?.hash }
    try Self.killRepeatedly(
      harness, arguments: ["demo", "--force", "--now", "2026-12-31T00:00:00Z", "--trust-now"],
      before: before,
      states: states)
  }

  /// Runs `aigov arguments` on a fresh copy of `before` a hundred times, killing it with SIGKILL
  /// after a delay drawn from a fixed seed across the whole run, and checks what each kill left.
  static func killRepeatedly(
    _ harness: CommandLineHarness, arguments: [String], before: String, states: [String?]
  ) throws {
    let target = harness.directory.appendingPathComponent("target.sqlite").path
    // How long a whole run takes: measured once, then followed as the machine's load changes,
    // so that the delays keep spanning the run: a kill that came after the run ended says it was
    // shorter, one that found it running near the end says it was longer.
    try Self.reset(target, from: before, in: harness.directory)
    let started = Date()
    try harness.succeed(["--db", target] + arguments)
    var fullRun = Date().timeIntervalSince(started)
    var random = SplitMix64(seed: 20_261_124)
    var outcomes: [String?: Int] = [:]
    var killedWhileRunning = 0
    // Every row of each state a kill left that verified: the next kill that leaves the same rows
    // has left the same verified state (a full verify of a debug build is most of this test).
    var verified: Set<String> = []
    for attempt in 1...100 {
      try Self.reset(target, from: before, in: harness.directory)
      let fraction = Double(random.next() % 10_000) / 10_000 * 1.2
      let delay = fraction * fullRun
      if try Self.run(["--db", target] + arguments, killedAfter: delay) {
        killedWhileRunning += 1
        if fraction > 0.8 { fullRun *= 1.1 }
      } else {
        fullRun *= 0.9
      }
      let registry = try Self.registry(target)
      let label = "kill \(attempt) after \(Int(delay * 1000)) ms"
      #expect(
        try Self.integrity(try Database(path: target, mode: .existing)) == "ok", "\(label)")
      let rows = try CommandLineHarness.snapshot(of: target)
      if !verified.contains(rows) {
        let verification = try registry.verify()
        #expect(verification.isIntact, "\(label): \(verification.problems.prefix(3))")
        if verification.isIntact { verified.insert(rows) }
      }
      let head = try registry.auditTrail.head()?.hash
      #expect(states.contains(head), "\(label) left the trail at \(head ?? "nothing")")
      outcomes[head, default: 0] += 1
    }
    // The kills landed across the write: some before it committed, some after.
    #expect(killedWhileRunning >= 40, "only \(killedWhileRunning) kills found aigov running")
    // What the kills left beside the database, the next run clears away.
    try harness.succeed(["--db", target] + arguments)
    let left = try FileManager.default.contentsOfDirectory(atPath: harness.directory.path)
    #expect(!left.contains { $0.hasPrefix("target.sqlite.building-") }, "\(left)")
    for state in states {
      #expect(outcomes[state, default: 0] > 0, "no kill left the trail at \(state ?? "nothing")")
    }
  }

  /// Puts a copy of `before` at `target`, without its -wal and -shm files (a killed run may
  /// leave them); what else it left, the run after it must deal with.
  static func reset(_ target: String, from before: String, in directory: URL) throws {
    let files = FileManager.default
    for path in [target, target + "-wal", target + "-shm"] where files.fileExists(atPath: path) {
      try files.removeItem(atPath: path)
    }
    try files.copyItem(atPath: before, toPath: target)
  }

  /// Runs aigov and kills it after `delay` seconds; true when it was still running then.
  static func run(_ arguments: [String], killedAfter delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = CommandLineHarness.binary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["AIGOV_NOW"] = now
    environment["AIGOV_ACTOR"] = "tester"
    process.environment = environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    usleep(UInt32(delay * 1_000_000))
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal
  }

  static func integrity(_ database: Database) throws -> String? {
    try database.queryOne("PRAGMA integrity_check")?.text("integrity_check")
  }

  static func registry(_ path: String) throws -> Registry {
    try Registry.open(
      path: path, create: true, actor: "tester", clock: { Timestamp.parse(now)! })
  }

  static func addFeatures(_ count: Int, to registry: Registry) throws {
    for number in 1...count {
      var draft = FeatureDraft(
        key: "feature-\(number)", name: "Feature \(number)",
        purpose: "Scores accounts for the benchmark of a long write.", category: .predictive,
        servingUse: .accountOnly, trainingUse: .none, owner: "owner-\(number % 7)")
      draft.description = String(repeating: "A description of some length. ", count: 20)
      try registry.addFeature(draft)
    }
  }

  // MARK: Many writers

  /// Eight processes add, edit and sign at once, each command its own process: every change is
  /// there afterwards, the trail verifies, and no command failed other than with the busy status.
  @Test func eightWritersAtOnceLoseNothing() throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    try harness.succeed([
      "feature", "add", "shared", "--name", "Shared", "--purpose", "p", "--category",
      "automation", "--serving", "account-only", "--training", "none", "--owner", "lead",
    ])
    for worker in 1...8 {
      let publicKey = try harness.succeed(["reviewer", "keygen", "--output", "key-\(worker).pem"])
      try publicKey.stdout.write(
        to: harness.directory.appendingPathComponent("key-\(worker).pub"), atomically: true,
        encoding: .utf8)
      try harness.succeed([
        "reviewer", "add", "rev-\(worker)", "--name", "Reviewer \(worker)", "--email",
        "rev-\(worker)@example.com", "--discipline", "legal", "--public-key",
        "key-\(worker).pub",
      ])
    }
    let writers = try harness.shell(
      """
      set +e
      run() {
        for attempt in 1 2 3 4 5; do
          aigov "$@" > /dev/null 2>> "errors-$w"
          status=$?
          if [ $status -eq 69 ]; then echo "$w: $*" >> busy; continue; fi
          if [ $status -ne 0 ]; then echo "$w: status $status: $*" >> failures; fi
          return
        done
        echo "$w: busy five times: $*" >> failures
      }
      worker() {
        w=$1
        for i in 1 2 3 4 5 6; do
          run feature add "f-$w-$i" --name "Feature $w $i" --purpose p --category automation \\
            --serving account-only --training none --owner "owner-$w"
        done
        for i in 1 2 3 4 5 6; do
          run feature edit "f-$w-$i" --description "edited by writer $w"
          run feature edit shared --description "writer $w, edit $i"
        done
        run review open "f-$w-1"
        run --actor "rev-$w" review sign "f-$w-1" --decision approve --key "key-$w.pem"
      }
      for w in 1 2 3 4 5 6 7 8; do worker $w & done
      wait
      touch failures busy
      cat failures
      echo "busy: $(wc -l < busy)" >&2
      """)
    #expect(writers.stdout.isEmpty, "\(writers.stdout)")
    let database = try Database(path: harness.database, mode: .existing)
    #expect(try database.scalarInteger("SELECT count(*) FROM features") == 49)
    #expect(
      try database.scalarInteger(
        "SELECT count(*) FROM features WHERE description = 'edited by writer ' || substr(key, 3, 1)"
      ) == 48)
    #expect(
      try database.scalarInteger("SELECT version FROM features WHERE key = 'shared'") == 49)
    #expect(
      try database.scalarInteger(
        "SELECT count(*) FROM audit_events WHERE action = 'feature.update' AND entity_key = "
          + "'shared'") == 48)
    #expect(
      try database.scalarInteger("SELECT count(*) FROM signoffs WHERE signature IS NOT NULL")
        == 8)
    #expect(try Self.integrity(database) == "ok")
    let verify = try harness.run(["audit", "verify"])
    #expect(verify.status == 0, "\(verify.stdout)")
  }

  // MARK: Permissions

  /// With a umask that would let anyone read them, the database, the files SQLite keeps beside
  /// it and private keys are still readable and writable by their owner only.
  @Test func theDatabaseItsJournalAndKeysAreTheOwnersAlone() throws {
    let harness = try CommandLineHarness()
    let outcome = try harness.shell(
      """
      umask 000
      aigov demo > /dev/null 2>&1
      aigov reviewer keygen --output signing.pem > /dev/null 2>&1
      aigov export --output export > /dev/null 2>&1
      aigov --db restored.sqlite import export > /dev/null 2>&1
      # A writer killed mid-write leaves its -wal and -shm files for the next one to recover.
      aigov demo --db killed.sqlite > /dev/null 2>&1 &
      writer=$!
      while [ -z "$(ls killed.sqlite.building-*-wal 2> /dev/null)" ]; do sleep 0.01; done
      sleep 0.05
      kill -9 $writer
      wait $writer || true
      stat -c '%a %n' aigov.sqlite signing.pem restored.sqlite killed.sqlite.building-*
      """)
    let modes = outcome.stdout.split(separator: "\n").map {
      $0.split(separator: " ").map(String.init)
    }
    let names = Set(modes.map { $0[1] })
    #expect(names.contains { $0.hasSuffix("-wal") } && names.contains { $0.hasSuffix("-shm") })
    for entry in modes { #expect(entry[0] == "600", "\(entry[1]) is \(entry[0])") }
    #expect(modes.count >= 6, "\(outcome.stdout) \(outcome.stderr)")
  }
}

/// A small, seeded generator, so that every run kills at the same moments.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}
