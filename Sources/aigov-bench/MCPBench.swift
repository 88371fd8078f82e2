import AIGovKit
import Foundation

extension BenchRun {
  /// Tool calls to the read-only MCP server on the database of `size` features at `path`: each
  /// call timed inside one running server, as an assistant makes them, and the whole path of a
  /// server started for one call; against the sqlite3 shell doing the equivalent queries as a
  /// whole process.
  func mcpToolCalls(size: Int, path: String, events: Int, featureShow: Measurement) throws {
    let server = URL(fileURLWithPath: aigov).deletingLastPathComponent()
      .appendingPathComponent("aigov-mcp").path
    guard FileManager.default.isExecutableFile(atPath: server) else {
      fail("no aigov-mcp beside aigov at \(server); run: swift build -c release")
    }
    let middle = "feature-\(size / 2)"
    let getFeature = MCPSession.call(1, "get_feature", #"{"key":"\#(middle)"}"#)
    let search = MCPSession.call(1, "find_features", #"{"text":"\#(middle)","limit":50}"#)

    let session = try MCPSession(executable: server, database: path)
    let warm = try session.median(getFeature, runs: options.runs)
    let searching = try session.median(search, runs: max(3, options.runs / 3))
    let peak = session.finish()
    print(
      Report.row(
        size: size, events: events, name: "mcp get_feature (running server)",
        ours: Measurement(seconds: warm, peakKilobytes: peak), theirs: featureShow))

    let text = middle.lowercased()
    let scan = try measureRuns(
      sqlite3, runs: max(3, options.runs / 3), label: "find_features baseline",
      arguments: {
        [
          path,
          "SELECT count(*) FROM features WHERE instr(lower(key || ' ' || name || ' ' || "
            + "description || ' ' || purpose), '\(text)') > 0; SELECT * FROM features WHERE "
            + "instr(lower(key || ' ' || name || ' ' || description || ' ' || purpose), "
            + "'\(text)') > 0 ORDER BY key LIMIT 51;",
        ]
      }, environment: [:])
    print(
      Report.row(
        size: size, events: events, name: "mcp find_features text (running)",
        ours: Measurement(seconds: searching, peakKilobytes: peak), theirs: scan))

    // A server started for one call: start, initialize, the call, end of input, exit.
    let requests = folder.appendingPathComponent("mcp-requests.jsonl").path
    try Data((MCPSession.initialize + "\n" + getFeature + "\n").utf8).write(
      to: URL(fileURLWithPath: requests))
    var times: [Double] = []
    var coldPeak = 0
    for _ in 0..<max(3, options.runs / 3) {
      let run = try spawn(server, ["--db", path], environment: [:], input: requests)
      guard run.status == 0 else { fail("aigov-mcp exited with status \(run.status)") }
      times.append(run.seconds)
      coldPeak = max(coldPeak, run.peakKilobytes)
    }
    print(
      Report.row(
        size: size, events: events, name: "mcp start + get_feature + exit",
        ours: Measurement(seconds: times.sorted()[times.count / 2], peakKilobytes: coldPeak),
        theirs: featureShow))
  }
}

/// One running `aigov-mcp`, spoken to over its standard input and output.
final class MCPSession {
  static let initialize =
    #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","#
    + #""capabilities":{},"clientInfo":{"name":"aigov-bench","version":"1"}}}"#

  static func call(_ id: Int, _ tool: String, _ arguments: String) -> String {
    #"{"jsonrpc":"2.0","id":\#(id),"method":"tools/call","params":{"name":"\#(tool)","arguments":\#(arguments)}}"#
  }

  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private var pending: [UInt8] = []

  init(executable: String, database: String) throws {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["--db", database]
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    _ = try exchange(Self.initialize)
  }

  /// Sends one request and waits for its answer; the seconds between the two.
  func exchange(_ request: String) throws -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    input.fileHandleForWriting.write(Data((request + "\n").utf8))
    let answer = readLine()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    guard answer.contains(#""result""#), !answer.contains(#""isError":true"#) else {
      fail("aigov-mcp did not answer \(request.prefix(120)): \(answer.prefix(300))")
    }
    return seconds
  }

  func median(_ request: String, runs: Int) throws -> Double {
    var times: [Double] = []
    for _ in 0..<runs { times.append(try exchange(request)) }
    return times.sorted()[times.count / 2]
  }

  /// Ends the server; its peak memory in kilobytes.
  func finish() -> Int {
    let status = try? String(
      contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
    let peak =
      status?.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
      .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return peak
  }

  private func readLine() -> String {
    let handle = output.fileHandleForReading
    while true {
      if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
        let line = String(decoding: pending[..<newline], as: UTF8.self)
        pending.removeSubrange(...newline)
        return line
      }
      let chunk = handle.availableData
      guard !chunk.isEmpty else { fail("aigov-mcp ended before answering") }
      pending += chunk
    }
  }
}
