import Foundation
import Testing

@testable import AIGovKit

/// What someone holding the file, or a careless colleague, tries through the command line and the
/// shell: each attempt is refused, or named by `audit verify`.
@Suite struct AttackTests {
  /// A database with elena (legal) signing with her key, and her key files.
  static func withElena() throws -> CommandLineHarness {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    try harness.shell("aigov reviewer keygen --output elena.key > elena.pub 2>/dev/null")
    try harness.succeed([
      "reviewer", "add", "elena", "--name", "Elena Novak", "--email", "elena@example.com",
      "--discipline", "legal", "--public-key", "elena.pub",
    ])
    return harness
  }

  @Test func aKeySwapThroughTheCommandLineNeedsTheOldKey() throws {
    let harness = try Self.withElena()
    try harness.shell("aigov reviewer keygen --output mine.key > mine.pub 2>/dev/null")
    let before = try harness.snapshot()
    let swap = try harness.run([
      "--actor", "priya", "reviewer", "edit", "elena", "--public-key", "mine.pub",
    ])
    #expect(swap.status == 1)
    #expect(swap.stderr.contains("a new key replaces it only with a statement signed by that key"))
    #expect(try harness.snapshot() == before)
    // Signed with the new key itself: still no proof.
    let selfSigned = try harness.run([
      "reviewer", "edit", "elena", "--public-key", "mine.pub", "--endorse-with", "mine.key",
    ])
    #expect(selfSigned.status == 1 && selfSigned.stderr.contains("neither their key in force"))
    // Elena's own key says so: accepted, and it verifies.
    try harness.succeed([
      "reviewer", "edit", "elena", "--public-key", "mine.pub", "--endorse-with", "elena.key",
    ])
    try harness.succeed(["audit", "verify"])
  }

