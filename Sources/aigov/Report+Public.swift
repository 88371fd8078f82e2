import AIGovKit
import ArgumentParser

extension AIGov.Report {
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
        try global.openRegistryForReading().publicDisclosure(),
        markdown: PublicDisclosureMarkdown(),
        html: PublicDisclosureHTML())
    }
  }
}
