import AIGovKit
import Foundation

/// A database of `features` synthetic features, each with two providers, three risks and two
/// mitigations, and every hundredth approved in a review round by five reviewers (one signing with
/// a key), built through AIGovKit so that the audit trail is real.
struct SyntheticInventory {
  var features: Int

  /// Audit events per feature: its creation, two provider links, three risks and two mitigations,
  /// and for every hundredth a review round of five sign-offs and an approval.
  static let eventsPerFeature = 8.09

  /// The sqlite3 baseline of `audit verify`: a hash over every event's fields, in order.
  static let hashEveryEvent =
    "SELECT count(sha3(prev_hash || action || actor || coalesce(after, '') || "
    + "coalesce(before, '') || at || entity || entity_key || seq, 256)) "
    + "FROM (SELECT * FROM audit_events ORDER BY seq);"

  /// Reading every event once, every byte of it, and nothing else: the floor of any check.
  static let readEveryEvent =
    "SELECT sum(length(CAST(before AS BLOB)) + length(CAST(after AS BLOB)) + length(hash)) "
    + "FROM audit_events;"

  func build(at path: String) throws {
    let fixed = Date(timeIntervalSince1970: 1_795_000_000)
    let registry = try Registry.open(path: path, create: true, actor: "bench", clock: { fixed })
    let signingKey = SigningKey()
    let reviewers: [(String, Discipline)] = [
      ("rev-product", .product), ("rev-engineering", .engineering), ("rev-legal", .legal),
      ("rev-privacy", .privacy), ("rev-security", .security),
    ]
    try registry.transaction {
      for (handle, discipline) in reviewers {
        try registry.addReviewer(
          handle: handle, name: handle, email: "\(handle)@example.com", disciplines: [discipline],
          publicKey: discipline == .legal ? signingKey.publicKey : nil)
      }
      for key in ["llm-a", "llm-b", "platform"] {
        var provider = ProviderDraft(key: key, name: key.uppercased(), kind: .llm)
        provider.noTraining = true
        provider.retentionDays = 0
        try registry.addProvider(provider)
      }
    }
    var next = 0
    while next < features {
      let end = min(features, next + 5_000)
      try registry.transaction {
        for index in next..<end {
          let key = "feature-\(index)"
          try addSyntheticFeature(index, to: registry, launchable: false)
          if index % 100 == 0 {
            try registry.openReview(key)
            for (handle, discipline) in reviewers {
              try registry.acting(as: handle).signOff(
                key, discipline: nil, decision: .approve,
                key: discipline == .legal ? signingKey : nil)
            }
          }
        }
      }
      next = end
    }
  }
}

/// Adds synthetic feature `index` (key `feature-<index>`): two providers, three risks, and a
/// mitigation for each of the first two. A `launchable` feature has an assessed EU AI Act tier, a
/// low third risk and mostly implemented mitigations, so that once approved it may launch.
func addSyntheticFeature(_ index: Int, to registry: Registry, launchable: Bool) throws {
  let key = "feature-\(index)"
  var draft = FeatureDraft(
    key: key, name: "Feature \(index)", purpose: "Synthetic feature \(index)",
    category: FeatureCategory.allCases[index % 4],
    servingUse: .accountOnly, trainingUse: index % 3 == 0 ? [.aggregated] : .none,
    owner: "owner-\(index % 50)")
  draft.minGroupSize = index % 3 == 0 ? 100 : nil
  draft.dataCategories = [.behavioral, .purchaseHistory]
  if launchable {
    // What the launch gate asks of every feature: an assessed tier and the claims the public
    // page makes, stated.
    draft.euAIActTier = .minimal
    draft.humanOversight = .humanInTheLoop
    draft.finalSay = .customer
    draft.customerControl = .optOut
  }
  try registry.addFeature(draft)
  try registry.linkProvider(
    featureKey: key, providerKey: "llm-a", model: "model-a", purpose: "drafting")
  try registry.linkProvider(
    featureKey: key, providerKey: index % 2 == 0 ? "llm-b" : "platform", model: "model-b",
    purpose: "scoring")
  for risk in 0..<3 {
    let low = launchable && risk == 2
    let added = try registry.addRisk(
      featureKey: key,
      RiskDraft(
        title: "Risk \(risk) of \(key)", category: RiskCategory.allCases[risk],
        likelihood: low ? 1 : 1 + (index + risk) % 5, impact: low ? 2 : 1 + (index * 7 + risk) % 5,
        owner: "owner-\(index % 50)"))
    if risk < 2 {
      var mitigation = MitigationDraft(
        title: "Mitigation of risk \(risk)", kind: .technical, owner: "owner")
      if launchable, index % 7 != 0 { mitigation.status = .implemented }
      try registry.addMitigation(riskID: added.id, mitigation)
    }
  }
}
