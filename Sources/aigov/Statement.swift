import AIGovKit
import ArgumentParser

extension StatementSection: ExpressibleByArgument {}

extension AIGov {
  struct Statement: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "statement",
      abstract: "Write the company's own statements on the public AI page.",
      discussion: """
        Each statement has a section of the page (data, principles, law, security, contract), \
        a title, a body and a place in its section (--position, lower first). A body may hold \
        paragraphs (a blank line between), lists (lines starting '- ') and links \
        ([words](https://...)); any other markup is shown as written. A statement that names a \
        framework the company does not assess is refused. Links to the privacy policy, terms, \
        DPA and subprocessor list are settings: public.privacy-policy-url, public.terms-url, \
        public.dpa-url, public.subprocessors-url.
        """,
      subcommands: [Add.self, Edit.self, Remove.self, List.self, Show.self])
  }
}

/// What a statement says, as adding states it and an edit may change it.
struct StatementFactOptions: ParsableArguments {
  @Option(help: "The section of the page: data, principles, law, security or contract.")
  var section: StatementSection?
  @Option(help: "Its heading on the page.")
  var title: String?
  @Option(help: "What it says: paragraphs, '- ' lists and [words](https://...) links.")
  var body: String?
  @Option(help: "Its place in its section, 0-10000, lower first (default for a new one: 100).")
  var position: Int?

  var changes: StatementChanges {
    var changes = StatementChanges()
    changes.set("section", section)
    changes.set("title", title)
    changes.set("body", body)
    changes.set("position", position)
    return changes
  }
}

extension AIGov.Statement {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Add a statement to the public page.",
      discussion: """
        Example:
          aigov statement add prohibited-uses --section principles --title "What we never do" \\
            --body "- We never sell your data.
          - We never use AI to decide on credit or employment."
        """)

    @Argument(help: "A unique key: 2-64 lowercase letters, digits and dashes.")
    var key: String
    @OptionGroup var facts: StatementFactOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      let missing = [
        facts.section == nil ? "--section" : nil, facts.title == nil ? "--title" : nil,
        facts.body == nil ? "--body" : nil,
      ].compactMap { $0 }
      if !missing.isEmpty {
        throw ValidationError("a statement needs \(missing.joined(separator: ", "))")
      }
    }

    func run() throws {
      let statement = try global.openRegistry().addStatement(
        CompanyStatement(
          key: key, section: facts.section ?? .data, title: facts.title ?? "",
          body: facts.body ?? "", position: facts.position ?? 100))
      try output.emit(statement)
      Console.note("added statement '\(statement.key)' (\(statement.section.rawValue))")
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit", abstract: "Change a statement; only the options given change.")

    @Argument(help: "The statement's key.")
    var key: String
    @OptionGroup var facts: StatementFactOptions
    @Option(help: "Refuse the change unless the statement is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if facts.changes.isEmpty {
        throw ValidationError("nothing to change: give at least one option, e.g. --body")
      }
    }

    func run() throws {
      let edited = try global.openRegistry().editStatement(
        key, facts.changes, expectedVersion: expectedVersion)
      try output.emit(edited.after)
      Console.note(
        edited.before == edited.after
          ? "statement '\(key)' already says that" : "changed statement '\(key)'")
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove", abstract: "Take a statement off the page (the trail keeps it).")

    @Argument(help: "The statement's key.")
    var key: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.openRegistry().removeStatement(key)
      Console.note("removed statement '\(key)'")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the statements in the page's order.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let statements = try global.openRegistryForReading().statements()
      try output.emit(statements) {
        guard !statements.isEmpty else { return Console.note("no statements") }
        var table = TextTable("KEY", "SECTION", "POSITION", "TITLE")
        for statement in statements {
          table.append([
            statement.key, statement.section.rawValue, String(statement.position),
            statement.title,
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Show a statement as the page reads it.")

    @Argument(help: "The statement's key.")
    var key: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let statement = try global.openRegistryForReading().statement(key)
      try output.emit(statement) {
        Console.output(
          """
          \(statement.title.visibleOnOneLine) (\(statement.key), version \(statement.version))
            section:  \(statement.section.rawValue) (\(statement.section.heading))
            position: \(statement.position)

          \(StatementText(statement.body).plain.visible)
          """, styled: false)
      }
    }
  }
}
