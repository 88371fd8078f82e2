import AIGovKit
import Foundation

/// A fresh folder per test, removed when the test's value goes away.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-kit-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// A registry on a new database file, with a fixed clock and actor.
func makeRegistry(in directory: TemporaryDirectory, name: String = "test.sqlite") throws
  -> Registry
{
  let fixed = Timestamp.parse("2026-11-22T10:00:00Z")!
  return try Registry.open(
    path: directory.path(name), create: true, actor: "tester", clock: { fixed })
}

/// Every row of every table, as text: two equal snapshots mean nothing changed.
func snapshot(_ database: Database) throws -> String {
  try database.dumpContent()
}

extension Registry {
  /// A small inventory: one provider, one feature using it, one risk with one mitigation.
  func seed() throws {
    var provider = ProviderDraft(key: "openai", name: "OpenAI", kind: .llm)
    provider.noTraining = true
    provider.retentionDays = 0
    provider.dpaSignedOn = "2024-02-01"
    try addProvider(provider)
    try addProvider(ProviderDraft(key: "internal-ml", name: "Internal ML", kind: .internal))
    var draft = FeatureDraft(
      key: "email-ai", name: "Email AI", purpose: "Draft emails", category: .generative,
      servingUse: .accountOnly, trainingUse: .none, owner: "priya")
    draft.dataCategories = [.messageContent]
    draft.humanOversight = .humanInTheLoop
    draft.finalSay = .customer
    draft.customerControl = .optIn
    try addFeature(draft)
    var churn = FeatureDraft(
      key: "churn-risk", name: "Churn risk", purpose: "Predict churn", category: .predictive,
      servingUse: .accountOnly, trainingUse: [.aggregated], owner: "marcus")
    churn.minGroupSize = 100
    churn.humanOversight = .humanOnTheLoop
    churn.finalSay = .staff
    churn.customerControl = .optional
    try addFeature(churn)
    try linkProvider(featureKey: "email-ai", providerKey: "openai", model: "gpt-4o", purpose: "")
    try linkProvider(featureKey: "churn-risk", providerKey: "internal-ml", model: "", purpose: "")
    let risk = try addRisk(
      featureKey: "email-ai",
      RiskDraft(
        title: "Hallucinated offers", category: .accuracyHallucination, likelihood: 4, impact: 4,
        owner: "priya"))
    try addMitigation(
      riskID: risk.id, MitigationDraft(title: "Human review", kind: .process, owner: "priya"))
  }
}
