import Foundation
import Testing

@testable import AIGovKit

/// One change to `email-ai` or what it uses, and whether it changes what a review approved.
struct ChangeCase: CustomTestStringConvertible, Sendable {
  var name: String
  var isMaterial: Bool
  var apply: @Sendable (Registry) throws -> Void

  var testDescription: String { name }

  static func feature(
    _ name: String, material: Bool, _ change: @escaping @Sendable (inout FeatureChanges) -> Void
  ) -> ChangeCase {
    ChangeCase(name: "feature " + name, isMaterial: material) { registry in
      var changes = FeatureChanges()
      change(&changes)
      try registry.editFeature("email-ai", changes)
    }
  }

  static func risk(
    _ name: String, material: Bool, _ change: @escaping @Sendable (inout RiskChanges) -> Void
  ) -> ChangeCase {
    ChangeCase(name: "risk " + name, isMaterial: material) { registry in
      var changes = RiskChanges()
      change(&changes)
      try registry.editRisk(1, changes)
    }
  }

  static func provider(
    _ name: String, material: Bool, _ change: @escaping @Sendable (inout ProviderChanges) -> Void
  ) -> ChangeCase {
    ChangeCase(name: "provider " + name, isMaterial: material) { registry in
      var changes = ProviderChanges()
      change(&changes)
      try registry.editProvider("openai", changes)
    }
  }
}

@Suite struct MaterialChangeTests {
  static let cases: [ChangeCase] = [
    .feature("category", material: true) { $0.set("category", FeatureCategory.agentic) },
    .feature("training use", material: true) {
      $0.set("training_use", TrainingUse.aggregated)
      $0.set("min_group_size", 100)
    },
    .feature("serving use", material: true) { $0.set("serving_use", ServingUse.crossAccount) },
    .feature("de-identified training", material: true) {
      $0.set("training_use", TrainingUse.deIdentified)
    },
    .feature("synthetic training", material: true) {
      $0.set("training_use", TrainingSources([.synthetic]))
    },
    .feature("adaptation", material: true) {
      $0.set("adaptation", TermSet<Adaptation>([.retrievalIndex, .embeddings]))
    },
    .feature("provider choice", material: true) {
      $0.set("provider_choice", ProviderChoice.customerChooses)
    },
    .feature("account switch", material: true) {
      $0.set("account_switch", AccountSwitch.keepsRunning)
    },
    .feature("kept data", material: true) { $0.set("kept_data", TermSet<KeptData>([.outputs])) },
    .feature("purpose", material: true) { $0.set("purpose", "Draft and send emails") },
    .feature("human oversight", material: true) {
      $0.set("human_oversight", HumanOversight.autonomous)
    },
    .feature("audience", material: true) { $0.set("audience", Audience.internal) },
    .feature("final say", material: true) { $0.set("final_say", FinalSay.nobody) },
    .feature("customer control", material: true) {
      $0.set("customer_control", CustomerControl.optOut)
    },
    .feature("optional control", material: true) {
      $0.set("customer_control", CustomerControl.optional)
    },
    .feature("EU AI Act tier", material: true) { $0.set("eu_ai_act_tier", EUAIActTier.limited) },
    .feature("data category added", material: true) { $0.addDataCategories = [.contactInfo] },
    .feature("data category removed", material: true) {
      $0.removeDataCategories = [.messageContent]
    },
    ChangeCase(name: "provider linked", isMaterial: true) {
      try $0.linkProvider(
        featureKey: "email-ai", providerKey: "internal-ml", model: "", purpose: "")
    },
    ChangeCase(name: "provider unlinked", isMaterial: true) {
      try $0.unlinkProvider(featureKey: "email-ai", providerKey: "openai", model: nil)
    },
    ChangeCase(name: "risk added", isMaterial: true) {
      try $0.addRisk(
        featureKey: "email-ai",
        RiskDraft(title: "Leak", category: .privacy, likelihood: 2, impact: 3, owner: "tom"))
    },
    .risk("likelihood", material: true) { $0.set("likelihood", 2) },
    .risk("impact", material: true) { $0.set("impact", 5) },
    .risk("category", material: true) { $0.set("category", RiskCategory.misuse) },
    .provider("no-training term", material: true) { $0.noTraining = false },
    .provider("retention", material: true) { $0.retentionDays = .some(30) },
    .provider("DPA", material: true) { $0.dpa = DPAStatus.no },
    .provider("DPA unknown", material: true) { $0.dpa = .unknown },
    .provider("served through", material: true) { $0.servedThrough = .some("internal-ml") },
    .provider("DPA day", material: false) { $0.dpaSignedOn = .some("2025-01-01") },
    .provider("DPA reference", material: false) { $0.dpaReference = .some("DPA-7") },
    .provider("kind", material: true) { $0.kind = .mlPlatform },
    .feature("name", material: false) { $0.set("name", "Email AI 2") },
    .feature("description", material: false) { $0.set("description", "Longer text") },
    .feature("owner", material: false) { $0.set("owner", "dana") },
    .feature("team", material: false) { $0.set("team", "Content") },
    .feature("review interval", material: false) { $0.set("review_interval_days", 30) },
    .feature("documentation URL", material: false) {
      $0.set("documentation_url", "https://help.example.com/email-ai")
    },
    .risk("title", material: false) { $0.set("title", "Invented offers") },
    .risk("status", material: false) { $0.set("status", RiskStatus.mitigating) },
    .risk("residual score", material: false) {
      $0.set("residual_likelihood", 1)
      $0.set("residual_impact", 2)
    },
    ChangeCase(name: "mitigation progress", isMaterial: false) {
      var changes = MitigationChanges()
      changes.set("status", MitigationStatus.verified)
      changes.set("evidence", "https://wiki.example.com/review")
      try $0.editMitigation(1, changes)
    },
    .provider("notes", material: false) { $0.notes = "zero data retention" },
    .provider("regions", material: false) { $0.regions = "us, eu" },
    .provider("subprocessor listing", material: false) { $0.subprocessorListed = true },
  ]

