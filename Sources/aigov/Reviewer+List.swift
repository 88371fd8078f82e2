import AIGovKit
import ArgumentParser

extension AIGov.Reviewer {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the reviewers.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let reviewers = try global.openRegistryForReading().reviewers()
      try output.emit(reviewers) {
        guard !reviewers.isEmpty else { return Console.note("no reviewers recorded") }
        var table = TextTable("HANDLE", "NAME", "EMAIL", "DISCIPLINES", "SIGNING KEY")
        for reviewer in reviewers {
          table.append([
            reviewer.handle, reviewer.name, reviewer.email,
            reviewer.disciplines.map(\.rawValue).joined(separator: ", "),
            reviewer.keyInForce.map { String($0.fingerprint.prefix(16)) } ?? "none",
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }
}
