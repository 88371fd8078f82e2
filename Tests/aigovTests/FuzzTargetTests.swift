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

  @Test(arguments: targets)
  func everyFindingStaysFixed(_ target: String) throws {
    let folder = Self.findings.appendingPathComponent(target)
    // A target the fuzzer found nothing with has no folder.
    guard FileManager.default.fileExists(atPath: folder.path) else { return }
    let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      .map { folder.appendingPathComponent($0).path }
    let harness = try CommandLineHarness()
    let outcome = try harness.launch(Self.binary, ["replay", target] + inputs)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.split(separator: "\n").count == inputs.count)
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
