/// Why a governance operation was refused. Every case names the offending value.
///
/// The messages say what is wrong in the inventory's terms; the command line maps each case to an
/// exit status (see the README's table) and adds what to type next.
public enum AIGovError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A value is malformed or out of range.
  case invalidValue(field: String, value: String, expected: String)
  /// A text value the field does not accept: a control character, or too long.
  case invalidText(field: String, excerpt: String, problem: String)
  /// A required value is missing.
  case missingValue(field: String, reason: String)
  /// A reject or a request for changes without a comment saying why.
  case commentRequired(Decision)
  /// A decision by a reviewer who holds several disciplines, without saying for which.
  case disciplineUnspecified(reviewer: String, held: [Discipline])
  /// A record with this key exists already.
  case duplicate(entity: String, key: String)
  /// No record with this key.
  case notFound(entity: String, key: String)
  /// The record changed since the caller read it.
  case versionConflict(entity: String, key: String, expected: Int, actual: Int)
  /// A rule of the inventory refuses the operation.
  case refused(Refusal)
  /// A file the operation would create exists already.
  case fileExists(path: String)

  public var description: String {
    switch self {
    case .invalidValue(let field, let value, let expected):
      "invalid \(field) '\(value)' (expected \(expected))"
    case .invalidText(let field, let excerpt, let problem):
      "invalid \(field) '\(excerpt)': \(problem)"
    case .missingValue(let field, let reason):
      "missing \(field): \(reason)"
    case .commentRequired(let decision):
      "missing comment: a decision to \(decision == .reject ? "reject" : "request changes") "
        + "says why"
    case .disciplineUnspecified(let reviewer, let held):
      "missing discipline: reviewer '\(reviewer)' signs for "
        + held.map(\.rawValue).joined(separator: ", ")
    case .duplicate(let entity, let key):
      "\("aeiou".contains(entity.first ?? "x") ? "an" : "a") \(entity) with key '\(key)' already "
        + "exists"
    case .notFound(let entity, let key):
      "no \(entity) '\(key)'"
    case .versionConflict(let entity, let key, let expected, let actual):
      "\(entity) '\(key)' is at version \(actual), not \(expected): someone changed it since you "
        + "read it; show it again and retry"
    case .refused(let refusal):
      refusal.description
    case .fileExists(let path):
      "'\(path)' already exists"
    }
  }
}
