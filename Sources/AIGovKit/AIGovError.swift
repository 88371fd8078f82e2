/// Why a governance operation was refused. Every case names the offending value.
///
/// The command line maps each case to an exit status (see the README's table).
public enum AIGovError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A value is malformed or out of range.
  case invalidValue(field: String, value: String, expected: String)
  /// A text value the field does not accept: a control character, or too long.
  case invalidText(field: String, excerpt: String, problem: String)
  /// A required value is missing.
  case missingValue(field: String, reason: String)
  /// A record with this key exists already.
  case duplicate(entity: String, key: String)
  /// No record with this key.
  case notFound(entity: String, key: String)
  /// The record changed since the caller read it.
  case versionConflict(entity: String, key: String, expected: Int, actual: Int)
  /// A rule of the lifecycle refuses the change.
  case refused(String)
  /// A file the command would create exists already.
  case fileExists(path: String)

  public var description: String {
    switch self {
    case .invalidValue(let field, let value, let expected):
      "invalid \(field) '\(value)' (expected \(expected))"
    case .invalidText(let field, let excerpt, let problem):
      "invalid \(field) '\(excerpt)': \(problem)"
    case .missingValue(let field, let reason):
      "missing \(field): \(reason)"
    case .duplicate(let entity, let key):
      "a \(entity) with key '\(key)' already exists"
    case .notFound(let entity, let key):
      "no \(entity) '\(key)' (see 'aigov \(entity) list')"
    case .versionConflict(let entity, let key, let expected, let actual):
      "\(entity) '\(key)' is at version \(actual), not \(expected): someone changed it since you "
        + "read it; show it again and retry"
    case .refused(let reason):
      reason
    case .fileExists(let path):
      "'\(path)' already exists (pass --force to replace it, or --db to choose another file)"
    }
  }
}
