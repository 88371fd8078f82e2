import AIGovKit
import ArgumentParser

extension AIGov.Mitigation {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List mitigations by feature, with their risk, status and public statement.")

    @Option(help: "Only the mitigations of this feature's risks.")
    var feature: String?
    @Option(help: "Only the mitigations of this risk (its number).")
    var risk: Int?
    @Option(help: "Only mitigations in this status.")
    var status: MitigationStatus?
    @Option(help: "Only mitigations of this kind.")
    var kind: MitigationKind?
    @Option(help: "Only the mitigations this person owns.")
    var owner: String?
    @Flag(
      inversion: .prefixedNo,
      help: "Only those with a public statement (--public), or only those without (--no-public).")
    var `public`: Bool?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let listings = try global.openRegistryForReading().mitigations(
        MitigationFilter(
          featureKey: feature, riskID: risk, status: status, kind: kind, owner: owner,
          hasPublicStatement: `public`))
      try output.emit(listings) {
        guard !listings.isEmpty else { return Console.note("no mitigations match") }
        var table = TextTable(
          "ID", "FEATURE", "RISK", "TITLE", "KIND", "STATUS", "OWNER", "CONTROL", "PUBLIC")
        table.style = { column, text in column == 5 ? TermStyle.status(text) : nil }
        for listing in listings {
          let mitigation = listing.mitigation
          table.append([
            String(mitigation.id), listing.featureKey, String(mitigation.riskID),
            mitigation.title, mitigation.kind.rawValue, mitigation.status.rawValue,
            mitigation.owner, mitigation.control ?? "",
            mitigation.publicStatement == nil
              ? "" : mitigation.publishedStatement == nil ? "not in place" : "published",
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }
}
