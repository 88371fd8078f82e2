import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Register a new AI feature (it starts as proposed).",
      discussion: """
        Example:
          aigov feature add churn-risk --name "Churn risk" --category predictive \\
            --serving account-only --training aggregated --min-group-size 100 \\
            --purpose "Predict which customers are likely to churn" --owner dana \\
            --data-category behavioral --data-category purchase-history
        """)

    @Argument(help: "A unique key: 2-64 lowercase letters, digits and dashes.")
    var key: String
    @Option(help: "The feature's name as customers know it.")
    var name: String
    @Option(help: "The intended use.")
    var purpose: String
    @Option(help: "What kind of AI it is.")
    var category: FeatureCategory
    @OptionGroup var dataUse: DataUseOptions
    @Option(help: "The person accountable for the feature.")
    var owner: String
    @Option(
      name: .customLong("data-category"),
      help: "A kind of data the feature processes (repeat for several).")
    var dataCategories: [DataCategory] = []
    @OptionGroup var fields: FeatureFieldOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      _ = try dataUse.requiredServing()
      _ = try dataUse.requiredTraining()
    }

    /// The feature the options describe.
    func draft() throws -> FeatureDraft {
      var draft = FeatureDraft(
        key: key, name: name, purpose: purpose, category: category,
        servingUse: try dataUse.requiredServing(), trainingUse: try dataUse.requiredTraining(),
        owner: owner)
      draft.dataCategories = dataCategories
      draft.minGroupSize = dataUse.minGroupSize
      try draft.apply(fields.changes)
      return draft
    }

    func run() throws {
      let feature = try global.openRegistry().addFeature(try draft())
      try output.emit(feature)
      Console.note("added feature '\(feature.key)' (\(feature.status.rawValue))")
      warnAboutForbiddenData(feature)
    }
  }
}

/// The acceptable-use policy forbids some kinds of data outright; recording them is allowed (the
/// inventory must tell the truth) but never silent.
func warnAboutForbiddenData(_ feature: AIGovKit.Feature) {
  let forbidden = feature.forbiddenDataCategories.map(\.rawValue)
  if !forbidden.isEmpty {
    Console.warning(
      "feature '\(feature.key)' processes \(forbidden.joined(separator: ", ")), which the "
        + "acceptable-use policy forbids")
  }
}
