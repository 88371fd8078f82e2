import AIGovKit
import ArgumentParser

extension AIGov {
  struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "backup",
      abstract: "Copy the database, as it is at one moment, to a new file that verifies alone.",
      discussion: """
        Takes a consistent copy with SQLite's online backup while others go on writing (a \
        running 'aigov serve' included), then runs 'audit verify' on the copy alone: its chain, \
        records, signatures and rules. The copy is one file (no -wal beside it), written under \
        another name and moved into place when whole; FILE must not exist yet. Exit 1 when the \
        copy does not verify: it is kept all the same, as the evidence of what the file held. \
        For continuous copies off the machine, see Litestream in the README.
        """)

    @Argument(help: ArgumentHelp("Where to write the copy: a path where no file is yet."))
    var file: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let backup = try global.openRegistryForReading().backup(to: file)
      let result = backup.verification
      let chain = result.chain
      try output.emit(backup) {
        Console.output(
          result.isIntact
            ? """
            backed up to \(backup.path) (\(backup.bytes) bytes): \(chain.eventCount) events, \
            head \(chain.headSeq.map(String.init) ?? "-") \(chain.headHash ?? "(empty)")
            the copy verifies alone: \(result.recordsChecked) records, \(result.signOffsChecked) \
            sign-offs, every rule
            """
            : "backed up to \(backup.path), but the copy does NOT verify:\n"
              + result.problems.map { "  " + $0 }.joined(separator: "\n"))
      }
      guard result.isIntact else {
        throw Failure(
          status: .failure,
          message: "the copy at '\(backup.path)' does not verify: \(result.problems[0]); it was "
            + "kept, as the evidence of what the database held")
      }
    }
  }
}
