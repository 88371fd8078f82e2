import AIGovKit
import ArgumentParser

extension AIGov.Report {
  struct Frameworks: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "frameworks",
      abstract: "Report how the company stands against each framework, requirement by requirement.",
      discussion: """
        For a framework assessed per feature (the EU AI Act), each live feature's status on each \
        requirement that applies to its role, tier, category and Annex III point; for one \
        assessed for the company (ISO/IEC 42001, the NIST AI RMF), each requirement, and for \
        ISO/IEC 42001 the Statement of Applicability. A requirement is met when a control mapped \
        to it ('aigov control map') that meets it alone (equal, superset) is in place for the \
        feature with current evidence; partly met when only part is; not met when its controls \
        are not in place; not assessed when nothing is mapped (or the tier is not assessed); not \
        applicable by its conditions or by a decision ('aigov framework exclude').
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case markdown, html, json, csv
    }

    @Option(help: "Only this framework (see 'aigov framework list').")
    var framework: String?
    @Option(help: "markdown, html (one self-contained page), json or csv.")
    var format: Format = .markdown
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let report = try global.openRegistryForReading().frameworkReport(framework: framework)
      let text =
        switch format {
        case .markdown: try FrameworkReportMarkdown().render(report)
        case .html: try FrameworkReportHTML().render(report)
        case .json: try JSONRenderer<FrameworkReport>().render(report)
        case .csv: try FrameworkReportCSV().render(report)
        }
      try ReportOutput.write(text, to: output)
    }
  }
}
