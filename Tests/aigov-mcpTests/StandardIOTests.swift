import AIGovKit
import Foundation
import Testing

@testable import aigov_mcp

/// The server's standard input and output taken as bytes, and `aigov mcp` refusing what it cannot
/// serve, with aigov's exit statuses.
@Suite struct StandardIOTests {
  static let initialize =
    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","#
    + #""capabilities":{},"clientInfo":{"name":"t","version":"1"}}}"#

  /// The responses on standard output, by id (a null id as "null").
  static func responses(_ output: Data) throws -> [String: [String: Any]] {
    var byID: [String: [String: Any]] = [:]
    for line in output.split(separator: UInt8(ascii: "\n")) {
      let message = try #require(
        try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
      let id = message["id"].map { "\($0)" } ?? "none"
      byID[message["id"] is NSNull ? "null" : id] = message
    }
    return byID
  }

  @Test func garbageAndOversizedLinesAreAnsweredAndPipedRequestsAllAnswered() throws {
    let served = try ServedInventory()
    let before = try served.digest()
    let oversized =
      "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\",\"params\":{\"x\":\""
      + String(repeating: "y", count: LineTransport.maximumMessageBytes + 10) + "\"}}"
    let lines = [
      Self.initialize, "this is not json", "", "   ", oversized,
      #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"find_features","arguments":{"limit":1}}}"#,
      #"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"get_feature","arguments":{"key":"email-ai"}}}"#,
      #"{"jsonrpc":"2.0","id":4,"method":"resources/read","params":{"uri":"aigov://public-page"}}"#,
      #"{"jsonrpc":"2.0","id":5,"method":"no/such/method"}"#,
      #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
    ]
    // Input ends right after the last request: every request is answered all the same.
    let outcome = try run(
      ServedInventory.binary("aigov-mcp"), ["--db", served.path, "--now", ServedInventory.nowText],
      input: Data(lines.joined(separator: "\n").utf8))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let responses = try Self.responses(outcome.stdout)
    for id in ["1", "2", "3", "4"] {
      #expect(responses[id]?["result"] != nil, "request \(id): \(responses[id] ?? [:])")
    }
    #expect((responses["5"]?["error"] as? [String: Any])?["code"] as? Int == -32601)
    let oversizedError = responses["null"]?["error"] as? [String: Any]
    #expect(oversizedError?["code"] as? Int == -32600)
    #expect((oversizedError?["message"] as? String)?.contains("longer than 16777216 bytes") == true)
    let parseErrors = try Self.responses(outcome.stdout).values.filter {
      ($0["error"] as? [String: Any])?["code"] as? Int == -32700
    }
    #expect(parseErrors.count == 1)
    #expect(try served.digest() == before)
  }

  @Test func aigovMCPRefusesWhatItCannotServeWithAigovsStatuses() throws {
    let served = try ServedInventory()
    let aigov = ServedInventory.binary("aigov")
    let missing = try run(
      aigov, ["mcp", "--db", served.folder.appendingPathComponent("none").path])
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("no database at"))

    let notADatabase = served.folder.appendingPathComponent("notes.txt").path
    try Data("just text, not SQLite at all\n".utf8).write(to: URL(fileURLWithPath: notADatabase))
    let refused = try run(aigov, ["mcp", "--db", notADatabase])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("is not an aigov database"))
    #expect(
      try String(contentsOfFile: notADatabase, encoding: .utf8) == "just text, not SQLite at all\n")

    // aigov alone in a folder, with nothing on PATH: the server's executable is not there.
    let alone = served.folder.appendingPathComponent("alone")
    try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
    let copy = alone.appendingPathComponent("aigov")
    try ChildProcess.copyProgram(from: aigov.path, to: copy.path)
    let absent = try run(copy, ["mcp", "--db", served.path], environment: ["PATH": "/nonexistent"])
    #expect(absent.status == 69)
    #expect(absent.stderr.contains("cannot find 'aigov-mcp' beside aigov or on PATH"))

    let direct = try run(ServedInventory.binary("aigov-mcp"), ["--db", notADatabase])
    #expect(direct.status == 65 && direct.stderr.hasPrefix("aigov-mcp: "))
    let badTime = try run(
      ServedInventory.binary("aigov-mcp"), ["--db", served.path, "--now", "soon"])
    #expect(badTime.status == 64 && badTime.stderr.contains("invalid --now 'soon'"))
  }

  @Test func storedTextLeavesAsJSONEscapesNeverRaw() throws {
    let served = try ServedInventory()
    // Written behind aigov's back, as an attacker holding the file could.
    let payload = "\u{1B}[2J\u{1B}]0;pwned\u{7}\u{202E}\r\u{85}\u{7F}\u{2028}"
    try Database(path: served.path, mode: .existing).execute(
      "UPDATE features SET name = name || ? WHERE key = 'email-ai'", [payload])
    let lines = [
      Self.initialize,
      #"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_feature","arguments":{"key":"email-ai"}}}"#,
      #"{"jsonrpc":"2.0","id":3,"method":"resources/read","params":{"uri":"aigov://features/email-ai"}}"#,
    ]
    let outcome = try run(
      ServedInventory.binary("aigov-mcp"), ["--db", served.path, "--now", ServedInventory.nowText],
      input: Data(lines.joined(separator: "\n").utf8))
    let text = String(decoding: outcome.stdout, as: UTF8.self)
    let raw = text.unicodeScalars.filter {
      ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
        || [0x202E, 0x2028].contains($0.value)
    }
    #expect(raw.isEmpty, "raw \(raw.map { String($0.value, radix: 16) })")
    let responses = try Self.responses(outcome.stdout)
    let result = try #require(responses["2"]?["result"] as? [String: Any])
    let structured = result["structuredContent"] as? [String: Any]
    let feature = (structured?["records"] as? [String: Any])?["feature"] as? [String: Any]
    #expect(feature?["name"] as? String == "Email AI" + payload)
    #expect(responses["3"]?["result"] != nil)
  }
}
