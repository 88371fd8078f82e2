import AIGovKit
import ArgumentParser
import Foundation

extension AIGov {
  struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Generate reports from the inventory.",
      subcommands: [Public.self])
  }
}

extension ReportFormat: ExpressibleByArgument {}

extension AIGov.Report {
  struct Public: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The public AI disclosure: what customers are told about the AI they meet.",
      discussion: """
        Launched customer-facing features by category, with what each does, the data it uses, \
        whether a person reviews its output, how customers control it, and which third parties \
        process its inputs on what terms; then the AI subprocessors. Nothing internal (owners, \
        risks, reviewers). The same database and --now give the same bytes.
        """)

    @Option(help: "markdown, html (one self-contained page) or json.")
    var format: ReportFormat = .markdown
    @Option(help: ArgumentHelp("Write to this file instead of stdout.", valueName: "file"))
    var output: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let disclosure = try global.openRegistry().publicDisclosure()
      let text =
        switch format {
        case .markdown: PublicDisclosureMarkdown().render(disclosure)
        case .html: PublicDisclosureHTML().render(disclosure)
        case .json: try JSONRenderer<PublicDisclosure>().render(disclosure)
        }
      try writeReport(text, to: output)
    }
  }
}

/// Writes a report to stdout, or to a file, replaced whole (never left half-written).
func writeReport(_ text: String, to path: String?) throws {
  guard let path else { return FileHandle.standardOutput.write(Data(text.utf8)) }
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
