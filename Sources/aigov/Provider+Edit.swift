import AIGovKit
import ArgumentParser

extension AIGov.Provider {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a provider's name or contract terms; only the options given change.")

    @Argument(help: "The provider's key.")
    var key: String
    @Option var name: String?
    @Option var kind: ProviderKind?
    @Flag(inversion: .prefixedNo, help: "Named on the published subprocessor list.")
    var subprocessorListed: Bool?
    @Option(help: "Whether a data processing agreement is in place: yes, no or unknown.")
    var dpa: DPAStatus?
    @Option(help: "The day the DPA was signed (YYYY-MM-DD), or 'none'.")
    var dpaSignedOn: String?
    @Option(help: "Where the DPA is filed, or 'none'.")
    var dpaReference: String?
    @Option(
      help: ArgumentHelp(
        "The provider whose platform serves this one's models (its key), or 'none'.",
        valueName: "provider"))
    var servedThrough: String?
    @Flag var training: TrainingTerms?
    @Option(help: "Days the provider keeps our data (0 = zero retention), or 'unknown'.")
    var retentionDays: String?
    @Option var regions: String?
    @Option var notes: String?
    @Option(help: "Refuse the change unless the provider is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var hold: IncidentHoldOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if let retentionDays, retentionDays != "unknown", Int(retentionDays) == nil {
        throw ValidationError(
          "invalid --retention-days '\(retentionDays)' (expected a number of days or 'unknown')")
      }
      if try changes().isEmpty {
        throw ValidationError("nothing to change: give at least one option, e.g. --dpa yes")
      }
    }

    func changes() throws -> ProviderChanges {
      var changes = ProviderChanges()
      changes.name = name
      changes.kind = kind
      changes.subprocessorListed = subprocessorListed
      changes.dpa = dpa
      if let dpaSignedOn { changes.dpaSignedOn = .some(dpaSignedOn == "none" ? nil : dpaSignedOn) }
      if let dpaReference {
        changes.dpaReference = .some(dpaReference == "none" ? nil : dpaReference)
      }
      if let servedThrough {
        changes.servedThrough = .some(servedThrough == "none" ? nil : servedThrough)
      }
      changes.noTraining = training.map { $0 == .noTraining }
      if let retentionDays { changes.retentionDays = .some(Int(retentionDays)) }
      changes.regions = regions
      changes.notes = notes
      return changes
    }

    func run() throws {
      let registry = try global.openRegistry()
      let changes = try changes()
      let edit = try global.reportingVoidedReviews(registry, despite: hold) { registry in
        try registry.editProvider(key, changes, expectedVersion: expectedVersion)
      }
      try Console.reportEdit(
        edit, format: output, name: "provider '\(key)'", updated: "version \(edit.after.version)")
    }
  }
}
