import AIGovKit
import MCP

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What the server offers to read whole: the inventory at a glance, each feature, the public page
/// and the quarterly report of a quarter.
enum InventoryResource: Equatable {
  case inventory
  case feature(key: String)
  case publicPage
  case quarterly(Quarter)

  static let featuresPerPage = 100
  /// How many features the inventory resource lists; `find_features` pages through the rest.
  static let inventoryFeatures = 500

  static let shapes =
    "aigov://inventory, aigov://features/KEY, aigov://public-page or "
    + "aigov://reports/quarterly/YYYY-Qn"

  init?(uri: String) {
    switch uri {
    case "aigov://inventory": self = .inventory
    case "aigov://public-page": self = .publicPage
    default:
      if uri.hasPrefix("aigov://features/") {
        let key = String(uri.dropFirst("aigov://features/".count))
        guard (try? Validation.key(key)) != nil else { return nil }
        self = .feature(key: key)
      } else if uri.hasPrefix("aigov://reports/quarterly/"),
        let quarter = Quarter(String(uri.dropFirst("aigov://reports/quarterly/".count)))
      {
        self = .quarterly(quarter)
      } else {
        return nil
      }
    }
  }

  var uri: String {
    switch self {
    case .inventory: "aigov://inventory"
    case .feature(let key): "aigov://features/\(key)"
    case .publicPage: "aigov://public-page"
    case .quarterly(let quarter): "aigov://reports/quarterly/\(quarter)"
    }
  }

  var mimeType: String {
    switch self {
    case .inventory, .feature: "application/json"
    case .publicPage, .quarterly: "text/markdown"
    }
  }

  /// The resources listed before the features: the inventory, the public page, and the
  /// quarterly reports of this quarter and the one before.
  static func fixed(quarter: Quarter) -> [Resource] {
    [
      Resource(
        name: "inventory", uri: InventoryResource.inventory.uri, title: "The AI inventory",
        description: "Counts by category, data use, audience and status; the providers with "
          + "their terms; and the features (the first \(inventoryFeatures)).",
        mimeType: "application/json"),
      Resource(
        name: "public-page", uri: InventoryResource.publicPage.uri,
        title: "The public AI page",
        description: "What the company publishes about its AI features, as the inventory stands.",
        mimeType: "text/markdown"),
    ]
      + [quarter, quarter.previous].map { quarter in
        Resource(
          name: "quarterly-\(quarter)", uri: InventoryResource.quarterly(quarter).uri,
          title: "Quarterly governance review \(quarter)",
          description: "The quarterly review: what needs a decision, activity, sign-offs, risks, "
            + "providers and check findings.", mimeType: "text/markdown")
      }
  }

  static func feature(_ feature: AIGovKit.Feature) -> Resource {
    Resource(
      name: feature.key, uri: InventoryResource.feature(key: feature.key).uri,
      title: feature.name,
      description: "\(feature.category.rawValue) feature, \(feature.status.rawValue)",
      mimeType: "application/json")
  }

  static let templates = [
    Resource.Template(
      uriTemplate: "aigov://features/{key}", name: "feature", title: "One feature's record",
      description: "Everything recorded about one feature, with its review state.",
      mimeType: "application/json"),
    Resource.Template(
      uriTemplate: "aigov://reports/quarterly/{quarter}", name: "quarterly",
      title: "Quarterly governance review",
      description: "The quarterly review of a quarter such as 2026-Q3.", mimeType: "text/markdown"),
  ]

  /// The error for a resource that does not exist (MCP's "resource not found").
  static func notFound(_ uri: String, _ detail: String) -> MCPError {
    .serverError(
      code: -32_002, message: "no resource '\(ToolArguments.shown(uri))': \(detail)")
  }

  func contents(registry: Registry, now: Date) throws -> String {
    switch self {
    case .inventory:
      let page = try registry.featurePage(
        FeatureFilter(), after: nil, limit: Self.inventoryFeatures)
      let providers = try registry.providers()
      let overview = InventoryAnswer(
        overview: try registry.overview(), providers: providers,
        features: page.features.map(FeatureSummary.init), moreFeatures: page.nextAfter != nil)
      return String(decoding: try ReadOnlyInventory.encode(overview), as: UTF8.self)
    case .feature(let key):
      let answer = try FeatureAnswer(key, registry: registry)
      return String(decoding: try ReadOnlyInventory.encode(answer), as: UTF8.self)
    case .publicPage:
      return PublicDisclosureMarkdown().render(try registry.publicDisclosure())
    case .quarterly(let quarter):
      return QuarterlyReportMarkdown().render(
        try registry.quarterlyReport(quarter, toolVersion: ToolRelease.version))
    }
  }
}

/// The inventory resource.
struct InventoryAnswer: Encodable {
  var overview: InventoryOverview
  var providers: [Provider]
  var features: [FeatureSummary]
  var moreFeatures: Bool

  enum CodingKeys: String, CodingKey {
    case overview, providers, features
    case moreFeatures = "more_features"
  }
}
