import AIGovKit
import Foundation
import Testing

@testable import aigov

/// A command run in this process prints and exits exactly as the binary does, so that the
/// harness may run most commands without a process.
@Suite struct InProcessTests {
  static let commands: [[String]] = [
    ["feature", "list"], ["feature", "list", "--format", "json"],
    ["feature", "show", "email-ai"], ["feature", "show", "email-ai", "--format", "json"],
    ["feature", "show", "nope"], ["risk", "list", "--color", "always"], ["check"],
    ["review", "status"], ["report", "quarterly", "--quarter", "2026-Q3", "--format", "markdown"],
    ["report", "public", "--format", "json"], ["audit", "verify"],
    ["audit", "log", "--limit", "3"],
    ["feature", "edit", "email-ai", "--team", "Inbox"], ["feature", "edit", "email-ai"],
    ["feature", "add", "x"], ["--help"], ["feature", "--help"], ["--version"], ["nonsense"],
    ["risk", "add", "email-ai", "--likelihood", "9"],
  ]

  @Test(arguments: commands)
  func aCommandInProcessPrintsAndExitsAsTheBinaryDoes(_ arguments: [String]) throws {
    let process = try CommandLineHarness()
    try process.loadSample()
    let inProcess = try CommandLineHarness()
    try inProcess.loadSample()
    let expected = try process.launch(CommandLineHarness.binary, arguments)
    let outcome = inProcess.runInProcess(arguments)
    #expect(outcome.status == expected.status, "\(expected.stderr) / \(outcome.stderr)")
    #expect(outcome.stdout == expected.stdout)
    #expect(outcome.stderr == expected.stderr)
    #expect(try inProcess.snapshot() == process.snapshot())
  }

  @Test func aCommandThatReplacesTheProcessIsRefusedInProcess() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let outcome = harness.runInProcess(["mcp"])
    #expect(outcome.status == 70)
    #expect(outcome.stderr.contains("replaces the process"), "\(outcome.stderr)")
  }

  @Test func theHarnessKeepsAProcessForWhatDependsOnOne() throws {
    let harness = try CommandLineHarness()
    try "k".write(
      to: harness.directory.appendingPathComponent("keys"), atomically: true, encoding: .utf8)
    func inProcess(_ arguments: String..., environment: [String: String] = [:]) -> Bool {
      harness.runsInProcess(arguments, environment: environment)
    }
    #expect(inProcess("feature", "list"))
    #expect(inProcess("import", "/tmp/x.csv"))
    #expect(inProcess("audit", "verify", "--keys", "absent"))
    #expect(!inProcess("audit", "verify", "--keys", "keys"))
    #expect(!inProcess("report", "quarterly", "--output", "r.html"))
    #expect(!inProcess("report", "public", "--output=p"))
    #expect(!inProcess("report", "public", "--output", "page"))
    #expect(!inProcess("demo"))
    #expect(!inProcess("check", environment: ["AIGOV_DB": ""]))
  }
}
