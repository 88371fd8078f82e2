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

/// The options of a feature's optional fields, shared by `feature add` and `feature edit`: each
/// names a field of `Feature.fields`, and `changes` sets it. (The fields a new feature must state
/// are options of `feature add` and of `feature edit` themselves, required by the one and not the
/// other.)
struct FeatureFieldOptions: ParsableArguments {
  /// A field's help, from its description, with the value a new feature takes without it.
  static func help(_ name: String, valueName: String? = nil) -> ArgumentHelp {
    guard let field = AIGovKit.Feature.fields.first(where: { $0.name == name }) else {
      preconditionFailure("no feature field '\(name)'")
    }
    var text = field.help ?? field.label
    if case .text(let value)? = field.defaultValue {
      text = (text.hasSuffix(".") ? String(text.dropLast()) : text) + " (new features: \(value))."
    }
    return ArgumentHelp(text, valueName: valueName)
  }

  @Option(name: .customLong("description"), help: "A longer description.")
  var summary: String?

  @Option(help: "The owning team (an empty value clears it).")
  var team: String?

  @Option(
    name: .customLong("documentation-url"),
    help: ArgumentHelp(
      "The feature's page in the help centre: an https URL (an empty value clears it).",
      valueName: "url"))
  var documentationURL: String?

  @Option(help: Self.help("human_oversight"))
  var humanOversight: HumanOversight?

  @Option(help: Self.help("audience", valueName: "audience"))
  var audience: Audience?

  @Option(help: Self.help("final_say"))
  var finalSay: FinalSay?

  @Option(help: Self.help("customer_control"))
  var customerControl: CustomerControl?

  @Option(name: .customLong("eu-ai-act-tier"), help: Self.help("eu_ai_act_tier"))
  var euAIActTier: EUAIActTier?

  @Option(help: "Days between periodic reviews (1-3650, default 90).")
  var reviewIntervalDays: Int?

  @Option(name: .customLong("eu-ai-act-role"), help: Self.help("eu_ai_act_role"))
  var euAIActRole: FeatureRole?

  @Option(
    name: .customLong("annex-iii"),
    help: ArgumentHelp(
      "For a high-risk use, the EU AI Act Annex III point it falls under, e.g. III.4(a) (an "
        + "empty value clears it).", valueName: "point"))
  var annexIII: String?

  func validate() throws {
    if let annexIII, !annexIII.isEmpty, AnnexIIIPoint(rawValue: annexIII) == nil {
      throw ValidationError(
        "invalid Annex III point '\(annexIII)' (expected one of: \(AnnexIIIPoint.acceptedTerms))")
    }
  }

  /// The fields the options give, by their names in `Feature.fields`.
  var changes: FeatureChanges {
    var changes = FeatureChanges()
    changes.set("description", summary)
    changes.set("team", team)
    changes.set("documentation_url", documentationURL)
    changes.set("human_oversight", humanOversight)
    changes.set("audience", audience)
    changes.set("final_say", finalSay)
    changes.set("customer_control", customerControl)
    changes.set("eu_ai_act_tier", euAIActTier)
    changes.set("review_interval_days", reviewIntervalDays)
    changes.set("eu_ai_act_role", euAIActRole)
    changes.set("annex_iii", annexIII)
    return changes
  }
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
