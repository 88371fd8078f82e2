import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a feature's fields; only the options given change.",
      discussion: "An empty --team clears it. A data use that no longer crosses accounts drops "
        + "the group size."
    )

    @Argument(help: "The feature's key.")
    var key: String
    @Option var name: String?
    @Option var purpose: String?
    @Option(name: .customLong("description"), help: "A longer description.")
    var summary: String?
    @Option var category: FeatureCategory?
    @OptionGroup var dataUse: DataUseOptions
    @Option var owner: String?
    @Option var team: String?
    @Option(name: .customLong("add-data-category"), help: "Record another kind of data.")
    var addDataCategories: [DataCategory] = []
    @Option(name: .customLong("remove-data-category"), help: "Remove a kind of data.")
    var removeDataCategories: [DataCategory] = []
    @OptionGroup var profile: FeatureProfileOptions
    @Option(help: "Refuse the change unless the feature is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var hold: IncidentHoldOption
    @OptionGroup var global: GlobalOptions

    var changes: FeatureChanges {
      var changes = FeatureChanges()
      changes.name = name
      changes.purpose = purpose
      changes.description = summary
      changes.category = category
      changes.servingUse = dataUse.serving
      changes.trainingUse = dataUse.training
      changes.minGroupSize = dataUse.minGroupSize.map { $0 }
      changes.owner = owner
      changes.team = team
      changes.addDataCategories = addDataCategories
      changes.removeDataCategories = removeDataCategories
      changes.humanOversight = profile.humanOversight
      changes.audience = profile.audience
      changes.finalSay = profile.finalSay
      changes.customerControl = profile.customerControl
      changes.euAIActTier = profile.euAIActTier
      changes.reviewIntervalDays = profile.reviewIntervalDays
      return changes
    }

    func validate() throws {
      if changes.isEmpty {
        throw ValidationError("nothing to change: give at least one field option, e.g. --owner")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      let edit = try global.reportingVoidedReviews(registry, despite: hold) {
        try registry.editFeature(key, changes, expectedVersion: expectedVersion)
      }
      try Console.reportEdit(
        edit, format: output, name: "feature '\(key)'", updated: "version \(edit.after.version)")
      warnAboutForbiddenData(edit.after)
    }
  }
}
