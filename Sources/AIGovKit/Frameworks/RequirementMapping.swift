/// How a control stands to a requirement it answers: it is the requirement (`equal`), does all it
/// asks and more (`superset`), does part of it (`subset`), or overlaps it (`intersects`). Only the
/// first two can meet a requirement alone.
public enum MappingRelationship: String, Vocabulary {
  case equal, subset, superset, intersects
  public static let termName = "relationship"

  /// Whether a control in this relationship, in place with current evidence, meets the
  /// requirement by itself.
  public var meetsAlone: Bool { self == .equal || self == .superset }
}

/// A company control's answer to one requirement of a framework, and why it answers it. One
/// control answers many frameworks; a requirement's status is computed from its mappings.
public struct RequirementMapping: Codable, Equatable, Hashable, Sendable {
  public var framework: String
  public var requirement: String
  public var relationship: MappingRelationship
  public var rationale: String

  public init(
    framework: String, requirement: String, relationship: MappingRelationship, rationale: String
  ) {
    self.framework = framework
    self.requirement = requirement
    self.relationship = relationship
    self.rationale = rationale
  }

  /// `eu-ai-act art-50-1`.
  public var target: String { "\(framework) \(requirement)" }

  /// Ordered by framework, then requirement.
  static func ordered(_ lhs: Self, _ rhs: Self) -> Bool {
    (lhs.framework, lhs.requirement) < (rhs.framework, rhs.requirement)
  }

  /// Writes the mappings as the audit trail holds them, in order.
  static func write(_ mappings: [Self], to object: inout CanonicalObject) {
    object.objects("mappings", mappings) { mapping, object in
      object.string("framework", mapping.framework)
      object.string("rationale", mapping.rationale)
      object.term("relationship", mapping.relationship)
      object.string("requirement", mapping.requirement)
    }
  }
}
