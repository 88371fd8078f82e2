extension Registry {
  /// Every reviewer, ordered by handle.
  public func reviewers() throws -> [Reviewer] {
    var disciplines: [Int: [Discipline]] = [:]
    try database.forEachRow("SELECT reviewer_id, discipline FROM reviewer_disciplines") { row in
      disciplines[try row.integer("reviewer_id"), default: []].append(try row.term("discipline"))
    }
    return try database.query("SELECT * FROM reviewers ORDER BY handle").map { row in
      Reviewer(
        handle: try row.text("handle"), name: try row.text("name"), email: try row.text("email"),
        disciplines: (disciplines[try row.integer("id")] ?? []).sorted(),
        createdAt: try row.text("created_at"))
    }
  }

  /// Registers a reviewer who may sign off for `disciplines`.
  @discardableResult
  public func addReviewer(handle: String, name: String, email: String, disciplines: [Discipline])
    throws -> Reviewer
  {
    try Validation.handle(handle)
    try Validation.nonEmpty(name, field: "name")
    try Validation.email(email)
    guard !disciplines.isEmpty else {
      throw AIGovError.missingValue(
        field: "discipline",
        reason: "a reviewer signs for at least one of: \(Discipline.acceptedTerms)")
    }
    let reviewer = Reviewer(
      handle: handle, name: name, email: email, disciplines: Array(Set(disciplines)).sorted(),
      createdAt: now)
    return try database.transaction {
      if try database.queryOne("SELECT 1 FROM reviewers WHERE handle = ?", [handle]) != nil {
        throw AIGovError.duplicate(entity: "reviewer", key: handle)
      }
      try database.execute(
        "INSERT INTO reviewers (handle, name, email, created_at) VALUES (?, ?, ?, ?)",
        [handle, name, email, reviewer.createdAt])
      let id = Int(database.lastInsertedRowID)
      for discipline in reviewer.disciplines {
        try database.execute(
          "INSERT INTO reviewer_disciplines (reviewer_id, discipline) VALUES (?, ?)",
          [id, discipline.rawValue])
      }
      try recordEvent(
        "reviewer.create", entity: "reviewer", key: handle, before: nil, after: reviewer)
      return reviewer
    }
  }
}
