import Foundation
import Testing

@testable import AIGovKit

/// What a command leaves on the disk when it cannot finish, and what a command that only reads
/// leaves of the file it reads.
@Suite struct FileSafetyTests {
  /// Runs `aigov arguments` with files limited to `bytes` (and the signal that would kill it
  /// ignored), so that a write fails as on a full disk.
  func runOnAFullDisk(_ harness: CommandLineHarness, _ arguments: [String], bytes: Int) throws
    -> Outcome
  {
    let quoted = ([CommandLineHarness.binary.path] + arguments).map { "'\($0)'" }
      .joined(separator: " ")
    return try harness.launch(
      URL(fileURLWithPath: "/bin/bash"),
      ["-c", "ulimit -f \(bytes / 1024); trap '' XFSZ; exec \(quoted)"])
  }

  /// Everything under `folder`, relative to it, hidden files included.
  func contents(of folder: URL) throws -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    return (enumerator?.allObjects as? [String] ?? []).sorted()
  }

  @Test func aFailedExportLeavesNothingBehind() throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["demo"])
    // Without write-ahead logging a read writes nothing beside the database (no `-shm`), so only
    // the export's own files meet the limit.
    try Database(path: harness.database, mode: .existing).executeScript(
      "PRAGMA journal_mode = DELETE")
    let out = harness.directory.appendingPathComponent("out")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    let runs: [[String]] = [
      ["export", "--output", out.appendingPathComponent("new/deeper/export").path],
      ["export", "--format", "json", "--output", out.appendingPathComponent("export").path],
      ["export", "--schemas", out.appendingPathComponent("schemas/v8").path],
      [
        "export", "--profile", "omb-2025", "--output", out.appendingPathComponent("x/omb.csv").path,
      ],
    ]
    for arguments in runs {
      let outcome = try runOnAFullDisk(
        harness, ["--db", harness.database] + arguments, bytes: 4096)
      #expect(outcome.status == 70, "\(arguments): \(outcome.stderr)")
      #expect(outcome.stderr.contains("cannot write"), "\(arguments): \(outcome.stderr)")
      #expect(try contents(of: out) == [], "\(arguments)")
    }
    // With room, the same exports land where they were asked for, and nothing else.
    for arguments in runs { try harness.succeed(["--db", harness.database] + arguments) }
    let written = try contents(of: out)
    #expect(written.contains("new/deeper/export/manifest.json"))
    #expect(written.contains("x/omb.csv"))
    #expect(!written.contains { $0.contains(".exporting-") })
  }

  @Test func aCommandThatReadsNeverUpgradesTheFile() throws {
    let harness = try CommandLineHarness()
    let old = harness.directory.appendingPathComponent("old.sqlite").path
    let sql = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/upgrade/schema-3-sample.sql"), encoding: .utf8)
    let database = try Database(path: old, mode: .createIfMissing)
    try database.executeScript(sql)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: old))
    for arguments in [
      ["feature", "list"], ["audit", "verify"], ["check"], ["report", "public"],
      ["config", "list"],
    ] {
      let outcome = try harness.run(["--db", old] + arguments)
      #expect(outcome.status == 1, "\(arguments): \(outcome.stderr)")
      #expect(outcome.stderr.contains("a read never changes the file"), "\(outcome.stderr)")
      #expect(outcome.stderr.contains("'aigov init'"), "\(outcome.stderr)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: old)) == bytes, "\(arguments)")
    }
    try harness.succeed(["--db", old, "init"])
    try harness.succeed(["--db", old, "feature", "list"])
    try harness.succeed(["--db", old, "audit", "verify"])
  }

  /// Every rejected row is reported, however many: more than a pipe holds at once.
  @Test func everyRejectedRowIsReportedHoweverMany() throws {
    let harness = try CommandLineHarness()
    let file = harness.directory.appendingPathComponent("settings.csv")
    let rows = (1...5_000).map { "setting-\($0),b,c\r\n" }.joined()
    try Data(("name,value,endorsed_by,endorsing_key,endorsement\r\n" + rows).utf8).write(to: file)
    let outcome = try harness.run(["import", file.path])
    #expect(outcome.status == 65)
    #expect(outcome.stderr.utf8.count > 1 << 16)
    let lines = outcome.stderr.split(separator: "\n")
    #expect(lines.filter { $0.contains("3 fields where the header has 5") }.count == 5_000)
    #expect(lines.last?.contains("import refused, nothing was written: 5000 problems") == true)
  }
}
