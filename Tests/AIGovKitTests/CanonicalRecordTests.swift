import Foundation
import Testing

@testable import AIGovKit

/// The trail's records are written by hand for speed; they must be, byte for byte, what
/// `JSONEncoder` writes for the same values, hostile text and absent values included.
@Suite struct CanonicalRecordTests {
  /// Hostile text that the fields accept: markup, quotes, a formula, line breaks and a tab in
  /// the multi-line ones.
  static let hostile = "<script>|x\n=cmd \"q\\/\té😀"
  static let hostileLine = "<script>|x =cmd \"q\\/ é😀"
  /// Text no field accepts, but which a database written behind aigov's back may hold.
  static let controls = "\u{1B}[2J\u{202E}\u{1}\u{7F}\u{85}\r"

  func expectCanonical<Record: AuditedRecord>(
    _ record: Record, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let expected = String(decoding: try encoder.encode(record), as: UTF8.self)
    #expect(record.canonicalText == expected, sourceLocation: sourceLocation)
  }

  @Test func everyRecordTypeMatchesTheEncoder() throws {
    let fixture = try GovernanceFixture()
    try fixture.approve("email-ai")
    try fixture.registry.changeSetting(.requiredDisciplines, to: "legal")
    let registry = fixture.registry
    for key in ["email-ai", "churn-risk"] { try expectCanonical(try registry.featureState(key)) }
    for provider in try registry.providers() { try expectCanonical(provider) }
    try expectCanonical(try registry.risk(1))
    try expectCanonical(try registry.mitigation(1))
    for reviewer in try registry.reviewers() { try expectCanonical(reviewer) }
    let review = try registry.review("email-ai")
    try expectCanonical(review.rounds[0].round)
    for signOff in review.rounds[0].signOffs { try expectCanonical(signOff) }
    try expectCanonical(Setting(name: "review.required-disciplines", value: "legal"))
  }

  @Test func hostileTextAndAbsentValuesMatchTheEncoder() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    var changes = FeatureChanges()
    changes.set("description", Self.hostile)
    changes.set("team", Self.hostileLine)
    try registry.editFeature("email-ai", changes)
    try registry.linkProvider(
      featureKey: "email-ai", providerKey: "internal-ml", model: Self.hostileLine,
      purpose: Self.hostile)
    var state = try registry.featureState("email-ai")
    try expectCanonical(state)
    state.feature.name = Self.controls
    state.feature.description = Self.controls
    try expectCanonical(state)
    var provider = ProviderChanges()
    provider.notes = Self.hostile
    provider.retentionDays = .some(nil)
    try expectCanonical(try registry.editProvider("openai", provider).after)
    var risk = RiskChanges()
    risk.set("description", Self.hostile)
    risk.set("residual_likelihood", 1)
    risk.set("residual_impact", 1)
    try expectCanonical(try registry.editRisk(1, risk).after)
    var mitigation = MitigationChanges()
    mitigation.set("evidence", Self.hostileLine)
    try expectCanonical(try registry.editMitigation(1, mitigation).after)
    try registry.openReview("email-ai")
    let signOff = try fixture.sign("email-ai", as: "tom", .reject, comment: Self.hostile).signOff
    try expectCanonical(signOff)
    try expectCanonical(try registry.review("email-ai").rounds[0].round)
  }
}
