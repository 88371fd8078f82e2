import AIGovKit
import ArgumentParser

extension AIGov.Risk {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Record a risk of a feature; prints the new risk's number.")

    @Argument(help: "The feature's key.")
    var feature: String
    @Option(help: "A short title.")
    var title: String
    @Option(help: "What kind of harm.")
    var category: RiskCategory
    @Option(help: "1 (rare) to 5 (almost certain).")
    var likelihood: Int
    @Option(help: "1 (negligible) to 5 (severe).")
    var impact: Int
    @Option(help: "Who is accountable for the risk.")
    var owner: String
    @Option(name: .customLong("description"), help: "What could happen, and to whom.")
    var summary: String = ""
    @Option(help: "Where its handling stands.")
    var status: RiskStatus = .open
    @Option(help: "Likelihood once mitigated (1-5); give with --residual-impact.")
    var residualLikelihood: Int?
    @Option(help: "Impact once mitigated (1-5); give with --residual-likelihood.")
    var residualImpact: Int?
    @Option(
      help: ArgumentHelp(
        "Risk taxonomy entries it is an instance of, separated by commas: "
          + "owasp-llm-top-10:LLM01, mitre-atlas:AML.T0051 (see 'aigov framework show').",
        valueName: "entries"))
    var taxonomy: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var hold: IncidentHoldOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      var draft = RiskDraft(
        title: title, category: category, likelihood: likelihood, impact: impact, owner: owner)
      draft.description = summary
      draft.status = status
      draft.residualLikelihood = residualLikelihood
      draft.residualImpact = residualImpact
      draft.taxonomy = taxonomy
      let registry = try global.openRegistry()
      let risk = try global.reportingVoidedReviews(registry, despite: hold) { registry in
        try registry.addRisk(featureKey: feature, draft)
      }
      try output.emit(risk) { Console.output(String(risk.id)) }
      Console.note(
        "added risk \(risk.id) to feature '\(feature)' (score \(risk.score), \(risk.level.rawValue))"
      )
    }
  }
}
