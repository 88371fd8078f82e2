extension Registry {
  /// One risk by its number, or `AIGovError.notFound`.
  public func risk(_ id: Int) throws -> Risk {
    guard
      let row = try database.queryOne(
        "SELECT \(Risk.table.selectList("r")), f.key AS feature_key FROM risks r JOIN features f ON f.id = r.feature_id "
          + "WHERE r.id = ?", [id], cached: true)
    else {
      throw AIGovError.notFound(entity: "risk", key: String(id))
    }
    return try Self.risk(from: row)
  }

  /// The risks matching `filter`, highest score first, then by number.
  public func risks(_ filter: RiskFilter = RiskFilter()) throws -> [Risk] {
    let featureID = try filter.featureKey.map(featureID)
    let minimumScore = filter.minimumLevel.map(\.minimumScore)
    return try database.query(
      Self.riskQuery(ofOneFeature: featureID != nil),
      [featureID, filter.category?.rawValue, filter.status?.rawValue, minimumScore], cached: true
    ).map(Self.risk(from:))
  }

  /// The risks of live features at `minimumLevel` or above (of `featureKey` only, when given)
  /// that lack a mitigation in place, with their mitigations: highest score first, then by
  /// number; `limit` of them from the `offset`th, and how many there are in all.
  public func risksWithoutMitigationInPlace(
    featureKey: String? = nil, minimumLevel: RiskLevel = .low, offset: Int, limit: Int
  ) throws -> ResultPage<RiskRecord> {
    let featureID = try featureKey.map(featureID)
    let condition = """
      FROM risks r JOIN features f ON f.id = r.feature_id
      WHERE (?1 IS NULL OR r.feature_id = ?1) AND f.status != ?2
        AND \(Risk.scoreSQL("r")) >= ?3 AND \(RiskRecord.lacksMitigationSQL("r"))
      """
    let arguments: [any DatabaseValueConvertible] =
      [featureID, FeatureStatus.retired.rawValue, minimumLevel.minimumScore]
      + RiskRecord.lacksMitigationArguments
    let total = try database.scalarInteger("SELECT count(*) \(condition)", arguments) ?? 0
    let risks = try database.query(
      """
      SELECT \(Risk.table.selectList("r")), f.key AS feature_key \(condition)
      ORDER BY \(Risk.scoreSQL("r")) DESC, r.id LIMIT ? OFFSET ?
      """, arguments + [limit, offset]
    ).map(Self.risk(from:))
    let records = try risks.map {
      RiskRecord(risk: $0, mitigations: try mitigations(riskID: $0.id))
    }
    return ResultPage(items: records, offset: offset, total: total)
  }

  /// The query of `risks(_:)`. One feature's risks are found through the index on `feature_id`:
  /// written as `?1 IS NULL OR ...`, the condition would make SQLite scan every risk.
  static func riskQuery(ofOneFeature: Bool) -> String {
    """
    SELECT \(Risk.table.selectList("r")), f.key AS feature_key FROM risks r JOIN features f ON f.id = r.feature_id
    WHERE \(ofOneFeature ? "r.feature_id = ?1" : "?1 IS NULL") AND (?2 IS NULL OR r.category = ?2)
      AND (?3 IS NULL OR r.status = ?3) AND (?4 IS NULL OR \(Risk.scoreSQL("r")) >= ?4)
    ORDER BY \(Risk.scoreSQL("r")) DESC, r.id
    """
  }

  /// Records a risk of a feature; returns it with its number.
  @discardableResult
  public func addRisk(featureKey: String, _ draft: RiskDraft) throws -> Risk {
    try database.transaction {
      let featureID = try featureID(featureKey)
      let material = try materialContent(featureID: featureID)
      let timestamp = now
      var risk = Risk(
        id: 0, featureKey: featureKey, title: draft.title, description: draft.description,
        category: draft.category, likelihood: draft.likelihood, impact: draft.impact,
        status: draft.status, owner: draft.owner, residualLikelihood: draft.residualLikelihood,
        residualImpact: draft.residualImpact, createdAt: timestamp, updatedAt: timestamp,
        version: 1)
      risk.taxonomy = try taxonomyEntries(draft.taxonomy)
      try Self.validate(risk)
      risk.id = try insertRisk(risk, featureID: featureID)
      let event = try recordEvent(.riskCreate, before: nil, after: risk)
      try applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      return risk
    }
  }

  /// Applies `changes` to a risk; a change that changes nothing records nothing.
  @discardableResult
  public func editRisk(_ id: Int, _ changes: RiskChanges, expectedVersion: Int? = nil) throws
    -> Edited<Risk>
  {
    try database.transaction {
      let before = try risk(id)
      try Self.checkVersion(expectedVersion, of: before.version, entity: "risk", key: String(id))
      let featureID = try featureID(before.featureKey)
      let material = try materialContent(featureID: featureID)
      var after = before
      try Risk.table.apply(changes.fields, to: &after)
      after.taxonomy = try taxonomyEntries(after.taxonomy)
      try Self.validate(after)
      guard try saveEdit(&after, from: before, in: Risk.table) else {
        return Edited(before: before, after: before)
      }
      let event = try recordEvent(.riskUpdate, before: before, after: after)
      try applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      return Edited(before: before, after: after)
    }
  }

  /// The taxonomy entries a risk names, checked and in one order: each `FRAMEWORK:ID` an entry
  /// of a taxonomy the inventory knows, once, sorted, joined by ", "; nil for none.
  func taxonomyEntries(_ text: String?) throws -> String? {
    guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
    try TextField.riskTaxonomy.check(text)
    let taxonomies = try frameworks().filter { $0.kind == .taxonomy }
    var entries = Set<String>()
    for part in text.split(separator: ",") {
      let entry = String(part).trimmingWhitespace()
      guard let colon = entry.firstIndex(of: ":") else {
        throw AIGovError.invalidValue(
          field: "taxonomy", value: entry,
          expected: "FRAMEWORK:ID, such as owasp-llm-top-10:LLM01")
      }
      let key = String(entry[..<colon])
      let id = String(entry[entry.index(after: colon)...])
      guard let taxonomy = taxonomies.first(where: { $0.key == key }) else {
        throw AIGovError.invalidValue(
          field: "taxonomy", value: key,
          expected: "a risk taxonomy: one of " + taxonomies.map(\.key).joined(separator: ", "))
      }
      guard taxonomy.requirement(id) != nil else {
        throw AIGovError.notFound(entity: "entry of \(key)", key: id)
      }
      entries.insert("\(key):\(id)")
    }
    return entries.sorted().joined(separator: ", ")
  }

  static func validate(_ risk: Risk) throws {
    try Risk.table.checkTexts(risk)
    try Validation.nonEmpty(risk.title, field: "title")
    try Validation.nonEmpty(risk.owner, field: "owner")
    try Validation.range(risk.likelihood, 1...5, field: "likelihood")
    try Validation.range(risk.impact, 1...5, field: "impact")
    if let residual = risk.residualLikelihood {
      try Validation.range(residual, 1...5, field: "residual likelihood")
    }
    if let residual = risk.residualImpact {
      try Validation.range(residual, 1...5, field: "residual impact")
    }
    if (risk.residualLikelihood == nil) != (risk.residualImpact == nil) {
      throw AIGovError.missingValue(
        field: risk.residualLikelihood == nil ? "residual likelihood" : "residual impact",
        reason: "a residual assessment gives both likelihood and impact")
    }
  }

  /// A risk from a row that selected `Risk.table.selectList` first, and its feature's key
  /// (`feature_key`).
  static func risk(from row: Row) throws -> Risk {
    var risk = try Risk.table.record(at: row)
    risk.featureKey = try row.text("feature_key")
    return risk
  }

  /// Writes a new risk's row; gives its id.
  func insertRisk(_ risk: Risk, featureID: Int) throws -> Int {
    try insert(risk, into: Risk.table, parent: featureID)
  }
}
