import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List features, optionally filtered.")

    @Option(help: "Only features of this category.")
    var category: FeatureCategory?
    @Option(help: "Only features for this audience (customers, end-consumers, internal).")
    var audience: Audience?
    @Option(help: "Only features in this status.")
    var status: FeatureStatus?
    @Option(help: "Only features that send data to this provider (its key).")
    var provider: String?
    @Option(help: "Only features owned by this person.")
    var owner: String?
    @Option(help: "Only features whose serving uses data this way.")
    var serving: ServingUse?
    @Option(help: "Only features whose data trains our models this way.")
    var training: TrainingUse?
    @Option(help: "Only features whose key, name, description or purpose holds this text.")
    var text: String?
    @OptionGroup var output: FormatOption
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let filter = FeatureFilter(
        category: category, audience: audience, status: status,
        providerKey: provider, owner: owner, servingUse: serving, trainingUse: training,
        text: text)
      if let remote = try RemoteServer.named(server) {
        let features = try remote.get(
          "/api/features",
          query: [
            ("category", category?.rawValue), ("audience", audience?.rawValue),
            ("status", status?.rawValue), ("provider", provider), ("owner", owner),
            ("serving", serving?.rawValue), ("training", training?.rawValue), ("text", text),
          ], as: [AIGovKit.Feature].self)
        try output.emit(features) { render(features) }
      } else {
        let registry = try global.openRegistryForReading()
        try output.emit(streaming: { try registry.forEachFeature(filter, $0) }, text: render)
      }
    }

    /// The features as a table for people.
    private func render(_ features: [AIGovKit.Feature]) {
      guard !features.isEmpty else {
        return Console.note("no features match")
      }
      var table = TextTable("KEY", "NAME", "CATEGORY", "AUDIENCE", "STATUS", "OWNER")
      table.style = { column, text in column == 4 ? TermStyle.status(text) : nil }
      for feature in features {
        table.append([
          feature.key, feature.name, feature.category.rawValue, feature.audience.rawValue,
          feature.status.rawValue, feature.owner,
        ])
      }
      Console.output(table.render(color: global.usesColor), styled: global.usesColor)
    }
  }
}
