import AIGovKit
import Foundation
import Testing

/// The AI bill of materials as its readers check it: against the official CycloneDX schema, with
/// the CycloneDX project's own Python library, by the README's script as written.
@Suite struct CycloneDXCommandTests {
  /// The library and version the README names; `.ci/run` installs it, and a machine without it
  /// gets it from PyPI, into the build folder, the first time.
  static let library = "cyclonedx-python-lib[json-validation]==11.12.0"

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// PYTHONPATH for a python3 that imports `cyclonedx`, found (or installed) once for every test.
  static let pythonPath: String = {
    let imports = { (path: String) in
      (try? ChildProcess.run(
        "/usr/bin/env", ["python3", "-c", "import cyclonedx.validation.json"],
        environment: ProcessInfo.processInfo.environment.merging(["PYTHONPATH": path]) { $1 }))?
        .status == 0
    }
    if imports("") { return "" }
    let folder = packageRoot.appendingPathComponent(".build/python-cyclonedx").path
    if !imports(folder) {
      // A failed install shows as the script's own failure to import, in the test.
      _ = try? ChildProcess.run(
        "/usr/bin/env",
        ["python3", "-m", "pip", "install", "--quiet", "--target", folder, library],
        environment: ProcessInfo.processInfo.environment)
    }
    return folder
  }()

  /// The README's walkthrough: both versions written and valid; then the same script on a
  /// document broken two ways names both faults and fails.
  @Test func theREADMEsBillOfMaterialsValidatesWithTheOfficialLibrary() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let block = try GovernanceCommandTests.readmeBlock("cyclonedx-walkthrough")
    let environment = ["PYTHONPATH": Self.pythonPath]
    let outcome = try harness.shell(block, environment: environment)
    #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    #expect(outcome.stdout.contains("ai-bom.json: a valid CycloneDX 1.6 document"))
    #expect(outcome.stdout.contains("ai-bom-1.7.json: a valid CycloneDX 1.7 document"))
    #expect(outcome.stderr.contains("wrote a CycloneDX 1.6 AI bill of materials of 23 features"))

    // The same script catches a document that is not CycloneDX.
    let script = try #require(block.range(of: "python3 - ai-bom.json ai-bom-1.7.json <<'PY'\n"))
    let validator = "python3 - broken.json <<'PY'\n" + block[script.upperBound...]
    let url = harness.directory.appendingPathComponent("ai-bom.json")
    var document = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    var components = try #require(document["components"] as? [[String: Any]])
    components[0]["type"] = "ai-feature"
    document["components"] = components
    var services = try #require(document["services"] as? [[String: Any]])
    services[0]["colour"] = "red"
    document["services"] = services
    try JSONSerialization.data(withJSONObject: document).write(
      to: harness.directory.appendingPathComponent("broken.json"))
    let broken = try harness.shell(validator, environment: environment)
    #expect(broken.status == 1, "\(broken.stderr)")
    #expect(broken.stdout.contains("broken.json: components/0/type: 'ai-feature' is not one of"))
    #expect(
      broken.stdout.contains("broken.json: services/0: Additional properties are not allowed"))
  }

  /// The file is written whole or not at all, never over another, and the same database and
  /// clock give the same bytes.
  @Test func theFileIsNewAndReproducible() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try harness.succeed(["export", "--format", "cyclonedx", "--output", "a.json"])
    try harness.succeed(["export", "--format", "cyclonedx", "--output", "b.json"])
    let a = try Data(contentsOf: harness.directory.appendingPathComponent("a.json"))
    let b = try Data(contentsOf: harness.directory.appendingPathComponent("b.json"))
    #expect(a == b)
    let again = try harness.run(["export", "--format", "cyclonedx", "--output", "a.json"])
    #expect(again.status == 70)
    #expect(try Data(contentsOf: harness.directory.appendingPathComponent("a.json")) == a)
    let files = try FileManager.default.contentsOfDirectory(atPath: harness.directory.path)
    #expect(
      Set(files.filter { !$0.hasPrefix("aigov.sqlite") }) == ["a.json", "b.json"], "\(files)")
  }
}
