import AIGovKit
import ArgumentParser

extension AIGov {
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "demo",
      abstract: "Build a database holding the built-in sample inventory, and print an overview.",
      discussion: """
        The sample is a marketing platform's published AI features: 21 features of the four \
        categories, their model providers and contract terms, risks, mitigations and reviewers, \
        and a dated year of governance (2026): features proposed, reviewed, signed off (some \
        with the sample's published keys), launched, changed, suspended and retired. Every step \
        is replayed through the same operations as the other commands, by the person who took \
        it, at its date; steps after --now are left out, so the same --now always gives the same \
        database and chain head. An existing file is only replaced with --force.
        """)

    @Flag(help: "Replace the database file if it exists.")
    var force = false
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.checkClockForWriting()
      let path = global.databasePath
      let overview = try SampleInventory.builtIn().build(
        at: path, replacing: force, clock: global.clock)
      try output.emit(overview) {
        Console.output(
          OverviewText(overview: overview, color: global.usesColor).render(),
          styled: global.usesColor
        )
        let dbOption = path == "aigov.sqlite" ? "" : " --db \(path)"
        Console.note(
          """

          Built '\(path)'. Try:
            aigov feature list\(dbOption)
            aigov feature show email-ai\(dbOption)
            aigov review status\(dbOption)
            aigov check\(dbOption)
            aigov monitor list\(dbOption)
            aigov incident list\(dbOption)
            aigov meeting list\(dbOption)
            aigov todo --person priya\(dbOption)
            aigov report quarterly --format html --output review.html\(dbOption)
            aigov audit verify\(dbOption)
          """)
      }
    }
  }
}

/// The text form of an inventory overview.
struct OverviewText {
  var overview: InventoryOverview
  var color: Bool

  func render() -> String {
    func counts<T: Vocabulary>(_ values: [T: Int]) -> String {
      T.allCases.compactMap { term in
        values[term].map { "\(term.rawValue) \($0)" }
      }.joined(separator: ", ")
    }
    var lines = [Style.bold.apply("AI inventory", when: color)]
    func field(_ label: String, _ value: String) {
      lines.append("  " + label.padded(to: 20) + value)
    }
    field("features", "\(overview.featureCount)")
    field("  by category", counts(overview.featuresByCategory))
    field("  by audience", counts(overview.featuresByAudience))
    field("  by training", counts(overview.featuresByTrainingUse))
    field("  by status", counts(overview.featuresByStatus))
    field("providers", "\(overview.providerCount)")
    field("risks", "\(overview.riskCount) (\(counts(overview.risksByLevel)))")
    let unmitigated = overview.unmitigatedHighRisks
    field(
      "  high, unmitigated",
      unmitigated == 0
        ? "none" : Style.red.apply("\(unmitigated) without an implemented mitigation", when: color))
    field("mitigations", "\(overview.mitigationCount) (\(counts(overview.mitigationsByStatus)))")
    field("reviewers", "\(overview.reviewerCount)")
    field(
      "audit trail",
      "\(overview.auditEventCount) events, head "
        + (overview.auditHeadHash?.visibleOnOneLine ?? "(empty)"))
    return lines.joined(separator: "\n")
  }
}
