import AIGovKit
import ArgumentParser

extension AIGov {
  struct Risk: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "risk",
      abstract: "Record, list and change the risks of features.",
      discussion: """
        A risk's score is likelihood x impact (each 1-5): 1-4 low, 5-9 medium, 10-16 high, \
        20-25 critical.
        """,
      subcommands: [Add.self, List.self, Edit.self])
  }
}

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
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      var draft = RiskDraft(
        title: title, category: category, likelihood: likelihood, impact: impact, owner: owner)
      draft.description = summary
      draft.status = status
      draft.residualLikelihood = residualLikelihood
      draft.residualImpact = residualImpact
      let registry = try global.openRegistry()
      let risk = try global.reportingVoidedReviews(registry) {
        try registry.addRisk(featureKey: feature, draft)
      }
      if output.isJSON { try Console.json(risk) } else { Console.output(String(risk.id)) }
      Console.note(
        "added risk \(risk.id) to feature '\(feature)' (score \(risk.score), \(risk.level.rawValue))"
      )
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List risks, highest score first.")

    @Option(help: "Only the risks of this feature.")
    var feature: String?
    @Option(help: "Only risks of this category.")
    var category: RiskCategory?
    @Option(help: "Only risks in this status.")
    var status: RiskStatus?
    @Option(help: "Only risks at this level or above.")
    var level: RiskLevel?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let risks = try global.openRegistry().risks(
        RiskFilter(featureKey: feature, category: category, status: status, minimumLevel: level))
      if output.isJSON { return try Console.json(risks) }
      guard !risks.isEmpty else { return Console.note("no risks match") }
      var table = TextTable(
        "ID", "FEATURE", "TITLE", "CATEGORY", "L", "I", "SCORE", "LEVEL", "STATUS")
      table.style = { column, text in
        switch column {
        case 7: TermStyle.level(text)
        case 8: TermStyle.status(text)
        default: nil
        }
      }
      for risk in risks {
        table.append([
          String(risk.id), risk.featureKey, risk.title, risk.category.rawValue,
          String(risk.likelihood), String(risk.impact), String(risk.score), risk.level.rawValue,
          risk.status.rawValue,
        ])
      }
      Console.output(table.render(color: global.usesColor), styled: global.usesColor)
    }
  }

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
    @Option(help: "Refuse the change unless the risk is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    var changes: RiskChanges {
      var changes = RiskChanges()
      changes.title = title
      changes.description = summary
      changes.category = category
      changes.likelihood = likelihood
      changes.impact = impact
      changes.status = status
      changes.owner = owner
      changes.residualLikelihood = residualLikelihood
      changes.residualImpact = residualImpact
      return changes
    }

    func validate() throws {
      if changes.isEmpty {
        throw ValidationError("nothing to change: give at least one option, e.g. --status")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      let edit = try global.reportingVoidedReviews(registry) {
        try registry.editRisk(id, changes, expectedVersion: expectedVersion)
      }
      try Console.reportEdit(
        edit, format: output, name: "risk \(id)",
        updated: "score \(edit.after.score), \(edit.after.level.rawValue)")
    }
  }
}
