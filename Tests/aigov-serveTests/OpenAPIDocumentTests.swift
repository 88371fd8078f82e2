import AIGovKit
import Foundation
import Testing

@testable import aigov_serve

/// The OpenAPI document's feature schemas are written from the feature's description
/// (`Feature.fields`): a field added there and missing here is named, and
/// `AIGOV_RECORD_GOLDEN=1 swift test --filter OpenAPIDocumentTests` writes them.
@Suite struct OpenAPIDocumentTests {
  static let file = ServerUnderTest.packageRoot.appendingPathComponent(
    "Sources/aigov-serve/Assets/openapi.json")

  /// A feature as every answer holds it.
  static var featureSchema: JSONValue {
    var properties: [String: JSONValue] = [:]
    for field in Feature.fields { properties[field.name] = field.jsonSchema(nullable: true) }
    return [
      "type": "object", "properties": .object(properties),
      "required": .array(Feature.fields.filter { !$0.isOptional }.map { .string($0.name) }),
    ]
  }

  static let schemas: [(name: String, schema: JSONValue)] = [
    ("Feature", featureSchema), ("FeatureEditRequest", FeatureEditRequest.schema),
  ]

  @Test func theFeatureSchemasAreThoseOfTheFeaturesFields() throws {
    var text = try String(contentsOf: Self.file, encoding: .utf8)
    let record = ProcessInfo.processInfo.environment["AIGOV_RECORD_GOLDEN"] == "1"
    for (name, schema) in Self.schemas {
      let range = try #require(
        Self.schemaRange(of: name, in: text), "openapi.json has no schema \(name)")
      let written = try JSONValue(parsing: String(text[range]))
      if record {
        text.replaceSubrange(range, with: Self.pretty(schema, indent: 6))
      } else {
        let expected = Self.pretty(schema, indent: 6)
        #expect(
          written == schema,
          "openapi.json's \(name) is not the feature's fields; it should read:\n\(expected)")
      }
    }
    if record { try text.write(to: Self.file, atomically: true, encoding: .utf8) }
    let document = try JSONValue(parsing: text)
    #expect(document != .null)
  }

  /// The edit request takes every field an edit may change, refuses any other, and reads each
  /// value by its field's rules.
  @Test func theEditRequestTakesEveryEditableFieldAndNothingElse() throws {
    func decode(_ json: String) throws -> FeatureEditRequest {
      try JSONDecoder().decode(FeatureEditRequest.self, from: Data(json.utf8))
    }
    for field in Feature.fields where field.isEditable && !field.isList {
      let value: String =
        switch field.kind {
        case .text:
          field.textField?.format == .httpsURL ? "\"https://help.example.com/a\"" : "\"x\""
        case .integer: String(field.range?.lowerBound ?? 3)
        case .boolean: "true"
        case .term(let terms), .terms(let terms): "\"\(terms[0])\""
        }
      let request = try decode("{\"\(field.name)\": \(value)}")
      #expect(request.changes.fields[field.name] != nil, "\(field.name)")
    }
    #expect(throws: APIError.self) { try decode(#"{"colour": "blue"}"#) }
    #expect(throws: APIError.self) { try decode(#"{"status": "launched"}"#) }
    #expect(throws: AIGovError.self) { try decode(#"{"category": "magic"}"#) }
    #expect(throws: AIGovError.self) { try decode(#"{"name": null}"#) }
    let cleared = try decode(#"{"team": null, "documentation_url": ""}"#)
    #expect(cleared.changes.fields == ["team": .null, "documentation_url": .null])
  }

  /// A field added to the description is reached through the API and shown on the pages.
  @Test func theHelpCentrePageIsEditedOverTheAPIAndLinkedOnTheFeaturesPage() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let before = try server.digest()
    for (json, words) in [
      (["documentation_url": "http://help.example.com"], "does not start with https://"),
      (["colour": "blue"], "unknown field 'colour': a feature edit takes name, description"),
    ] {
      let refused = try server.request(
        "PATCH", "/api/features/churn-risk", token: token, json: json)
      #expect(refused.status == 400)
      #expect(
        ServerUnderTest.message(refused).contains(words), "\(ServerUnderTest.message(refused))")
    }
    #expect(try server.digest() == before)
    let url = "https://help.example.com/ai/churn-risk"
    let edited = try server.request(
      "PATCH", "/api/features/churn-risk", token: token, json: ["documentation_url": url])
    #expect(edited.status == 200, "\(ServerUnderTest.message(edited))")
    let answer = try #require(try ServerUnderTest.json(edited) as? [String: Any])
    #expect((answer["record"] as? [String: Any])?["documentation_url"] as? String == url)
    let feature = try server.request("GET", "/api/features/churn-risk", token: token)
    #expect(String(decoding: feature.body, as: UTF8.self).contains(url))
    let login = try server.request(
      "POST", "/login", body: Array("token=\(token)".utf8),
      headers: [("Content-Type", "application/x-www-form-urlencoded")])
    let cookie = ("Cookie", String((login.headers["set-cookie"] ?? "").prefix { $0 != ";" }))
    let page = try server.request("GET", "/features/churn-risk", headers: [cookie])
    #expect(
      String(decoding: page.body, as: UTF8.self).contains(
        "<a href=\"\(url)\" rel=\"noopener noreferrer\">How to use it</a>"))
  }

  /// Where the schema `name` of `components.schemas` is in the document's text: from its
  /// opening brace to its closing one.
  static func schemaRange(of name: String, in text: String) -> Range<String.Index>? {
    guard let key = text.range(of: "\n      \"\(name)\": {") else { return nil }
    let open = text.index(before: key.upperBound)
    var depth = 0
    var inString = false
    var escaped = false
    var index = open
    while index < text.endIndex {
      let character = text[index]
      if inString {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
        }
      } else if character == "\"" {
        inString = true
      } else if character == "{" {
        depth += 1
      } else if character == "}" {
        depth -= 1
        if depth == 0 { return open..<text.index(after: index) }
      }
      index = text.index(after: index)
    }
    return nil
  }

  /// JSON as the document is written: two spaces a level, keys sorted.
  static func pretty(_ value: JSONValue, indent: Int) -> String {
    let inner = String(repeating: " ", count: indent + 2)
    let outer = String(repeating: " ", count: indent)
    switch value {
    case .object(let members) where !members.isEmpty:
      return "{\n"
        + members.sorted { $0.key < $1.key }.map { key, value in
          inner + CanonicalJSON.quoted(key) + ": " + pretty(value, indent: indent + 2)
        }.joined(separator: ",\n") + "\n" + outer + "}"
    case .array(let items) where !items.isEmpty:
      return "[\n"
        + items.map { inner + pretty($0, indent: indent + 2) }.joined(separator: ",\n") + "\n"
        + outer + "]"
    case .object: return "{}"
    case .array: return "[]"
    case .null: return "null"
    case .bool(let flag): return String(flag)
    case .integer(let number): return String(number)
    case .number(let number): return String(number)
    case .string(let text): return CanonicalJSON.quoted(text)
    }
  }
}

