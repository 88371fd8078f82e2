import AIGovKit
import ArgumentParser

extension AIGov.Provider {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a provider's contract terms and the features that send it data.")

    @Argument(help: "The provider's key.")
    var key: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let record = try global.openRegistryForReading().providerRecord(key)
      try output.emit(record) {
        let provider = record.provider
        var lines = [
          Style.bold.apply(
            "\(provider.name.visibleOnOneLine) (\(provider.key.visible))", when: global.usesColor),
          "  kind      \(provider.kind.rawValue)",
          "  terms     \(ContractTerms(provider).summary)",
        ]
        if let through = provider.servedThrough {
          lines.append("  through   \(through.visibleOnOneLine)")
        }
        if !provider.regions.isEmpty {
          lines.append("  regions   \(provider.regions.visibleOnOneLine)")
        }
        if !provider.notes.isEmpty {
          lines.append("  notes     " + provider.notes.visible.continuingLines(indentedBy: 12))
        }
        lines.append(
          "  recorded  created \(provider.createdAt.visibleOnOneLine), updated "
            + provider.updatedAt.visibleOnOneLine)
        lines.append("")
        lines.append(Style.bold.apply("Used by", when: global.usesColor))
        if record.uses.isEmpty { lines.append("  no feature") }
        for use in record.uses {
          let model = use.model.isEmpty ? "" : " / \(use.model.visibleOnOneLine)"
          let purpose = use.purpose.isEmpty ? "" : ": \(use.purpose.visibleOnOneLine)"
          lines.append("  \(use.featureKey.visible)\(model)\(purpose)")
        }
        Console.output(lines.joined(separator: "\n"), styled: global.usesColor)
      }
    }
  }
}
