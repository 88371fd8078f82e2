import AIGovKit
import Foundation
import HTTPTypes
import Hummingbird

/// The governance lead's day-to-day edits: a feature's fields and a new risk. Each is a material
/// change when the feature's approval rests on what it changes, and then voids the review as the
/// command line's does; the answer says which rounds it voided.
extension API {
  func addEdits(to router: Router<ServeContext>) {
    let api = router.group("api")
    api.patch("features/:key", use: editFeature)
    api.post("features/:key/risks", use: addRisk)
  }

  @Sendable func editFeature(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requireWriter()
    let key = try context.parameter("key")
    let edit = try await request.decodeJSON(FeatureEditRequest.self, context: context)
    let changes = edit.changes
    guard !changes.isEmpty else {
      throw APIError(.badRequest, "the request changes nothing; name at least one field")
    }
    let answer = try await inventory.write(as: person) { registry in
      let outcome = try registry.changing(despiteIncident: edit.despiteIncident) {
        try $0.editFeature(key, changes, expectedVersion: edit.expectedVersion)
      }
      return EditAnswer(
        record: outcome.value.after, changed: outcome.value.changed,
        voided: outcome.voidedReviews.map(VoidedRound.init))
    }
    return .json(answer)
  }

  @Sendable func addRisk(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requireWriter()
    let key = try context.parameter("key")
    let asked = try await request.decodeJSON(RiskRequest.self, context: context)
    let answer = try await inventory.write(as: person) { registry in
      let outcome = try registry.changing(despiteIncident: asked.despiteIncident) {
        try $0.addRisk(featureKey: key, asked.draft)
      }
      return EditAnswer(
        record: outcome.value, changed: true, voided: outcome.voidedReviews.map(VoidedRound.init))
    }
    return .json(answer, status: .created)
  }
}

struct VoidedRound: Encodable, Sendable {
  var feature: String
  var rounds: [Int]
  var signOffs: Int
  var changes: [String]
  var newRound: Int?

  enum CodingKeys: String, CodingKey {
    case feature, rounds, changes
    case signOffs = "sign_offs"
    case newRound = "new_round"
  }

  init(_ review: VoidedReview) {
    feature = review.featureKey
    rounds = review.rounds
    signOffs = review.signOffCount
    changes = review.changes
    newRound = review.newRound
  }
}

/// A change's record after it, whether it changed anything, and the reviews it voided.
struct EditAnswer<Record: Encodable & Sendable>: Encodable, Sendable {
  var record: Record
  var changed: Bool
  var voided: [VoidedRound]
}

/// The fields of a feature an edit may change, as `Feature.fields` describes them, and what the
/// edit carries besides; a field left out stays as it is, null clears an optional one, and a key
/// that names nothing here is refused.
struct FeatureEditRequest: RequestBody {
  var changes = FeatureChanges()
  var expectedVersion: Int?
  var despiteIncident: String?

  /// The fields a request may change: every editable field but lists, which it changes by
  /// `add_` and `remove_`.
  static let fields = Feature.fields.filter { $0.isEditable && !$0.isList }

  static var keys: [String] { fields.map(\.name) + carried.keys.sorted() }
  static let asks = "a feature edit"

  /// What a request may carry besides the fields, and their schemas.
  static let carried: [String: JSONValue] = [
    "add_data_categories": [
      "type": "array",
      "items": [
        "type": "string", "enum": .array(DataCategory.allCases.map { .string($0.rawValue) }),
      ],
      "description": "Kinds of data to record.",
    ],
    "remove_data_categories": [
      "type": "array",
      "items": [
        "type": "string", "enum": .array(DataCategory.allCases.map { .string($0.rawValue) }),
      ],
      "description": "Kinds of data to remove.",
    ],
    "expected_version": [
      "type": "integer", "minimum": 1,
      "description": "Refuse the change unless the feature is still at this version.",
    ],
    "despite_incident": [
      "type": "string", "maxLength": .integer(TextField.incidentHoldOverride.maximumLength),
      "description": "Why the change must be made while a serious incident holds the feature.",
    ],
  ]

  /// The request's JSON Schema: closed, so that a field the server does not know is refused.
  static var schema: JSONValue {
    var properties = carried
    for field in fields { properties[field.name] = field.jsonSchema(nullable: true) }
    return [
      "type": "object", "additionalProperties": false, "properties": .object(properties),
      "description": "The fields to change; a field left out stays as it is, null clears one.",
    ]
  }

  init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: FieldKey.self)
    for key in values.allKeys {
      switch key.stringValue {
      case "add_data_categories":
        changes.addDataCategories = try values.decode([DataCategory].self, forKey: key)
      case "remove_data_categories":
        changes.removeDataCategories = try values.decode([DataCategory].self, forKey: key)
      case "expected_version": expectedVersion = try values.decodeIfPresent(Int.self, forKey: key)
      case "despite_incident":
        despiteIncident = try values.decodeIfPresent(String.self, forKey: key)
      case let name:
        guard let field = Self.fields.first(where: { $0.name == name }) else {
          throw APIError(
            .badRequest,
            "unknown field '\(UntrustedText.visibleOnOneLine(name))': a feature edit takes "
              + (Self.fields.map(\.name) + Self.carried.keys.sorted()).joined(separator: ", "))
        }
        changes.set(name, value: try field.value(from: values.decode(JSONValue.self, forKey: key)))
      }
    }
  }
}

/// A new risk of a feature.
struct RiskRequest: RequestBody {
  var title: String
  var description: String?
  var category: RiskCategory
  var likelihood: Int
  var impact: Int
  var owner: String
  var status: RiskStatus?
  var residualLikelihood: Int?
  var residualImpact: Int?
  var taxonomy: String?
  var despiteIncident: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case title, description, category, likelihood, impact, owner, status, taxonomy
    case residualLikelihood = "residual_likelihood"
    case residualImpact = "residual_impact"
    case despiteIncident = "despite_incident"
  }
  static let keys = names(of: CodingKeys.self)
  static let asks = "a new risk"

  var draft: RiskDraft {
    var draft = RiskDraft(
      title: title, category: category, likelihood: likelihood, impact: impact, owner: owner)
    draft.description = description ?? ""
    draft.status = status ?? .open
    draft.residualLikelihood = residualLikelihood
    draft.residualImpact = residualImpact
    draft.taxonomy = taxonomy
    return draft
  }
}
