import Foundation
import Testing

/// Compares `rendered` byte for byte with `Fixtures/golden/<name>`; with `AIGOV_RECORD_GOLDEN=1`
/// in the environment, records it there first.
func expectGolden(
  _ rendered: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures/golden/\(name)")
  if ProcessInfo.processInfo.environment["AIGOV_RECORD_GOLDEN"] == "1" {
    try Data(rendered.utf8).write(to: golden)
  }
  #expect(
    rendered == (try String(contentsOf: golden, encoding: .utf8)), sourceLocation: sourceLocation)
}
