#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  /// Adds the incoming records that are new, leaves alone those that are the same, and changes
  /// (with `update`) or refuses those that differ. Records are matched by their natural keys:
  /// providers and features by key, risks by their feature and title, mitigations by their risk
  /// and title.
  ///
  /// A feature never gains here an approval it did not earn here: one that arrives approved,
  /// launched or suspended keeps that status, since that is what it truly is, and is marked
  /// unreviewed until a review round here approves it (`check` reports it); one that arrives in
  /// review arrives proposed, since its round stayed behind. An existing feature keeps its status.
  func merge(
    _ incoming: IncomingInventory, report: ImportReport, options: ImportOptions,
    progress: ((ExchangeProgress) -> Void)?
  ) throws -> ImportReport {
    try importTransaction(report) { report in
      var merger = Merger(registry: self, update: options.update, timestamp: now)
      try merger.loadProviderIDs()
      for provider in incoming.providers {
        try merger.merge(provider, into: &report)
      }
      let checked = try merger.writeNewFeatures(incoming.features)
      for (index, feature) in incoming.features.enumerated() {
        try merger.merge(feature, checked[index], into: &report)
        if index & 4095 == 4095 {
          progress?(
            ExchangeProgress(file: feature.origin.file, rows: index + 1, isFileDone: false))
        }
      }
      if merger.sentBackToProposed > 0 {
        report.notes.append(
          "\(merger.sentBackToProposed) features arrived in review; their review rounds stay "
            + "with the database they came from, so they arrive proposed")
      }
    }
  }
}

/// The state of one merge: the providers known by key, and the rules applied to each record.
private struct Merger {
  let registry: Registry
  let update: Bool
  let timestamp: String
  var providerIDs: [String: Int] = [:]
  var sentBackToProposed = 0

  var database: Database { registry.database }

  init(registry: Registry, update: Bool, timestamp: String) {
    self.registry = registry
    self.update = update
    self.timestamp = timestamp
  }

  mutating func loadProviderIDs() throws {
    try database.forEachRow("SELECT id, key FROM providers") { row in
      providerIDs[try row.text("key")] = try row.integer("id")
    }
  }

  // MARK: Providers

  mutating func merge(_ incoming: IncomingProvider, into report: inout ImportReport) throws {
    var provider = incoming.provider
    do {
      try Validation.key(provider.key)
      try Registry.validate(provider)
    } catch let error as AIGovError {
      report.problems.append(incoming.origin.problem(field: "key", error.description))
      return
    }
    if let platform = provider.servedThrough {
      guard providerIDs[platform] != nil else {
        report.problems.append(
          incoming.origin.problem(
            field: "served_through",
            "is served through provider '\(platform)', which is neither in this database nor "
              + "earlier in the import"))
        return
      }
      do {
        try registry.checkServedThrough(provider)
      } catch let error as AIGovError {
        report.problems.append(incoming.origin.problem(field: "served_through", error.description))
        return
      }
    }
    if providerIDs[provider.key] != nil {
      let existing = try registry.provider(provider.key)
      guard Self.content(of: existing) != Self.content(of: provider) else {
        report.count("provider", \.unchanged)
        return
      }
      guard update else {
        report.problems.append(
          incoming.origin.problem(
            field: "key",
            "provider '\(provider.key)' exists already and differs", remedy: .update))
        return
      }
      var changes = ProviderChanges()
      changes.name = provider.name
      changes.kind = provider.kind
      changes.subprocessorListed = provider.subprocessorListed
      changes.dpa = provider.dpa
      changes.dpaSignedOn = .some(provider.dpaSignedOn)
      changes.dpaReference = .some(provider.dpaReference)
      changes.servedThrough = .some(provider.servedThrough)
      changes.noTraining = provider.noTraining
      changes.retentionDays = .some(provider.retentionDays)
      changes.regions = provider.regions
      changes.notes = provider.notes
      try registry.editProvider(provider.key, changes)
      report.count("provider", \.updated)
      return
    }
    provider.createdAt = timestamp
    provider.updatedAt = timestamp
    provider.version = 1
    providerIDs[provider.key] = try registry.insertProvider(provider)
    try registry.recordEvent(.providerImport, before: nil, after: provider)
    report.count("provider", \.added)
  }

  /// What makes two providers the same record, whenever and wherever they were written.
  private static func content(of provider: Provider) -> Provider {
    var provider = provider
    provider.createdAt = ""
    provider.updatedAt = ""
    provider.version = 0
    return provider
  }

  // MARK: Features

