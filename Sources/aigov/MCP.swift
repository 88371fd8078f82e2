import AIGovKit
import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension AIGov {
  struct MCP: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "mcp",
      abstract: "Serve the inventory, read-only, to AI assistants (Model Context Protocol, stdio).",
      discussion: """
        Runs the MCP server 'aigov-mcp', found beside this aigov or else on PATH, on the \
        database chosen as for every command. It opens the file with SQLite's read-only flag and \
        has no tool that writes: an assistant can find features, read a feature's whole record \
        and review state, providers and their terms, what blocks an approval or a launch, risks \
        without a mitigation in place, what the trail recorded between two dates, check's \
        findings and audit verify's result, and read the inventory, each feature, the public \
        page and the quarterly report as resources. Register 'aigov mcp --db PATH' with the \
        assistant (the README shows the JSON).
        """)

    @Option(help: GlobalOptions.databaseHelp)
    var db: String?

    @Option(
      help: ArgumentHelp(
        "Answer as of this time, e.g. 2026-11-22T09:30:00Z or 2026-11-22 (default: $AIGOV_NOW, "
          + "else the clock at each request).", valueName: "time"))
    var now: String?

    func validate() throws {
      try GlobalOptions.validate(now: now)
    }

    func run() throws {
      let path = GlobalOptions.databasePath(db)
      // Opened here first, so that a wrong file is refused with aigov's own words and status.
      _ = try Registry.openReadOnly(path: path, clock: GlobalOptions.clock(now: now))
      var arguments = ["--db", path]
      if let now = now ?? GlobalOptions.environment("AIGOV_NOW") { arguments += ["--now", now] }
      try SiblingExecutable(name: "aigov-mcp").replaceProcess(arguments: arguments)
    }
  }
}

extension SiblingExecutable {
  /// Runs it in place of this process, with the same standard input, output and environment.
  func replaceProcess(arguments: [String]) throws -> Never {
    guard CommandContext.current == nil else {
      throw Failure(status: .software, message: "'\(name)' replaces the process; run it as one")
    }
    guard let executable = locate() else {
      throw Failure(status: .unavailable, message: missing)
    }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    execv(executable, argv)
    let reason = String(cString: strerror(errno))
    throw Failure(status: .unavailable, message: "cannot run '\(executable)': \(reason)")
  }
}