/// Each class of error is mapped once by each front end, and the README says both mappings.
@Suite struct ErrorClassTests {
  static let classes: [ErrorClass] = [
    .invalid, .duplicate, .notFound, .conflict, .forbidden, .retry, .missingFile, .unusableFile,
    .unsupportedDatabase, .busy, .fault,
  ]

  @Test func theReadmeSaysEachClassWithItsHTTPStatus() throws {
    let readme = try String(
      contentsOf: ServerUnderTest.packageRoot.appendingPathComponent("README.md"),
      encoding: .utf8
    ).replacingOccurrences(of: "\n", with: " ")
    let names = Self.classes.map { "`\($0.rawValue)`" }.joined(separator: ", ")
    let statuses = Self.classes.map { String(APIError.status($0).code) }.joined(separator: ", ")
    #expect(readme.contains(names), "the README should list the classes: \(names)")
    #expect(readme.contains("(\(statuses))"), "the README should list their statuses: \(statuses)")
  }

  @Test func anErrorOfTheInventoryCarriesItsClassToTheClient() throws {
    let error = APIError.from(AIGovError.duplicate(entity: "feature", key: "email-ai"))
    #expect(error.status == .conflict)
    let body = String(decoding: error.json, as: UTF8.self)
    #expect(body.contains("\"class\":\"duplicate\""), "\(body)")
    let notFound = APIError.from(AIGovError.notFound(entity: "feature", key: "nope"))
    #expect(String(decoding: notFound.json, as: UTF8.self).contains("\"class\":\"not-found\""))
  }
}
