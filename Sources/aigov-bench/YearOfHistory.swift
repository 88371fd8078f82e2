import AIGovKit
import Foundation

/// A year of an inventory's life, 2026 from January to mid-December, in the order it happened:
/// `features` features added evenly through the first three quarters and a half, each with two
/// providers, three risks and two mitigations; every tenth reviewed by five reviewers (one
/// signing) and launched a week after it was added; every fiftieth gaining a third provider (a
/// material change) later on; and a provider's terms changing in the third quarter.
struct YearOfHistory {
  var features: Int

  func build(at path: String) throws {
    final class Clock {
      var now = Timestamp.parse("2026-01-02T09:00:00Z")!
    }
    let clock = Clock()
    let registry = try Registry.open(path: path, create: true, actor: "dana", clock: { clock.now })
    let signingKey = SigningKey()
    let reviewers = Discipline.allCases.map { discipline in
      (discipline, registry.acting(as: "rev-\(discipline)"))
    }
    try registry.transaction {
      for (discipline, reviewer) in reviewers {
        try registry.addReviewer(
          handle: reviewer.actor, name: reviewer.actor, email: "\(reviewer.actor)@example.com",
          disciplines: [discipline], publicKey: discipline == .legal ? signingKey.publicKey : nil)
      }
      for key in ["llm-a", "llm-b", "llm-c", "platform"] {
        var provider = ProviderDraft(key: key, name: key.uppercased(), kind: .llm)
        provider.noTraining = true
        provider.retentionDays = 0
        provider.dpaSignedOn = "2025-06-01"
        provider.subprocessorListed = true
        try registry.addProvider(provider)
      }
    }
    let start = clock.now
    let step = 300 * 86_400 / Double(max(1, features))
    var next = 0
    var termsChanged = false
    while next < features {
      let end = min(features, next + 2_000)
      try registry.transaction {
        for index in next..<end {
          clock.now = start.addingTimeInterval(Double(index) * step)
          try addSyntheticFeature(index, to: registry, launchable: true)
          // About a week after a feature was added (240 features on): its review and launch.
          let reviewed = index - 240
          if reviewed >= 0, reviewed % 10 == 0 {
            let key = "feature-\(reviewed)"
            try registry.openReview(key)
            for (discipline, reviewer) in reviewers {
              try reviewer.signOff(
                key, discipline: nil, decision: .approve,
                key: discipline == .legal ? signingKey : nil)
            }
            if try registry.risksBlockingLaunch(key).isEmpty {
              // Once a provider's terms fall short (see below), the launch gate holds the
              // features sending it data back, as it would hold a real one.
              do {
                try registry.setStatus(key, to: .launched)
              } catch AIGovError.refused {
              }
            }
          }
          let changed = index - 500
          if changed >= 0, changed % 50 == 0 {
            try registry.linkProvider(
              featureKey: "feature-\(changed)", providerKey: "llm-c", model: "model-c",
              purpose: "summaries")
          }
          if !termsChanged, clock.now >= Timestamp.parse("2026-08-01T00:00:00Z")! {
            var terms = ProviderChanges()
            terms.retentionDays = 30
            try registry.editProvider("llm-b", terms)
            termsChanged = true
          }
        }
      }
      next = end
    }
  }
}
