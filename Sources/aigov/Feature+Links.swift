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
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistry()
      let use = try global.reportingVoidedReviews(registry) {
        try registry.linkProvider(
          featureKey: feature, providerKey: provider, model: model, purpose: purpose)
      }
      let modelText = use.model.isEmpty ? "" : " (model \(use.model))"
      Console.note("feature '\(feature)' now uses provider '\(provider)'\(modelText)")
    }
  }

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
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistry()
      let removed = try global.reportingVoidedReviews(registry) {
        try registry.unlinkProvider(featureKey: feature, providerKey: provider, model: model)
      }
      Console.note(
        "feature '\(feature)' no longer uses provider '\(provider)' "
          + "(\(removed.count) link\(removed.count == 1 ? "" : "s") removed)")
    }
  }
}