  @Test(arguments: [
    "0000-01-01", "0001-01-01", "2026-11-22T25:00:00Z", "2026-11-22T10:00:60Z",
    "2026-11-22T10:00:00.5Z", "2026-02-29", "1969-12-31T23:59:59Z", "2026-11-22 10:00:00",
  ])
  func aMalformedTimeIsBadUsage(_ time: String) throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    let before = try harness.snapshot()
    let outcome = try harness.run(["--now", time, "config", "set", "check.review-grace-days", "3"])
    #expect(outcome.status == 64)
    #expect(outcome.stderr.contains("invalid --now '\(time)'"))
    #expect(outcome.stderr.contains("in the years 1970 to 9999"))
    #expect(try harness.snapshot() == before)
  }

  @Test func aTimeFarAheadOrBeforeTheTrailNeedsToBeTrusted() throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    try harness.succeed(["config", "set", "check.review-grace-days", "3"])
    let before = try harness.snapshot()
    let future = try harness.run([
      "--now", "9999-12-31", "config", "set", "check.review-grace-days", "4",
    ])
    #expect(future.status == 64 && future.stderr.contains("more than a day ahead"))
    let backwards = try harness.run([
      "--now", "2026-01-01", "config", "set", "check.review-grace-days", "4",
    ])
    #expect(backwards.status == 1 && backwards.stderr.contains("before the trail's newest event"))
    #expect(try harness.snapshot() == before)
    // Said explicitly, it is recorded, and verify names the event that goes back in time.
    try harness.succeed([
      "--now", "2026-01-01", "--trust-now", "config", "set", "check.review-grace-days", "4",
    ])
    let verify = try harness.run(["audit", "verify"])
    #expect(verify.status == 1 && verify.stdout.contains("times never go back"))
  }

  @Test func anImportNeverReadsThroughALinkNorEchoesWhatItFound() throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    let before = try harness.snapshot()
    let outcome = try harness.shell(
      """
      mkdir linked fifo
      ln -s /proc/self/environ linked/features.csv
      mkfifo fifo/features.csv
      printf 'SECRET_TOKEN=abc,OTHER=1\\n' > features.csv
      set +e
      aigov import linked; echo "linked=$?"
      aigov import fifo; echo "fifo=$?"
      aigov import features.csv; echo "plain=$?"
      """, environment: ["SECRET_TOKEN": "abc"])
    #expect(outcome.stdout.contains("linked=65") && outcome.stdout.contains("fifo=65"))
    #expect(outcome.stdout.contains("plain=65"))
    #expect(outcome.stderr.contains("features.csv: is a symbolic link"))
    #expect(outcome.stderr.contains("features.csv: is not a regular file"))
    #expect(!outcome.stderr.contains("SECRET_TOKEN"))
    #expect(try harness.snapshot() == before)
  }

  @Test func readCommandsCreateAndChangeNothing() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let listing = { try FileManager.default.contentsOfDirectory(atPath: harness.directory.path) }
    let files = try listing().sorted()
    let bytes = try Data(contentsOf: URL(fileURLWithPath: harness.database))
    for command in [
      ["feature", "list"], ["feature", "show", "email-ai"], ["provider", "list"],
      ["risk", "list"], ["mitigation", "list"], ["review", "status"], ["reviewer", "list"],
      ["config", "list"],
      ["audit", "log"], ["audit", "verify"], ["check"], ["report", "public"],
      ["report", "quarterly", "--quarter", "2026-Q3"],
    ] {
      let outcome = try harness.run(command)
      #expect([0, 2].contains(outcome.status), "\(command): \(outcome.stderr)")
      #expect(try listing().sorted() == files, "\(command) left a file")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: harness.database)) == bytes)
  }

  @Test func devicesAndEmptyFilesAreNotDatabases() throws {
    let harness = try CommandLineHarness()
    let outcome = try harness.shell(
      """
      : > empty.sqlite
      set +e
      aigov --db /dev/null feature list; echo "null=$?"
      aigov --db empty.sqlite feature list; echo "empty=$?"
      aigov --db empty.sqlite feature add x --name X --purpose p --category predictive \\
        --serving account-only --training none --owner o; echo "write=$?"
      test -e /dev/null-journal && echo journal-left
      test -s empty.sqlite && echo empty-written
      """)
    #expect(outcome.stdout.contains("null=65") && outcome.stdout.contains("empty=65"))
    #expect(outcome.stdout.contains("write=65"))
    #expect(!outcome.stdout.contains("journal-left") && !outcome.stdout.contains("empty-written"))
    #expect(outcome.stderr.contains("'/dev/null' is not a database file"))
    #expect(outcome.stderr.contains("'empty.sqlite' is empty"))
  }

  @Test func aRefusedOrDryRunImportIntoANewPathCreatesNothing() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.succeed(["export", "--output", "exported"])
    let outcome = try harness.shell(
      """
      set +e
      aigov --db new.sqlite import exported --dry-run; echo "dry=$?"
      mkdir broken && printf 'key,name\\nx,y\\n' > broken/features.csv
      aigov --db other.sqlite import broken; echo "refused=$?"
      ls
      """)
    #expect(outcome.stdout.contains("dry=0") && outcome.stdout.contains("refused=65"))
    #expect(!outcome.stdout.contains("new.sqlite") && !outcome.stdout.contains("other.sqlite"))
    #expect(!outcome.stdout.contains(".building-"))
    try harness.succeed(["--db", "restored.sqlite", "import", "exported"])
    try harness.succeed(["--db", "restored.sqlite", "audit", "verify"])
  }

  @Test func anExportThatCannotBeWrittenLeavesNothing() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    // A file size limit stands in for a full disk: every write past it fails.
    let outcome = try harness.shell(
      """
      set +e
      (trap '' XFSZ; ulimit -f 100; exec aigov export --output out); echo "status=$?"
      ls -a
      """)
    #expect(outcome.stdout.contains("status=70"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("cannot write"))
    #expect(!outcome.stdout.contains("out") && !outcome.stdout.contains(".exporting-"))
  }

  @Test func keygenLeavesNoKeyWhosePublicHalfWasNotPrinted() throws {
    let harness = try CommandLineHarness()
    let outcome = try harness.shell(
      """
      set +e
      aigov reviewer keygen --output mine.key > /dev/full; echo "status=$?"
      ls -a
      """)
    #expect(outcome.stdout.contains("status=70"))
    #expect(outcome.stderr.contains("no private key was written"))
    #expect(!outcome.stdout.contains("mine.key"))
  }

  @Test func aCheckpointCatchesAWholeChainRewriteAndOpensslChecksIt() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.shell("aigov reviewer keygen --output auditor.key > auditor.pub 2>/dev/null")
    try harness.succeed(["audit", "checkpoint", "--key", "auditor.key", "--output", "held"])
    let held = try FileManager.default.contentsOfDirectory(
      atPath: harness.directory.appendingPathComponent("held").path
    ).sorted()
    #expect(held.count == 3 && held[0].hasPrefix("checkpoint-") && held[0].hasSuffix(".json"))
    let stem = "held/" + held[0].dropLast(5)
    // openssl alone checks the checkpoint.
    let openssl = try harness.shell(
      "openssl pkeyutl -verify -pubin -inkey \(stem).pub -rawin -in \(stem).json "
        + "-sigfile \(stem).sig")
    #expect(openssl.status == 0 && openssl.stdout.contains("Signature Verified Successfully"))
    try harness.succeed(["audit", "verify", "--checkpoint", "\(stem).json"])

    // The whole chain rewritten from an early event on, every later hash recomputed.
    let database = try Database(path: harness.database, mode: .existing)
    // The checkpoint recorded in the trail would name the old hash: the rewriter removes it.
    try database.executeScript(
      "DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete; "
        + "DELETE FROM audit_events WHERE entity = 'checkpoint';")
    // Who recorded the first risk is changed, and every later hash recomputed.
    let first = try #require(
      try database.scalarInteger("SELECT min(seq) FROM audit_events WHERE entity = 'risk'"))
    var previous = try #require(
      try database.queryOne("SELECT hash FROM audit_events WHERE seq = ?", [first - 1])?
        .optionalText("hash"))
    for row in try database.query(
      "SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq", [first])
    {
      var event = try AuditTrail.event(from: row)
      if event.seq == first { event.actor = "someone-else" }
      event.prevHash = previous
      event.hash = event.computedHash
      try database.execute(
        "UPDATE audit_events SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?",
        [event.actor, event.prevHash, event.hash, event.seq])
      previous = event.hash
    }
    try database.executeScript(
      """
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
      """)
    // Alone, the file agrees with itself.
    let alone = try harness.run(["audit", "verify"])
    #expect(alone.status == 0, "\(alone.stdout)")
    let caught = try harness.run(["audit", "verify", "--checkpoint", "\(stem).json"])
    #expect(caught.status == 1)
    #expect(caught.stdout.contains("the trail was rewritten up to there"))
  }

  @Test func aVerificationSinceACheckpointJudgesWhatCameAfterIt() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.shell("aigov reviewer keygen --output auditor.key > auditor.pub 2>/dev/null")
    try harness.succeed(["audit", "checkpoint", "--key", "auditor.key", "--output", "held"])
    let stem = try #require(
      try FileManager.default.contentsOfDirectory(
        atPath: harness.directory.appendingPathComponent("held").path
      ).first { $0.hasSuffix(".json") })
    try harness.succeed(["feature", "edit", "email-ai", "--description", "Now in French too."])
    let intact = try harness.succeed(["audit", "verify", "--since", "held/\(stem)"])
    #expect(intact.stdout.contains("audit trail intact since the checkpoint of event"))
    #expect(intact.stdout.contains("2 events after it"))
    #expect(intact.stdout.contains("records: 1 touched since"))
    #expect(intact.stderr.contains("taken as last verified"))
    // The record the edit touched, changed behind aigov's back afterwards.
    try Database(path: harness.database, mode: .existing).execute(
      "UPDATE features SET name = 'Other' WHERE key = 'email-ai'")
    let caught = try harness.run(["audit", "verify", "--since", "held/\(stem)"])
    #expect(caught.status == 1)
    #expect(caught.stdout.contains("NOT intact since the checkpoint"))
    #expect(caught.stderr.contains("feature 'email-ai' differs from event"))
  }

  /// The state of the rules kept beside a checkpoint is the auditor's: one that does not read, or
  /// that is another checkpoint's, is refused rather than resumed from.
  @Test func aVerificationSinceResumesOnlyFromItsCheckpointsState() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.shell("aigov reviewer keygen --output auditor.key > auditor.pub 2>/dev/null")
    try harness.succeed(["audit", "checkpoint", "--key", "auditor.key", "--output", "first"])
    try harness.succeed(["feature", "edit", "email-ai", "--description", "Now in French too."])
    try harness.succeed(["audit", "checkpoint", "--key", "auditor.key", "--output", "second"])
    func held(_ folder: String) throws -> String {
      let name = try #require(
        try FileManager.default.contentsOfDirectory(
          atPath: harness.directory.appendingPathComponent(folder).path
        ).first { $0.hasSuffix(".json") })
      return "\(folder)/\(name)"
    }
    let (first, second) = (try held("first"), try held("second"))
    // A verification that finds a problem keeps nothing: the state is of a trail proved whole.
    let database = try Database(path: harness.database, mode: .existing)
    let team = try #require(
      try database.queryOne("SELECT team FROM features WHERE key = 'email-ai'")?
        .optionalText("team"))
    try database.execute("UPDATE features SET team = 'Elsewhere' WHERE key = 'email-ai'")
    let refused = try harness.run(["audit", "verify", "--checkpoint", first, "--keep-state"])
    #expect(refused.status == 1)
    #expect(
      !FileManager.default.fileExists(
        atPath: harness.directory.appendingPathComponent(
          String(first.dropLast(".json".count)) + ".state"
        ).path))
    try database.execute("UPDATE features SET team = ? WHERE key = 'email-ai'", [team])
    let kept = try harness.succeed([
      "audit", "verify", "--checkpoint", first, "--checkpoint", second, "--keep-state",
    ])
    #expect(kept.stderr.contains("kept the state of the rules at event"))
    let state = { (checkpoint: String) in
      harness.directory.appendingPathComponent(
        String(checkpoint.dropLast(".json".count)) + ".state")
    }
    #expect(FileManager.default.fileExists(atPath: state(first).path))
    let resumed = try harness.succeed(["audit", "verify", "--since", second])
    #expect(resumed.stderr.contains("the rules resumed from second/"))
    // The first checkpoint's state put beside the second.
    try FileManager.default.removeItem(at: state(second))
    try FileManager.default.copyItem(at: state(first), to: state(second))
    let swapped = try harness.run(["audit", "verify", "--since", second])
    #expect(swapped.status == 65)
    #expect(swapped.stderr.contains("it is the state at event"))
    #expect(swapped.stderr.contains("not at the event of the checkpoint beside it"))
    try Data("{\"state\": \u{1B}[2J}".utf8).write(to: state(second))
    let garbled = try harness.run(["audit", "verify", "--since", second])
    #expect(garbled.status == 65)
    #expect(
      garbled.stderr.contains(
        "it is not a state of the rules as 'aigov audit verify --keep-state' writes it"))
    // A state whose review rounds do not read is refused once an event after the checkpoint
    // asks for one: here a material change to a feature with rounds.
    try harness.succeed(["audit", "verify", "--checkpoint", second, "--keep-state"])
    let keptAgain = try Data(contentsOf: state(second))
    var file = try #require(try JSONSerialization.jsonObject(with: keptAgain) as? [String: Any])
    var rules = try #require(file["state"] as? [String: Any])
    rules["rounds"] = try #require(rules["rounds"] as? [String: String]).mapValues { _ in
      "{\"\u{1B}[2J\": 1}"
    }
    file["state"] = rules
    try JSONSerialization.data(withJSONObject: file).write(to: state(second))
    try harness.succeed(["feature", "edit", "email-ai", "--description", "Now in German too."])
    let before = try harness.snapshot()
    let unreadable = try harness.run(["audit", "verify", "--since", second])
    #expect(unreadable.status == 65)
    #expect(unreadable.stderr.contains("cannot use 'second/"))
    #expect(unreadable.stderr.contains("its review round #"))
    #expect(!unreadable.stderr.contains("\u{1B}"))
    #expect(try harness.snapshot() == before)
  }

  @Test func theAuditorsKeysNameAKeyTheyDoNotHold() throws {
    let harness = try Self.withElena()
    let elena = try ReviewerPublicKey(
      pem: try String(
        contentsOf: harness.directory.appendingPathComponent("elena.pub"), encoding: .utf8))
    try "# keys the auditor holds\n\(TrustedKeys.line(name: "elena", key: elena))\n".write(
      to: harness.directory.appendingPathComponent("keys"), atomically: true, encoding: .utf8)
    try harness.succeed(["audit", "verify", "--keys", "keys"])
    // Keys that someone else registered as elena's are not the auditor's.
    try harness.shell("aigov reviewer keygen --output other.key > other.pub 2>/dev/null")
    let other = try ReviewerPublicKey(
      pem: try String(
        contentsOf: harness.directory.appendingPathComponent("other.pub"), encoding: .utf8))
    try "\(TrustedKeys.line(name: "elena", key: other))\n".write(
      to: harness.directory.appendingPathComponent("wrong-keys"), atomically: true,
      encoding: .utf8)
    let wrong = try harness.run(["audit", "verify", "--keys", "wrong-keys"])
    #expect(wrong.status == 1)
    #expect(
      wrong.stdout.contains("reviewer 'elena''s key") && wrong.stdout.contains("auditor's keys"))
    let malformed = try harness.shell(
      "echo 'elena not-a-key' > bad-keys; aigov audit verify --keys bad-keys || echo status=$?")
    #expect(malformed.stdout.contains("status=65"))
    #expect(malformed.stderr.contains("keys file line 1"))
  }
}
