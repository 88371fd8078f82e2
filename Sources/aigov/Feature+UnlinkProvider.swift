import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct UnlinkProvider: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unlink-provider",
      abstract: "Remove a feature's use of a provider (of one model, or of all its models).")

    @Argument(help: "The feature's key.")
    var feature: String
    @Argument(help: "The provider's key.")
    var provider: String
    @Option(help: "Only this model; without it, every model of the provider is removed.")
    var model: String?
    @OptionGroup var hold: IncidentHoldOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistry()
      let removed = try global.reportingVoidedReviews(registry, despite: hold) { registry in
        try registry.unlinkProvider(featureKey: feature, providerKey: provider, model: model)
      }
      Console.note(
        "feature '\(feature)' no longer uses provider '\(provider)' "
          + "(\(removed.count) link\(removed.count == 1 ? "" : "s") removed)")
    }
  }
}
