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
      subcommands: [Quarterly.self, Public.self, Frameworks.self])
  }
}

extension ReportFormat: ExpressibleByArgument {}

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
    try Self.write(text, to: output)
  }

  /// Writes to stdout, or to the file at `path`, replaced whole (never left half-written).
  static func write(_ text: String, to path: String?) throws {
    guard let path else { return DescriptorOutput.standardOutput.writeOrExit(text) }
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw Failure(
        status: .software,
        message: "cannot write the report to '\(path)' (check that its folder exists and is "
          + "writable); nothing was written")
    }
    Console.note("wrote '\(path)'")
  }
}
