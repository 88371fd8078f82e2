import AIGovKit
import ArgumentParser

extension AIGov.Mitigation {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Record a mitigation of a risk; prints the new mitigation's number.")

    @Argument(help: "The risk's number (see 'aigov risk list').")
    var risk: Int
    @Option(help: "A short title.")
    var title: String
    @Option(help: "How it works.")
    var kind: MitigationKind
    @Option(help: "Who is accountable for it.")
    var owner: String
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

    func run() throws {
      var draft = MitigationDraft(title: title, kind: kind, owner: owner)
      draft.status = status
      draft.evidence = evidence
      draft.dueOn = dueOn
      draft.description = summary
      draft.publicStatement = publicStatement
      let mitigation = try global.openRegistry().addMitigation(riskID: risk, draft)
      try output.emit(mitigation) { Console.output(String(mitigation.id)) }
      Console.note("added mitigation \(mitigation.id) to risk \(risk)")
    }
  }
}
