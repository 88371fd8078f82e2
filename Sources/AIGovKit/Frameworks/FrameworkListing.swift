/// A framework as `framework list` and `framework show` print it in JSON, and the server and the
/// MCP server answer it.
public struct FrameworkListing: Encodable, Sendable {
  public var key: String
  public var title: String
  public var version: String
  public var source: String
  public var licence: String
  public var kind: String
  public var assessed: String?
  public var requirementCount: Int
  public var requirements: [RequirementListing]?

  public init(_ framework: Framework) { self.init(framework, withRequirements: false) }

  public init(_ framework: Framework, withRequirements: Bool) {
    key = framework.key
    title = framework.title
    version = framework.version
    source = framework.source
    licence = framework.licence
    kind = framework.kind.rawValue
    assessed = framework.kind == .taxonomy ? nil : framework.assessed.rawValue
    requirementCount = framework.leaves.count
    requirements = withRequirements ? framework.requirements.map(RequirementListing.init) : nil
  }

  enum CodingKeys: String, CodingKey {
    case key, title, version, source, licence, kind, assessed, requirements
    case requirementCount = "requirement_count"
  }
}

public struct RequirementListing: Encodable, Sendable {
  public var id: String
  public var ref: String?
  public var title: String
  public var parent: String?
  public var roles: [String]?
  public var tiers: [String]?
  public var categories: [String]?
  public var annexIII: [String]?
  public var appliesFrom: String?
  public var dateSource: String?

  public init(_ requirement: Requirement) {
    id = requirement.id
    ref = requirement.reference
    title = requirement.title
    parent = requirement.parent
    roles = requirement.applicability.roles
    tiers = requirement.applicability.tiers?.map(\.rawValue)
    categories = requirement.applicability.categories?.map(\.rawValue)
    annexIII = requirement.applicability.annexIII
    appliesFrom = requirement.appliesFrom
    dateSource = requirement.dateSource
  }

  enum CodingKeys: String, CodingKey {
    case id, ref, title, parent, roles, tiers, categories
    case annexIII = "annex_iii"
    case appliesFrom = "applies_from"
    case dateSource = "date_source"
  }
}
