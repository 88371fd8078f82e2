extension Registry {
  /// One provider, or `AIGovError.notFound`.
  public func provider(_ key: String) throws -> Provider {
    guard
      let row = try database.queryOne(
        "SELECT \(Provider.table.selectList()) FROM providers WHERE key = ?", [key], cached: true)
    else {
      throw AIGovError.notFound(entity: "provider", key: key)
    }
    return try Self.provider(from: row)
  }

  /// Every provider, ordered by key.
  public func providers() throws -> [Provider] {
    try database.query("SELECT \(Provider.table.selectList()) FROM providers ORDER BY key").map(
      Self.provider(from:))
  }

  /// A provider with every feature that sends it data.
  public func providerRecord(_ key: String) throws -> ProviderRecord {
    let provider = try provider(key)
    let uses = try database.query(
      """
      SELECT f.key AS feature_key, fp.model, fp.purpose
      FROM feature_providers fp
      JOIN features f ON f.id = fp.feature_id
      JOIN providers p ON p.id = fp.provider_id
      WHERE p.key = ?
      ORDER BY f.key, fp.model
      """, [key]
    ).map {
      ProviderUse(
        featureKey: try $0.text("feature_key"), providerKey: key, model: try $0.text("model"),
        purpose: try $0.text("purpose"))
    }
    return ProviderRecord(provider: provider, uses: uses)
  }

  /// The first `limit` uses of a provider by features, ordered by feature key and model, and how
  /// many there are in all.
  public func providerUses(_ key: String, limit: Int) throws -> ResultPage<ProviderUse> {
    let providerID = try providerID(key)
    let total =
      try database.scalarInteger(
        "SELECT count(*) FROM feature_providers WHERE provider_id = ?", [providerID]) ?? 0
    let uses = try database.query(
      """
      SELECT f.key AS feature_key, fp.model, fp.purpose
      FROM feature_providers fp JOIN features f ON f.id = fp.feature_id
      WHERE fp.provider_id = ? ORDER BY f.key, fp.model LIMIT ?
      """, [providerID, limit]
    ).map {
      ProviderUse(
        featureKey: try $0.text("feature_key"), providerKey: key, model: try $0.text("model"),
        purpose: try $0.text("purpose"))
    }
    return ResultPage(items: uses, offset: 0, total: total)
  }

  /// Registers a provider (a subprocessor) with its contract terms.
  @discardableResult
  public func addProvider(_ draft: ProviderDraft) throws -> Provider {
    try Validation.key(draft.key)
    let timestamp = now
    let provider = Provider(
      key: draft.key, name: draft.name, kind: draft.kind,
      subprocessorListed: draft.subprocessorListed,
      dpa: draft.dpa ?? (draft.dpaSignedOn != nil || draft.dpaReference != nil ? .yes : .unknown),
      dpaSignedOn: draft.dpaSignedOn,
      dpaReference: draft.dpaReference, noTraining: draft.noTraining,
      retentionDays: draft.retentionDays, regions: draft.regions,
      servedThrough: draft.servedThrough, notes: draft.notes, createdAt: timestamp,
      updatedAt: timestamp, version: 1)
    try Self.validate(provider)
    return try database.transaction {
      if try database.queryOne("SELECT 1 FROM providers WHERE key = ?", [provider.key]) != nil {
        throw AIGovError.duplicate(entity: "provider", key: provider.key)
      }
      try checkServedThrough(provider)
      try insertProvider(provider)
      try recordEvent(.providerCreate, before: nil, after: provider)
      return provider
    }
  }

  /// Applies `changes` to a provider; a change that changes nothing records nothing.
  @discardableResult
  public func editProvider(
    _ key: String, _ changes: ProviderChanges, expectedVersion: Int? = nil
  ) throws -> Edited<Provider> {
    try database.transaction {
      let before = try provider(key)
      try Self.checkVersion(expectedVersion, of: before.version, entity: "provider", key: key)
      // A provider's contract terms are part of what every review of a feature using it approved.
      let users = try database.query(
        "SELECT DISTINCT feature_id FROM feature_providers WHERE provider_id = ? ORDER BY 1",
        [try providerID(key)]
      ).map { try $0.integer("feature_id") }
      let materials = try users.map { try materialContent(featureID: $0) }
      var after = before
      after.name = changes.name ?? after.name
      after.kind = changes.kind ?? after.kind
      after.subprocessorListed = changes.subprocessorListed ?? after.subprocessorListed
      after.dpa = changes.dpa ?? after.dpa
      if let day = changes.dpaSignedOn { after.dpaSignedOn = day }
      if let reference = changes.dpaReference { after.dpaReference = reference }
      if let dpa = changes.dpa, dpa != .yes {
        // A date and a reference belong to an agreement in place.
        if changes.dpaSignedOn == nil { after.dpaSignedOn = nil }
        if changes.dpaReference == nil { after.dpaReference = nil }
      } else if changes.dpa == nil,
        (changes.dpaSignedOn ?? nil) != nil
          || (changes.dpaReference ?? nil) != nil
      {
        after.dpa = .yes  // a signing day or a reference is an agreement in place
      }
      if let through = changes.servedThrough { after.servedThrough = through }
      after.noTraining = changes.noTraining ?? after.noTraining
      if let retention = changes.retentionDays { after.retentionDays = retention }
      after.regions = changes.regions ?? after.regions
      after.notes = changes.notes ?? after.notes
      try Self.validate(after)
      try checkServedThrough(after)
      guard try saveEdit(&after, from: before, in: Provider.table) else {
        return Edited(before: before, after: before)
      }
      let event = try recordEvent(.providerUpdate, before: before, after: after)
      for (featureID, material) in zip(users, materials) {
        try applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      }
      return Edited(before: before, after: after)
    }
  }

  func providerID(_ key: String) throws -> Int {
    guard
      let id = try database.scalarInteger(
        "SELECT id FROM providers WHERE key = ?", [key], cached: true)
    else {
      throw AIGovError.notFound(entity: "provider", key: key)
    }
    return id
  }

  static func validate(_ provider: Provider) throws {
    try TextField.providerName.check(provider.name)
    try TextField.providerRegions.check(provider.regions)
    try TextField.providerNotes.check(provider.notes)
    try Validation.nonEmpty(provider.name, field: "name")
    try TextField.providerDPAReference.check(provider.dpaReference)
    try Validation.day(provider.dpaSignedOn, field: "DPA signing day")
    if provider.dpa != .yes, let detail = provider.dpaSignedOn ?? provider.dpaReference {
      throw AIGovError.invalidValue(
        field: "DPA", value: provider.dpa.rawValue,
        expected: "yes: '\(detail)' describes an agreement in place")
    }
    if let retention = provider.retentionDays {
      try Validation.range(retention, 0...36_500, field: "retention (days)")
    }
  }

  /// Refuses a platform that does not exist, the provider itself, or a chain that comes back to
  /// it.
  func checkServedThrough(_ provider: Provider) throws {
    var seen: Set<String> = [provider.key]
    var next = provider.servedThrough
    while let key = next {
      guard seen.insert(key).inserted else {
        throw AIGovError.invalidValue(
          field: "served through", value: provider.servedThrough ?? key,
          expected: "a provider other than '\(provider.key)' that is not itself served through it")
      }
      guard
        let row = try database.queryOne(
          "SELECT served_through FROM providers WHERE key = ?", [key], cached: true)
      else { throw AIGovError.notFound(entity: "provider", key: key) }
      next = row.optionalText("served_through")
    }
  }

  /// A provider from a row that selected `Provider.table.selectList` first.
  static func provider(from row: Row) throws -> Provider {
    try Provider.table.record(at: row)
  }

  /// Writes a new provider's row; gives its id.
  @discardableResult
  func insertProvider(_ provider: Provider) throws -> Int {
    try insert(provider, into: Provider.table)
  }
}