  /// What the first pass over the features made of one.
  enum CheckedFeature {
    /// Refused, for these reasons.
    case refused([ImportProblem])
    /// New here: its rows were written in the first pass, under this id.
    case new(id: Int)
    /// In the database already, or earlier in the import: found by its key in the second pass.
    case existing
  }

  /// The first pass: checks every feature, and writes the rows of those that are new here (the
  /// feature and the rows its record holds), many to a statement. Their ids are the ones SQLite
  /// would give them one by one. The second pass (`merge(_:_:into:)`) then goes through the
  /// features in the import's order as before. What each feature becomes is worked out again
  /// there rather than held for every feature in between.
  mutating func writeNewFeatures(_ features: [IncomingFeature]) throws -> [CheckedFeature] {
    var nextID = (try database.scalarInteger("SELECT max(id) FROM features") ?? 0) + 1
    var addedKeys = Set<String>()
    var pending = NewFeatureRows(providerIDs: providerIDs)
    var checked: [CheckedFeature] = []
    checked.reserveCapacity(features.count)
    for incoming in features {
      let state = Self.normalized(incoming.state)
      let problems = try problems(of: state, origin: incoming.origin)
      let key = state.feature.key
      if !problems.isEmpty {
        checked.append(.refused(problems))
      } else if try addedKeys.contains(key) || exists(key) {
        checked.append(.existing)
      } else {
        addedKeys.insert(key)
        pending.append(added(state), id: nextID)
        checked.append(.new(id: nextID))
        nextID += 1
        if pending.isFull { try pending.write(to: database) }
      }
    }
    try pending.write(to: database)
    return checked
  }

  /// A feature as it is compared and stored: its data categories, providers and attributes in
  /// order, each once.
  private static func normalized(_ state: FeatureState) -> FeatureState {
    var state = state
    state.feature.dataCategories = Array(Set(state.feature.dataCategories)).sorted()
    state.providers.sort { ($0.provider, $0.model) < ($1.provider, $1.model) }
    state.attributes.sort { $0.name < $1.name }
    return state
  }

  /// Why a feature cannot be merged: a value against the rules, or a provider that is neither
  /// here nor in the import.
  private func problems(of state: FeatureState, origin: Origin) throws -> [ImportProblem] {
    do {
      try Validation.key(state.feature.key)
      try Registry.validate(state.feature)
      for link in state.providers {
        try TextField.providerUseModel.check(link.model)
        try TextField.providerUsePurpose.check(link.purpose)
      }
      for attribute in state.attributes {
        try TextField.attributeName.check(attribute.name)
        try TextField.attributeValue.check(attribute.value)
      }
    } catch let error as AIGovError {
      return [origin.problem(error.description)]
    }
    return state.providers.filter { providerIDs[$0.provider] == nil }.map { link in
      origin.problem(
        field: "providers",
        "uses provider '\(link.provider)', which is neither in this database nor in the import")
    }
  }

  private func exists(_ key: String) throws -> Bool {
    try database.scalarInteger("SELECT id FROM features WHERE key = ?", [key], cached: true) != nil
  }

  /// A new feature as this database holds it: an approval it arrived with is marked unreviewed
  /// here, a review it was in stays behind, and it is dated now.
  private func added(_ state: FeatureState) -> FeatureState {
    var feature = state.feature
    switch feature.status {
    case .approved, .launched, .suspended:
      feature.unreviewedStatus = feature.status
    case .inReview:
      feature.status = .proposed
      feature.statusReason = nil
    case .proposed, .retired:
      feature.unreviewedStatus = nil
    }
    feature.lastReviewedAt = nil
    feature.createdAt = timestamp
    feature.updatedAt = timestamp
    feature.version = 1
    var state = state
    state.feature = feature
    return state
  }

  /// The second pass over one feature: its audit event and its risks when it is new; when it
  /// existed, whether it differs and, with `update`, its change.
  mutating func merge(
    _ incoming: IncomingFeature, _ checked: CheckedFeature, into report: inout ImportReport
  ) throws {
    let state = Self.normalized(incoming.state)
    let key = state.feature.key
    switch checked {
    case .refused(let problems):
      report.problems += problems
    case .existing:
      guard
        let featureID = try database.scalarInteger(
          "SELECT id FROM features WHERE key = ?", [key], cached: true)
      else { throw AIGovError.notFound(entity: "feature", key: key) }
      try mergeExisting(incoming, state: state, featureID: featureID, into: &report)
    case .new(let featureID):
      switch state.feature.status {
      case .approved, .launched, .suspended: report.unreviewed.append(key)
      case .inReview: sentBackToProposed += 1
      case .proposed, .retired: break
      }
      try registry.recordEvent(.featureImport, before: nil, after: added(state))
      report.count("feature", \.added)
      for risk in incoming.risks {
        try merge(risk, featureID: featureID, featureKey: key, isNew: true, into: &report)
      }
    }
  }

