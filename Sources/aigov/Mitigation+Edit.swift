import AIGovKit
import ArgumentParser

extension AIGov.Mitigation {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a mitigation; only the options given change.",
      discussion:
        "An empty --evidence, --due-on, --public-statement or --control clears it.")

    @Argument(help: "The mitigation's number.")
    var id: Int
    @Option var title: String?
    @Option(name: .customLong("description")) var summary: String?
    @Option var kind: MitigationKind?
    @Option var status: MitigationStatus?
    @Option(help: "A URL or document reference showing it is in place.") var evidence: String?
    @Option var owner: String?
    @Option(help: "When it is due (YYYY-MM-DD).") var dueOn: String?
    @Option(
      help: "What the company tells the public about it, on the public page while it is in place.")
    var publicStatement: String?
    @Option(help: "The company control it is, by key ('aigov control list').")
    var control: String?
    @Option(help: "Refuse the change unless the mitigation is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    var changes: MitigationChanges {
      var changes = MitigationChanges()
      changes.set("title", title)
      changes.set("description", summary)
      changes.set("kind", kind)
      changes.set("status", status)
      changes.set("evidence", evidence)
      changes.set("owner", owner)
      changes.set("due_on", dueOn)
      changes.set("public_statement", publicStatement)
      changes.set("control", control)
      return changes
    }

    func validate() throws {
      if changes.isEmpty {
        throw ValidationError("nothing to change: give at least one option, e.g. --status")
      }
    }

    func run() throws {
      let edit = try global.openRegistry().editMitigation(
        id, changes, expectedVersion: expectedVersion)
      try Console.reportEdit(
        edit, format: output, name: "mitigation \(id)", updated: edit.after.status.rawValue)
    }
  }
}
