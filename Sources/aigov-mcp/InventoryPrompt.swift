import AIGovKit
import MCP

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Conversations an assistant can start with the inventory: each says which tools and resources
/// answer the question, so the assistant reads the record rather than guesses.
enum InventoryPrompt: String, CaseIterable {
  case quarterlyReview = "prepare-quarterly-review"
  case launchReadiness = "launch-readiness"

  var definition: Prompt {
    switch self {
    case .quarterlyReview:
      Prompt(
        name: rawValue, title: "Prepare the quarterly governance review",
        description: "Brief the governance lead on a quarter: decisions needed, changes, risks "
          + "and findings.",
        arguments: [
          .init(
            name: "quarter", description: "The quarter, e.g. 2026-Q3 (default: this one).",
            required: false)
        ])
    case .launchReadiness:
      Prompt(
        name: rawValue, title: "Can this feature launch?",
        description: "What one feature still lacks before it may launch, and who must act.",
        arguments: [.init(name: "feature", description: "The feature's key.", required: true)])
    }
  }

  func messages(_ arguments: [String: String], now: Date) throws -> GetPrompt.Result {
    switch self {
    case .quarterlyReview:
      let quarter: Quarter
      if let text = arguments["quarter"] {
        guard let given = Quarter(text) else {
          throw MCPError.invalidParams(
            "argument 'quarter' is '\(ToolArguments.shown(text))' (expected a year and quarter "
              + "like 2026-Q3)")
        }
        quarter = given
      } else {
        quarter = Quarter(containing: now)
      }
      let text = """
        Prepare the quarterly AI governance review for \(quarter) (\(quarter.firstDay) to \
        \(quarter.lastDay)). Read the resource \(InventoryResource.quarterly(quarter).uri) and \
        start from its "Needs a decision" section. Use changes_between with from \
        \(quarter.firstDay) and until \(quarter.lastDay) for what changed, check_findings for \
        the rules broken now, find_unmitigated_risks with minimum_level high, and \
        find_unprotected_data_flows. Cite features by name and key, and name the command each \
        decision needs. The inventory is the record: say so where it does not answer.
        """
      return GetPrompt.Result(
        description: "Quarterly governance review \(quarter)",
        messages: [.user(.text(text: text))])
    case .launchReadiness:
      guard let key = arguments["feature"] else {
        throw MCPError.invalidParams("\(rawValue) needs the argument 'feature'")
      }
      do {
        try Validation.key(key, field: "feature")
      } catch {
        throw MCPError.invalidParams(String(describing: error))
      }
      let text = """
        Can the feature '\(key)' launch? Call what_is_missing with key \(key) and goal launch, \
        and get_feature with key \(key) for its risks, providers and review. List what is \
        missing in order, who must act on each (a reviewer of which discipline, the risk's \
        owner), and the command that records it. Do not call anything missing that the record \
        shows in place.
        """
      return GetPrompt.Result(
        description: "Launch readiness of \(key)", messages: [.user(.text(text: text))])
    }
  }
}
