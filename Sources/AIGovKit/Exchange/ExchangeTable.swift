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

  /// The statements that restore its rows, many at a time or one.
  var insert: BatchInsert { BatchInsert(table: name, columns: columns.map(\.name)) }
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
  /// The accepted values of a vocabulary column; of a set column, the terms its members may be.
  public let terms: [String]?
  /// Whether the column holds a set of terms (`TermSet`) rather than one.
  public private(set) var isSet = false
  /// The text a text column accepts: a record's free-text field, or else one line (keys, times,
  /// hashes, the audit trail's canonical JSON), each also checked by its own format elsewhere.
  public var textField: TextField? {
    guard kind == .text, terms == nil else { return nil }
    return field ?? TextField("recorded", name, .one, 1_000_000)
  }
  /// The record's free-text field the column holds, when it holds one.
  private(set) var field: TextField? = nil

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
  static func termSet<T: Vocabulary>(_ name: String, _ type: T.Type, nullable: Bool = false)
    -> Self
  {
    var column = Self(
      name: name, kind: .text, nullable: nullable, terms: TermSet<T>.memberTerms)
    column.isSet = true
    return column
  }
  /// Whether `text` is a value the column's vocabulary accepts: one of its terms, or for a set
  /// column, `none` or its terms in their order separated by commas.
  public func accepts(term text: String) -> Bool {
    guard let terms else { return true }
    guard isSet else { return terms.contains(text) }
    if text == "none" { return true }
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    let positions = parts.compactMap { terms.firstIndex(of: $0) }
    return positions.count == parts.count && positions == positions.sorted()
      && Set(positions).count == positions.count
  }
  /// A set as a person may write it (any order, spaces after commas, repeats), in the one form
  /// it is stored in; nil when it names a term the column does not know.
  func normalizedSet(_ text: String) -> String? {
    guard isSet, let terms else { return nil }
    let parts = Set(text.split(separator: ",").map { $0.trimmingWhitespace() })
    if parts == ["none"] { return "none" }
    guard !parts.isEmpty, parts.isSubset(of: terms) else { return nil }
    return terms.filter(parts.contains).joined(separator: ",")
  }
  /// What the column's vocabulary accepts, in words.
  public var expectedTerms: String {
    let list = (terms ?? []).joined(separator: ", ")
    return isSet
      ? "none, or one or more of: \(list), separated by commas in that order" : "one of: \(list)"
  }
  static func optionalTerm<T: Vocabulary>(_ name: String, _ type: T.Type, only: [T]? = nil) -> Self
  {
    Self(
      name: name, kind: .text, nullable: true, terms: (only ?? Array(T.allCases)).map(\.rawValue))
  }
}

extension ExchangeTable {
  /// The file of a record kind's table, with the record's columns.
  init<Record>(_ table: RecordTable<Record>, summary: String, orderBy: String) {
    self.init(
      name: table.name, summary: summary, columns: table.exchangeColumns, orderBy: orderBy)
  }

