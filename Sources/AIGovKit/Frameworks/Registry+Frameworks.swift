extension Framework {
  /// The catalogues aigov ships, in the order reports list them.
  public static let builtIn: [Framework] = [
    PackageResources.eu_ai_act_json, PackageResources.iso_iec_42001_json,
    PackageResources.nist_ai_rmf_json, PackageResources.nist_ai_600_1_json,
    PackageResources.owasp_llm_top_10_json, PackageResources.mitre_atlas_json,
  ].map { bytes in
    do {
      return try Framework(catalogue: bytes)
    } catch {
      preconditionFailure("a shipped framework catalogue does not read: \(error)")
    }
  }
}

extension Registry {
  /// The framework with this key.
  public func framework(_ key: String) throws -> Framework {
    let known = try frameworks()
    guard let framework = known.first(where: { $0.key == key }) else {
      throw AIGovError.invalidValue(
        field: "framework", value: key,
        expected: "one of: " + known.map(\.key).joined(separator: ", "))
    }
    return framework
  }

  /// Refuses a mapping to a framework or requirement that does not exist, to a group of
  /// requirements rather than one, or without a rationale. A control maps to a taxonomy's entry
  /// (a kind of attack or harm) to say it addresses it.
  func checkMapping(_ mapping: RequirementMapping) throws {
    let framework = try framework(mapping.framework)
    try checkRequirement(mapping.requirement, of: framework)
    try TextField.mappingRationale.check(mapping.rationale)
    try Validation.nonEmpty(mapping.rationale, field: "rationale")
  }

  /// Refuses an identifier the framework does not have, or one that groups others.
  private func checkRequirement(_ id: String, of framework: Framework) throws {
    guard framework.requirement(id) != nil else {
      throw AIGovError.notFound(entity: "requirement of \(framework.key)", key: id)
    }
    let children = framework.requirements.filter { $0.parent == id }.map(\.id)
    guard children.isEmpty else {
      throw AIGovError.invalidValue(
        field: "requirement", value: id,
        expected: "one requirement, not a group: one of " + children.joined(separator: ", "))
    }
  }

  /// Maps a control to a requirement (replacing its earlier mapping to the same requirement).
  @discardableResult
  public func mapControl(_ key: String, _ mapping: RequirementMapping) throws -> Edited<Control> {
    try database.transaction {
      let control = try control(key)
      let kept = control.mappings.filter {
        ($0.framework, $0.requirement) != (mapping.framework, mapping.requirement)
      }
      return try editControl(key, ControlChanges(), mappings: kept + [mapping])
    }
  }

  /// Removes a control's mapping to a requirement.
  @discardableResult
  public func unmapControl(_ key: String, framework: String, requirement: String) throws
    -> Edited<Control>
  {
    try database.transaction {
      let control = try control(key)
      let kept = control.mappings.filter {
        ($0.framework, $0.requirement) != (framework, requirement)
      }
      guard kept.count < control.mappings.count else {
        throw AIGovError.notFound(
          entity: "mapping of control '\(key)'", key: "\(framework) \(requirement)")
      }
      return try editControl(key, ControlChanges(), mappings: kept)
    }
  }

  // MARK: Applicability

  /// Records that a requirement does, or does not, apply to a feature (or, without one, to the
  /// company), with the justification; it replaces any earlier decision on the same.
  @discardableResult
  public func decideApplicability(
    framework key: String, requirement: String, featureKey: String?, applicable: Bool,
    justification: String
  ) throws -> ApplicabilityDecision {
    try database.transaction {
      let framework = try framework(key)
      guard framework.kind == .requirements else {
        throw AIGovError.invalidValue(
          field: "framework", value: key,
          expected: "a framework of requirements; \(key) is a taxonomy that risks name")
      }
      try checkRequirement(requirement, of: framework)
      if featureKey == nil, framework.assessed == .feature {
        throw AIGovError.missingValue(
          field: "feature",
          reason: "\(key) is assessed feature by feature: say which feature (--feature KEY)")
      }
      var decision = ApplicabilityDecision(
        id: 0, framework: key, requirement: requirement, featureKey: featureKey,
        applicable: applicable, justification: justification.trimmingWhitespace(),
        decidedBy: actor, decidedAt: now,
        featureRow: try featureKey.map { try featureID($0) })
      try ApplicabilityDecision.table.checkTexts(decision)
      try Validation.nonEmpty(decision.justification, field: "justification")
      decision.id = try insert(decision, into: ApplicabilityDecision.table)
      try recordEvent(.applicabilityDecide, before: nil, after: decision)
      return decision
    }
  }

  /// Every applicability decision, oldest first.
  public func applicabilityDecisions() throws -> [ApplicabilityDecision] {
    try database.query(
      """
      SELECT \(ApplicabilityDecision.table.selectList("a")), f.key AS feature_key
      FROM applicability_decisions a LEFT JOIN features f ON f.id = a.feature_id ORDER BY a.id
      """, cached: true
    ).map(Self.applicabilityDecision(from:))
  }

  /// A decision from a row of `applicability_decisions` joined with its feature's key.
  static func applicabilityDecision(from row: Row) throws -> ApplicabilityDecision {
    var decision = try ApplicabilityDecision.table.record(at: row)
    decision.featureKey = row.optionalText("feature_key")
    return decision
  }
}
