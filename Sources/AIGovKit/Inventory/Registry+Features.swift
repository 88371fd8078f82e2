extension Registry {
  // MARK: Reading

  /// One feature, or `AIGovError.notFound`.
  public func feature(_ key: String) throws -> Feature {
    guard
      let row = try database.queryOne(
        "SELECT \(Feature.table.selectList()) FROM features WHERE key = ?", [key], cached: true)
    else {
      throw AIGovError.notFound(entity: "feature", key: key)
    }
    return try Self.feature(
      from: row, dataCategories: try dataCategories(featureID: try row.integer("id")))
  }

  /// One page of the features matching `filter`, ordered by key: at most `limit` of them, all
  /// after the key `after` (the last key of the page before), and how many match in all.
  public func featurePage(_ filter: FeatureFilter, after: String?, limit: Int) throws
    -> FeaturePage
  {
    precondition(limit > 0, "a page holds at least one feature")
    if let providerKey = filter.providerKey { _ = try providerID(providerKey) }
    let arguments = Self.featureFilterArguments(filter)
    let total =
      try database.scalarInteger(
        "SELECT count(*) FROM features WHERE \(Self.featureFilterClause)", arguments, cached: true)
      ?? 0
    var features: [Feature] = []
    try database.forEachRow(
      """
      SELECT \(Feature.table.selectList()) FROM features
      WHERE \(Self.featureFilterClause) AND (?9 IS NULL OR key > ?9) ORDER BY key LIMIT ?10
      """, arguments + [after, limit + 1], cached: true
    ) { row in
      var feature = try Feature.table.record(at: row)
      feature.dataCategories = try dataCategories(featureID: try row.integer("id"))
      features.append(feature)
    }
    let more = features.count > limit
    if more { features.removeLast() }
    return FeaturePage(
      features: features, total: total, nextAfter: more ? features.last?.key : nil)
  }

  private func dataCategories(featureID: Int) throws -> [DataCategory] {
    try database.query(
      "SELECT category FROM feature_data_categories WHERE feature_id = ? ORDER BY category",
      [featureID], cached: true
    ).map { try $0.term("category") }
  }

  /// The features matching `filter`, ordered by key. A provider filter must name a provider.
  public func features(_ filter: FeatureFilter = FeatureFilter()) throws -> [Feature] {
    var features: [Feature] = []
    try forEachFeature(filter) { features.append($0) }
    return features
  }

  /// Calls `body` with each feature matching `filter`, ordered by key, without holding them all.
  public func forEachFeature(_ filter: FeatureFilter, _ body: (Feature) throws -> Void) throws {
    if let providerKey = filter.providerKey { _ = try providerID(providerKey) }
    let arguments = Self.featureFilterArguments(filter)
    var categories: [Int: [DataCategory]] = [:]
    try database.forEachRow(
      """
      SELECT feature_id, category FROM feature_data_categories
      WHERE feature_id IN (SELECT id FROM features WHERE \(Self.featureFilterClause))
      ORDER BY feature_id, category
      """, arguments
    ) { row in
      categories[try row.integer("feature_id"), default: []].append(try row.term("category"))
    }
    try database.forEachRow(
      "SELECT \(Feature.table.selectList()) FROM features WHERE \(Self.featureFilterClause) "
        + "ORDER BY key", arguments
    ) { row in
      var feature = try Feature.table.record(at: row)
      feature.dataCategories = categories[try row.integer("id")] ?? []
      try body(feature)
    }
  }

  /// The complete record of one feature: providers with their contract terms, risks with their
  /// mitigations.
  public func featureRecord(_ key: String) throws -> FeatureRecord {
    let feature = try feature(key)
    let providers = try database.query(
      """
      SELECT \(Provider.table.selectList("p")), fp.model AS link_model, fp.purpose AS link_purpose
      FROM feature_providers fp
      JOIN providers p ON p.id = fp.provider_id
      JOIN features f ON f.id = fp.feature_id
      WHERE f.key = ?
      ORDER BY p.key, fp.model
      """, [key]
    ).map { row in
      ProviderLink(
        provider: try Self.provider(from: row), model: try row.text("link_model"),
        purpose: try row.text("link_purpose"))
    }
    let risks = try risks(RiskFilter(featureKey: key))
    var mitigations: [Int: [Mitigation]] = [:]
    for mitigation in try self.mitigations(featureKey: key) {
      mitigations[mitigation.riskID, default: []].append(mitigation)
    }
    return FeatureRecord(
      feature: feature, providers: providers,
      risks: risks.map { RiskRecord(risk: $0, mitigations: mitigations[$0.id] ?? []) },
      attributes: try attributes(featureKey: key))
  }

  // MARK: Changing

  /// Registers a new feature in the `proposed` state.
  @discardableResult
  public func addFeature(_ draft: FeatureDraft) throws -> Feature {
    try Validation.key(draft.key)
    let timestamp = now
    var feature = try Feature.table.withoutEmptyTexts(draft)
    feature.status = .proposed
    feature.statusReason = nil
    feature.unreviewedStatus = nil
    feature.lastReviewedAt = nil
    feature.dataCategories = Array(Set(draft.dataCategories)).sorted()
    feature.createdAt = timestamp
    feature.updatedAt = timestamp
    feature.version = 1
    try Self.validate(feature)
    return try database.transaction {
      if try database.queryOne("SELECT 1 FROM features WHERE key = ?", [feature.key], cached: true)
        != nil
      {
        throw AIGovError.duplicate(entity: "feature", key: feature.key)
      }
      let featureID = try insert(feature, into: Feature.table)
      try replaceDataCategories(featureID: featureID, feature.dataCategories)
      try recordEvent(
        .featureCreate, before: nil, after: FeatureState(feature: feature, providers: []))
      return feature
    }
  }

  /// Applies `changes` to a feature. With `expectedVersion`, refuses when the feature has moved on
  /// since the caller read it. A change that changes nothing records nothing.
  @discardableResult
  public func editFeature(
    _ key: String, _ changes: FeatureChanges, expectedVersion: Int? = nil
  ) throws -> Edited<Feature> {
    try database.transaction {
      let state = try featureState(key)
      let before = state.feature
      try Self.checkVersion(expectedVersion, of: before.version, entity: "feature", key: key)
      let featureID = try featureID(key)
      let material = try materialContent(featureID: featureID)
      var after = before
      try after.apply(changes)
      if !changes.changes("min_group_size"), !after.crossesAccounts {
        after.minGroupSize = nil  // a group size only describes data across accounts
      }
      try Self.validate(after)
      if after.owner != before.owner {
        try checkOwnerChange(featureID: featureID, featureKey: key, to: after.owner)
      }
      guard try saveEdit(&after, from: before, in: Feature.table) else {
        return Edited(before: before, after: before)
      }
      if after.dataCategories != before.dataCategories {
        try replaceDataCategories(featureID: featureID, after.dataCategories)
      }
      let event = try recordEvent(
        .featureUpdate, before: state,
        after: FeatureState(feature: after, providers: state.providers))
      try applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      return Edited(before: before, after: try feature(key))
    }
  }

  /// Records that a feature sends data to a provider's model.
  @discardableResult
  public func linkProvider(
    featureKey: String, providerKey: String, model: String, purpose: String
  ) throws -> ProviderUse {
    try TextField.providerUseModel.check(model)
    try TextField.providerUsePurpose.check(purpose)
    return try database.transaction {
      let featureID = try featureID(featureKey)
      let providerID = try providerID(providerKey)
      let before = try featureState(featureKey)
      let material = try materialContent(featureID: featureID)
      let use = ProviderUse(
        featureKey: featureKey, providerKey: providerKey, model: model, purpose: purpose)
      if try database.queryOne(
        "SELECT 1 FROM feature_providers WHERE feature_id = ? AND provider_id = ? AND model = ?",
        [featureID, providerID, model]) != nil
      {
        throw AIGovError.refused(
          .providerAlreadyUsed(feature: featureKey, provider: providerKey, model: model))
      }
      try insertProviderLink(
        featureID: featureID, providerID: providerID, model: model, purpose: purpose)
      try touchFeature(featureID)
      let event = try recordEvent(
        .featureLinkProvider, before: before, after: try featureState(featureKey))
      try applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      return use
    }
  }

  /// Removes a feature's use of a provider: of one model, or of every model when `model` is nil.
  /// Returns the links removed.
  @discardableResult
  public func unlinkProvider(featureKey: String, providerKey: String, model: String?) throws
    -> [ProviderUse]
  {
    try database.transaction {
      let featureID = try featureID(featureKey)
      let providerID = try providerID(providerKey)
      let before = try featureState(featureKey)
      let material = try materialContent(featureID: featureID)
      let removed = try database.query(
        """
        SELECT model, purpose FROM feature_providers
        WHERE feature_id = ? AND provider_id = ? AND (?3 IS NULL OR model = ?3)
        ORDER BY model
        """, [featureID, providerID, model]
      ).map {
        ProviderUse(
          featureKey: featureKey, providerKey: providerKey, model: try $0.text("model"),
          purpose: try $0.text("purpose"))
      }
      guard !removed.isEmpty else {
        throw AIGovError.refused(
          .providerNotUsed(feature: featureKey, provider: providerKey, model: model))
      }
      try database.execute(
        """
        DELETE FROM feature_providers
        WHERE feature_id = ? AND provider_id = ? AND (?3 IS NULL OR model = ?3)
        """, [featureID, providerID, model])
      try touchFeature(featureID)
      let event = try recordEvent(
        .featureUnlinkProvider, before: before, after: try featureState(featureKey))
      try applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      return removed
    }
  }

  /// A feature as the audit trail records it: with the providers it sends data to.
  public func featureState(_ key: String) throws -> FeatureState {
    let feature = try feature(key)
    return FeatureState(
      feature: feature, providers: try providerLinks(featureKey: key),
      attributes: try attributes(featureKey: key))
  }

  /// The text a feature arrived with from another inventory's format, ordered by name.
  func attributes(featureKey: String) throws -> [FeatureAttribute] {
    try database.query(
      """
      SELECT a.name, a.value FROM feature_attributes a JOIN features f ON f.id = a.feature_id
      WHERE f.key = ? ORDER BY a.name
      """, [featureKey], cached: true
    ).map { FeatureAttribute(name: try $0.text("name"), value: try $0.text("value")) }
  }

  /// The providers a feature sends data to, ordered by provider key, then model.
  func providerLinks(featureKey: String) throws -> [FeatureProviderLink] {
    try database.query(
      """
      SELECT p.key AS provider, fp.model, fp.purpose FROM feature_providers fp
      JOIN providers p ON p.id = fp.provider_id JOIN features f ON f.id = fp.feature_id
      WHERE f.key = ? ORDER BY p.key, fp.model
      """, [featureKey], cached: true
    ).map {
      FeatureProviderLink(
        provider: try $0.text("provider"), model: try $0.text("model"),
        purpose: try $0.text("purpose"))
    }
  }

  /// What a review of the feature approves, as it stands now.
  func materialContent(featureID: Int) throws -> MaterialContent {
    guard
      let key = try database.queryOne(
        "SELECT key FROM features WHERE id = ?", [featureID], cached: true)?
        .optionalText("key")
    else { throw AIGovError.notFound(entity: "feature", key: "#\(featureID)") }
    let feature = try feature(key)
    let providers = try database.query(
      """
      SELECT \(Provider.table.selectList("p")), fp.model AS link_model, fp.purpose AS link_purpose FROM feature_providers fp
      JOIN providers p ON p.id = fp.provider_id WHERE fp.feature_id = ?
      """, [featureID], cached: true
    ).map { row in
      (
        link: FeatureProviderLink(
          provider: try row.text("key"), model: try row.text("link_model"),
          purpose: try row.text("link_purpose")),
        provider: try Self.provider(from: row)
      )
    }
    return MaterialContent(
      feature: feature, providers: providers, risks: try risks(RiskFilter(featureKey: key)))
  }

  // MARK: Internals

  /// The filter of `features(_:)`; its parameters are bound, never spliced in.
  static let featureFilterClause = """
    (?1 IS NULL OR category = ?1) AND (?2 IS NULL OR audience = ?2)
      AND (?3 IS NULL OR status = ?3)
      AND (?4 IS NULL OR id IN (SELECT fp.feature_id FROM feature_providers fp
                                JOIN providers p ON p.id = fp.provider_id WHERE p.key = ?4))
      AND (?5 IS NULL OR owner = ?5) AND (?6 IS NULL OR serving_use = ?6)
      AND (?7 IS NULL OR instr(',' || training_use || ',', ',' || ?7 || ',') > 0)
      AND (?8 IS NULL OR instr(lower(key || ' ' || name || ' ' || description || ' ' || purpose),
                               lower(?8)) > 0)
    """

  /// The values of `featureFilterClause`'s parameters ?1 to ?8.
  static func featureFilterArguments(_ filter: FeatureFilter) -> [any DatabaseValueConvertible] {
    [
      filter.category?.rawValue, filter.audience?.rawValue, filter.status?.rawValue,
      filter.providerKey, filter.owner, filter.servingUse?.rawValue, filter.trainingUse?.rawValue,
      filter.text,
    ]
  }

  func featureID(_ key: String) throws -> Int {
    guard
      let id = try database.scalarInteger(
        "SELECT id FROM features WHERE key = ?", [key], cached: true)
    else {
      throw AIGovError.notFound(entity: "feature", key: key)
    }
    return id
  }

  /// A change to what a feature uses counts as a change to the feature.
  private func touchFeature(_ id: Int) throws {
    try database.execute(
      "UPDATE features SET updated_at = ?, version = version + 1 WHERE id = ?", [now, id],
      cached: true)
  }

  private func replaceDataCategories(featureID: Int, _ categories: [DataCategory]) throws {
    try database.execute(
      "DELETE FROM feature_data_categories WHERE feature_id = ?", [featureID], cached: true)
    try insertDataCategories(featureID: featureID, categories)
  }

  private func insertDataCategories(featureID: Int, _ categories: [DataCategory]) throws {
    for category in categories {
      try database.execute(
        "INSERT INTO feature_data_categories (feature_id, category) VALUES (?, ?)",
        [featureID, category.rawValue], cached: true)
    }
  }

  private func insertProviderLink(
    featureID: Int, providerID: Int, model: String, purpose: String
  ) throws {
    try database.execute(
      "INSERT INTO feature_providers (feature_id, provider_id, model, purpose) VALUES (?, ?, ?, ?)",
      [featureID, providerID, model, purpose], cached: true)
  }

  /// Writes the rows a feature's record holds besides its own: its data categories, the
  /// providers it sends data to (`providerID` gives each one's id) and the attributes it arrived
  /// with.
  func insertChildren(
    of state: FeatureState, featureID: Int, providerID: (String) throws -> Int
  ) throws {
    try insertDataCategories(featureID: featureID, state.feature.dataCategories)
    for link in state.providers {
      try insertProviderLink(
        featureID: featureID, providerID: try providerID(link.provider), model: link.model,
        purpose: link.purpose)
    }
    for attribute in state.attributes {
      try database.execute(
        "INSERT INTO feature_attributes (feature_id, name, value) VALUES (?, ?, ?)",
        [featureID, attribute.name, attribute.value], cached: true)
    }
  }

  /// Removes the rows `insertChildren` writes.
  func deleteChildren(featureID: Int) throws {
    for table in ["feature_data_categories", "feature_providers", "feature_attributes"] {
      try database.execute("DELETE FROM \(table) WHERE feature_id = ?", [featureID], cached: true)
    }
  }

  static func validate(_ feature: Feature) throws {
    try Feature.table.checkTexts(feature)
    try Validation.nonEmpty(feature.name, field: "name")
    try Validation.nonEmpty(feature.purpose, field: "purpose")
    try Validation.nonEmpty(feature.owner, field: "owner")
    try Validation.range(feature.reviewIntervalDays, 1...3650, field: "review interval (days)")
    if let size = feature.minGroupSize {
      guard feature.crossesAccounts else {
        throw AIGovError.invalidValue(
          field: "minimum group size", value: String(size),
          expected: "none: only data used across accounts (serving cross-account, or training "
            + "aggregated or de-identified) has a group size")
      }
      try Validation.range(size, 2...1_000_000, field: "minimum group size")
    }
    if let days = feature.keptDays { try Validation.range(days, 1...3650, field: "kept days") }
    // What is kept, where and until when describe something kept; consent, an adaptation.
    if !feature.keepsData {
      let described: [(String, String?)] = [
        ("kept where", feature.keptWhere), ("kept deletion", feature.keptDeletion?.rawValue),
        ("kept days", feature.keptDays.map(String.init)),
      ]
      if let (field, value) = described.first(where: { $0.1 != nil }), let value {
        throw AIGovError.invalidValue(
          field: field, value: value,
          expected: "none: the feature keeps nothing for an account (state --kept-data first)")
      }
    }
    if let consent = feature.adaptationConsent, feature.adaptation.map({ $0.isEmpty }) ?? true {
      throw AIGovError.invalidValue(
        field: "adaptation consent", value: consent.rawValue,
        expected: "none: the feature adapts nothing to an account (state --adaptation first)")
    }
  }

  /// A feature from a row that selected `Feature.table.selectList` first.
  static func feature(from row: Row, dataCategories: [DataCategory]) throws -> Feature {
    var feature = try Feature.table.record(at: row)
    feature.dataCategories = dataCategories
    return feature
  }
}
