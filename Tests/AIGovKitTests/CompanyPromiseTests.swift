import Foundation
import Testing

@testable import AIGovKit

/// The company-wide promises of the public page (an account-wide AI switch, the kinds of data
/// never processed) are held to the features' records by `check`, by the launch gate, and by the
/// replay of a trail that skipped the gate.
@Suite struct CompanyPromiseTests {
  /// `email-ai` (it sends data to OpenAI) approved and its mitigation implemented, with a
  /// company that says the account-wide switch stops every flow of data to AI third parties.
  static func promisingNoAIData() throws -> GovernanceFixture {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    try registry.changeSetting(.aiSwitch, to: "available")
    try registry.changeSetting(.aiSwitchWho, to: "an account administrator")
    try registry.changeSetting(.aiSwitchEffect, to: "no-ai-data")
    try fixture.approve("email-ai")
    var implemented = MitigationChanges()
    implemented.set("status", MitigationStatus.implemented)
    try registry.editMitigation(1, implemented)
    return fixture
  }

  static let overpromise =
    "sends data to AI third parties, and does not state that it stops when the account-wide AI "
    + "switch is off, which the public page says stops every such flow"

  @Test func aSwitchThatStopsEveryFlowHoldsEveryLaunchedFeatureToIt() throws {
    let fixture = try Self.promisingNoAIData()
    let registry = fixture.registry
    try fixture.expectRefusal(
      .refused(
        .launchBlockedByCheck(
          feature: "email-ai", findings: ["account-switch-promise: " + Self.overpromise]))
    ) { try registry.setStatus("email-ai", to: .launched) }
    // Launched behind the gate's back (the gate as it was): check names the broken promise.
    try registry.changeSetting(.aiSwitchEffect, to: "features-off")
    try registry.setStatus("email-ai", to: .launched)
    #expect(!(try registry.check().findings.contains { $0.rule == .accountSwitchPromise }))
    try registry.changeSetting(.aiSwitchEffect, to: "no-ai-data")
    let finding = try #require(
      try registry.check().findings.first { $0.rule == .accountSwitchPromise })
    #expect(finding.feature == "email-ai" && finding.severity == .error)
    #expect(finding.message == Self.overpromise)
    #expect(
      finding.remedies.map(\.action) == [
        .stateClaims(feature: "email-ai", ["account_switch"]),
        .changeSetting(setting: "public.ai-switch-effect", value: "features-off"),
      ])
    #expect(
      finding.remedies.map(\.action.commandLine) == [
        "aigov feature edit email-ai --account-switch turns-off|keeps-running",
        "aigov config set public.ai-switch-effect features-off",
      ])
    // The page says what the company states, and who may use the switch.
    let page = try registry.publicDisclosure()
    #expect(
      page.accountSwitch
        == .init(available: true, who: "an account administrator", effect: .noAIData))
    #expect(
      PublicDisclosureMarkdown().render(page).contains(
        "Turning AI off for your whole account: an account administrator can do it with one "
          + "switch; then no data from your account reaches any AI third party."))
    // A feature that keeps running says so, and is still named; one the switch turns off is not.
    var feature = try registry.feature("email-ai")
    let settings = try registry.governanceSettings()
    feature.accountSwitch = .keepsRunning
    #expect(
      GovernanceCheck.promiseFindings(feature, sendsToThirdParties: true, settings: settings)
        .map(\.message) == [
          "sends data to AI third parties, and keeps running when the account-wide AI switch is "
            + "off, which the public page says stops every such flow"
        ])
    feature.accountSwitch = .turnsOff
    #expect(
      GovernanceCheck.promiseFindings(feature, sendsToThirdParties: true, settings: settings)
        .isEmpty)
    #expect(
      GovernanceCheck.promiseFindings(
        try registry.feature("email-ai"), sendsToThirdParties: false, settings: settings
      ).isEmpty)
  }

  @Test func aLaunchForgedPastTheSwitchPromiseIsNamedByTheReplay() throws {
    let fixture = try Self.promisingNoAIData()
    let registry = fixture.registry
    let seq = try Forger(fixture: fixture).changeFeature(
      "email-ai", .featureSetStatus,
      "UPDATE features SET status = 'launched', version = version + 1 WHERE key = ?")
    try expectNamed(
      registry, event: seq,
      "feature 'email-ai' cannot launch while check finds account-switch-promise: "
        + Self.overpromise)
  }

  /// A feature that says the switch turns it off, from a company that states no switch, is a
  /// warning; the page then says nothing of a switch.
  @Test func aFeatureSpeaksOfASwitchOnlyWhenTheCompanyStatesOne() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    var turnsOff = FeatureChanges()
    turnsOff.set("account_switch", AccountSwitch.turnsOff)
    try registry.editFeature("email-ai", turnsOff)
    let finding = try #require(
      try registry.check().findings.first { $0.rule == .accountSwitchPromise })
    #expect(finding.severity == .warning)
    #expect(
      finding.message
        == "states that the account-wide AI switch turns it off, but the company does not say one "
        + "is available (public.ai-switch is not-stated)")
    try fixture.launchEmailAI()
    #expect(try registry.publicDisclosure().listedFeatures.allSatisfy { $0.accountSwitch == nil })
    try registry.changeSetting(.aiSwitch, to: "none")
    let page = try registry.publicDisclosure()
    #expect(page.accountSwitch == .init(available: false, who: nil, effect: nil))
    #expect(
      PublicDisclosureMarkdown().render(page).contains(
        "Turning AI off for your whole account: there is no single switch"))
    try registry.changeSetting(.aiSwitch, to: "available")
    #expect(!(try registry.check().findings.contains { $0.rule == .accountSwitchPromise }))
    #expect(
      try registry.publicDisclosure().listedFeatures.first?.accountSwitch == .turnsOff)
  }

  @Test func dataTheCompanyNeverProcessesIsHeldToEveryLiveFeature() throws {
    let fixture = try GovernanceFixture()
    let registry = fixture.registry
    try fixture.launchEmailAI()
    try registry.changeSetting(.neverProcessed, to: "health, message-content,health")
    #expect(try registry.setting(.neverProcessed) == "health,message-content")
    let finding = try #require(
      try registry.check().findings.first { $0.rule == .neverProcessedData })
    #expect(finding.feature == "email-ai" && finding.severity == .error)
    #expect(
      finding.message
        == "processes message-content, which the public page says the company never processes "
        + "with AI")
    #expect(
      finding.remedies.map(\.action) == [
        .removeDataCategories(feature: "email-ai", [.messageContent])
      ])
    #expect(
      PublicDisclosureMarkdown().render(try registry.publicDisclosure()).contains(
        "Data we never process with AI: health information; the content of your messages."))
  }
}
