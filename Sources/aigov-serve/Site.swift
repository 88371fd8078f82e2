import AIGovKit
import Foundation
import HTTPTypes
import Hummingbird

/// The server's routes: the JSON API under /api, the web pages, and what both need.
struct Site: Sendable {
  var inventory: ServedInventory
  var identityHeader: HTTPField.Name?
  /// Whether the server itself serves TLS (`--tls-certificate`): then every request came over
  /// HTTPS, whatever a proxy's header says.
  var servesTLS = false

  func router() -> Router<ServeContext> {
    let router = Router(context: ServeContext.self)
    router.add(middleware: AccessMiddleware(inventory: inventory, identityHeader: identityHeader))
    API(inventory: inventory).add(to: router)
    Pages(inventory: inventory, servesTLS: servesTLS).add(to: router)
    router.get("openapi.json") { _, _ in
      Response.bytes(Array(PackageResources.openapi_json), type: "application/json")
    }
    router.get("static/sign.js") { _, _ in
      Response.bytes(Array(PackageResources.sign_js), type: "text/javascript; charset=utf-8")
    }
    router.get("static/aigov.css") { _, _ in
      Response.bytes(Array(PackageResources.aigov_css), type: "text/css; charset=utf-8")
    }
    // No icon: an empty answer, so that a browser's request for one is not an error.
    router.get("favicon.ico") { _, _ in Response(status: .noContent) }
    router.get("healthz") { _, _ in
      Response.json(["status": "ok", "version": ToolRelease.version])
    }
    return router
  }
}

extension Response {
  /// Sorted keys, no escaped slashes, and no character that could hide text (as the CLI's JSON).
  static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      var data = UntrustedText.json(try encoder.encode(value))
      data.append(0x0A)
      return bytes(Array(data), type: "application/json; charset=utf-8", status: status)
    } catch {
      return bytes(
        APIError.json(status: .internalServerError, message: "cannot encode the answer: \(error)"),
        type: "application/json; charset=utf-8", status: .internalServerError)
    }
  }

  static func bytes(
    _ bytes: [UInt8], type: String, status: HTTPResponse.Status = .ok
  ) -> Response {
    Response(
      status: status,
      headers: [.contentType: type, .contentLength: String(bytes.count)],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
  }
}

/// A JSON request body that names every key it takes. Any other key is refused with a 400 that
/// names it, so that a misspelt or outdated field is never silently ignored; the OpenAPI
/// document closes each body's schema with the same keys (`additionalProperties: false`).
protocol RequestBody: Decodable {
  /// The keys the body may hold.
  static var keys: [String] { get }
  /// What the body asks, for an error: "a sign-off".
  static var asks: String { get }
}

extension RequestBody {
  /// The keys of a body whose coding keys are listed by `CaseIterable`.
  static func names<Key: CodingKey & CaseIterable>(of type: Key.Type) -> [String] {
    Key.allCases.map(\.stringValue)
  }
}

extension Request {
  /// The body, at most the context's limit, decoded as JSON; a key the body does not take is
  /// refused.
  func decodeJSON<T: RequestBody>(_ type: T.Type, context: ServeContext) async throws -> T {
    let buffer = try await body.collect(upTo: context.maxUploadSize)
    guard buffer.readableBytes > 0 else {
      throw APIError(.badRequest, "the request has no body; send a JSON object")
    }
    let data = Data(buffer.readableBytesView)
    if case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: data),
      let unknown = object.keys.sorted().first(where: { !T.keys.contains($0) })
    {
      throw APIError(
        .badRequest,
        "unknown field '\(UntrustedText.visibleOnOneLine(unknown))': \(T.asks) takes "
          + T.keys.joined(separator: ", "))
    }
    return try JSONDecoder().decode(T.self, from: data)
  }

  /// A query parameter's term of `T`, if given; a term `T` does not have (the empty one too)
  /// is a 400 naming it. A form's "any" (`emptyIsAny`) sends the parameter empty.
  func term<T: Vocabulary>(_ name: String, _ type: T.Type, emptyIsAny: Bool = false) throws -> T? {
    guard let text = parameter(name), !(emptyIsAny && text.isEmpty) else { return nil }
    return try T.parse(text, field: name)
  }

  /// A free-text query parameter; empty is the same as not given.
  func query(_ name: String) -> String? {
    parameter(name).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A query parameter as given, empty included.
  func parameter(_ name: String) -> String? {
    uri.queryParameters[Substring(name)].map(String.init)
  }
}

extension ServeContext {
  /// The path parameter `name`, which the route always has.
  func parameter(_ name: String) throws -> String {
    guard let value = parameters.get(name) else {
      throw APIError(.badRequest, "missing '\(name)' in the path")
    }
    return value
  }
}
