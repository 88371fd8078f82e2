/// What kind of failure an error of AIGovKit is, decided once here; each front end says it in its
/// own terms: the command line as an exit status, the HTTP server as a status code, the MCP server
/// as a refusal of the call.
public enum ErrorClass: String, Sendable, Equatable, Codable {
  /// A value given is not acceptable: malformed, out of range, missing, or text a field refuses.
  case invalid
  /// A record with the key given exists already.
  case duplicate
  /// What the request names does not exist.
  case notFound = "not-found"
  /// A rule of the inventory refuses it now, or the record moved on since it was read.
  case conflict
  /// The person may not do it: not a reviewer, the owner, or without the discipline.
  case forbidden
  /// The same request, prepared again, would succeed: it was dated before a change that landed
  /// a moment earlier.
  case retry
  /// The database file is missing.
  case missingFile = "missing-file"
  /// A file given is not what it should be (not a database, empty, a folder).
  case unusableFile = "unusable-file"
  /// The database cannot be used by this version: too new, too old, or not creatable.
  case unsupportedDatabase = "unsupported-database"
  /// Another process held the database past the busy timeout.
  case busy
  /// The disk, or a fault in aigov itself: writing failed, or the database broke a rule it
  /// should keep.
  case fault

  /// The class of `error`; nil for an error AIGovKit does not raise.
  public init?(_ error: any Error) {
    switch error {
    case let error as AIGovError: self = Self(error)
    case let error as StorageError:
      switch error {
      case .missing: self = .missingFile
      case .notADatabase, .notAFile, .emptyFile: self = .unusableFile
      case .cannotCreate, .schemaTooNew, .schemaOutdated: self = .unsupportedDatabase
      case .pragmaRefused, .foreignKeyViolation: self = .fault
      }
    case let error as SQLiteError:
      self = error.isBusy ? .busy : error.isConstraintViolation ? .invalid : .fault
    default: return nil
    }
  }

  private init(_ error: AIGovError) {
    switch error {
    case .invalidValue, .invalidText, .missingValue, .commentRequired, .disciplineUnspecified:
      self = .invalid
    case .duplicate: self = .duplicate
    case .notFound: self = .notFound
    case .versionConflict, .fileExists: self = .conflict
    case .refused(let refusal):
      switch refusal {
      case .notAReviewer, .ownerCannotSign, .disciplineNotHeld, .ownerSignedInOpenRound:
        self = .forbidden
      case .timeBeforeTrail: self = .retry
      case .cannotCreateFile, .cannotWriteFile: self = .fault
      default: self = .conflict
      }
    }
  }
}
