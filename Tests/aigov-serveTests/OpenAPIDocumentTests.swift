import Foundation
import Testing

@testable import AIGovKit
@testable import aigov_serve

/// The OpenAPI document's feature schemas are written from the feature's description
/// (`Feature.fields`): a field added there and missing here is named, and
/// `AIGOV_RECORD_GOLDEN=1 swift test --filter OpenAPIDocumentTests` writes them.
/// Serialized: two of its tests rewrite the same file when recording.
@Suite(.serialized) struct OpenAPIDocumentTests {
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

  /// A record whose answers the document describes: its schema's name, its fields, and the
  /// sample's records of it as the API writes them.
  struct DescribedRecord {
    var schema: String
    var fields: [FieldDescription]
    var samples: [JSONValue]
  }

  static func describedRecords() throws -> [DescribedRecord] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-openapi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("aigov.sqlite").path
    let now = ServerUnderTest.now
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { now })
    let registry = try Registry.open(path: path, actor: "dana", clock: { now })
    func json<T: Encodable>(_ records: [T]) throws -> [JSONValue] {
      try records.map { try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode($0)) }
    }
    let features = try registry.features(FeatureFilter())
    let reviews = try features.map { try registry.review($0.key) }
    return [
      DescribedRecord(
        schema: "Provider", fields: Provider.fields, samples: try json(registry.providers())),
      DescribedRecord(
        schema: "Risk", fields: Risk.fields, samples: try json(registry.risks(RiskFilter()))),
      DescribedRecord(
        schema: "Mitigation", fields: Mitigation.fields,
        samples: try json(registry.mitigations(MitigationFilter()))),
      DescribedRecord(
        schema: "ReviewRound", fields: ReviewRound.fields,
        samples: try json(reviews.flatMap { $0.rounds.map(\.round) })),
      DescribedRecord(
        schema: "SignOff", fields: SignOff.fields,
        samples: try json(reviews.flatMap { $0.rounds.flatMap(\.signOffs) })),
      DescribedRecord(
        schema: "Incident", fields: Incident.fields, samples: try json(registry.incidents())),
      DescribedRecord(
        schema: "Control", fields: Control.fields, samples: try json(registry.controlCoverage())),
      DescribedRecord(
        schema: "ControlException", fields: ControlException.fields,
        samples: try json(registry.exceptions())),
      DescribedRecord(
        schema: "Evidence", fields: Evidence.fields, samples: try json(registry.evidence())),
      DescribedRecord(
        schema: "Statement", fields: CompanyStatement.fields,
        samples: try json(registry.statements())),
    ]
  }

  /// Each record's schema in the document holds every field its description has, as that
  /// description says, and every other field the API writes of it; nothing it does not write.
  /// `AIGOV_RECORD_GOLDEN=1` rewrites the fields' schemas and adds or drops the others.
  @Test func eachRecordsSchemaHasTheFieldsTheAPIWritesAsTheirDescriptionsSay() throws {
    var text = try String(contentsOf: Self.file, encoding: .utf8)
    let record = ProcessInfo.processInfo.environment["AIGOV_RECORD_GOLDEN"] == "1"
    for described in try Self.describedRecords() {
      #expect(!described.samples.isEmpty, "the sample has no \(described.schema)")
      let range = try #require(
        Self.schemaRange(of: described.schema, in: text), "no schema \(described.schema)")
      guard case .object(var schema) = try JSONValue(parsing: String(text[range])),
        case .object(let written)? = schema["properties"]
      else {
        Issue.record("\(described.schema) has no properties")
        continue
      }
      var observed: [String: JSONValue] = [:]
      for case .object(let members) in described.samples {
        for (key, value) in members where observed[key] == nil || observed[key] == .null {
          observed[key] = value
        }
      }
      var expected: [String: JSONValue] = [:]
      for field in described.fields { expected[field.name] = field.jsonSchema(nullable: true) }
      for (key, value) in observed where expected[key] == nil {
        expected[key] = written[key] ?? Self.schema(of: value)
      }
      for key in written.keys where expected[key] == nil {
        #expect(
          record, "openapi.json's \(described.schema) names '\(key)', which the API never writes")
      }
      for (key, value) in expected where written[key] != value {
        #expect(
          record,
          "openapi.json's \(described.schema).\(key) should read:\n\(Self.pretty(value, indent: 0))"
        )
      }
      if record {
        schema["properties"] = .object(expected)
        // The fields no description covers keep their word on whether they are required.
        var required = Set(described.fields.filter { !$0.isOptional }.map(\.name))
        if case .array(let names)? = schema["required"] {
          for case .string(let name) in names
          where expected[name] != nil && !described.fields.contains(where: { $0.name == name }) {
            required.insert(name)
          }
        }
        schema["required"] = .array(required.sorted().map(JSONValue.string))
        text.replaceSubrange(range, with: Self.pretty(.object(schema), indent: 6))
      }
    }
    if record { try text.write(to: Self.file, atomically: true, encoding: .utf8) }
  }

  /// A JSON Schema for a value of the API's answers that no description covers.
  static func schema(of value: JSONValue) -> JSONValue {
    switch value {
    case .string: ["type": "string"]
    case .integer: ["type": "integer"]
    case .number: ["type": "number"]
    case .bool: ["type": "boolean"]
    case .array(let items): ["type": "array", "items": items.first.map(schema(of:)) ?? [:]]
    case .object: ["type": "object"]
    case .null: [:]
    }
  }

  /// Every path and method the server answers is in the document, and nothing else is.
  @Test func theDocumentNamesEveryRouteTheServerAnswersAndNoOther() throws {
    guard
      case .object(let document) = try JSONValue(
        parsing: String(contentsOf: Self.file, encoding: .utf8)),
      case .object(let paths)? = document["paths"]
    else {
      Issue.record("openapi.json has no paths")
      return
    }
    var documented: Set<String> = []
    for (path, operations) in paths {
      guard case .object(let operations) = operations else { continue }
      for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
    }
    var served: Set<String> = []
    for (path, methods) in API.routes {
      let shown = "/api/" + path.replacingOccurrences(of: ":key", with: "{key}")
      for method in methods { served.insert("\(method.rawValue) \(shown)") }
    }
    #expect(documented == served)
  }

  /// Every request body the document names is closed and holds exactly the keys the server's
  /// decoder takes; a key it does not take is refused with a 400 that names it.
  @Test func everyRequestBodyIsClosedAndTakesExactlyTheServersKeys() throws {
    let bodies: [String: (keys: [String], path: String, method: String)] = [
      "FeatureEditRequest": (FeatureEditRequest.keys, "/api/features/churn-risk", "PATCH"),
      "RiskRequest": (RiskRequest.keys, "/api/features/churn-risk/risks", "POST"),
      "DecisionRequest": (
        DecisionRequest.keys, "/api/features/churn-risk/sign-offs/draft", "POST"
      ),
      "SignedDecisionRequest": (
        SignedDecisionRequest.keys, "/api/features/churn-risk/sign-offs", "POST"
      ),
      "StatusRequest": (StatusRequest.keys, "/api/features/churn-risk/status", "POST"),
    ]
    let text = try String(contentsOf: Self.file, encoding: .utf8)
    let referenced = Set(
      text.components(separatedBy: "\"$ref\": \"#/components/schemas/").dropFirst()
        .map { String($0.prefix { $0 != "\"" }) }.filter { $0.hasSuffix("Request") })
    #expect(referenced == Set(bodies.keys))
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let before = try server.digest()
    for (name, body) in bodies {
      let range = try #require(Self.schemaRange(of: name, in: text), "no schema \(name)")
      guard case .object(let schema) = try JSONValue(parsing: String(text[range])),
        case .object(let properties)? = schema["properties"]
      else {
        Issue.record("\(name) has no properties")
        continue
      }
      #expect(schema["additionalProperties"] == .bool(false), "\(name) is not closed")
      #expect(Set(properties.keys) == Set(body.keys), "\(name)")
      let refused = try server.request(
        body.method, body.path, token: token, json: ["colour": "blue"])
      #expect(refused.status == 400, "\(name)")
      #expect(
        ServerUnderTest.message(refused).contains("unknown field 'colour'"),
        "\(name): \(ServerUnderTest.message(refused))")
    }
    #expect(try server.digest() == before)
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
        case .termSet(let terms): "[\"\(terms.last!)\", \"\(terms[0])\"]"
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
