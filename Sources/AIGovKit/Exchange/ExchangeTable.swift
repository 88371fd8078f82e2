/// One file of an export: a table of the database written row by row, with the columns it has.
///
/// The files are the tables themselves, ids included, so that an export restores the database as
/// it was and the audit trail (which names risks, rounds and sign-offs by id) still fits it. They
/// are listed parents first, the order an import restores them in.
public struct ExchangeTable: Sendable {
  /// The file's name without its extension, and the table's.
  public let name: String
  /// What one row stands for, for the schema and the README.
  public let summary: String
  public let columns: [ExchangeColumn]
  let orderBy: String
  /// A query of its own, for a file that is not one table.
  var query: String? = nil

  /// The query that reads the rows in the order they are written.
  public var selectSQL: String {
    query
      ?? "SELECT \(columns.map(\.name).joined(separator: ", ")) FROM \(name) ORDER BY \(orderBy)"
  }

  /// The statement that restores one row.
  var insertSQL: String {
    "INSERT INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) VALUES ("
      + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
  }
}

/// A column of an exchanged table: its value type, whether it may be missing, and for a
/// vocabulary the terms it accepts.
public struct ExchangeColumn: Sendable {
  public enum Kind: Sendable, Equatable {
    case text, integer, boolean
  }

  public let name: String
  public let kind: Kind
  public let nullable: Bool
  /// The accepted values of a vocabulary column.
  public let terms: [String]?
  /// The text a text column accepts: a record's free-text field, or else one line (keys, times,
  /// hashes, the audit trail's canonical JSON), each also checked by its own format elsewhere.
  public var textField: TextField? {
    guard kind == .text, terms == nil else { return nil }
    return field ?? TextField("recorded", name, .one, 1_000_000)
  }
  private var field: TextField? = nil

  init(name: String, kind: Kind, nullable: Bool, terms: [String]?, field: TextField? = nil) {
    self.name = name
    self.kind = kind
    self.nullable = nullable
    self.terms = terms
    self.field = field
  }

  static func text(_ name: String, _ field: TextField? = nil) -> Self {
    Self(name: name, kind: .text, nullable: false, terms: nil, field: field)
  }
  static func optionalText(_ name: String, _ field: TextField? = nil) -> Self {
    Self(name: name, kind: .text, nullable: true, terms: nil, field: field)
  }
  static func integer(_ name: String) -> Self {
    Self(name: name, kind: .integer, nullable: false, terms: nil)
  }
  static func optionalInteger(_ name: String) -> Self {
    Self(name: name, kind: .integer, nullable: true, terms: nil)
  }
  static func boolean(_ name: String) -> Self {
    Self(name: name, kind: .boolean, nullable: false, terms: nil)
  }
  static func term<T: Vocabulary>(_ name: String, _ type: T.Type) -> Self {
    Self(name: name, kind: .text, nullable: false, terms: T.allCases.map(\.rawValue))
  }
  static func optionalTerm<T: Vocabulary>(_ name: String, _ type: T.Type, only: [T]? = nil) -> Self
  {
    Self(
      name: name, kind: .text, nullable: true, terms: (only ?? Array(T.allCases)).map(\.rawValue))
  }
}

