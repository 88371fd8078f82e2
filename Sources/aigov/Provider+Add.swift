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
            --dpa yes --dpa-signed-on 2024-02-01 --no-training --retention-days 0 --regions us
          aigov provider add bedrock-claude --name "Anthropic models" --kind llm \\
            --served-through aws-bedrock --dpa yes --no-training --retention-days 0
        """)

    @Argument(help: "A unique key: 2-64 lowercase letters, digits and dashes.")
    var key: String
    @Option(help: "The provider's name.")
    var name: String
    @Option(help: "What kind of provider it is.")
    var kind: ProviderKind
    @Flag(inversion: .prefixedNo, help: "Named on the published subprocessor list.")
    var subprocessorListed = false
    @Option(
      help: ArgumentHelp(
        "Whether a data processing agreement is in place: yes, no or unknown (default: yes "
          + "when a signing day or reference is given, else unknown)."))
    var dpa: DPAStatus?
    @Option(help: "The day the DPA was signed (YYYY-MM-DD), where known.")
    var dpaSignedOn: String?
    @Option(help: "Where the DPA is filed (a document reference), where known.")
    var dpaReference: String?
    @Option(
      help: ArgumentHelp(
        "The provider whose platform serves this one's models (its key), e.g. a vendor's model "
          + "on a cloud platform.", valueName: "provider"))
    var servedThrough: String?
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
      draft.dpaReference = dpaReference
      draft.dpa = dpa
      draft.servedThrough = servedThrough
      draft.noTraining = training == .noTraining
      draft.retentionDays = retentionDays
      draft.regions = regions
      draft.notes = notes
      let provider = try global.openRegistry().addProvider(draft)
      try output.emit(provider)
      Console.note("added provider '\(provider.key)'")
    }
  }
}
