/// A feature's own mitigation answering one requirement of a framework assessed feature by
/// feature (the EU AI Act), with the relationship and why: what a company control's mapping is
/// for every feature in its scope, a mitigation is for its feature alone.
public struct MitigationMapping: Equatable, Sendable {
  public var id: Int
  public var mitigation: Int
  public var framework: String
  public var requirement: String
  public var relationship: MappingRelationship
  public var rationale: String

  /// The mapping's framework, requirement, relationship and rationale.
  public var mapping: RequirementMapping {
    RequirementMapping(
      framework: framework, requirement: requirement, relationship: relationship,
      rationale: rationale)
  }
}

extension MitigationMapping {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension MitigationMapping: TableRecord {
  public static let entity = AuditEntity.mitigationMapping
  public var auditKey: String { String(id) }
}

extension MitigationMapping {
  static let table = RecordTable<MitigationMapping>(
    name: "mitigation_mappings", alias: "mm",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .integer("mitigation_id", { $0.mitigation }, { $0.mitigation = $1 }),
      .text("framework", { $0.framework }, { $0.framework = $1 }),
      .text("requirement", { $0.requirement }, { $0.requirement = $1 }),
      .term("relationship", { $0.relationship }, { $0.relationship = $1 }),
      .text("rationale", { $0.rationale }, { $0.rationale = $1 }, .mappingRationale),
    ],
    empty: {
      MitigationMapping(
        id: 0, mitigation: 0, framework: "", requirement: "", relationship: .equal,
        rationale: "")
    })
}

extension Registry {
  /// Maps a mitigation to a requirement of a framework assessed feature by feature, replacing
  /// its earlier mapping to the same requirement.
  @discardableResult
  public func mapMitigation(_ id: Int, _ mapping: RequirementMapping) throws -> MitigationMapping {
    try database.transaction {
      _ = try mitigation(id)
      let framework = try framework(mapping.framework)
      guard framework.kind == .requirements, framework.assessed == .feature else {
        let perFeature = try frameworks().filter {
          $0.kind == .requirements && $0.assessed == .feature
        }.map(\.key)
        throw AIGovError.invalidValue(
          field: "framework", value: mapping.framework,
          expected: "a framework assessed feature by feature ("
            + perFeature.joined(separator: ", ") + "); a company control answers "
            + "\(mapping.framework): map one with 'aigov control map'")
      }
      try checkMapping(mapping)
      var record = MitigationMapping(
        id: 0, mitigation: id, framework: mapping.framework, requirement: mapping.requirement,
        relationship: mapping.relationship, rationale: mapping.rationale.trimmingWhitespace())
      let earlier = try mitigationMappings(mitigation: id).first {
        ($0.framework, $0.requirement) == (mapping.framework, mapping.requirement)
      }
      if let earlier {
        record.id = earlier.id
        guard record != earlier else { return earlier }
        try database.execute(
          "UPDATE mitigation_mappings SET relationship = ?, rationale = ? WHERE id = ?",
          [record.relationship.rawValue, record.rationale, earlier.id])
        try recordEvent(.mitigationMap, before: earlier, after: record)
      } else {
        record.id = try insert(record, into: MitigationMapping.table)
        try recordEvent(.mitigationMap, before: nil, after: record)
      }
      return record
    }
  }

  /// Removes a mitigation's mapping to a requirement.
  public func unmapMitigation(_ id: Int, framework: String, requirement: String) throws {
    try database.transaction {
      guard
        let mapping = try mitigationMappings(mitigation: id).first(where: {
          ($0.framework, $0.requirement) == (framework, requirement)
        })
      else {
        throw AIGovError.notFound(
          entity: "mapping of mitigation \(id)", key: "\(framework) \(requirement)")
      }
      try database.execute(
        "DELETE FROM mitigation_mappings WHERE id = ?", [mapping.id])
      try recordEvent(.mitigationUnmap, before: mapping, after: nil)
    }
  }

  /// Every mitigation's mappings (or one mitigation's), by mitigation, framework and requirement.
  public func mitigationMappings(mitigation id: Int? = nil) throws -> [MitigationMapping] {
    try database.query(
      "SELECT \(MitigationMapping.table.selectList()) FROM mitigation_mappings "
        + "WHERE ?1 IS NULL OR mitigation_id = ?1 ORDER BY mitigation_id, framework, requirement",
      [id], cached: true
    ).map(MitigationMapping.table.record(at:))
  }
}
