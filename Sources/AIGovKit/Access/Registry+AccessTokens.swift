extension Registry {
  static let accessTokenColumns =
    "id, person, label, access, token_hash, created_at, created_by, revoked_at, revoked_by"

  /// Makes a token for `person`, acting as the registry's actor; the text is returned once and
  /// only its hash is kept.
  public func createAccessToken(
    for person: String, label: String = "", access: TokenAccess = .write
  ) throws -> IssuedAccessToken {
    let person = person.trimmingWhitespace()
    let label = label.trimmingWhitespace()
    guard !person.isEmpty else {
      throw AIGovError.missingValue(field: "person", reason: "a token stands for one person")
    }
    try TextField.actor.check(person)
    try TextField.accessTokenLabel.check(label)
    return try database.transaction {
      let secret = AccessToken.newSecret()
      var token = AccessToken(
        id: 0, person: person, label: label, access: access,
        tokenHash: AccessToken.hash(of: secret),
        createdAt: now, createdBy: actor, revokedAt: nil, revokedBy: nil)
      try database.execute(
        "INSERT INTO access_tokens (person, label, access, token_hash, created_at, created_by) "
          + "VALUES (?, ?, ?, ?, ?, ?)",
        values: [
          .text(token.person), .text(token.label), .text(token.access.rawValue),
          .text(token.tokenHash), .text(token.createdAt), .text(token.createdBy),
        ])
      token.id = Int(database.lastInsertedRowID)
      try recordEvent(.accessTokenCreate, before: nil, after: token)
      return IssuedAccessToken(token: token, secret: secret)
    }
  }

  /// Revokes the token with `id`; a revoked token is refused at once by a running server.
  @discardableResult
  public func revokeAccessToken(_ id: Int) throws -> AccessToken {
    try database.transaction {
      guard let before = try accessToken(id: id) else {
        throw AIGovError.notFound(entity: "access token", key: String(id))
      }
      guard !before.isRevoked else {
        throw AIGovError.refused(.tokenAlreadyRevoked(id: id, at: before.revokedAt ?? ""))
      }
      var after = before
      after.revokedAt = now
      after.revokedBy = actor
      try database.execute(
        "UPDATE access_tokens SET revoked_at = ?, revoked_by = ? WHERE id = ?",
        values: [.text(now), .text(actor), .integer(Int64(id))])
      try recordEvent(.accessTokenRevoke, before: before, after: after)
      return after
    }
  }

  /// Every token, oldest first (with `person`, only that person's).
  public func accessTokens(person: String? = nil) throws -> [AccessToken] {
    try database.query(
      "SELECT \(Self.accessTokenColumns) FROM access_tokens WHERE ?1 IS NULL OR person = ?1 "
        + "ORDER BY id", [person]
    ).map(Self.accessToken(from:))
  }

  func accessToken(id: Int) throws -> AccessToken? {
    try database.queryOne(
      "SELECT \(Self.accessTokenColumns) FROM access_tokens WHERE id = ?", [id]
    ).map(Self.accessToken(from:))
  }

  /// The person a token's text stands for, and what it lets them do, if it is a token made
  /// here and not revoked.
  public func holder(presenting secret: String) throws -> TokenHolder? {
    guard AccessToken.isWellFormed(secret) else { return nil }
    return try database.queryOne(
      "SELECT person, access FROM access_tokens WHERE token_hash = ? AND revoked_at IS NULL",
      [AccessToken.hash(of: secret)], cached: true
    ).map {
      TokenHolder(person: try $0.text("person"), access: try TokenAccess.parse($0.text("access")))
    }
  }

  /// The access a person named by someone else (a single-sign-on proxy's header) has: what their
  /// tokens in force give, read-only when they hold none that writes.
  public func access(ofPerson person: String) throws -> TokenAccess {
    try database.queryOne(
      "SELECT 1 FROM access_tokens WHERE person = ? AND access = ? AND revoked_at IS NULL LIMIT 1",
      [person, TokenAccess.write.rawValue], cached: true) == nil ? .read : .write
  }

  static func accessToken(from row: Row) throws -> AccessToken {
    AccessToken(
      id: try row.integer("id"), person: try row.text("person"), label: try row.text("label"),
      access: try TokenAccess.parse(try row.text("access")),
      tokenHash: try row.text("token_hash"), createdAt: try row.text("created_at"),
      createdBy: try row.text("created_by"), revokedAt: row.optionalText("revoked_at"),
      revokedBy: row.optionalText("revoked_by"))
  }
}
