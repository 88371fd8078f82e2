import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension AIGov {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Import an export of aigov (a folder or one of its files), or a public inventory.",
      discussion: """
        A whole export, audit trail included, going into a database that holds nothing (or \
        does not exist yet) is \
        restored exactly as it was (ids, trail and signatures), after the trail, the \
        signatures and every record have been verified. Into a database that holds records, \
        the import adds providers, features (with their data categories, provider links and \
        attributes), risks and mitigations that are new, leaves alone those that are the \
        same, and refuses those that differ unless --update is given; every change is audited \
        here as an import. Review rounds, sign-offs and another database's trail are not \
        merged.

        A feature that arrives approved, launched or suspended keeps that status and is \
        marked unreviewed: 'aigov check' reports it as an error until a review here approves \
        it. One that arrives in review arrives proposed.

        All or nothing: every row is checked and every problem listed (file, line or row, \
        field, reason); one problem refuses the whole import, with nothing written (exit 65). \
        --dry-run checks and reports the same, and writes nothing.

        --profile omb-2025 reads the US federal AI use-case inventory (2025 template) instead; \
        see the README.
        """)

    @Argument(
      help: ArgumentHelp("The export folder, or one of its .csv or .json files.", valueName: "PATH")
    )
    var path: String
    @Flag(help: "Check and report everything; write nothing.")
    var dryRun = false
    @Flag(help: "Change existing records that differ from the import (else they are refused).")
    var update = false
    @Option(
      help: ArgumentHelp("Read a public inventory format instead: omb-2025.", valueName: "NAME"))
    var profile: InventoryProfile?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      guard FileManager.default.fileExists(atPath: path) else {
        throw InputFileError(path: path, problem: "no such file or folder", isMissing: true)
      }
      let database = global.databasePath
      let report: ImportReport
      do {
        if FileManager.default.fileExists(atPath: database) {
          report = try importInto(try global.openRegistry())
        } else {
          // Importing into a database that does not exist yet creates it (the usual way to
          // restore), beside its path and moved there only when the import lands: a refused
          // import or a dry run leaves no file.
          try global.refuseServer()
          try global.checkClockForWriting()
          report = try StagedDatabase(for: database).build(replacing: false) { staging in
            let registry = try Registry.open(
              path: staging, create: true, actor: global.actorName, clock: global.clock
            ).allowing(ChangeOptions(acceptsTimeBeforeTrail: global.trustNow))
            return (try importInto(registry), keep: !dryRun)
          }
        }
      } catch let refused as ImportRefused {
        try output.emit(refused.report)
        for problem in refused.report.problems {
          Console.error(CommandLineHint.message(for: problem))
        }
        throw Failure(status: .dataError, message: refused.description)
      }
      try output.emit(report)
      for note in report.notes { Console.note("note: " + note) }
      Console.note(Self.summary(report))
    }

    private func importInto(_ registry: Registry) throws -> ImportReport {
      let progress = ProgressLine(verb: dryRun ? "checking" : "importing")
      defer { progress.finish() }
      let options = ImportOptions(dryRun: dryRun, update: update)
      return switch profile {
      case .omb2025?:
        try registry.importFederalInventory(
          from: path, options: options, progress: progress.report)
      case nil:
        try registry.importExport(from: path, options: options, progress: progress.report)
      }
    }

    static func summary(_ report: ImportReport) -> String {
      let kinds = report.records.keys.sorted().map { kind -> String in
        let tally = report.records[kind]!
        var parts: [String] = []
        if tally.added > 0 { parts.append("\(tally.added) added") }
        if tally.updated > 0 { parts.append("\(tally.updated) changed") }
        if tally.unchanged > 0 { parts.append("\(tally.unchanged) unchanged") }
        return "\(kind): " + (parts.isEmpty ? "none" : parts.joined(separator: ", "))
      }
      var lines = [
        (report.dryRun ? "dry run, nothing written; the import would go through: " : "imported: ")
          + (report.mode == .restore ? "restored the whole export, audit trail verified; " : "")
          + kinds.joined(separator: "; ")
      ]
      if !report.unreviewed.isEmpty {
        lines.append(
          "\(report.unreviewed.count) features arrived approved, launched or suspended without "
            + "a review here; 'aigov check' reports them until a review approves them")
      }
      return lines.joined(separator: "\n")
    }
  }
}
extension InventoryProfile: ExpressibleByArgument {}
