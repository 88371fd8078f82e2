import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension AIGov {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "report",
      abstract: "Generate reports from the inventory.",
      subcommands: [Quarterly.self, Public.self])
  }
}

extension ReportFormat: ExpressibleByArgument {}

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
    @OptionGroup var output: ReportOutput
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if let quarter, Quarter(quarter) == nil {
        throw ValidationError(
          "invalid --quarter '\(quarter)' (expected a year and quarter like 2026-Q3)")
      }
    }

    func run() throws {
      let clock = global.clock
      let chosen = quarter.flatMap(Quarter.init) ?? Quarter(containing: clock())
      let report = try global.openRegistry().quarterlyReport(
        chosen, toolVersion: AIGov.toolVersion)
      try output.write(
        report, markdown: QuarterlyReportMarkdown(), html: QuarterlyReportHTML())
    }
  }

  struct Public: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "public",
      abstract: "The public AI disclosure: what customers are told about the AI they meet.",
      discussion: """
        Launched customer-facing features by category, with what each does, the data it uses, \
        whether a person reviews its output, how customers control it, and which third parties \
        process its inputs on what terms; then the AI subprocessors. Nothing internal (owners, \
        risks, reviewers). The same database and --now give the same bytes.
        """)

    @OptionGroup var output: ReportOutput
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try output.write(
        try global.openRegistry().publicDisclosure(), markdown: PublicDisclosureMarkdown(),
        html: PublicDisclosureHTML())
    }
  }
}

/// The format of a report and where it goes.
struct ReportOutput: ParsableArguments {
  @Option(help: "markdown, html (one self-contained page) or json.")
  var format: ReportFormat = .markdown
  @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
  var output: String?

  /// Renders `document` in the chosen format and writes it.
  func write<Document: Encodable, Markdown: DocumentRenderer, HTML: DocumentRenderer>(
    _ document: Document, markdown: Markdown, html: HTML
  ) throws where Markdown.Document == Document, HTML.Document == Document {
    let text =
      switch format {
      case .markdown: try markdown.render(document)
      case .html: try html.render(document)
      case .json: try JSONRenderer<Document>().render(document)
      }
    try write(text)
  }

  /// Writes to stdout, or to the file, replaced whole (never left half-written).
  private func write(_ text: String) throws {
    guard let path = output else { return DescriptorOutput.standardOutput.writeOrExit(text) }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw Failure(
        status: .noInput,
        message: "cannot write the report to '\(path)' (check that its folder exists and is "
          + "writable); nothing was written")
    }
    Console.note("wrote '\(path)'")
  }
}
