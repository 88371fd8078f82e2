import AIGovKit
import Crypto
import Foundation
import Testing

/// `aigov backup`: a copy of one moment of the file, taken while another connection writes,
/// that verifies alone.
@Suite struct BackupCommandTests {
  /// SHA-256 of every row of every table of the file at `path`.
  static func digest(_ path: String) throws -> String {
    let content = try Database(path: path, mode: .readOnly).dumpContent()
    return SHA256.hash(data: Data(content.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  @Test func aCopyTakenWhileAnotherConnectionWritesHoldsWhatWasCommittedAndVerifiesAlone()
    throws
  {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.succeed(["audit", "verify"])
    let committed = try Self.digest(harness.database)
    // Another connection is in the middle of a write: the copy is the file as committed.
    let writer = try Database(path: harness.database, mode: .existing)
    try writer.configureForConcurrentUse()
    try writer.execute("BEGIN IMMEDIATE")
    try writer.execute("UPDATE settings SET value = 'half a change' WHERE name = 'public.company'")
    let copy = harness.directory.appendingPathComponent("copies/monday.sqlite").path
    try FileManager.default.createDirectory(
      atPath: harness.directory.appendingPathComponent("copies").path,
      withIntermediateDirectories: true)
    let backup = try harness.succeed(["backup", copy])
    try writer.execute("ROLLBACK")
    #expect(backup.stdout.hasPrefix("backed up to \(copy) ("))
    #expect(backup.stdout.contains("the copy verifies alone: "))
    #expect(try Self.digest(copy) == committed)
    // One file, in rollback-journal mode, with nothing half-written left beside it.
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: harness.directory.appendingPathComponent("copies").path) == ["monday.sqlite"])
    #expect(
      try Database(path: copy, mode: .readOnly).queryOne("PRAGMA journal_mode")?
        .optionalText("journal_mode") == "delete")
    let alone = try harness.succeed(["audit", "verify", "--db", copy])
    let head = try #require(alone.stdout.firstMatch(of: /head ([0-9]+) ([0-9a-f]{64})/))
    #expect(backup.stdout.contains("head \(head.1) \(head.2)"))

    let json = try harness.succeed(["backup", copy + ".json", "--format", "json"])
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["path"] as? String == copy + ".json")
    #expect((object["bytes"] as? Int ?? 0) > 0)
    #expect((object["verification"] as? [String: Any])?["intact"] as? Bool == true)
  }

  @Test func aCopyOfATamperedFileIsKeptAndSaysWhatIsWrong() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.shell(
      """
      sqlite3 aigov.sqlite "DROP TRIGGER audit_events_no_update; \
      UPDATE audit_events SET actor = 'mallory' WHERE seq = 3"
      """)
    let before = try Self.digest(harness.database)
    let refused = try harness.run(["backup", harness.directory.path + "/copy.sqlite"])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.hasPrefix(
        "error: the copy at '\(harness.directory.path)/copy.sqlite' does not verify: event 3"))
    #expect(refused.stdout.contains("but the copy does NOT verify"))
    #expect(try Self.digest(harness.directory.path + "/copy.sqlite") == before)
    #expect(try Self.digest(harness.database) == before)
  }
}
