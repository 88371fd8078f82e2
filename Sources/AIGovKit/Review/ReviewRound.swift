/// One review of one feature: pinned to the feature's content hash and to the disciplines required
/// when it was opened, it collects one decision per discipline until it is approved, rejected,
/// voided by a material change, or withdrawn.
public struct ReviewRound: Equatable, Sendable {
  public var id: Int
  public var featureKey: String
  /// 1, 2, 3, ... for each feature.
  public var number: Int
  public var kind: RoundKind
  public var status: RoundStatus
  /// The feature's content hash when the round was opened.
  public var contentHash: String
  public var requiredDisciplines: [Discipline]
  public var openedAt: String
  public var openedBy: String
  public var closedAt: String?
  public var closedBy: String?
  public var closeReason: String?
  /// The audit event whose change voided the round.
  public var causeEvent: Int?
}

extension ReviewRound {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension ReviewRound: TableRecord {
  public static let entity = AuditEntity.reviewRound
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    [
      ("feature", .value(.text(featureKey))),
      ("required_disciplines", .texts(requiredDisciplines.map(\.rawValue))),
    ]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    featureKey = try values.decode(String.self, forKey: FieldKey("feature"))
    requiredDisciplines = try values.decode(
      [Discipline].self, forKey: FieldKey("required_disciplines"))
  }

}

/// Why a round was opened.
public enum RoundKind: String, Vocabulary {
  /// Opened on a feature that is not launched: approval moves it to `approved`.
  case initial
  /// Opened on a launched feature, which stays launched while the round runs.
  case periodic
  /// Opened by aigov when a material change voided the feature's round or approval.
  case materialChange = "material-change"
  public static let termName = "round kind"
}

/// Where a round stands.
public enum RoundStatus: String, Vocabulary {
  case open, approved, rejected, voided, withdrawn
  public static let termName = "round status"
}

/// A reviewer's decision for one discipline.
public enum Decision: String, Vocabulary {
  case approve, reject
  case changesRequested = "changes-requested"
  public static let termName = "decision"
}

extension ReviewRound {
  /// The `review_rounds` table, column by column, in the order of the exchange files. The trail
  /// names the feature by its key (`feature`), which reading a row takes from a join; the
  /// required disciplines are stored as one comma-separated text.
  static let table = RecordTable<ReviewRound>(
    name: "review_rounds", alias: "r",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .parentID("feature_id"),
      .integer("number", { $0.number }, { $0.number = $1 }, role: .lifecycle),
      .term("kind", { $0.kind }, { $0.kind = $1 }, role: .lifecycle),
      .term("status", { $0.status }, { $0.status = $1 }, role: .lifecycle),
      .text("content_hash", { $0.contentHash }, { $0.contentHash = $1 }, role: .lifecycle),
      RecordColumn(
        exchange: .text("required_disciplines"), role: .lifecycle, auditField: nil,
        value: { .text($0.requiredDisciplines.map(\.rawValue).joined(separator: ",")) },
        read: { round, value in
          round.requiredDisciplines = try value.text(column: "required_disciplines")
            .split(separator: ",").map { try Discipline.parse(String($0)) }
        }),
      .text("opened_at", { $0.openedAt }, { $0.openedAt = $1 }, role: .lifecycle),
      .text("opened_by", { $0.openedBy }, { $0.openedBy = $1 }, .actor, role: .lifecycle),
      .optionalText("closed_at", { $0.closedAt }, { $0.closedAt = $1 }, role: .lifecycle),
      .optionalText("closed_by", { $0.closedBy }, { $0.closedBy = $1 }, .actor, role: .lifecycle),
      .optionalText(
        "close_reason", { $0.closeReason }, { $0.closeReason = $1 }, .roundCloseReason,
        role: .lifecycle),
      .optionalInteger("cause_event", { $0.causeEvent }, { $0.causeEvent = $1 }, role: .lifecycle),
    ],
    empty: {
      ReviewRound(
        id: 0, featureKey: "", number: 0, kind: .initial, status: .open, contentHash: "",
        requiredDisciplines: [], openedAt: "", openedBy: "", closedAt: nil, closedBy: nil,
        closeReason: nil, causeEvent: nil)
    })
}