  /// Every table an export holds, parents first.
  public static let all: [ExchangeTable] = [
    ExchangeTable(
      name: "settings", summary: "a governance setting that differs from its default",
      columns: [
        .text("name"), .text("value"), .optionalText("endorsed_by"),
        .optionalText("endorsing_key"), .optionalText("endorsement"),
      ], orderBy: "name"),
    ExchangeTable(
      Provider.table, summary: "a model provider (subprocessor) and its contract terms",
      orderBy: "id"),
    ExchangeTable(Reviewer.table, summary: "a person who reviews features", orderBy: "id"),
    ExchangeTable(
      name: "reviewer_disciplines", summary: "a discipline a reviewer may sign for",
      columns: [.integer("reviewer_id"), .term("discipline", Discipline.self)],
      orderBy: "reviewer_id, discipline"),
    ExchangeTable(
      name: "reviewer_keys",
      summary:
        "a reviewer's Ed25519 public key (SPKI PEM), with when it was in force and the signed "
        + "statement that proved a replacement",
      columns: [
        .integer("id"), .integer("reviewer_id"), .text("fingerprint"),
        .text("public_key", .publicKey),
        .text("added_at"), .optionalText("retired_at"), .optionalText("endorsed_by"),
        .optionalText("endorsing_key"), .optionalText("endorsement"),
      ], orderBy: "id"),
    ExchangeTable(Feature.table, summary: "an AI feature of the product", orderBy: "id"),
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
      Risk.table, summary: "a risk of a feature, scored likelihood x impact (1-5 each)",
      orderBy: "id"),
    ExchangeTable(Mitigation.table, summary: "a mitigation of a risk", orderBy: "id"),
    ExchangeTable(
      MonitoringPlan.table,
      summary: "what is measured about a feature after launch: a metric and its threshold, or a "
        + "check, with its cadence", orderBy: "id"),
    ExchangeTable(
      MonitoringResult.table, summary: "one measurement of a monitoring plan, never edited",
      orderBy: "id"),
    ExchangeTable(
      Incident.table,
      summary: "something that went wrong with features after launch, with its reports and, once "
        + "closed, its cause and corrective action", orderBy: "id"),
    ExchangeTable(
      name: "incident_features", summary: "a feature an incident concerns",
      columns: [.integer("incident_id"), .integer("feature_id")],
      orderBy: "incident_id, feature_id"),
    ExchangeTable(
      name: "incident_risks", summary: "a risk an incident realised",
      columns: [.integer("incident_id"), .integer("risk_id")], orderBy: "incident_id, risk_id"),
    ExchangeTable(
      Control.table,
      summary: "a company control: a measure kept for every feature in its scope, with its claim "
        + "and public statement", orderBy: "id"),
    ExchangeTable(
      name: "control_scope",
      summary: "a term of a control's scope (category:generative, feature:KEY); none: every "
        + "feature", columns: [.integer("control_id"), .text("term")], orderBy: "control_id, term"),
    ExchangeTable(
      name: "control_mappings",
      summary: "a control's answer to a framework requirement: its relationship (equal, subset, "
        + "superset, intersects) and why",
      columns: [
        .integer("control_id"), .text("framework"), .text("requirement"),
        .term("relationship", MappingRelationship.self), .text("rationale", .mappingRationale),
      ], orderBy: "control_id, framework, requirement"),
    ExchangeTable(
      ControlException.table,
      summary: "a gap accepted for one feature until a day (a control it is not covered by, or a "
        + "check rule's finding), signed by a reviewer of the discipline that owns it",
      orderBy: "id"),
    ExchangeTable(
      ApplicabilityDecision.table,
      summary: "a decision that a framework requirement does or does not apply, to one feature or "
        + "(no feature) to the company, with its justification; a later one replaces it",
      orderBy: "id"),
    ExchangeTable(
      ImportedCatalogue.table,
      summary: "a framework catalogue the company imported (its own, or a new version of one "
        + "aigov ships), as canonical JSON in the aigov-framework-1 form; the latest of a key is "
        + "in force",
      orderBy: "id"),
    ExchangeTable(
      CompanyStatement.table,
      summary: "a statement the company makes on its public AI page: its section, title, body "
        + "(paragraphs, lists and https links) and place",
      orderBy: "key"),
    ExchangeTable(
      Meeting.table,
      summary: "a review meeting's minutes: the day, the quarter it reviewed, who attended and "
        + "its notes; never edited", orderBy: "id"),
    ExchangeTable(
      name: "meeting_decisions",
      summary: "a decision a meeting took on an item of the report (review/KEY, risk/12, ...), "
        + "in the order taken, with its last day when it has one",
      columns: [
        .integer("meeting_id"), .integer("position"), .text("item"),
        .term("decision", DecisionKind.self), .text("note", .meetingDecisionNote),
        .optionalText("until"),
      ], orderBy: "meeting_id, position"),
    ExchangeTable(
      MeetingAction.table,
      summary: "an action a meeting gave out: what, whose, due when, and whether it was done or "
        + "dropped", orderBy: "id"),
    ExchangeTable(
      MitigationMapping.table,
      summary: "a mitigation's answer to a requirement of a framework assessed feature by "
        + "feature: its relationship (equal, subset, superset, intersects) and why",
      orderBy: "id"),
    ExchangeTable(
      Evidence.table,
      summary: "evidence: a file stored in the export's evidence folder under its SHA-256, or a "
        + "URL with the SHA-256 of the copy kept; never edited, revisions are new rows",
      orderBy: "id"),
    ExchangeTable(
      name: "evidence_links",
      summary: "a record a piece of evidence supports (control:KEY, mitigation:12, risk:3, "
        + "incident:REF, signoff:40, monitoring-result:7)",
      columns: [.integer("evidence_id"), .text("target")], orderBy: "evidence_id, target"),
    ExchangeTable(
      EvidenceAttestation.table,
      summary: "a reviewer's signed attestation of a piece of evidence's hash and metadata",
      orderBy: "id"),
    ExchangeTable(
      ReviewRound.table,
      summary: "a review round of a feature, pinned to the content hash it reviews", orderBy: "id"),
    ExchangeTable(
      SignOff.table,
      summary: "one reviewer's decision for one discipline in one round, signed when a key was",
      orderBy: "id"),
    ExchangeTable(
      name: "access_tokens",
      summary: "a person's access token for aigov serve, kept as the SHA-256 of its text; revoked, "
        + "never deleted",
      columns: [
        .integer("id"), .text("person", .actor), .text("label", .accessTokenLabel),
        .term("access", TokenAccess.self), .text("token_hash"), .text("created_at"),
        .text("created_by", .actor),
        .optionalText("revoked_at"), .optionalText("revoked_by", .actor),
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
