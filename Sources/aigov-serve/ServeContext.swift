import AIGovKit
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// What the server knows of a request: who makes it, and how they said so.
struct ServeContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  /// The authenticated person, the actor of any change the request makes.
  var person: String?
  /// Whether the person may change the inventory: a read-only token may not.
  var mayWrite = true
  /// The value a form or script must send back with a change: a cookie or a proxy's header
  /// comes with every request a browser makes, even one another site starts.
  var formToken: String?
  /// Whether the person was named by something the browser adds by itself (the sign-in cookie,
  /// or a proxy's header), so that a change must also carry `formToken`.
  var needsFormToken = false

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  /// The largest request body read: a sign-off or an edit is a few kilobytes.
  var maxUploadSize: Int { 65_536 }

  /// The person, or a 401 that says how to name one.
  func requirePerson() throws -> String {
    guard let person else {
      throw APIError(
        .unauthorized,
        "no person named: send 'Authorization: Bearer TOKEN' with a token from 'aigov token "
          + "create', or sign in")
    }
    return person
  }

  /// The person, who must be allowed to change the inventory.
  func requireWriter() throws -> String {
    let person = try requirePerson()
    guard mayWrite else {
      throw APIError(
        .forbidden,
        "the token of '\(person)' reads only; changes need a token made without "
          + "read-only access")
    }
    return person
  }
}

/// A request refused, with the status and the one line that names the problem; every API error
/// is sent as `{"error": {"status": N, "message": "..."}}`.
struct APIError: Error {
  var status: HTTPResponse.Status
  var message: String
  /// For a 405: the methods the path answers.
  var allow: String?
  /// For a 404 of a record: its kind and key, so that a client can say it in its own words.
  var notFound: (entity: String, key: String)?
  /// Whether the same request, prepared again, would succeed: a decision signed a moment before
  /// another change landed is dated before it, and is signed again with the time after.
  var retry = false
  /// The class of the AIGovKit error it says, which a client maps as it maps its own.
  var errorClass: ErrorClass?

  init(_ status: HTTPResponse.Status, _ message: String, allow: String? = nil) {
    self.status = status
    self.message = message
    self.allow = allow
  }

  var json: [UInt8] {
    Self.json(
      status: status, message: message,
      notFound: notFound.map { ErrorBody.Record(entity: $0.entity, key: $0.key) },
      retry: retry ? true : nil, errorClass: errorClass)
  }

  static func json(
    status: HTTPResponse.Status, message: String, notFound: ErrorBody.Record? = nil,
    retry: Bool? = nil, errorClass: ErrorClass? = nil
  ) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let body = ErrorBody(
      error: .init(
        status: status.code, message: message, notFound: notFound, retry: retry,
        errorClass: errorClass))
    return Array((try? encoder.encode(body)) ?? Data("{}".utf8)) + [0x0A]
  }

  struct ErrorBody: Encodable {
    struct Record: Encodable {
      var entity: String
      var key: String
    }
    struct Detail: Encodable {
      var status: Int
      var message: String
      var notFound: Record?
      var retry: Bool?
      var errorClass: ErrorClass?

      enum CodingKeys: String, CodingKey {
        case status, message, retry
        case notFound = "not_found"
        case errorClass = "class"
      }
    }
    var error: Detail
  }

  /// The status and message for an error an AIGovKit operation threw.
  static func from(_ error: any Error) -> APIError {
    switch error {
    case let error as APIError: return error
    case is NIOTooManyBytesError:
      return APIError(
        .contentTooLarge, "the request body is larger than 65536 bytes, the most this server reads")
    case let error as DecodingError:
      return APIError(.badRequest, "the request body is not the JSON expected: \(describe(error))")
    case let error as HTTPError:
      return APIError(error.status, error.body ?? error.status.reasonPhrase)
    default:
      guard let kind = ErrorClass(error) else {
        return APIError(.internalServerError, String(describing: error))
      }
      var failure = APIError(status(kind), message(error, kind))
      failure.errorClass = kind
      failure.retry = kind == .retry
      if case .notFound(let entity, let key)? = error as? AIGovError {
        failure.notFound = (entity, key)
      }
      return failure
    }
  }

  /// The HTTP status of each class of AIGovKit's errors.
  static func status(_ kind: ErrorClass) -> HTTPResponse.Status {
    switch kind {
    case .invalid: .badRequest
    case .notFound: .notFound
    case .duplicate, .conflict, .retry: .conflict
    case .forbidden: .forbidden
    case .busy, .missingFile, .unusableFile, .unsupportedDatabase: .serviceUnavailable
    case .fault: .internalServerError
    }
  }

  private static func message(_ error: any Error, _ kind: ErrorClass) -> String {
    kind == .busy
      ? "the database stayed busy with another change; try again" : String(describing: error)
  }

  private static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let names = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
      return names.isEmpty ? "" : " at '\(names.joined(separator: "."))'"
    }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing '\(key.stringValue)'\(path(context))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "wrong type\(path(context)): \(context.debugDescription)"
    case .dataCorrupted(let context):
      return "\(context.debugDescription)\(path(context))"
    @unknown default:
      return "\(error)"
    }
  }
}

/// The value a form must carry for a change: an HMAC keyed by the sign-in token (or, for a
/// proxy's header, by this server's own random key), which another site cannot read or guess.
enum FormToken {
  static let serverKey = SymmetricKey(size: .bits256)

  static func forSession(token: String) -> String {
    mac(key: SymmetricKey(data: Array(token.utf8)), "aigov form token")
  }

  static func forProxy(person: String) -> String {
    mac(key: serverKey, "aigov form token\n" + person)
  }

  private static func mac(key: SymmetricKey, _ text: String) -> String {
    HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)
      .map { String(format: "%02x", $0) }.joined()
  }

  /// Compares in time that does not depend on where the two differ.
  static func matches(_ given: String?, _ expected: String?) -> Bool {
    guard let given, let expected else { return false }
    let a = Array(given.utf8)
    let b = Array(expected.utf8)
    guard a.count == b.count else { return false }
    return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
