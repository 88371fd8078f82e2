import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct LinkProvider: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "link-provider",
      abstract: "Record that a feature sends data to a provider's model.")

    @Argument(help: "The feature's key.")
    var feature: String
    @Argument(help: "The provider's key.")
    var provider: String
    @Option(help: "The model used, e.g. a model name.")
    var model: String = ""
    @Option(help: "What the provider is used for in this feature.")
    var purpose: String = ""
    @OptionGroup var hold: IncidentHoldOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistry()
      let use = try global.reportingVoidedReviews(registry, despite: hold) { registry in
        try registry.linkProvider(
          featureKey: feature, providerKey: provider, model: model, purpose: purpose)
      }
      let modelText = use.model.isEmpty ? "" : " (model \(use.model))"
      Console.note("feature '\(feature)' now uses provider '\(provider)'\(modelText)")
    }
  }
}
