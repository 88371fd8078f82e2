import AIGovKit
import ArgumentParser

extension AIGov.Risk {
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
      let risks = try global.openRegistryForReading().risks(
        RiskFilter(featureKey: feature, category: category, status: status, minimumLevel: level))
      try output.emit(risks) {
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
  }
}
