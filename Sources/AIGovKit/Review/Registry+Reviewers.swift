#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  /// Every reviewer, ordered by handle.
  public func reviewers() throws -> [Reviewer] {
    try database.query("SELECT id FROM reviewers ORDER BY handle").map {
      try reviewer(id: try $0.integer("id"))
    }
  }

  /// One reviewer by handle, or `AIGovError.notFound`.
  public func reviewer(_ handle: String) throws -> Reviewer {
    try reviewer(id: try reviewerID(handle))
  }

  /// Registers a reviewer who may sign off for `disciplines`, with the public key their decisions
  /// must be signed with, if they have one.
  @discardableResult
  public func addReviewer(
    handle: String, name: String, email: String, disciplines: [Discipline],
    publicKey: ReviewerPublicKey? = nil
  ) throws -> Reviewer {
    try Validation.handle(handle)
    try TextField.reviewerName.check(name)
    try TextField.reviewerEmail.check(email)
    try Validation.nonEmpty(name, field: "name")
    try Validation.email(email)
    guard !disciplines.isEmpty else {
      throw AIGovError.missingValue(
        field: "discipline",
        reason: "a reviewer signs for at least one of: \(Discipline.acceptedTerms)")
    }
    return try database.transaction {
      if try database.queryOne("SELECT 1 FROM reviewers WHERE handle = ?", [handle]) != nil {
        throw AIGovError.duplicate(entity: "reviewer", key: handle)
      }
      let id = try insert(
        Reviewer(handle: handle, name: name, email: email, disciplines: [], createdAt: now),
        into: Reviewer.table)
      try replaceDisciplines(reviewerID: id, Array(Set(disciplines)).sorted())
      if let publicKey {
        try registerKey(publicKey, reviewerID: id, replacing: nil, endorsement: nil)
      }
      let reviewer = try reviewer(id: id)
      try recordEvent(.reviewerCreate, before: nil, after: reviewer)
      return reviewer
    }
  }

  /// Changes a reviewer's details, disciplines or signing key. A new key retires the one in force;
  /// the retired key stays on record, so that decisions signed with it still verify.
  @discardableResult
  public func editReviewer(_ handle: String, _ changes: ReviewerChanges) throws -> Edited<Reviewer>
  {
    try database.transaction {
      let id = try reviewerID(handle)
      let before = try reviewer(id: id)
      let name = changes.name ?? before.name
      let email = changes.email ?? before.email
      try TextField.reviewerName.check(name)
      try TextField.reviewerEmail.check(email)
      try Validation.nonEmpty(name, field: "name")
      try Validation.email(email)
      let disciplines = Set(before.disciplines).union(changes.addDisciplines)
        .subtracting(changes.removeDisciplines).sorted()
      guard !disciplines.isEmpty else {
        throw AIGovError.refused(.reviewerWithoutDiscipline(reviewer: handle))
      }
      if name != before.name || email != before.email {
        var changed = before
        changed.name = name
        changed.email = email
        try update(changed, in: Reviewer.table, previousVersion: 0)
      }
      if disciplines != before.disciplines { try replaceDisciplines(reviewerID: id, disciplines) }
      if let key = changes.publicKey, key.fingerprint != before.keyInForce?.fingerprint {
        try registerKey(key, reviewerID: id, replacing: before, endorsement: changes.endorsement)
      }
      let after = try reviewer(id: id)
      if after != before { try recordEvent(.reviewerUpdate, before: before, after: after) }
      return Edited(before: before, after: after)
    }
  }

  // MARK: Internals

  func reviewerID(_ handle: String) throws -> Int {
    guard
      let id = try database.scalarInteger("SELECT id FROM reviewers WHERE handle = ?", [handle])
    else { throw AIGovError.notFound(entity: "reviewer", key: handle) }
    return id
  }

  func reviewer(id: Int) throws -> Reviewer {
    guard
      let row = try database.queryOne(
        "SELECT \(Reviewer.table.selectList()) FROM reviewers WHERE id = ?", [id], cached: true)
    else {
      throw AIGovError.notFound(entity: "reviewer", key: "#\(id)")
    }
    let disciplines = try database.query(
      "SELECT discipline FROM reviewer_disciplines WHERE reviewer_id = ?", [id], cached: true
    ).map { try $0.term("discipline", as: Discipline.self) }
    let keys = try database.query(
      "SELECT * FROM reviewer_keys WHERE reviewer_id = ? ORDER BY id", [id], cached: true
    ).map {
      ReviewerKey(
        fingerprint: try $0.text("fingerprint"), publicKey: try $0.text("public_key"),
        addedAt: try $0.text("added_at"), retiredAt: $0.optionalText("retired_at"),
        endorsedBy: $0.optionalText("endorsed_by"), endorsingKey: $0.optionalText("endorsing_key"),
        endorsement: $0.optionalText("endorsement"))
    }
    var reviewer = try Reviewer.table.record(at: row)
    reviewer.disciplines = disciplines.sorted()
    reviewer.keys = keys
    return reviewer
  }

  private func replaceDisciplines(reviewerID: Int, _ disciplines: [Discipline]) throws {
    try database.execute("DELETE FROM reviewer_disciplines WHERE reviewer_id = ?", [reviewerID])
    for discipline in disciplines {
      try database.execute(
        "INSERT INTO reviewer_disciplines (reviewer_id, discipline) VALUES (?, ?)",
        [reviewerID, discipline.rawValue])
    }
  }

  /// Registers `key` as the reviewer's key in force from now on. A key that replaces an earlier
  /// one needs `endorsement`: the `KeyStatement` signed by that key or by a key administrator's.
  private func registerKey(
    _ key: ReviewerPublicKey, reviewerID: Int, replacing reviewer: Reviewer?,
    endorsement: KeyEndorsement?
  ) throws {
    if let owner = try database.queryOne(
      """
      SELECT r.handle FROM reviewer_keys k JOIN reviewers r ON r.id = k.reviewer_id
      WHERE k.fingerprint = ?
      """, [key.fingerprint])?.optionalText("handle")
    {
      throw AIGovError.refused(.keyOfAnotherReviewer(fingerprint: key.fingerprint, reviewer: owner))
    }
    let timestamp = now
    var new = ReviewerKey(fingerprint: key.fingerprint, publicKey: key.pem, addedAt: timestamp)
    // The latest key, even one that ended: only a reviewer who never had a key gets one unproven.
    if let reviewer, let inForce = reviewer.keys.last {
      if let endorsement {
        new.endorsedBy = endorsement.signer.fingerprint
        new.endorsingKey = endorsement.signer.pem
        new.endorsement = Data(endorsement.signature).base64EncodedString()
      }
      if let refusal = GovernanceRules.keyChangeRefusal(
        reviewer: reviewer.handle, inForce: inForce, new: new,
        administrators: try governanceSettings().keyAdministrators)
      {
        throw AIGovError.refused(refusal)
      }
    }
    try database.execute(
      "UPDATE reviewer_keys SET retired_at = ? WHERE reviewer_id = ? AND retired_at IS NULL",
      [timestamp, reviewerID])
    try database.execute(
      """
      INSERT INTO reviewer_keys
        (reviewer_id, fingerprint, public_key, added_at, endorsed_by, endorsing_key, endorsement)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """,
      [
        reviewerID, new.fingerprint, new.publicKey, new.addedAt, new.endorsedBy, new.endorsingKey,
        new.endorsement,
      ])
  }
}

/// A change to a reviewer: nil and empty leave things as they are.
public struct ReviewerChanges: Sendable {
  public var name: String?
  public var email: String?
  public var addDisciplines: [Discipline] = []
  public var removeDisciplines: [Discipline] = []
  /// A new signing key; it replaces the key in force.
  public var publicKey: ReviewerPublicKey?
  /// For a new key that replaces a key in force: the `KeyStatement` signed by that key or by a
  /// key administrator's key.
  public var endorsement: KeyEndorsement?

  public init() {}

  public var isEmpty: Bool {
    name == nil && email == nil && addDisciplines.isEmpty && removeDisciplines.isEmpty
      && publicKey == nil
  }
}
