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
      let voided = VoidedReviews()
      try Self.allowHold(edit.despiteIncident, on: registry, collecting: voided)
      let edited = try registry.editFeature(key, changes, expectedVersion: edit.expectedVersion)
      return EditAnswer(record: edited.after, changed: edited.changed, voided: voided.all)
    }
    return .json(answer)
  }

  @Sendable func addRisk(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requireWriter()
    let key = try context.parameter("key")
    let asked = try await request.decodeJSON(RiskRequest.self, context: context)
    let answer = try await inventory.write(as: person) { registry in
      let voided = VoidedReviews()
      try Self.allowHold(asked.despiteIncident, on: registry, collecting: voided)
      let risk = try registry.addRisk(featureKey: key, asked.draft)
      return EditAnswer(record: risk, changed: true, voided: voided.all)
    }
    return .json(answer, status: .created)
  }

  /// Sets what a change carries: the reason to change a feature held by a serious incident
  /// (checked as the command line checks it), and where the rounds it voids are told.
  static func allowHold(
    _ reason: String?, on registry: Registry, collecting voided: VoidedReviews
  ) throws {
    if let reason { try TextField.incidentHoldOverride.check(reason) }
    registry.incidentHoldOverride = reason
    registry.onReviewVoided = { voided.append($0) }
  }
}

/// The rounds a change voided, gathered while it runs.
final class VoidedReviews: @unchecked Sendable {
  private(set) var all: [VoidedRound] = []
  func append(_ review: VoidedReview) {
    all.append(
      VoidedRound(
        feature: review.featureKey, rounds: review.rounds, signOffs: review.signOffCount,
        changes: review.changes, newRound: review.newRound))
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
}

/// A change's record after it, whether it changed anything, and the reviews it voided.
struct EditAnswer<Record: Encodable & Sendable>: Encodable, Sendable {
  var record: Record
  var changed: Bool
  var voided: [VoidedRound]
}

/// The fields of a feature an edit may change; a field left out stays as it is.
struct FeatureEditRequest: Decodable {
  var name: String?
  var description: String?
  var purpose: String?
  var category: FeatureCategory?
  var servingUse: ServingUse?
  var trainingUse: TrainingUse?
  var owner: String?
  var team: String?
  var humanOversight: HumanOversight?
  var audience: Audience?
  var finalSay: FinalSay?
  var customerControl: CustomerControl?
  var euAIActTier: EUAIActTier?
  var reviewIntervalDays: Int?
  var addDataCategories: [DataCategory]?
  var removeDataCategories: [DataCategory]?
  var expectedVersion: Int?
  var despiteIncident: String?

  enum CodingKeys: String, CodingKey {
    case name, description, purpose, category, owner, team, audience
    case servingUse = "serving_use"
    case trainingUse = "training_use"
    case humanOversight = "human_oversight"
    case finalSay = "final_say"
    case customerControl = "customer_control"
    case euAIActTier = "eu_ai_act_tier"
    case reviewIntervalDays = "review_interval_days"
    case addDataCategories = "add_data_categories"
    case removeDataCategories = "remove_data_categories"
    case expectedVersion = "expected_version"
    case despiteIncident = "despite_incident"
  }

  var changes: FeatureChanges {
    var changes = FeatureChanges()
    changes.name = name
    changes.description = description
    changes.purpose = purpose
    changes.category = category
    changes.servingUse = servingUse
    changes.trainingUse = trainingUse
    changes.owner = owner
    changes.team = team
    changes.humanOversight = humanOversight
    changes.audience = audience
    changes.finalSay = finalSay
    changes.customerControl = customerControl
    changes.euAIActTier = euAIActTier
    changes.reviewIntervalDays = reviewIntervalDays
    changes.addDataCategories = addDataCategories ?? []
    changes.removeDataCategories = removeDataCategories ?? []
    return changes
  }
}

/// A new risk of a feature.
struct RiskRequest: Decodable {
  var title: String
  var description: String?
  var category: RiskCategory
  var likelihood: Int
  var impact: Int
  var owner: String
  var status: RiskStatus?
  var residualLikelihood: Int?
  var residualImpact: Int?
  var despiteIncident: String?

  enum CodingKeys: String, CodingKey {
    case title, description, category, likelihood, impact, owner, status
    case residualLikelihood = "residual_likelihood"
    case residualImpact = "residual_impact"
    case despiteIncident = "despite_incident"
  }

  var draft: RiskDraft {
    var draft = RiskDraft(
      title: title, category: category, likelihood: likelihood, impact: impact, owner: owner)
    draft.description = description ?? ""
    draft.status = status ?? .open
    draft.residualLikelihood = residualLikelihood
    draft.residualImpact = residualImpact
    return draft
  }
}
