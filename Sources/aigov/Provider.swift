import AIGovKit
import ArgumentParser

extension AIGov {
  struct Provider: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "provider",
      abstract: "Register, list, show and change model providers (subprocessors).",
      subcommands: [Add.self, List.self, Show.self, Edit.self])
  }
}

/// Whether the contract bars the provider from training on our data.
enum TrainingTerms: EnumerableFlag {
  case noTraining, trainingAllowed

  static func help(for value: TrainingTerms) -> ArgumentHelp? {
    switch value {
    case .noTraining: "The contract bars the provider from training on our data."
    case .trainingAllowed: "The provider may train on our data."
    }
  }
}
