import AIGovKit
import ArgumentParser

extension AIGov.Risk {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a risk; only the options given change.")

    @Argument(help: "The risk's number.")
    var id: Int
    @Option var title: String?
    @Option(name: .customLong("description")) var summary: String?
    @Option var category: RiskCategory?
    @Option(help: "1 (rare) to 5 (almost certain).") var likelihood: Int?
    @Option(help: "1 (negligible) to 5 (severe).") var impact: Int?
    @Option var status: RiskStatus?
    @Option var owner: String?
    @Option(help: "Likelihood once mitigated (1-5).") var residualLikelihood: Int?
    @Option(help: "Impact once mitigated (1-5).") var residualImpact: Int?
    @Option(
      help: ArgumentHelp(
        "Risk taxonomy entries, separated by commas; '' names none.", valueName: "entries"))
    var taxonomy: String?
    @Option(help: "Refuse the change unless the risk is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var hold: IncidentHoldOption
    @OptionGroup var global: GlobalOptions

    var changes: RiskChanges {
      var changes = RiskChanges()
      changes.set("title", title)
      changes.set("description", summary)
      changes.set("category", category)
      changes.set("likelihood", likelihood)
      changes.set("impact", impact)
      changes.set("status", status)
      changes.set("owner", owner)
      changes.set("residual_likelihood", residualLikelihood)
      changes.set("residual_impact", residualImpact)
      changes.set("taxonomy", taxonomy)
      return changes
    }

    func validate() throws {
      if changes.isEmpty {
        throw ValidationError("nothing to change: give at least one option, e.g. --status")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      let edit = try global.reportingVoidedReviews(registry, despite: hold) { registry in
        try registry.editRisk(id, changes, expectedVersion: expectedVersion)
      }
      try Console.reportEdit(
        edit, format: output, name: "risk \(id)",
        updated: "score \(edit.after.score), \(edit.after.level.rawValue)")
    }
  }
}
