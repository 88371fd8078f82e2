import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

@main
struct AIGov: ParsableCommand {
  /// This release, as exports and reports record it.
  static let toolVersion = ToolRelease.version

  static let configuration = CommandConfiguration(
    commandName: "aigov",
    abstract: "Keep the inventory of a product's AI features, their risks and their reviews.",
    discussion: """
      One SQLite file is the source of truth (--db, else $AIGOV_DB, else ./aigov.sqlite). Every \
      change lands in a tamper-evident audit trail.

      Exit status: 0 success, 1 refused by a rule or not found, 2 'check' found a violation, \
      64 bad usage, 65 bad input data, 66 input file missing, 69 database busy (or the MCP \
      server's executable missing), 70 internal error.
      """,
    version: "\(toolVersion) (database schema version \(Registry.migrator.latestVersion))",
    subcommands: [
      Init.self, Feature.self, Provider.self, Risk.self, Mitigation.self, Monitor.self,
      Incident.self, Control.self, Exception.self, Statement.self, Evidence.self, Framework.self,
      Reviewer.self, Meeting.self, Todo.self, Webhook.self,
      Review.self, Config.self, Audit.self, Check.self, Report.self, Export.self, Import.self,
      Backup.self,
      Token.self, MCP.self, Serve.self, Demo.self,
    ]
  )

  /// Parses, runs, and turns any error into one line on stderr and the exit status the README
  /// documents. Usage errors and help are left to the argument parser.
  static func main() {
    ExitStatus.terminate(withCode: execute(Array(CommandLine.arguments.dropFirst())))
  }

  /// Parses and runs `arguments`, says what went wrong, and returns the exit status.
  static func execute(_ arguments: [String]) -> Int32 {
    do {
      var command = try parseAsRoot(hoistingGlobalOptions(arguments))
      try command.run()
      return ExitStatus.success.rawValue
    } catch let failure as Failure {
      Console.error(failure.message)
      return failure.status.rawValue
    } catch {
      if let status = ExitStatus(for: error) {
        Console.error(ExitStatus.message(for: error))
        return status.rawValue
      }
      // The parser's own messages quote the arguments given, which may hold anything.
      let code = exitCode(for: error)
      let message = fullMessage(for: error)
      if code == .success {
        DescriptorOutput.standardOutput.writeOrExit(message + "\n")
      } else if !message.isEmpty {
        Console.note(message)
      }
      return code.rawValue
    }
  }

  /// Options every command takes, which people also write before the subcommand
  /// (`aigov --db x.sqlite feature list`).
  static let globalOptionNames: Set<String> = [
    "--db", "--actor", "--now", "--color", "--format", "--server",
  ]
  /// Global flags, which take no value.
  static let globalFlagNames: Set<String> = ["--trust-now"]

  /// Moves global options written before the first subcommand to the end, where the subcommand
  /// that declares them parses them.
  static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
    var hoisted: [String] = []
    var index = 0
    while index < arguments.count, arguments[index].hasPrefix("--") {
      let argument = arguments[index]
      let name = String(argument.prefix { $0 != "=" })
      guard globalOptionNames.contains(name) || globalFlagNames.contains(name) else { break }
      hoisted.append(argument)
      if globalOptionNames.contains(name), !argument.contains("="), index + 1 < arguments.count {
        hoisted.append(arguments[index + 1])
        index += 1
      }
      index += 1
    }
    return Array(arguments[index...]) + hoisted
  }
}
