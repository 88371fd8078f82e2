import AIGovKit
import Foundation
import Testing

@testable import aigov_mcp

/// The server as an assistant reaches it: `aigov mcp`, driven by a client nobody here wrote, the
/// official Python MCP client (PyPI `mcp`), which also checks every structured answer against the
/// tool's declared output schema.
@Suite struct PythonClientTests {
  /// The client's version, installed by `.ci/run`; a machine without it gets it from PyPI, into
  /// the build folder, the first time.
  static let clientPackage = "mcp==2.3.0"

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// PYTHONPATH for a python3 that imports `mcp`, found (or installed) once for every test.
  static let pythonPath: String = {
    let python = URL(fileURLWithPath: "/usr/bin/env")
    let imports = { (path: String) in
      (try? run(python, ["python3", "-c", "import mcp"], environment: ["PYTHONPATH": path]))?
        .status == 0
    }
    if imports("") { return "" }
    let folder = packageRoot.appendingPathComponent(".build/python-mcp").path
    if !imports(folder) {
      // A failed install shows as the client's own failure to start, in the test that needs it.
      _ = try? run(
        python, ["python3", "-m", "pip", "install", "--quiet", "--target", folder, clientPackage])
    }
    return folder
  }()

  /// Runs `steps` through `aigov mcp` on the served inventory; one outcome per step, after the
  /// outcome of `initialize`.
  static func outcomes(_ served: ServedInventory, _ steps: [[String: Any]]) throws -> [[String:
    Any]]
  {
    let scenario: [String: Any] = [
      "command": ServedInventory.binary("aigov").path,
      "args": ["mcp", "--db", served.path, "--now", ServedInventory.nowText],
      "steps": steps,
    ]
    let driver = packageRoot.appendingPathComponent("Tests/aigov-mcpTests/Client/mcp_scenario.py")
    let outcome = try run(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", driver.path],
      input: try JSONSerialization.data(withJSONObject: scenario),
      environment: ["PYTHONPATH": pythonPath])
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let parsed = try JSONSerialization.jsonObject(with: outcome.stdout) as? [[String: Any]]
    let outcomes = try #require(parsed, "\(outcome.stderr)")
    #expect(outcomes.count == steps.count + 1)
    return Array(outcomes.dropFirst())
  }

  static func ok(_ outcome: [String: Any], _ what: String) -> [String: Any] {
    guard let result = outcome["ok"] as? [String: Any] else {
      Issue.record("\(what) failed: \(outcome)")
      return [:]
    }
    return result
  }

