import Foundation
import Testing

/// The fuzz targets, run without libFuzzer: every input the fuzzers found a fault with
/// (`Fixtures/fuzz/<target>/`) passes now, and every seed runs through its target.
@Suite struct FuzzTargetTests {
  static let targets = ["csv", "json", "federal"]

  /// The `aigov-fuzz` binary that `swift test` built beside `aigov`.
  static let binary = CommandLineHarness.binary.deletingLastPathComponent()
    .appendingPathComponent("aigov-fuzz")

  static let findings = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures/fuzz").standardizedFileURL

  /// Each folder of `Fixtures/fuzz` is a target's findings, replayed through it.
  @Test func everyFindingStaysFixed() throws {
    let folders = try FileManager.default.contentsOfDirectory(atPath: Self.findings.path)
      .filter { $0 != "README.md" }.sorted()
    #expect(!folders.isEmpty)
    for target in folders {
      #expect(Self.targets.contains(target), "Fixtures/fuzz/\(target) is no target's")
      let folder = Self.findings.appendingPathComponent(target)
      let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        .map { folder.appendingPathComponent($0).path }
      let harness = try CommandLineHarness()
      let outcome = try harness.launch(Self.binary, ["replay", target] + inputs)
      #expect(outcome.status == 0, "\(target): \(outcome.stderr)")
      #expect(outcome.stdout.split(separator: "\n").count == inputs.count)
    }
  }

  @Test(arguments: targets)
  func everySeedRunsThroughItsTarget(_ target: String) throws {
    let harness = try CommandLineHarness()
    let corpus = harness.directory.appendingPathComponent("corpus").path
    let seeded = try harness.launch(Self.binary, ["seed", target, corpus])
    #expect(seeded.status == 0, "\(seeded.stderr)")
    let seeds = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
    #expect(seeds.count >= 12)
    let outcome = try harness.launch(
      Self.binary, ["replay", target] + seeds.map { corpus + "/" + $0 })
    #expect(outcome.status == 0, "\(outcome.stderr)")
  }
}
