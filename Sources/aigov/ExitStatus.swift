import AIGovKit
import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The exit statuses of aigov, and the one place where errors are mapped to them.
enum ExitStatus: Int32 {
  case success = 0
  /// A rule refused the command, or what it names does not exist.
  case failure = 1
  /// `aigov check` found a violation of the governance policy.
  case violations = 2
  /// The command line itself is wrong (the argument parser's own status).
  case usage = 64
  /// A value given, or a file read, is not acceptable.
  case dataError = 65
  /// The database file (or another input file) does not exist.
  case noInput = 66
  /// Another process held the database past the busy timeout.
  case unavailable = 69
  /// A fault in aigov itself.
  case software = 70

  /// Ends the process with this status.
  func terminate() -> Never {
    exit(rawValue)
  }

  /// Ends the process with a status the argument parser chose.
  static func terminate(withCode code: Int32) -> Never {
    exit(code)
  }

  /// The status for an error aigov raises; nil for the argument parser's own errors.
  init?(for error: any Error) {
    switch error {
    case is SigningKeyError: self = .dataError
    case let error as InputFileError: self = error.isMissing ? .noInput : .dataError
    case is DescriptorOutput.WriteError: self = .software
    default:
      guard let kind = ErrorClass(error) else { return nil }
      self = Self(kind)
    }
  }

  /// The status for a class of AIGovKit's errors, whether raised here or by a server.
  init(_ kind: ErrorClass) {
    switch kind {
    case .invalid, .duplicate, .unusableFile: self = .dataError
    case .notFound, .conflict, .forbidden, .retry, .unsupportedDatabase: self = .failure
    case .missingFile: self = .noInput
    case .busy: self = .unavailable
    case .fault: self = .software
    }
  }

  /// The one- or two-line message for an error aigov raises.
  static func message(for error: any Error) -> String {
    switch error {
    case let error as SQLiteError where error.isBusy:
      "the database is busy: another aigov process held it for more than "
        + "\(Database.busyTimeoutMilliseconds / 1000) seconds; nothing was changed, try again"
    case let error as SQLiteError where error.isConstraintViolation:
      "the database refused the change (\(error.message)); nothing was changed"
    case let error as DescriptorOutput.WriteError:
      "cannot write the output: \(error)"
    case let error as SQLiteError:
      "internal database error \(error.code): \(error.message); nothing was changed"
    default:
      CommandLineHint.message(for: error)
    }
  }
}

/// A file named on the command line (a key, say) that could not be read.
struct InputFileError: Error, CustomStringConvertible {
  var path: String
  var problem: String
  var isMissing: Bool

  var description: String { "cannot use '\(path)': \(problem)" }
}

/// An error raised by a command itself, with its status.
struct Failure: Error {
  var status: ExitStatus
  var message: String
}
