import AIGovKit
import ArgumentParser

extension AIGov {
  struct Feature: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "feature",
      abstract: "Register, list, show and change AI features.",
      subcommands: [
        Add.self, List.self, Show.self, Edit.self, LinkProvider.self, UnlinkProvider.self,
        SetStatus.self, Retire.self,
      ])
  }
}

/// The options that describe a feature's risk picture, shared by `feature add` and `feature edit`.
struct FeatureProfileOptions: ParsableArguments {
  @Option(
    help: "How much a person oversees the feature's output (new features: human-in-the-loop).")
  var humanOversight: HumanOversight?

  @Option(
    help: ArgumentHelp(
      "Who it is for: customers (offered to the businesses using the product), end-consumers "
        + "(their recipients see it) or internal (our staff use it on customer data) "
        + "(new features: customers).", valueName: "audience"))
  var audience: Audience?

  @Option(
    help: ArgumentHelp(
      "Who has the final say on its output: customer, staff, or none before it acts "
        + "(new features: customer)."))
  var finalSay: FinalSay?

  @Option(
    help: ArgumentHelp(
      "How customers control it: opt-in, opt-out, always-on, or optional (never required; "
        + "the work can always be done by hand) (new features: always-on)."))
  var customerControl: CustomerControl?

  @Option(
    name: .customLong("eu-ai-act-tier"), help: "The EU AI Act risk tier (new features: unassessed)."
  )
  var euAIActTier: EUAIActTier?

  @Option(help: "Days between periodic reviews (1-3650, default 90).")
  var reviewIntervalDays: Int?
}

/// How a feature uses customer data, per purpose: to serve a customer, and to train our own
/// models.
struct DataUseOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "How serving a customer uses data: account-only (that account's data only) or "
        + "cross-account (required for a new feature).", valueName: "use"))
  var serving: ServingUse?

  @Option(
    help: ArgumentHelp(
      "How customer data trains our own models: none, account-only, aggregated or de-identified "
        + "(required for a new feature).", valueName: "use"))
  var training: TrainingUse?

  @Option(
    help: ArgumentHelp(
      "The smallest group that data across accounts is aggregated into (at least 2), where "
        + "one is stated.", valueName: "n"))
  var minGroupSize: Int?

  func requiredServing() throws -> ServingUse {
    guard let serving else {
      throw ValidationError(
        "missing --serving: say how serving a customer uses data (\(ServingUse.acceptedTerms))")
    }
    return serving
  }

  func requiredTraining() throws -> TrainingUse {
    guard let training else {
      throw ValidationError(
        "missing --training: say how customer data trains our models "
          + "(\(TrainingUse.acceptedTerms))")
    }
    return training
  }
}
