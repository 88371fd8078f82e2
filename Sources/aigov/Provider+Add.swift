import AIGovKit
import ArgumentParser

extension AIGov.Provider {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Register a model provider with its contract terms.",
      discussion: """
        Example:
          aigov provider add openai --name OpenAI --kind llm --subprocessor-listed \\
            --dpa-signed-on 2024-02-01 --no-training --retention-days 0 --regions us
        """)

    @Argument(help: "A unique key: 2-64 lowercase letters, digits and dashes.")
    var key: String
    @Option(help: "The provider's name.")
    var name: String
    @Option(help: "What kind of provider it is.")
    var kind: ProviderKind
    @Flag(inversion: .prefixedNo, help: "Named on the published subprocessor list.")
    var subprocessorListed = false
    @Option(help: "The day the DPA was signed (YYYY-MM-DD); omit if none is signed.")
    var dpaSignedOn: String?
    @Flag var training: TrainingTerms = .trainingAllowed
    @Option(
      help: "How many days the provider keeps our data (0 = zero retention); omit if unknown.")
    var retentionDays: Int?
    @Option(help: "Where the data is processed, e.g. \"us, eu\".")
    var regions: String = ""
    @Option(help: "Anything else worth knowing.")
    var notes: String = ""
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      var draft = ProviderDraft(key: key, name: name, kind: kind)
      draft.subprocessorListed = subprocessorListed
      draft.dpaSignedOn = dpaSignedOn
      draft.noTraining = training == .noTraining
      draft.retentionDays = retentionDays
      draft.regions = regions
      draft.notes = notes
      let provider = try global.openRegistry().addProvider(draft)
      if output.isJSON { try Console.json(provider) }
      Console.note("added provider '\(provider.key)'")
    }
  }
}
