/// How the facts schema 4 recorded in fewer words map to schema 5's, stated once for the three
/// places that need it: reading a record the trail wrote under schema 4 (`RecordColumn.legacy`,
/// SQL over the event `l`), the content hash (`MaterialContent`), and the migration itself
/// (`V0005__disclosure.sql` holds the same mapping in its own SQL, and `UpgradeTests` proves they
/// agree).
///
/// Schema 4 said of a feature: a processing mode (account-only or aggregated), whether customer
/// data trains our models, a minimum aggregation size, and whether end customers see it.
struct Schema4Fields: Equatable, Sendable {
  var aggregated: Bool
  var trainsModels: Bool
  var minAggregationSize: Int?
  var customerFacing: Bool

  var servingUse: ServingUse { aggregated && !trainsModels ? .crossAccount : .accountOnly }

  var trainingUse: TrainingSources {
    guard trainsModels else { return .none }
    return TrainingSources([aggregated ? .aggregated : .accountOnly])
  }

  var audience: Audience { customerFacing ? .endConsumers : .customers }

  static func finalSay(_ oversight: HumanOversight) -> FinalSay {
    oversight == .humanInTheLoop ? .customer : .nobody
  }

  /// A provider's DPA as schema 4 said it: a date when one was signed, and nothing otherwise.
  static func dpa(signed: Bool) -> DPAStatus { signed ? .yes : .no }
}

extension Schema4Fields {
  /// What schema 4 would have recorded of a feature: exact for every feature schema 4 could
  /// describe, and the nearest it could say for the others (whose difference the content hash
  /// keeps in fields of its own).
  init(_ feature: Feature) {
    self.init(
      aggregated: feature.servingUse == .crossAccount || feature.trainingUse.crossesAccounts,
      trainsModels: !feature.trainingUse.isEmpty, minAggregationSize: feature.minGroupSize,
      customerFacing: feature.audience == .endConsumers)
  }
}

/// The same mapping in SQL, over a schema 4 feature event `l`, for the columns schema 5 added.
enum LegacyFeatureFields {
  private static let aggregated = "l.after ->> '$.processing_mode' = 'aggregated'"
  private static let trains = "l.after ->> '$.trains_models' = 1"

  static let servingUse =
    "CASE WHEN \(aggregated) AND NOT \(trains) THEN 'cross-account' ELSE 'account-only' END"
  static let trainingUse =
    "CASE WHEN NOT \(trains) THEN 'none' WHEN \(aggregated) THEN 'aggregated' "
    + "ELSE 'account-only' END"
  static let minGroupSize = "l.after ->> '$.min_aggregation_size'"
  static let audience =
    "CASE WHEN l.after ->> '$.customer_facing' = 1 THEN 'end-consumers' ELSE 'customers' END"
  static let finalSay =
    "CASE WHEN l.after ->> '$.human_oversight' = 'human-in-the-loop' THEN 'customer' "
    + "ELSE 'none' END"
}

/// A schema 4 provider event: a DPA was in place when it had a date.
enum LegacyProviderFields {
  static let dpa = "CASE WHEN l.after ->> '$.dpa_signed_on' IS NOT NULL THEN 'yes' ELSE 'no' END"
}
