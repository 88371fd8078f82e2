/// The plain words the public disclosure uses, shared by its renderers so that every format says
/// the same thing.
extension PublicDisclosure {
  static let title = "How we use AI"

  static let introduction =
    "This page lists the AI features you may meet in our product, what data each uses, whether a "
    + "person reviews what it produces, how you control it, and which third parties process its "
    + "inputs. It is generated from our AI inventory, the record our governance reviews approve."

  static func heading(_ category: FeatureCategory) -> String {
    switch category {
    case .agentic: "AI agents"
    case .predictive: "Predictions"
    case .generative: "Generated content"
    case .automation: "Automations"
    }
  }

  static func dataUse(_ feature: DisclosedFeature) -> String {
    switch feature.processingMode {
    case .accountOnly: return "Uses only your account's data, for your account."
    case .aggregated:
      let size = feature.minAggregationSize.map { ", in groups of at least \($0)" } ?? ""
      return "Uses aggregated, de-identified data across accounts\(size)."
    }
  }

  static func humanReview(_ oversight: HumanOversight) -> String {
    switch oversight {
    case .humanInTheLoop: "A person reviews its output before it takes effect."
    case .humanOnTheLoop: "People monitor its output and can step in."
    case .autonomous: "It acts without a person reviewing each output."
    }
  }

  static func control(_ control: CustomerControl) -> String {
    switch control {
    case .optIn: "Off until you turn it on."
    case .optOut: "On by default; you can turn it off."
    case .alwaysOn: "Part of the product; it cannot be turned off."
    }
  }

  static func training(_ trainsModels: Bool) -> String {
    trainsModels
      ? "Your data helps train our own models." : "Your data does not train our models."
  }

  static func terms(_ terms: ProviderTerms) -> String {
    let training =
      terms.noTraining
      ? "may not train on your data" : "is not contractually barred from training on your data"
    let retention =
      switch terms.retentionDays {
      case 0?: "keeps none of it (zero retention)"
      case let days?: "keeps it for up to \(days) day\(days == 1 ? "" : "s")"
      case nil: "has not confirmed how long it keeps it"
      }
    return "\(training); \(retention)"
  }

  /// A subprocessor's training term, for the table.
  static func trainingTerm(_ noTraining: Bool) -> String {
    noTraining ? "contractually barred" : "not barred"
  }

  /// A subprocessor's retention, for the table.
  static func retention(_ days: Int?) -> String {
    switch days {
    case 0?: "none (zero retention)"
    case let days?: "up to \(days) days"
    case nil: "not confirmed"
    }
  }

  static let noFeatures = "No AI features are offered to customers at this time."
  static let noSubprocessors = "No third-party AI subprocessors."
}
