import AIGovKit
import ArgumentParser

extension AIGov {
  struct Reviewer: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Register and list the people who sign off on features.",
      subcommands: [Add.self, List.self])
  }
}

extension AIGov.Reviewer {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Register a reviewer and the disciplines they may sign for.")

    @Argument(help: "A short handle, e.g. jlee.")
    var handle: String
    @Option(help: "Full name.")
    var name: String
    @Option(help: "Email address.")
    var email: String
    @Option(help: "A discipline they sign for (repeat for several).")
    var discipline: [Discipline] = []
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let reviewer = try global.openRegistry().addReviewer(
        handle: handle, name: name, email: email, disciplines: discipline)
      if output.isJSON { try Console.json(reviewer) }
      Console.note(
        "added reviewer '\(handle)' for \(reviewer.disciplines.map(\.rawValue).joined(separator: ", "))"
      )
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the reviewers.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let reviewers = try global.openRegistry().reviewers()
      if output.isJSON { return try Console.json(reviewers) }
      guard !reviewers.isEmpty else { return Console.note("no reviewers recorded") }
      var table = TextTable("HANDLE", "NAME", "EMAIL", "DISCIPLINES")
      for reviewer in reviewers {
        table.append([
          reviewer.handle, reviewer.name, reviewer.email,
          reviewer.disciplines.map(\.rawValue).joined(separator: ", "),
        ])
      }
      Console.output(table.render(color: global.usesColor))
    }
  }
}
