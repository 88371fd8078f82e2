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

  @Option(help: Self.help("adaptation", valueName: "ways"))
  var adaptation: String?

  @Option(help: Self.help("adaptation_consent"))
  var adaptationConsent: AdaptationConsent?

  @Option(help: Self.help("provider_choice"))
  var providerChoice: ProviderChoice?

  @Option(help: Self.help("account_switch"))
  var accountSwitch: AccountSwitch?

  @Option(help: Self.help("kept_data", valueName: "what"))
  var keptData: String?

  @Option(
    help: ArgumentHelp(
      "Where it keeps that, in words a customer reads (an empty value clears it).",
      valueName: "words"))
  var keptWhere: String?

  @Option(help: Self.help("kept_deletion", valueName: "when"))
  var keptDeletion: String?

  @Option(
    help: ArgumentHelp(
      "The longest it keeps that, in days (1-3650), when it deletes it after a period.",
      valueName: "days"))
  var keptDays: Int?

  @Option(
    name: .customLong("annex-iii"),
    help: ArgumentHelp(
      "For a high-risk use, the EU AI Act Annex III point it falls under, e.g. III.4(a) (an "
        + "empty value clears it).", valueName: "point"))
  var annexIII: String?

  /// The options that name a set of terms, by their fields: `--kept-data outputs,embeddings`.
  private var termSets: [(field: String, text: String?)] {
    [("adaptation", adaptation), ("kept_data", keptData), ("kept_deletion", keptDeletion)]
  }

  func validate() throws {
    for (field, text) in termSets {
      _ = try setValue(field, text)
    }
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
    changes.set("adaptation_consent", adaptationConsent)
    changes.set("provider_choice", providerChoice)
    changes.set("account_switch", accountSwitch)
    changes.set("kept_where", keptWhere)
    changes.set("kept_days", keptDays)
    for (field, text) in termSets {
      if let value = try? setValue(field, text) { changes.set(field, value: value) }
    }
    return changes
  }

  /// The value of a set option, refused as a usage error naming what it accepts.
  private func setValue(_ field: String, _ text: String?) throws -> DatabaseValue? {
    guard let text else { return nil }
    let description = AIGovKit.Feature.field(field)
    do {
      return try description.value(parsing: text)
    } catch is AIGovError {
      guard case .termSet(let terms) = description.kind else { throw ValidationError(text) }
      throw ValidationError(
        "invalid \(description.label) '\(text)' (expected none, or one or more of: "
          + terms.joined(separator: ", ") + ", separated by commas; an empty value clears it)")
    }
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
      "What trains our own models: none, or one or more of account-only (the account's own "
        + "data, for its own model only), aggregated, de-identified, anonymised and synthetic, "
        + "separated by commas (required for a new feature).", valueName: "sources"))
  var training: String?

  @Option(
    help: ArgumentHelp(
      "The smallest group that data across accounts is aggregated into (at least 2), where "
        + "one is stated.", valueName: "n"))
  var minGroupSize: Int?

  func validate() throws {
    _ = try trainingSources()
  }

  func requiredServing() throws -> ServingUse {
    guard let serving else {
      throw ValidationError(
        "missing --serving: say how serving a customer uses data (\(ServingUse.acceptedTerms))")
    }
    return serving
  }

  func requiredTraining() throws -> TrainingSources {
    guard let training = try trainingSources() else {
      throw ValidationError(
        "missing --training: say what trains our models (\(TrainingSources.acceptedTerms))")
    }
    return training
  }

  /// The training sources the option names; nil when it is not given.
  func trainingSources() throws -> TrainingSources? {
    guard let training else { return nil }
    do {
      return try TrainingSources.parse(training, field: "training use")
    } catch let error as AIGovError {
      throw ValidationError(error.description)
    }
  }
}
