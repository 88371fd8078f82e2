import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a feature's fields; only the options given change.",
      discussion:
        "An empty --team or --documentation-url clears it. A data use that no longer crosses accounts drops "
        + "the group size."
    )

    @Argument(help: "The feature's key.")
    var key: String
    @Option var name: String?
    @Option var purpose: String?
    @Option var category: FeatureCategory?
    @OptionGroup var dataUse: DataUseOptions
    @Option var owner: String?
    @Option(name: .customLong("add-data-category"), help: "Record another kind of data.")
    var addDataCategories: [DataCategory] = []
    @Option(name: .customLong("remove-data-category"), help: "Remove a kind of data.")
    var removeDataCategories: [DataCategory] = []
    @OptionGroup var fields: FeatureFieldOptions
    @Option(help: "Refuse the change unless the feature is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var hold: IncidentHoldOption
    @OptionGroup var global: GlobalOptions

    var changes: FeatureChanges {
      var changes = fields.changes
      changes.set("name", name)
      changes.set("purpose", purpose)
      changes.set("category", category)
      changes.set("serving_use", dataUse.serving)
      changes.set("training_use", try? dataUse.trainingSources())
      changes.set("min_group_size", dataUse.minGroupSize)
      changes.set("owner", owner)
      changes.addDataCategories = addDataCategories
      changes.removeDataCategories = removeDataCategories
      return changes
    }

    func validate() throws {
      if changes.isEmpty {
        throw ValidationError("nothing to change: give at least one field option, e.g. --owner")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      let edit = try global.reportingVoidedReviews(registry, despite: hold) { registry in
        try registry.editFeature(key, changes, expectedVersion: expectedVersion)
      }
      try Console.reportEdit(
        edit, format: output, name: "feature '\(key)'", updated: "version \(edit.after.version)")
      warnAboutForbiddenData(edit.after)
    }
  }
}
