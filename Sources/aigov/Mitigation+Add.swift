import AIGovKit
import ArgumentParser

extension AIGov.Mitigation {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Record a mitigation of a risk; prints the new mitigation's number.",
      discussion: """
        A mitigation is a measure of this feature alone, or, with --control, a company control \
        (see 'aigov control list') as kept for this feature: its title, kind and owner are then \
        the control's unless given, and 'check' holds it to the control's status, scope and \
        exceptions.
        """)

    @Argument(help: "The risk's number (see 'aigov risk list').")
    var risk: Int
    @Option(help: "The company control this mitigation is, by key.")
    var control: String?
    @Option(help: "A short title (the control's, with --control).")
    var title: String?
    @Option(help: "How it works (the control's kind, with --control).")
    var kind: MitigationKind?
    @Option(help: "Who is accountable for it (the control's owner, with --control).")
    var owner: String?
    @Option(help: "How far it has got.")
    var status: MitigationStatus = .planned
    @Option(help: "A URL or document reference showing it is in place.")
    var evidence: String?
    @Option(help: "When it is due (YYYY-MM-DD).")
    var dueOn: String?
    @Option(name: .customLong("description"), help: "What it does.")
    var summary: String = ""
    @Option(
      help: ArgumentHelp(
        "What the company tells the public about it: the public page carries it while the "
          + "mitigation is implemented or verified."))
    var publicStatement: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      guard control == nil else { return }
      for (option, value) in [("title", title), ("kind", kind?.rawValue), ("owner", owner)]
      where value == nil {
        throw ValidationError(
          "missing --\(option): a mitigation of its own states its title, kind and owner "
            + "(or give --control KEY to record a company control)")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      let control = try self.control.map { try registry.control($0) }
      var draft = MitigationDraft(
        title: title ?? control?.title ?? "",
        kind: kind ?? control.flatMap { MitigationKind(rawValue: $0.kind.rawValue) } ?? .process,
        owner: owner ?? control?.owner ?? "")
      draft.control = self.control
      draft.status = status
      draft.evidence = evidence
      draft.dueOn = dueOn
      draft.description = summary
      draft.publicStatement = publicStatement
      let mitigation = try registry.addMitigation(riskID: risk, draft)
      try output.emit(mitigation) { Console.output(String(mitigation.id)) }
      Console.note("added mitigation \(mitigation.id) to risk \(risk)")
    }
  }
}