  private func writeChildren(of state: FeatureState, featureID: Int) throws {
    try registry.insertChildren(of: state, featureID: featureID) { key in
      guard let id = providerIDs[key] else {
        throw AIGovError.notFound(entity: "provider", key: key)
      }
      return id
    }
  }

  /// What an import may change of a feature: everything but its lifecycle and bookkeeping.
  private static func content(of state: FeatureState) -> FeatureState {
    var state = state
    state.feature.status = .proposed
    state.feature.statusReason = nil
    state.feature.unreviewedStatus = nil
    state.feature.lastReviewedAt = nil
    state.feature.createdAt = ""
    state.feature.updatedAt = ""
    state.feature.version = 0
    return state
  }

  private mutating func mergeExisting(
    _ incoming: IncomingFeature, state: FeatureState, featureID: Int,
    into report: inout ImportReport
  ) throws {
    let key = state.feature.key
    let before = try registry.featureState(key)
    if Self.content(of: before) == Self.content(of: state) {
      report.count("feature", \.unchanged)
    } else if !update {
      report.problems.append(
        incoming.origin.problem(
          field: "key", "feature '\(key)' exists already and differs", remedy: .update))
      return
    } else {
      let material = try registry.materialContent(featureID: featureID)
      var after = state
      after.feature.status = before.feature.status
      after.feature.statusReason = before.feature.statusReason
      after.feature.unreviewedStatus = before.feature.unreviewedStatus
      after.feature.lastReviewedAt = before.feature.lastReviewedAt
      after.feature.createdAt = before.feature.createdAt
      after.feature.updatedAt = timestamp
      after.feature.version = before.feature.version + 1
      if after.feature.owner != before.feature.owner {
        try registry.checkOwnerChange(
          featureID: featureID, featureKey: key, to: after.feature.owner)
      }
      try registry.update(
        after.feature, in: Feature.table, previousVersion: before.feature.version)
      try registry.deleteChildren(featureID: featureID)
      try writeChildren(of: after, featureID: featureID)
      let event = try registry.recordEvent(.featureImport, before: before, after: after)
      try registry.applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      report.count("feature", \.updated)
    }
    for risk in incoming.risks {
      try merge(risk, featureID: featureID, featureKey: key, isNew: false, into: &report)
    }
  }

  // MARK: Risks and mitigations

  private static func content(of risk: Risk) -> Risk {
    var risk = risk
    risk.id = 0
    risk.createdAt = ""
    risk.updatedAt = ""
    risk.version = 0
    return risk
  }

  private static func content(of mitigation: Mitigation) -> Mitigation {
    var mitigation = mitigation
    mitigation.id = 0
    mitigation.riskID = 0
    mitigation.createdAt = ""
    mitigation.updatedAt = ""
    mitigation.version = 0
    return mitigation
  }

  /// Merges a risk of a feature; `isNew` says the feature was added by this import, so that it
  /// has no review a change could void.
  private mutating func merge(
    _ incoming: IncomingRisk, featureID: Int, featureKey: String, isNew: Bool,
    into report: inout ImportReport
  ) throws {
    var risk = incoming.risk
    risk.featureKey = featureKey
    do {
      try Registry.validate(risk)
    } catch let error as AIGovError {
      report.problems.append(incoming.origin.problem(error.description))
      return
    }
    let existing = try database.queryOne(
      """
      SELECT \(Risk.table.selectList("r")), f.key AS feature_key FROM risks r JOIN features f ON f.id = r.feature_id
      WHERE r.feature_id = ? AND r.title = ? ORDER BY r.id LIMIT 1
      """, [featureID, risk.title], cached: true
    ).map(Registry.risk(from:))
    let riskID: Int
    if let existing {
      riskID = existing.id
      risk.id = existing.id
      if Self.content(of: existing) == Self.content(of: risk) {
        report.count("risk", \.unchanged)
      } else if !update {
        report.problems.append(
          incoming.origin.problem(
            field: "title",
            "risk '\(risk.title)' of feature '\(featureKey)' exists already and differs",
            remedy: .update))
        return
      } else {
        let material = try registry.materialContent(featureID: featureID)
        risk.createdAt = existing.createdAt
        risk.updatedAt = timestamp
        risk.version = existing.version + 1
        try registry.update(risk, in: Risk.table, previousVersion: existing.version)
        let event = try registry.recordEvent(.riskImport, before: existing, after: risk)
        try registry.applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
        report.count("risk", \.updated)
      }
    } else {
      let material = isNew ? nil : try registry.materialContent(featureID: featureID)
      risk.createdAt = timestamp
      risk.updatedAt = timestamp
      risk.version = 1
      riskID = try registry.insertRisk(risk, featureID: featureID)
      risk.id = riskID
      let event = try registry.recordEvent(.riskImport, before: nil, after: risk)
      if let material {
        try registry.applyMaterialChangeRule(featureID: featureID, before: material, cause: event)
      }
      report.count("risk", \.added)
    }
    for mitigation in incoming.mitigations {
      try merge(mitigation, riskID: riskID, into: &report)
    }
  }