  @Test(arguments: cases)
  func onAnApprovedFeature(_ change: ChangeCase) throws {
    let fixture = try GovernanceFixture()
    try fixture.approve("email-ai")
    let signOffs = try fixture.registry.review("email-ai").rounds[0].signOffs.count
    try change.apply(fixture.registry)
    let rounds = try fixture.rounds("email-ai")
    if change.isMaterial {
      #expect(try fixture.status("email-ai") == .inReview)
      try #require(rounds.map(\.status) == [.voided, .open])
      #expect(rounds[1].kind == .materialChange)
      // The trail says which change voided which round: the void names its cause event, whose
      // action is the change itself.
      let events = try fixture.registry.auditTrail.events()
      let void = try #require(events.last { $0.action == "review.void" })
      let cause = try #require(rounds[0].causeEvent)
      #expect(void.entityKey == String(rounds[0].id))
      let changeActions = [
        "feature.update", "feature.link-provider", "feature.unlink-provider", "risk.create",
        "risk.update", "provider.update",
      ]
      #expect(changeActions.contains(events[cause - 1].action) && cause < void.seq)
      #expect(
        rounds[0].closeReason?.hasSuffix(" by event \(cause) (\(events[cause - 1].action))") == true
      )
      #expect(try fixture.registry.review("email-ai").rounds[0].signOffs.count == signOffs)
    } else {
      #expect(try fixture.status("email-ai") == .approved)
      #expect(rounds.map(\.status) == [.approved])
    }
    #expect(try fixture.registry.verify().isIntact)
  }

  @Test func aMaterialChangeDuringAPeriodicReviewEndsTheLaunch() throws {
    let fixture = try GovernanceFixture()
    try fixture.launchEmailAI()
    try fixture.registry.openReview("email-ai")
    try fixture.sign("email-ai", as: "sam")
    var change = FeatureChanges()
    change.set("human_oversight", HumanOversight.autonomous)
    let voided = try fixture.registry.changing(despiteIncident: nil) {
      try $0.editFeature("email-ai", change)
    }.voidedReviews
    #expect(try fixture.status("email-ai") == .inReview)
    #expect(try fixture.rounds("email-ai").map(\.status) == [.voided, .voided, .open])
    #expect(
      voided == [
        VoidedReview(
          featureKey: "email-ai", rounds: [2, 1], signOffCount: 6, changes: ["human oversight"],
          newRound: 3)
      ])
  }

  @Test func aChangeToAProposedFeatureVoidsNothing() throws {
    let fixture = try GovernanceFixture()
    var change = FeatureChanges()
    change.set("category", FeatureCategory.agentic)
    let before = try fixture.registry.auditTrail.events().count
    try fixture.registry.editFeature("email-ai", change)
    #expect(try fixture.registry.auditTrail.events().count == before + 1)
    #expect(try fixture.status("email-ai") == .proposed)
  }

  @Test func aContentChangeOutsideAigovBlocksSigningUntilANewRound() throws {
    let fixture = try GovernanceFixture()
    try fixture.registry.openReview("email-ai")
    try fixture.tamper("UPDATE features SET category = 'agentic' WHERE key = 'email-ai'")
    try fixture.expectRefusal(
      .refused(.roundOutdated(feature: "email-ai", round: 1))
    ) { try fixture.sign("email-ai", as: "tom") }
    #expect(try fixture.registry.openReview("email-ai").number == 2)
    #expect(try fixture.rounds("email-ai").first?.status == .voided)
  }
}
