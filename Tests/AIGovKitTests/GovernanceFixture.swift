import Foundation
import Testing

@testable import AIGovKit

/// A registry seeded with a small inventory and reviewers for all five disciplines. `elena` (legal)
/// has a signing key; `priya` owns `email-ai` and also reviews for product, like `sam`.
struct GovernanceFixture {
  let directory: TemporaryDirectory
  let registry: Registry
  let elenaKey = SigningKey()

  static let reviewers: [(String, Discipline)] = [
    ("sam", .product), ("marcus", .engineering), ("elena", .legal), ("tom", .privacy),
    ("aisha", .security),
  ]

  init() throws {
    directory = try TemporaryDirectory()
    registry = try makeRegistry(in: directory)
    try registry.seed()
    try registry.addReviewer(
      handle: "priya", name: "Priya Raman", email: "priya@example.com", disciplines: [.product])
    for (handle, discipline) in Self.reviewers {
      try registry.addReviewer(
        handle: handle, name: handle.capitalized, email: "\(handle)@example.com",
        disciplines: [discipline], publicKey: handle == "elena" ? elenaKey.publicKey : nil)
    }
  }

  var database: Database { registry.database }

  /// The same database, acting as `actor`.
  func acting(as actor: String) -> Registry {
    Registry(database: registry.database, actor: actor, clock: registry.clock)
  }

  /// The key a reviewer must sign with, if any.
  func key(of handle: String) -> SigningKey? { handle == "elena" ? elenaKey : nil }

  /// `handle` records `decision` on the feature's open round.
  @discardableResult
  func sign(
    _ feature: String, as handle: String, _ decision: Decision = .approve, comment: String = "ok"
  ) throws -> SignOffOutcome {
    try acting(as: handle).signOff(
      feature, discipline: nil, decision: decision, comment: comment, key: key(of: handle))
  }

  /// Opens a round on the feature and has every discipline approve it.
  func approve(_ feature: String) throws {
    try registry.openReview(feature)
    for (handle, _) in Self.reviewers { try sign(feature, as: handle) }
  }

  /// Approves `email-ai`, implements its mitigation, and launches it.
  func launchEmailAI() throws {
    try approve("email-ai")
    var implemented = MitigationChanges()
    implemented.set("status", MitigationStatus.implemented)
    try registry.editMitigation(1, implemented)
    try registry.setStatus("email-ai", to: .launched)
  }

  func status(_ feature: String) throws -> FeatureStatus { try registry.feature(feature).status }

  func rounds(_ feature: String) throws -> [ReviewRound] {
    try registry.review(feature).rounds.map(\.round)
  }

  /// Runs `body`, expects it to throw `expected`, and checks that not a row nor an event changed.
  func expectRefusal(
    _ expected: AIGovError, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
  ) throws {
    let before = try snapshot(database)
    #expect(throws: expected, sourceLocation: sourceLocation) { try body() }
    #expect(try snapshot(database) == before, sourceLocation: sourceLocation)
  }

  /// What someone with the `sqlite3` shell could do behind aigov's back.
  func tamper(_ sql: String) throws {
    try database.executeScript(sql)
  }
}
