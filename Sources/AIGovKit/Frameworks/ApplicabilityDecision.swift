/// A decision that a framework's requirement does, or does not, apply: to one feature, or (with
/// no feature) to the company, with the justification a Statement of Applicability states. Never
/// edited: a later decision on the same requirement and feature replaces it.
public struct ApplicabilityDecision: Equatable, Sendable {
  public var id: Int
  public var framework: String
  public var requirement: String
  /// The feature it is about, or nil for the company.
  public var featureKey: String?
  public var applicable: Bool
  public var justification: String
  public var decidedBy: String
  public var decidedAt: String
  /// The feature's row, which the trail names by key.
  var featureRow: Int?
}

extension ApplicabilityDecision {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension ApplicabilityDecision: TableRecord {
  public static let entity = AuditEntity.applicabilityDecision
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    [("feature", .value(featureKey.databaseValue))]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    featureKey = try values.decodeIfPresent(String.self, forKey: FieldKey("feature"))
  }
}

extension ApplicabilityDecision {
  /// The `applicability_decisions` table: the trail names the feature by key, which reading a row
  /// takes from a join (`Registry.decisionQuery`).
  static let table = RecordTable<ApplicabilityDecision>(
    name: "applicability_decisions", alias: "a",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .text("framework", { $0.framework }, { $0.framework = $1 }),
      .text("requirement", { $0.requirement }, { $0.requirement = $1 }),
      RecordColumn(
        exchange: .optionalInteger("feature_id"), role: .content, auditField: nil,
        value: { $0.featureRow.databaseValue },
        read: { $0.featureRow = $1.optionalInteger }),
      .boolean("applicable", { $0.applicable }, { $0.applicable = $1 }),
      .text(
        "justification", { $0.justification }, { $0.justification = $1 },
        .applicabilityJustification),
      .text("decided_by", { $0.decidedBy }, { $0.decidedBy = $1 }, .actor),
      .text("decided_at", { $0.decidedAt }, { $0.decidedAt = $1 }),
    ],
    empty: {
      ApplicabilityDecision(
        id: 0, framework: "", requirement: "", featureKey: nil, applicable: true,
        justification: "", decidedBy: "", decidedAt: "")
    })
}
