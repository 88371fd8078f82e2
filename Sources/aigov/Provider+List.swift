import AIGovKit
import ArgumentParser

extension AIGov.Provider {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the providers with their contract terms.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let providers = try global.openRegistryForReading().providers()
      try output.emit(providers) {
        guard !providers.isEmpty else { return Console.note("no providers recorded") }
        var table = TextTable("KEY", "NAME", "KIND", "DPA", "NO TRAINING", "RETENTION", "LISTED")
        table.style = { column, text in
          (column == 3 && text == "none") || (column == 4 && text == "no") ? .red : nil
        }
        for provider in providers {
          table.append([
            provider.key, provider.name, provider.kind.rawValue,
            provider.dpa.cell(signedOn: provider.dpaSignedOn.map(\.visibleOnOneLine)),
            provider.noTraining ? "yes" : "no", ContractTerms(provider).retention,
            provider.subprocessorListed ? "yes" : "no",
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }
}
