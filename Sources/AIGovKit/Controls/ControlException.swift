#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A gap accepted for one feature until a day: what a control does not cover of it, or what a
/// check rule finds about it. A reviewer of the discipline that owns the gap (the control's, or
/// the rule's) accepts it with the reason, signing with their key when they hold one; an
/// exception is never edited, and ends on its day.
public struct ControlException: Equatable, Sendable {
  public var id: Int
  public var featureKey: String
  /// The control the feature is not covered by, or nil for a rule's finding.
  public var control: String?
  /// The check rule whose findings about the feature are accepted, or nil for a control.
  public var rule: CheckRule?
  /// What is not covered, in words the public page may state.
  public var notCovered: String
  public var reason: String
  public var discipline: Discipline
  /// The reviewer's handle.
  public var acceptedBy: String
  public var acceptedAt: String
  /// The last day it is in force, YYYY-MM-DD.
  public var until: String
  /// The fingerprint of the key that signed it, when the reviewer held one.
  public var keyFingerprint: String?
  /// The Ed25519 signature over `signedMessage`, in base64.
  public var signature: String?
  /// The rows the trail names by key: the feature, the control and the reviewer.
  var rows = Rows()

  struct Rows: Equatable, Sendable {
    var feature = 0
    var control: Int?
    var reviewer = 0
  }

  /// What it accepts, in words: `control no-provider-retention` or `rule provider-terms`.
  public var subject: String {
    if let control { return "control \(control)" }
    return "rule \(rule?.rawValue ?? "")"
  }

  /// Whether it is in force on `day` (YYYY-MM-DD): accepted by then, and not past its day.
  public func isInForce(on day: String) -> Bool {
    acceptedAt.prefix(10) <= day && day <= until
  }

  /// The bytes the reviewer signs: canonical JSON of the exception. An auditor reads them as they
  /// are and checks the signature with any Ed25519 tool.
  public var signedMessage: [UInt8] {
    var object = CanonicalObject()
    object.string("accepted_at", acceptedAt)
    object.string("accepted_by", acceptedBy)
    object.string("control", control)
    object.term("discipline", discipline)
    object.string("feature", featureKey)
    object.string("key_fingerprint", keyFingerprint)
    object.string("not_covered", notCovered)
    object.string("reason", reason)
    object.string("rule", rule?.rawValue)
    object.string("until", until)
    return object.finish()
  }
}

/// What a reviewer states when accepting a gap.
public struct ExceptionDraft: Equatable, Sendable {
  public var featureKey: String
  public var control: String?
  public var rule: CheckRule?
  public var notCovered: String
  public var reason: String
  public var until: String
  /// The discipline the reviewer accepts it for; the one they hold when they hold one.
  public var discipline: Discipline?

  public init(
    featureKey: String, control: String?, rule: CheckRule?, notCovered: String, reason: String,
    until: String
  ) {
    self.featureKey = featureKey
    self.control = control
    self.rule = rule
    self.notCovered = notCovered
    self.reason = reason
    self.until = until
  }
}

extension ControlException {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension ControlException: TableRecord {
  public static let entity = AuditEntity.controlException
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    [
      ("accepted_by", .value(.text(acceptedBy))), ("control", .value(control.databaseValue)),
      ("feature", .value(.text(featureKey))),
    ]
  }

  /// The exception's JSON, with the bytes its reviewer signed (`signed_message`), so that an
  /// auditor checks the signature with OpenSSL alone.
  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try encodeFields(to: &values)
    try values.encode(
      String(decoding: signedMessage, as: UTF8.self), forKey: FieldKey("signed_message"))
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    acceptedBy = try values.decode(String.self, forKey: FieldKey("accepted_by"))
    control = try values.decodeIfPresent(String.self, forKey: FieldKey("control"))
    featureKey = try values.decode(String.self, forKey: FieldKey("feature"))
  }
}

extension ControlException {
  /// The `control_exceptions` table: the trail names the feature, the control and the reviewer by
  /// key, which reading a row takes from joins (`Registry.exceptionQuery`).
  static let table = RecordTable<ControlException>(
    name: "control_exceptions", alias: "e",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      RecordColumn(
        exchange: .integer("feature_id"), role: .content, auditField: nil,
        value: { .integer(Int64($0.rows.feature)) },
        read: { $0.rows.feature = try $1.integer(column: "feature_id") }),
      RecordColumn(
        exchange: .optionalInteger("control_id"), role: .content, auditField: nil,
        value: { $0.rows.control.databaseValue },
        read: { $0.rows.control = $1.optionalInteger }),
      .optionalTerm("rule", { $0.rule }, { $0.rule = $1 }),
      .text("not_covered", { $0.notCovered }, { $0.notCovered = $1 }, .exceptionNotCovered),
      .text("reason", { $0.reason }, { $0.reason = $1 }, .exceptionReason),
      .term("discipline", { $0.discipline }, { $0.discipline = $1 }),
      RecordColumn(
        exchange: .integer("reviewer_id"), role: .content, auditField: nil,
        value: { .integer(Int64($0.rows.reviewer)) },
        read: { $0.rows.reviewer = try $1.integer(column: "reviewer_id") }),
      .text("accepted_at", { $0.acceptedAt }, { $0.acceptedAt = $1 }),
      .text("until", { $0.until }, { $0.until = $1 }),
      .optionalText("key_fingerprint", { $0.keyFingerprint }, { $0.keyFingerprint = $1 }),
      .optionalText("signature", { $0.signature }, { $0.signature = $1 }),
    ],
    empty: {
      ControlException(
        id: 0, featureKey: "", control: nil, rule: nil, notCovered: "", reason: "",
        discipline: .product, acceptedBy: "", acceptedAt: "", until: "", keyFingerprint: nil,
        signature: nil)
    })
}
