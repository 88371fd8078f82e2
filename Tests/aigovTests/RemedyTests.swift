import AIGovKit
import Foundation
import Testing

@testable import aigov

/// A remedy is an action; the command line words it as a command that aigov accepts, and JSON
/// carries it so that another front end words it its own way.
@Suite struct RemedyTests {
  /// One of every action. The switch has no default: a new action does not compile until it
  /// is listed here.
  static let actions: [RemedyAction] = {
    let every: [RemedyAction] = [
      .removeDataCategories(feature: "email-ai", [.health, .children]),
      .agreeProviderTerms(provider: "openai"),
      .unlinkProvider(feature: "email-ai", provider: "openai"),
      .setMinGroupSize(feature: "email-ai", 50), .setMinGroupSize(feature: "email-ai", nil),
      .completeMitigation(3), .withdrawPublicStatement(mitigation: 3), .addMitigation(risk: 2),
      .requireHumanReview(feature: "email-ai"), .openReview(feature: "email-ai"),
      .signOff(feature: "email-ai", .privacy), .setStatus(feature: "email-ai", .suspended),
      .setStatus(feature: "email-ai", .retired), .listSubprocessor(provider: "openai"),
      .assessEUTier(feature: "email-ai"), .planMonitoring(feature: "email-ai"),
      .stateClaims(feature: "email-ai", ["human_oversight", "final_say", "customer_control"]),
      .recordMonitoringResult(feature: "email-ai", metric: "accuracy", .metric),
      .recordMonitoringResult(feature: "email-ai", metric: "bias", .check),
      .recordIncidentReport(incident: "INC-1", .gdprBreach),
      .recordIncidentReport(incident: "INC-1", .euAIActSeriousIncident),
      .closeIncident("INC-1"), .addFeature,
      .acceptException(feature: "email-ai", control: "no-provider-training", rule: nil),
      .acceptException(feature: "email-ai", control: nil, rule: .providerTerms),
      .narrowControlScope(control: "no-provider-training"),
      .addEvidence(control: "no-provider-training"), .planMitigation(7),
      .mapControl(framework: "eu-ai-act"), .rewordStatement(statement: "compliance"),
      .changeSetting(setting: "public.ai-switch-effect", value: "features-off"),
    ]
    for action in every {
      switch action {
      case .removeDataCategories, .agreeProviderTerms, .unlinkProvider, .setMinGroupSize,
        .completeMitigation, .withdrawPublicStatement, .addMitigation, .requireHumanReview,
        .openReview, .signOff, .setStatus, .listSubprocessor, .assessEUTier, .stateClaims,
        .planMonitoring,
        .recordMonitoringResult, .recordIncidentReport, .closeIncident, .addFeature,
        .acceptException, .narrowControlScope, .addEvidence, .planMitigation, .mapControl,
        .rewordStatement, .changeSetting:
        break
      }
    }
    return every
  }()

  /// The command's words with each placeholder given a value of its kind.
  static func arguments(_ commandLine: String) -> [String] {
    let values = [
      "N": "50", "TITLE": "Review", "KIND": "process", "NAME": "dana", "THRESHOLD": "0.9",
      "DAYS": "30", "V": "0.95", "TIME": "2026-11-01T09:00:00Z", "...": "because",
      "''": "", "minimal|limited|high": "limited", "--pass|--fail": "--pass",
      "KEY": "new-feature", "PURPOSE": "Draft replies", "OWNER": "dana",
      "CATEGORY": "generative", "SERVING": "account-only", "TRAINING": "none",
      "DAY": "2027-03-31", "TERM": "category:generative", "FILE": "contract.pdf",
      "CONTROL": "provider-contract-terms", "ID": "art-50-1", "TEXT": "We assess our features.",
    ]
    // A choice among terms ("a|b|c") takes its first.
    return commandLine.split(separator: " ").dropFirst().map { word in
      values[String(word)]
        ?? (word.hasPrefix("--") ? String(word) : String(word.prefix { $0 != "|" }))
    }
  }

  @Test(arguments: actions)
  func eachActionIsACommandAigovAccepts(_ action: RemedyAction) throws {
    #expect(action.commandLine.hasPrefix("aigov "))
    let arguments = Self.arguments(action.commandLine)
    #expect(throws: Never.self, "\(arguments)") { _ = try AIGov.parseAsRoot(arguments) }
  }

  @Test(arguments: actions)
  func eachActionRoundTripsThroughJSON(_ action: RemedyAction) throws {
    let remedy = Remedy("do it", action)
    let data = try JSONEncoder().encode(remedy)
    #expect(try JSONDecoder().decode(Remedy.self, from: data) == remedy)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let named = try #require(object["action"] as? [String: Any])
    #expect(named["action"] as? String == action.name)
    #expect(named["feature"] as? String == action.feature)
    #expect(!action.plainWords.contains("aigov"), "\(action.plainWords)")
  }

  @Test func eachActionHasItsOwnName() {
    let names = Self.actions.map(\.name)
    #expect(Set(names).count == Set(Self.actions.map { "\($0)".prefix { $0 != "(" } }).count)
  }

  /// Every remedy the sample's check and readiness name is an action whose words are the
  /// finding's `fix`, and a command aigov accepts.
  @Test func theSamplesRemediesAreCommandsAigovAccepts() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let registry = try Registry.open(
      path: harness.database, actor: "tester",
      clock: { Timestamp.parse("2026-11-22T10:00:00Z")! })
    let report = try registry.check()
    #expect(!report.findings.isEmpty)
    for finding in report.findings {
      #expect(!finding.remedies.isEmpty)
      #expect(finding.fix == Remedy.commandLine(finding.remedies))
      for remedy in finding.remedies {
        let arguments = Self.arguments(remedy.action.commandLine)
        #expect(throws: Never.self, "\(arguments)") { _ = try AIGov.parseAsRoot(arguments) }
      }
    }
    for feature in try registry.features(FeatureFilter()) {
      let readiness = try registry.readiness(feature.key, goal: .launch)
      for step in readiness.missing {
        #expect(step.fix == Remedy.commandLine([step.remedy]))
      }
    }
  }
}
