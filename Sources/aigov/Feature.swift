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

  @Flag(
    inversion: .prefixedNo,
    help: "Whether end customers see or use the feature directly (new features: no).")
  var customerFacing: Bool?

  @Option(
    help: "How customers control whether the feature runs on their data (new features: always-on).")
  var customerControl: CustomerControl?

  @Flag(
    inversion: .prefixedNo, help: "Whether customer data trains our own models (new features: no).")
  var trainsModels: Bool?

  @Option(
    help: "For aggregated features: the smallest group an aggregate may describe (k, at least 2).")
  var minAggregationSize: Int?

  @Option(
    name: .customLong("eu-ai-act-tier"), help: "The EU AI Act risk tier (new features: unassessed)."
  )
  var euAIActTier: EUAIActTier?

  @Option(help: "Days between periodic reviews (1-3650, default 90).")
  var reviewIntervalDays: Int?
}