  @Test func aRealClientListsAndCallsEveryToolAndReadsEveryResource() throws {
    let served = try ServedInventory()
    let before = try served.digest()
    let calls: [(String, [String: Any])] = [
      ("find_features", ["category": "predictive", "limit": 5]),
      ("get_feature", ["key": "email-ai"]),
      ("list_providers", [:]),
      ("find_unprotected_data_flows", [:]),
      ("what_is_missing", ["key": "customer-agent"]),
      ("find_unmitigated_risks", ["minimum_level": "high"]),
      ("find_incidents", ["status": "closed"]),
      ("changes_between", ["from": "2026-10-01", "until": "2026-11-21"]),
      ("check_findings", [:]),
      ("list_controls", ["status": "in-place"]),
      ("list_meetings", [:]),
      ("framework_status", ["framework": "eu-ai-act", "feature": "brand-voice-ai"]),
      ("verify_audit_trail", [:]),
    ]
    var steps: [[String: Any]] = [["op": "list_tools"]]
    steps += calls.map { ["op": "call", "name": $0.0, "arguments": $0.1] }
    steps += [["op": "list_resources"], ["op": "list_templates"], ["op": "list_prompts"]]
    steps += [
      [
        "op": "get_prompt", "name": "prepare-quarterly-review", "arguments": ["quarter": "2026-Q3"],
      ],
      ["op": "get_prompt", "name": "launch-readiness", "arguments": ["feature": "email-ai"]],
    ]
    let outcomes = try Self.outcomes(served, steps)

    let tools = (Self.ok(outcomes[0], "tools/list")["tools"] as? [[String: Any]]) ?? []
    #expect(Set(tools.compactMap { $0["name"] as? String }) == Set(calls.map(\.0)))
    for tool in tools {
      let annotations = tool["annotations"] as? [String: Any]
      #expect(annotations?["readOnlyHint"] as? Bool == true, "\(tool["name"] ?? "")")
    }
    for (index, call) in calls.enumerated() {
      let result = Self.ok(outcomes[index + 1], call.0)
      #expect(result["isError"] as? Bool == false, "\(call.0): \(result)")
      #expect(result["structuredContent"] is [String: Any], "\(call.0)")
    }
    let verify =
      (Self.ok(outcomes[calls.count], "verify")["structuredContent"] as? [String: Any])?["records"]
      as? [String: Any]
    #expect(verify?["intact"] as? Bool == true)

    // Every resource listed, every page of them, is read.
    var uris: [String] = []
    var listing = Self.ok(outcomes[calls.count + 1], "resources/list")
    var pages = 1
    while true {
      uris += ((listing["resources"] as? [[String: Any]]) ?? []).compactMap { $0["uri"] as? String }
      guard let cursor = listing["nextCursor"] as? String else { break }
      listing = Self.ok(
        try Self.outcomes(served, [["op": "list_resources", "cursor": cursor]])[0], "page")
      pages += 1
    }
    #expect(uris.filter { $0.hasPrefix("aigov://features/") }.count == 24)
    #expect(uris.contains("aigov://public-page") && uris.contains("aigov://inventory"))
    #expect(uris.contains("aigov://reports/quarterly/2026-Q4"))
    let reads = try Self.outcomes(served, uris.map { ["op": "read", "uri": $0] })
    for (uri, outcome) in zip(uris, reads) {
      let contents = (Self.ok(outcome, uri)["contents"] as? [[String: Any]]) ?? []
      #expect((contents.first?["text"] as? String)?.isEmpty == false, "\(uri)")
    }
    let page = reads[uris.firstIndex(of: "aigov://public-page")!]
    let text =
      ((Self.ok(page, "page")["contents"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
    #expect(text.hasPrefix("# How Larkspur uses AI"))

    let templates =
      (Self.ok(outcomes[calls.count + 2], "templates")["resourceTemplates"] as? [[String: Any]])
      ?? []
    #expect(templates.compactMap { $0["uriTemplate"] as? String }.count == 2)
    let prompts =
      (Self.ok(outcomes[calls.count + 3], "prompts")["prompts"] as? [[String: Any]]) ?? []
    #expect(prompts.count == InventoryPrompt.allCases.count)
    #expect(Self.ok(outcomes[calls.count + 4], "prompt")["messages"] is [Any])
    #expect(Self.ok(outcomes[calls.count + 5], "prompt")["messages"] is [Any])
    #expect(try served.digest() == before)
  }

  @Test func malformedAndHostileRequestsGetClearErrorsAndChangeNothing() throws {
    let served = try ServedInventory()
    let before = try served.digest()
    let huge = String(repeating: "x", count: 10 << 20)
    let steps: [[String: Any]] = [
      ["op": "call", "name": "drop_everything", "arguments": [:]],
      ["op": "call", "name": "find_features", "arguments": ["limit": "ten"]],
      ["op": "call", "name": "find_features", "arguments": ["status": ["launched"]]],
      ["op": "call", "name": "find_features", "arguments": ["text": huge]],
      [
        "op": "call", "name": "get_feature",
        "arguments": ["key": "email-ai'; DROP TABLE features; --"],
      ],
      ["op": "call", "name": "get_feature", "arguments": ["key": "no-such-feature"]],
      ["op": "call", "name": "get_feature", "arguments": [:]],
      [
        "op": "call", "name": "find_features",
        "arguments": ["category": "<script>alert(1)</script>"],
      ],
      [
        "op": "call", "name": "changes_between",
        "arguments": ["from": "2026-11-02", "until": "2026-11-01"],
      ],
      ["op": "read", "uri": "aigov://features/x'--"],
      ["op": "read", "uri": "file:///etc/passwd"],
      ["op": "read", "uri": "aigov://features/no-such-feature"],
      ["op": "get_prompt", "name": "launch-readiness", "arguments": ["feature": "../../etc"]],
      ["op": "call", "name": "find_features", "arguments": ["category": "agentic"]],
    ]
    let outcomes = try Self.outcomes(served, steps)
    func error(_ index: Int) -> [String: Any] {
      (outcomes[index]["error"] as? [String: Any]) ?? [:]
    }
    func refusal(_ index: Int) -> String {
      let result = Self.ok(outcomes[index], "step \(index)")
      #expect(result["isError"] as? Bool == true, "step \(index): \(result)")
      return ((result["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
    }
    #expect(error(0)["code"] as? Int == -32602)
    #expect((error(0)["message"] as? String)?.contains("unknown tool 'drop_everything'") == true)
    #expect(refusal(1) == "argument 'limit' is a string (expected a whole number)")
    #expect(refusal(2) == "argument 'status' is an array (expected a string)")
    #expect(refusal(3) == "argument 'text' is 10485760 characters long (expected at most 200)")
    #expect(refusal(4).hasPrefix("invalid key 'email-ai'; DROP TABLE features; --'"))
    #expect(refusal(5) == "no feature 'no-such-feature'")
    #expect(refusal(6) == "get_feature needs the argument 'key'")
    #expect(refusal(7).contains("expected one of agentic, predictive, generative, automation"))
    #expect(refusal(8).contains("is not after 'from'"))
    for index in 9...11 { #expect(error(index)["code"] as? Int == -32002, "\(outcomes[index])") }
    #expect(error(12)["code"] as? Int == -32602)
    // After all of it, the server still answers, and the file is as it was.
    #expect(Self.ok(outcomes[13], "after")["isError"] as? Bool == false)
    #expect(try served.digest() == before)
  }
}
