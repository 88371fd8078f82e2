import Foundation
import Testing

@testable import AIGovKit

/// The risk rules are defined once in Swift (`Risk.score`, `RiskLevel`, `RiskRecord.blocksLaunch`);
/// where SQL repeats one to count or filter many risks at once, it must agree.
@Suite struct RiskRuleTests {
  @Test func levelsFollowTheDocumentedBands() {
    let bands: [(ClosedRange<Int>, RiskLevel)] = [
      (1...4, .low), (5...9, .medium), (10...16, .high), (20...25, .critical),
    ]
    for (scores, level) in bands {
      for score in scores { #expect(RiskLevel(score: score) == level, "score \(score)") }
      #expect(level.minimumScore == scores.lowerBound)
    }
  }

  /// A registry whose first feature has a risk of every level, every status and every state of
  /// mitigation.
  static func registryWithEveryKindOfRisk() throws -> (TemporaryDirectory, Registry) {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    try registry.seed()
    let feature = try #require(try registry.features().first).key
    let mitigationSets: [[MitigationStatus]] = [
      [], [.planned], [.inProgress], [.implemented], [.verified], [.planned, .verified],
    ]
    for (likelihood, impact) in [(1, 4), (3, 3), (2, 5), (4, 4), (4, 5), (5, 5)] {
      for status in RiskStatus.allCases {
        for statuses in mitigationSets {
          var draft = RiskDraft(
            title: "risk \(likelihood)x\(impact) \(status) \(statuses)", category: .privacy,
            likelihood: likelihood, impact: impact, owner: "o")
          draft.status = status
          let risk = try registry.addRisk(featureKey: feature, draft)
          for (index, mitigationStatus) in statuses.enumerated() {
            var mitigation = MitigationDraft(title: "m\(index)", kind: .technical, owner: "o")
            mitigation.status = mitigationStatus
            try registry.addMitigation(riskID: risk.id, mitigation)
          }
        }
      }
    }
    return (directory, registry)
  }

  @Test func theSQLScoreAndLevelFilterAgreeWithSwift() throws {
    let (directory, registry) = try Self.registryWithEveryKindOfRisk()
    defer { _ = directory }
    let risks = try registry.risks()
    for risk in risks {
      let score = try registry.database.scalarInteger(
        "SELECT \(Risk.scoreSQL("r")) FROM risks r WHERE r.id = ?", [risk.id])
      #expect(score == risk.score, "risk \(risk.id)")
    }
    for level in RiskLevel.allCases {
      let filtered = try registry.risks(RiskFilter(minimumLevel: level)).map(\.id).sorted()
      #expect(!filtered.isEmpty, "\(level)")
      #expect(filtered == risks.filter { $0.level >= level }.map(\.id).sorted(), "\(level)")
    }
  }

  @Test func theSQLFormOfBlocksLaunchAgreesWithSwift() throws {
    let (directory, registry) = try Self.registryWithEveryKindOfRisk()
    defer { _ = directory }
    var blocking = 0
    for feature in try registry.features() where feature.status != .retired {
      blocking += try registry.featureRecord(feature.key).risks.filter(\.blocksLaunch).count
    }
    #expect(blocking > 0)
    #expect(try registry.overview().unmitigatedHighRisks == blocking)
  }
}
