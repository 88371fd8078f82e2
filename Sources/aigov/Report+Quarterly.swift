import AIGovKit
import ArgumentParser

extension AIGov.Report {
  struct Quarterly: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "quarterly",
      abstract: "The quarterly governance review, as of the quarter's end.",
      discussion: """
        The inventory by category, processing mode and status against the previous quarter's \
        end; what the audit trail records in the quarter (features added, materially changed, \
        launched, suspended and retired; review rounds; sign-offs; providers added or whose \
        terms changed); the sign-off matrix; reviews overdue and falling due; the risk register \
        with its heat maps; providers with their terms and the features that use each; and \
        what check finds.

        A quarter that has ended is described as of its last second, from the audit trail up \
        to then and nothing later, so the report can be built again byte for byte however the \
        inventory has moved on; the current quarter is described as of now (--now). The report \
        names the audit events it reflects and the hash of the last.
        """)

    @Option(
      help: ArgumentHelp(
        "The quarter, e.g. 2026-Q3 (default: the current one).", valueName: "yyyy-Qn"))
    var quarter: String?
    @Option(
      help: "How many quarters the trends show, this one included (0-8; 0 leaves them out).")
    var trendQuarters = 4
    @OptionGroup var output: ReportOutput
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if let quarter, Quarter(quarter) == nil {
        throw ValidationError(
          "invalid --quarter '\(quarter)' (expected a year and quarter like 2026-Q3)")
      }
      guard (0...8).contains(trendQuarters) else {
        throw ValidationError("invalid --trend-quarters '\(trendQuarters)' (expected 0 to 8)")
      }
    }

    func run() throws {
      let clock = global.clock
      let chosen = quarter.flatMap(Quarter.init) ?? Quarter(containing: clock())
      let report =
        try RemoteServer.named(server).map {
          try $0.get(
            "/api/reports/quarterly",
            query: [
              ("quarter", chosen.description), ("format", "json"),
              ("trend_quarters", String(trendQuarters)),
            ],
            as: QuarterlyReport.self)
        }
        ?? global.openRegistryForReading().quarterlyReport(
          chosen, toolVersion: AIGov.toolVersion, trendQuarters: trendQuarters)
      try output.write(
        report, markdown: QuarterlyReportMarkdown(), html: QuarterlyReportHTML())
    }
  }
}
