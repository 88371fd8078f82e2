import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension AIGov.Report {
  struct Public: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "public",
      abstract: "The public AI page: what the company tells customers about its AI.",
      discussion: """
        Every launched feature offered to customers or seen by their end-consumers, by \
        category: what it does, how it uses data to serve and to train, who has the final say, \
        the customer's control and the third parties it sends data to; the internal uses of \
        customer data by staff; each third party's DPA, training and retention terms and the \
        platform it is reached through; the published commitments, each backed by a mitigation \
        in place; a governance statement computed from the review records; and the company \
        statements (aigov statement) and document links. Nothing internal (owners, risks, reviewers).

        The page is dated by the last change that altered it, so the same content gives the \
        same bytes whenever it is built. With --now it is rebuilt from the audit trail as it \
        stood at that moment. --changes-since DAY lists what a reader of that day's page would \
        find changed.

        Examples:
          aigov report public --format html --output ai.html
          aigov report public --now 2026-06-02T12:00:00Z
          aigov report public --changes-since 2026-06-02
        """)

    @Option(
      help: ArgumentHelp(
        "List what changed on the page since the end of this day (YYYY-MM-DD).",
        valueName: "day"))
    var changesSince: String?

    @OptionGroup var output: ReportOutput
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if let changesSince, changesSince.utf8.count != 10 || Timestamp.parse(changesSince) == nil {
        throw ValidationError(
          "invalid --changes-since '\(changesSince)' (expected a day like 2026-06-02)")
      }
    }

    func run() throws {
      let pageAt: (Date?) throws -> PublicDisclosure
      if let remote = try RemoteServer.named(server) {
        pageAt = { time in
          try remote.get(
            "/api/reports/public",
            query: [("format", "json"), ("at", time.map(Timestamp.format))],
            as: PublicDisclosure.self)
        }
      } else {
        let registry = try global.openRegistryForReading()
        pageAt = { time in
          try time.map { try registry.publicDisclosure(asOf: $0) } ?? registry.publicDisclosure()
        }
      }
      let page = try pageAt(global.fixedTime)
      if let changesSince, let day = Timestamp.parse(changesSince) {
        let then = try pageAt(day.addingTimeInterval(86_399))
        try output.write(
          PublicDisclosureChanges(since: changesSince, from: then, to: page),
          markdown: PublicDisclosureChangesMarkdown(), html: PublicDisclosureChangesHTML())
        return
      }
      try output.write(page, markdown: PublicDisclosureMarkdown(), html: PublicDisclosureHTML())
    }
  }
}
