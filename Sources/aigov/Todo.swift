import AIGovKit
import ArgumentParser

extension AIGov {
  struct Todo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "todo",
      abstract: "List what one person owes, each with its day.",
      discussion: """
        Sign-offs waiting for a discipline the person holds, periodic reviews of features they \
        own (due within --within days, or overdue), mitigations and meeting actions they owe, \
        evidence they provided that expires, and incident reports due on features they own. \
        --ics writes the dated ones as an iCalendar feed (RFC 5545), one event per deadline \
        with a UID that stays the same, for a calendar to import or subscribe to (aigov serve \
        serves it to each person at /api/todo.ics).
        """)

    @Option(help: "Whose list: a reviewer's handle or an owner a record names (default: --actor).")
    var person: String?
    @Option(help: "How many days ahead a periodic review counts as due (default 90).")
    var within = 90
    @Flag(help: "Write the dates as an iCalendar feed instead.")
    var ics = false
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      guard (0...3_650).contains(within) else {
        throw ValidationError("invalid --within '\(within)' (expected 0 to 3650 days)")
      }
    }

    func run() throws {
      let todo = try global.openRegistryForReading().todo(
        for: person ?? global.actorName, horizonDays: within, known: person != nil)
      if ics { return try Console.document(TodoCalendar(todo).text) }
      try output.emit(todo) {
        let who = todo.name.map { "\($0) (\(todo.person))" } ?? todo.person
        guard !todo.entries.isEmpty else {
          return Console.note("nothing owed by \(who.visibleOnOneLine) as of \(todo.asOf)")
        }
        var table = TextTable("DUE", "KIND", "WHAT", "DO")
        for entry in todo.entries {
          table.append([
            (entry.due ?? "—") + (entry.overdue ? " (overdue)" : ""), entry.kind.rawValue,
            entry.title, entry.command,
          ])
        }
        Console.output(
          "What \(who.visibleOnOneLine) owes, as of \(todo.asOf):\n"
            + table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }
}