extension ExchangeTable {
  /// Every table an export holds, parents first.
  public static let all: [ExchangeTable] = [
    ExchangeTable(
      name: "settings", summary: "a governance setting that differs from its default",
      columns: [.text("name"), .text("value")], orderBy: "name"),
    ExchangeTable(
      name: "providers", summary: "a model provider (subprocessor) and its contract terms",
      columns: [
        .integer("id"), .text("key"), .text("name", .providerName),
        .term("kind", ProviderKind.self),
        .boolean("subprocessor_listed"), .optionalText("dpa_signed_on"), .boolean("no_training"),
        .optionalInteger("retention_days"), .text("regions", .providerRegions),
        .text("notes", .providerNotes),
        .text("created_at"), .text("updated_at"), .integer("version"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "reviewers", summary: "a person who reviews features",
      columns: [
        .integer("id"), .text("handle"), .text("name", .reviewerName),
        .text("email", .reviewerEmail), .text("created_at"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "reviewer_disciplines", summary: "a discipline a reviewer may sign for",
      columns: [.integer("reviewer_id"), .term("discipline", Discipline.self)],
      orderBy: "reviewer_id, discipline"),
    ExchangeTable(
      name: "reviewer_keys",
      summary: "a reviewer's Ed25519 public key (SPKI PEM), with when it was in force",
      columns: [
        .integer("id"), .integer("reviewer_id"), .text("fingerprint"),
        .text("public_key", .publicKey),
        .text("added_at"), .optionalText("retired_at"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "features", summary: "an AI feature of the product",
      columns: [
        .integer("id"), .text("key"), .text("name", .featureName),
        .text("description", .featureDescription), .text("purpose", .featurePurpose),
        .term("category", FeatureCategory.self), .term("processing_mode", ProcessingMode.self),
        .term("status", FeatureStatus.self), .optionalText("status_reason", .featureStatusReason),
        .optionalTerm(
          "unreviewed_status", FeatureStatus.self, only: [.approved, .launched, .suspended]),
        .text("owner", .featureOwner), .optionalText("team", .featureTeam),
        .term("human_oversight", HumanOversight.self),
        .boolean("customer_facing"), .term("customer_control", CustomerControl.self),
        .boolean("trains_models"), .optionalInteger("min_aggregation_size"),
        .term("eu_ai_act_tier", EUAIActTier.self), .integer("review_interval_days"),
        .optionalText("last_reviewed_at"), .text("created_at"), .text("updated_at"),
        .integer("version"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "feature_data_categories", summary: "a kind of data a feature processes",
      columns: [.integer("feature_id"), .term("category", DataCategory.self)],
      orderBy: "feature_id, category"),
    ExchangeTable(
      name: "feature_providers", summary: "a provider (and model) a feature sends data to",
      columns: [
        .integer("feature_id"), .integer("provider_id"), .text("model", .providerUseModel),
        .text("purpose", .providerUsePurpose),
      ], orderBy: "feature_id, provider_id, model"),
    ExchangeTable(
      name: "feature_attributes",
      summary: "text a feature arrived with from another inventory's format, kept as it came",
      columns: [
        .integer("feature_id"), .text("name", .attributeName), .text("value", .attributeValue),
      ],
      orderBy: "feature_id, name"),
    ExchangeTable(
      name: "risks", summary: "a risk of a feature, scored likelihood x impact (1-5 each)",
      columns: [
        .integer("id"), .integer("feature_id"), .text("title", .riskTitle),
        .text("description", .riskDescription),
        .term("category", RiskCategory.self), .integer("likelihood"), .integer("impact"),
        .term("status", RiskStatus.self), .text("owner", .riskOwner),
        .optionalInteger("residual_likelihood"),
        .optionalInteger("residual_impact"), .text("created_at"), .text("updated_at"),
        .integer("version"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "mitigations", summary: "a mitigation of a risk",
      columns: [
        .integer("id"), .integer("risk_id"), .text("title", .mitigationTitle),
        .text("description", .mitigationDescription),
        .term("kind", MitigationKind.self), .term("status", MitigationStatus.self),
        .optionalText("evidence", .mitigationEvidence), .text("owner", .mitigationOwner),
        .optionalText("due_on"), .text("created_at"),
        .text("updated_at"), .integer("version"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "review_rounds",
      summary: "a review round of a feature, pinned to the content hash it reviews",
      columns: [
        .integer("id"), .integer("feature_id"), .integer("number"),
        .term("kind", RoundKind.self), .term("status", RoundStatus.self),
        .text("content_hash"), .text("required_disciplines"), .text("opened_at"),
        .text("opened_by", .actor), .optionalText("closed_at"), .optionalText("closed_by", .actor),
        .optionalText("close_reason", .roundCloseReason), .optionalInteger("cause_event"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "signoffs",
      summary: "one reviewer's decision for one discipline in one round, signed when a key was",
      columns: [
        .integer("id"), .integer("round_id"), .term("discipline", Discipline.self),
        .integer("reviewer_id"), .term("decision", Decision.self),
        .text("comment", .signOffComment),
        .text("signed_at"), .optionalText("key_fingerprint"), .optionalText("signature"),
      ], orderBy: "id"),
    ExchangeTable(
      name: "audit_events",
      summary: "an event of the hash-chained audit trail; before and after are canonical JSON",
      columns: [
        .integer("seq"), .text("at"), .text("actor", .actor), .text("action"), .text("entity"),
        .text("entity_key"), .optionalText("before"), .optionalText("after"),
        .text("prev_hash"), .text("hash"),
      ], orderBy: "seq"),
  ]

  /// The table of a file name (`features.csv` or `features`), if it is one.
  public static func named(_ name: String) -> ExchangeTable? {
    all.first { $0.name == name }
  }
}