  private mutating func merge(
    _ incoming: IncomingMitigation, riskID: Int, into report: inout ImportReport
  ) throws {
    var mitigation = incoming.mitigation
    mitigation.riskID = riskID
    do {
      try Registry.validate(mitigation)
    } catch let error as AIGovError {
      report.problems.append(incoming.origin.problem(error.description))
      return
    }
    let existing = try database.queryOne(
      "SELECT \(Mitigation.table.selectList()) FROM mitigations WHERE risk_id = ? AND title = ? "
        + "ORDER BY id LIMIT 1",
      [riskID, mitigation.title], cached: true
    ).map(Registry.mitigation(from:))
    if let existing {
      mitigation.id = existing.id
      if Self.content(of: existing) == Self.content(of: mitigation) {
        report.count("mitigation", \.unchanged)
        return
      }
      guard update else {
        report.problems.append(
          incoming.origin.problem(
            field: "title",
            "mitigation '\(mitigation.title)' of risk \(riskID) exists already and differs",
            remedy: .update))
        return
      }
      mitigation.createdAt = existing.createdAt
      mitigation.updatedAt = timestamp
      mitigation.version = existing.version + 1
      try registry.update(mitigation, in: Mitigation.table, previousVersion: existing.version)
      try registry.recordEvent(.mitigationImport, before: existing, after: mitigation)
      report.count("mitigation", \.updated)
      return
    }
    mitigation.createdAt = timestamp
    mitigation.updatedAt = timestamp
    mitigation.version = 1
    mitigation.id = try registry.insertMitigation(mitigation)
    try registry.recordEvent(.mitigationImport, before: nil, after: mitigation)
    report.count("mitigation", \.added)
  }
}

/// The rows of new features waiting to be written together: each feature's row under the id it
/// is given, then the rows its record holds, which refer to it.
private struct NewFeatureRows {
  let providerIDs: [String: Int]
  private static let features = BatchInsert(
    table: Feature.table.name, columns: ["id"] + Feature.table.insertedColumnNames)
  private static let categories = BatchInsert(
    table: "feature_data_categories", columns: ["feature_id", "category"])
  private static let links = BatchInsert(
    table: "feature_providers", columns: ["feature_id", "provider_id", "model", "purpose"])
  private static let attributes = BatchInsert(
    table: "feature_attributes", columns: ["feature_id", "name", "value"])
  private var featureRows: [[DatabaseValue]] = []
  private var categoryRows: [[DatabaseValue]] = []
  private var linkRows: [[DatabaseValue]] = []
  private var attributeRows: [[DatabaseValue]] = []

  init(providerIDs: [String: Int]) {
    self.providerIDs = providerIDs
  }

  /// Whether a statement's worth of features is waiting.
  var isFull: Bool { featureRows.count >= Self.features.rowsPerStatement }

  mutating func append(_ state: FeatureState, id: Int) {
    let featureID = DatabaseValue.integer(Int64(id))
    featureRows.append([featureID] + Feature.table.insertArguments(state.feature))
    for category in state.feature.dataCategories {
      categoryRows.append([featureID, .text(category.rawValue)])
    }
    for link in state.providers {
      // The first pass refuses a feature whose provider is not known.
      let providerID = providerIDs[link.provider] ?? 0
      linkRows.append([
        featureID, .integer(Int64(providerID)), .text(link.model), .text(link.purpose),
      ])
    }
    for attribute in state.attributes {
      attributeRows.append([featureID, .text(attribute.name), .text(attribute.value)])
    }
  }

  /// Writes what is waiting, the features first.
  mutating func write(to database: Database) throws {
    try database.insert(featureRows, Self.features)
    try database.insert(categoryRows, Self.categories)
    try database.insert(linkRows, Self.links)
    try database.insert(attributeRows, Self.attributes)
    featureRows.removeAll(keepingCapacity: true)
    categoryRows.removeAll(keepingCapacity: true)
    linkRows.removeAll(keepingCapacity: true)
    attributeRows.removeAll(keepingCapacity: true)
  }
}
