import AIGovKit
import Foundation
import HTTPTypes
import Hummingbird

/// Names the person of every request, refuses a change a browser was tricked into sending, turns
/// every error into a 4xx or 5xx with one line naming the problem, and sets the headers that
/// keep a page from running anything but its own code.
struct AccessMiddleware: RouterMiddleware {
  typealias Context = ServeContext

  static let sessionCookie = "aigov_session"
  static let formTokenHeader = HTTPField.Name("X-AIGov-Form-Token")!

  /// What every page may load: its own script and style, and nothing from anywhere else.
  static let contentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

  var inventory: ServedInventory
  var identityHeader: HTTPField.Name?

  func handle(
    _ request: Request, context: ServeContext,
    next: (Request, ServeContext) async throws -> Response
  ) async throws -> Response {
    let isAPI = request.uri.path.hasPrefix("/api/")
    var response: Response
    do {
      var context = context
      try await identify(request, &context)
      if isAPI, context.needsFormToken, ![.get, .head].contains(request.method),
        !FormToken.matches(request.headers[Self.formTokenHeader], context.formToken)
      {
        throw APIError(
          .forbidden,
          "a change from a browser must carry the page's form token "
            + "(\(Self.formTokenHeader.rawName)); reload the page and try again")
      }
      response = try await next(request, context)
    } catch {
      var failure = APIError.from(error)
      if failure.status == .notFound, error is HTTPError,
        let wrongMethod = API.methodNotAllowed(request)
      {
        failure = wrongMethod
      }
      if !isAPI, failure.status == .unauthorized, request.method == .get {
        response = Response(status: .seeOther, headers: [.location: "/login"])
      } else if isAPI || request.uri.path == "/openapi.json" {
        response = .bytes(
          failure.json, type: "application/json; charset=utf-8", status: failure.status)
        if let allow = failure.allow { response.headers[.allow] = allow }
      } else {
        response = Pages.errorPage(failure)
      }
    }
    Self.secure(&response.headers)
    return response
  }

  /// Sets `context.person` from the proxy's header, a bearer token, or the sign-in cookie.
  private func identify(_ request: Request, _ context: inout ServeContext) async throws {
    if let identityHeader, let name = request.headers[identityHeader] {
      let person = name.trimmingCharacters(in: CharacterSet.whitespaces)
      do {
        try TextField.actor.check(person)
      } catch {
        throw APIError(.badRequest, "invalid \(identityHeader.rawName) header: \(error)")
      }
      context.person = person
      // The proxy says who they are, not what they may do: their tokens in force say that.
      context.mayWrite = try await inventory.read { try $0.access(ofPerson: person) } == .write
      context.formToken = FormToken.forProxy(person: person)
      context.needsFormToken = true
      return
    }
    if let authorization = request.headers[.authorization] {
      guard authorization.hasPrefix("Bearer ") else {
        throw APIError(
          .unauthorized, "invalid Authorization header (expected 'Bearer TOKEN')")
      }
      let token = String(authorization.dropFirst("Bearer ".count))
      let holder = try await holder(presenting: token)
      context.person = holder.person
      context.mayWrite = holder.access == .write
      return
    }
    if let token = request.cookies[Self.sessionCookie]?.value, !token.isEmpty {
      let holder = try await holder(presenting: token)
      context.person = holder.person
      context.mayWrite = holder.access == .write
      context.formToken = FormToken.forSession(token: token)
      context.needsFormToken = true
    }
  }

  private func holder(presenting token: String) async throws -> TokenHolder {
    guard
      let holder = try await inventory.read({ try $0.holder(presenting: token) })
    else {
      throw APIError(
        .unauthorized,
        "the token is not one this server knows, or it was revoked; ask for a new one "
          + "('aigov token create')")
    }
    return holder
  }

  static func secure(_ headers: inout HTTPFields) {
    if headers[.contentSecurityPolicy] == nil {
      headers[.contentSecurityPolicy] = contentSecurityPolicy
    }
    headers[.xContentTypeOptions] = "nosniff"
    headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
    headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
    if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
  }
}
