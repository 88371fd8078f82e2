import Foundation
import Testing

@testable import AIGovKit

@Suite struct PublicDisclosureTests {
  /// After the sample's last step: every feature of the reference page is launched.
  static let endOfNovember = Timestamp.parse("2026-11-29T12:00:00Z")!

  /// Every format of the public page of the sample, as of `endOfNovember`.
  static func renderSample(in directory: TemporaryDirectory, name: String) throws
    -> [ReportFormat: String]
  {
    let registry = try SampleHistoryTests.build(at: endOfNovember, in: directory, name: name)
    return try render(try registry.publicDisclosure())
  }

  static func render(_ page: PublicDisclosure) throws -> [ReportFormat: String] {
    [
      .markdown: PublicDisclosureMarkdown().render(page),
      .html: PublicDisclosureHTML().render(page),
      .json: try JSONRenderer<PublicDisclosure>().render(page),
    ]
  }

  /// `Fixtures/golden/public-disclosure.*`; `AIGOV_RECORD_GOLDEN=1 swift test` records them anew.
  @Test(arguments: ReportFormat.allCases)
  func theSampleMatchesItsGoldenFile(_ format: ReportFormat) throws {
    let directory = try TemporaryDirectory()
    let rendered = try #require(try Self.renderSample(in: directory, name: "a.sqlite")[format])
    try expectGolden(rendered, "public-disclosure.\(format.fileExtension)")
  }

  @Test func theSameDatabaseAndTimeGiveTheSameBytes() throws {
    let directory = try TemporaryDirectory()
    let first = try Self.renderSample(in: directory, name: "a.sqlite")
    let second = try Self.renderSample(in: directory, name: "b.sqlite")
    #expect(first == second)
  }

  /// The facts of the reference page (a real company's published AI FAQ), each as the sample's
  /// records make the page say it. The note beside each names the record it comes from.
  @Test func theSamplePageStatesEveryFactOfTheReferencePage() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.endOfNovember, in: directory, name: "s")
    let page = try registry.publicDisclosure()
    let markdown = PublicDisclosureMarkdown().render(page)
    func says(_ text: String, _ why: String) {
      #expect(markdown.contains(text), "the page does not say: \(why)")
    }
    // The features, by category (feature records: category, status launched).
    let named: [FeatureCategory: [String]] = [
      .agentic: ["Marketing Agent", "Customer Agent"],
      .predictive: [
        "Customer lifetime value", "Expected next order date", "Best cross-sell date",
        "Product recommendations", "Next best product", "Predicted number of orders",
        "Churn risk", "Personalized send time", "Personalized campaigns", "Channel affinity",
        "RFM analysis", "Smart send time",
      ],
      .generative: ["Subject Line Generator", "Email AI", "Image Remix", "Brand voice AI"],
      .automation: ["Segments AI", "Flows AI", "Benchmarks"],
    ]
    for section in page.sections {
      #expect(Set(section.features.map(\.name)) == Set(named[section.category] ?? []))
    }
    #expect(page.sections.count == 4)
    // Data use per purpose (serving_use, training_use, min_group_size).
    says("Serving you with your own account's data only: 21 of 22 features.", "account-only")
    says("only after the data is aggregated or de-identified", "aggregated or de-identified")
    says("Helps train our own models only after it is de-identified", "de-identified training")
    says("into groups of at least 100", "coarse aggregation")
    // Third parties and their terms (providers: dpa, no_training, retention_days, served_through,
    // subprocessor_listed).
    #expect(
      Set(page.thirdParties.map(\.name))
        == ["OpenAI", "Anthropic", "AWS Bedrock", "Google Gemini"])
    #expect(page.thirdParties.allSatisfy { $0.dpa == .yes && $0.noTraining })
    #expect(page.thirdParties.allSatisfy { $0.retentionDays == 0 && $0.subprocessorListed })
    says(
      "each works under a data processing agreement, is contractually barred from training on "
        + "your data and keeps none of it", "providers barred from training and retention")
    says("Anthropic (through AWS Bedrock)", "a vendor's model reached through a platform")
    // Control and the final say (customer_control optional, final_say customer).
    says("Optional: you never have to use it, and you can always do the same work by hand.", "")
    says(
      "You: you review, edit and approve what it produces before any of it is used or reaches "
        + "your recipients.", "the customer's final say")
    // The support staff's use of customer data (audience internal, final_say staff, providers).
    #expect(page.internalUses.map(\.name) == ["Support assistant"])
    #expect(Set(page.internalUses[0].thirdParties.map(\.name)) == ["Anthropic", "OpenAI"])
    says("## How our staff use AI on your data", "internal uses in their own section")
    says("read-only Model Context Protocol connection", "read-only MCP access")
    says("only while you have an open support case", "access only during a support case")
    says("Its output is used only by our staff", "outputs used only by staff")
    // Published commitments (mitigations with a public statement, in place).
    for statement in [
      "training data is reviewed to confirm that no customer personal data is in it",
      "grouped coarsely enough that many profiles share every group",
      "managed permissions", "validation suite before release",
      "our own content moderation and our provider's",
      "reproduce another's content, brand voice or strategy",
      "their contracts bar them from training on it or keeping it",
    ] {
      says(statement, "commitment: \(statement)")
    }
    // Governance computed from the review records.
    says(
      "was approved, as it is now, by our product, engineering, legal, privacy and security "
        + "reviewers", "five-discipline review")
    says(
      "Every high or critical risk identified for a feature listed here has a mitigation in "
        + "place", "mitigations before launch")
    // Company statements (records; the sample states them as the public.* settings did).
    for topic in SettingName.publicStatements {
      let key = try #require(topic.legacyStatement?.key)
      #expect(page.statements.contains { $0.key == key }, "no \(key)")
    }
    says("ISO 27001", "certifications")
    says("EU AI Act", "regulation")
    says("does not amend or form part of your contract", "not a contract")
    says("you own what you put into our AI features", "ownership of inputs and outputs")
    says("We do not sell your data to AI providers", "no sale")
    says("it can resemble existing work", "output can mirror existing works")
    says("How Larkspur uses AI", "the company name")
  }

  @Test func launchedFeaturesForCustomersAndInternalUsesOnlyAndNothingInternal() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(
      at: SampleHistoryTests.november, in: directory, name: "s.sqlite")
    let page = try registry.publicDisclosure()
    let launched = try registry.features(FeatureFilter(status: .launched))
    #expect(
      Set(page.sections.flatMap(\.features).map(\.name))
        == Set(launched.filter { $0.audience != .internal }.map(\.name)))
    #expect(page.internalUses.map(\.name) == ["Support assistant"])
    // Approved on 18 November, launched on the 23rd: not on the page of the 22nd.
    #expect(!page.listedFeatures.contains { $0.name == "Customer Agent" })
    #expect(!page.listedFeatures.contains { $0.name == "Review summaries" })  // proposed
    for text in try Self.render(page).values {
      for word in ["priya", "Priya Raman", "Elena Novak", "marcus", "Hallucinated", "risk #"] {
        #expect(!text.contains(word), "'\(word)' is internal")
      }
    }
  }

  /// A feature whose final say and customer control nobody stated is published with neither
  /// claim, in every format.
  @Test func whatNobodyStatedIsNotClaimed() throws {
    let directory = try TemporaryDirectory()
    var page = try SampleHistoryTests.build(
      at: Self.endOfNovember, in: directory, name: "s.sqlite"
    ).publicDisclosure()
    let claim = "you review, edit and approve"
    let before = try Self.render(page)
    #expect(before[.markdown]?.contains(claim) == true && before[.html]?.contains(claim) == true)
    for section in page.sections.indices {
      for index in page.sections[section].features.indices {
        page.sections[section].features[index].finalSay = .notStated
        page.sections[section].features[index].customerControl = .notStated
      }
    }
    for index in page.internalUses.indices {
      page.internalUses[index].finalSay = .notStated
      page.internalUses[index].customerControl = .notStated
    }
    let after = try Self.render(page)
    for format in [ReportFormat.markdown, .html] {
      let text = try #require(after[format])
      #expect(!text.contains(claim), "\(format)")
      #expect(!text.contains("cannot be turned off"), "\(format)")
      #expect(text.contains("Not stated."), "\(format)")
    }
    #expect(after[.json]?.contains("\"final_say\" : \"not-stated\"") == true)
  }

  @Test func aCommitmentIsPublishedOnlyWhileItsMitigationIsInPlace() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(
      at: Self.endOfNovember, in: directory, name: "s.sqlite")
    // Planned, on a proposed feature: not on the page.
    let planned = "Each review summary links to the reviews it rests on."
    #expect(
      try registry.database.scalarInteger(
        "SELECT count(*) FROM mitigations WHERE public_statement = ?", [planned]) == 1)
    #expect(!(try registry.publicDisclosure().commitments.contains { $0.statement == planned }))
    // On a launched feature, a published commitment whose mitigation is no longer in place is an
    // error of check, and the page no longer lists the feature under it.
    let reviewed = try #require(
      try registry.database.scalarInteger(
        """
        SELECT m.id FROM mitigations m JOIN risks r ON r.id = m.risk_id
        JOIN features f ON f.id = r.feature_id
        WHERE f.key = 'subject-line-generator' AND m.title LIKE 'Output moderation%'
        """))
    var regress = MitigationChanges()
    regress.set("status", MitigationStatus.inProgress)
    let edited = try registry.editMitigation(reviewed, regress).after
    let commitment = try #require(
      try registry.publicDisclosure().commitments.first { $0.statement == edited.publicStatement })
    #expect(commitment.features == ["Customer Agent", "Email AI"])
    #expect(!commitment.mitigations.contains(edited.id))
    let findings = try registry.check().findings.filter { $0.rule == .unbackedCommitment }
    // Expected next order date's validation suite is being rebuilt since 10 November.
    #expect(findings.map(\.feature) == ["expected-next-order-date", "subject-line-generator"])
    #expect(findings.first?.severity == .error)
  }

  @Test func thePageIsDatedByItsLastChangeAndRebuiltAsOfAnyMoment() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(
      at: Self.endOfNovember, in: directory, name: "s.sqlite")
    let page = try registry.publicDisclosure()
    // The last change that altered it: the first monitoring results of the features launched
    // on 16 November, which the page now counts as monitored.
    #expect(page.updatedAt == "2026-11-27T08:00:00Z")
    #expect(page.governance.monitoredCount == 8)
    // A change the page does not show (a risk's title) leaves it and its date as they were.
    let later = registry.acting(as: "dana", clock: { Timestamp.parse("2026-11-30T09:00:00Z")! })
    var retitle = RiskChanges()
    retitle.set("title", "A renamed risk")
    try later.editRisk(1, retitle)
    #expect(try later.publicDisclosure() == page)
    // So does the progress of a proposed feature's mitigation, even one with a public statement.
    let planned = try #require(
      try registry.database.scalarInteger(
        "SELECT id FROM mitigations WHERE public_statement LIKE 'Each review summary%'"))
    var progress = MitigationChanges()
    progress.set("status", MitigationStatus.implemented)
    try later.editMitigation(planned, progress)
    #expect(try later.publicDisclosure() == page)
    // A change it shows moves the date to that change.
    try later.changeSetting(.companyName, to: "Larkspur Inc.")
    let renamed = try later.publicDisclosure()
    #expect(renamed.updatedAt == "2026-11-30T09:00:00Z" && renamed.company == "Larkspur Inc.")
    // As of 2 June: the page of that day, dated by its own last change.
    let june = try registry.publicDisclosure(asOf: Timestamp.parse("2026-06-02T12:00:00Z")!)
    #expect(june.updatedAt == "2026-06-01T09:43:00Z")
    #expect(!june.listedFeatures.contains { $0.name == "Brand voice AI" })
    #expect(!june.thirdParties.contains { $0.name == "Google Gemini" })
    let again = try registry.publicDisclosure(asOf: Timestamp.parse("2026-06-02T12:00:00Z")!)
    #expect(try Self.render(june) == Self.render(again))
    // What a reader of that day's page finds changed.
    let changes = PublicDisclosureChanges(since: "2026-06-02", from: june, to: page)
    let lines = changes.changes.map(PublicDisclosureChanges.line)
    #expect(lines.contains("Added feature: Brand voice AI"))
    #expect(lines.contains("Changed feature: Email AI (third parties)"), "\(lines)")
    #expect(lines.contains("Added third party: Google Gemini"))
    #expect(lines.contains("Removed feature: Send time (first model)"))
    #expect(!lines.contains { $0.contains("Marketing Agent") })
    let none = PublicDisclosureChanges(since: "2026-11-29", from: page, to: page)
    #expect(none.changes.isEmpty)
    #expect(PublicDisclosureChangesMarkdown().render(none).contains("say the same"))
  }

  /// The walk back skips the events that cannot change the page, and stops without rebuilding at
  /// a launch or a feature taken off the market; rebuilding the page before every event instead,
  /// one by one, finds the same last change. The moments: after the last event (the tables read
  /// in place), after launches (16 November, 28 September), after a launched feature went back
  /// to review (19 November), and moments whose last change is of another kind.
  @Test(arguments: [
    "2026-11-29T12:00:00Z", "2026-09-30T23:59:59Z", "2026-06-02T12:00:00Z",
    "2026-11-16T10:00:00Z", "2026-09-28T12:00:00Z", "2026-11-19T12:00:00Z",
  ])
  func theDateIsTheLastChangeFoundByRebuildingBeforeEveryEvent(_ moment: String) throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(
      at: Self.endOfNovember, in: directory, name: "s.sqlite")
    let time = try #require(Timestamp.parse(moment))
    let head = try registry.lastEvent(through: time)
    var page = try registry.publicDisclosure(asOf: time)
    let dated = page.updatedAt
    page.updatedAt = nil
    var seq = head
    while seq > 0,
      try registry.snapshot(throughEvent: seq - 1, at: time).publicDisclosureContent() == page
    {
      seq -= 1
    }
    let changed = try #require(try registry.auditTrail.events().first { $0.seq == seq })
    #expect(dated == changed.at, "the page last changed at event \(seq) (\(changed.action))")
  }

  /// Each data-use fact the records hold is worded on the page, in every format that words it,
  /// and one nobody stated is not.
  @Test func eachDataUseFactIsWordedExactly() throws {
    let directory = try TemporaryDirectory()
    var page = try SampleHistoryTests.build(
      at: Self.endOfNovember, in: directory, name: "s.sqlite"
    ).publicDisclosure()
    let rendered = try Self.render(page)
    for format in [ReportFormat.markdown, .html] {
      let text = try #require(rendered[format])
      for fact in [
        "Synthetic data made for the purpose trains them too.",
        "For your account alone, it computes embeddings of your data; no other account uses the "
          + "result. It does so only once you enable it.",
        "We send each request to one of these, not to all: Anthropic; OpenAI.",
        "You choose which one receives your data, and only that one does:",
        "Turning AI off for your account turns this feature off.",
        "It keeps running when AI is turned off for your account.",
        "They are deleted after 365 days at most, or when your account is deleted.",
        "deleted when your account is deleted, or whenever you ask.",
        "Contact details such as email addresses and phone numbers; personal details of your "
          + "customers",
      ] {
        #expect(text.contains(fact), "\(format) does not say: \(fact)")
      }
    }
    // The sources of one model, each in its own words; a set of one keeps the old wording.
    var feature = try #require(page.sections.first?.features.first)
    feature.trainingUse = [.aggregated, .anonymised, .synthetic]
    feature.minGroupSize = 50
    #expect(
      PublicDisclosure.training(feature)
        == "Helps train our own models only after it is aggregated with other accounts' data "
        + "into groups of at least 50; no person or business can be identified from it. Helps "
        + "train our own models only after it is anonymised: it can no longer be linked to any "
        + "person or business, so it is no longer personal data. Synthetic data made for the "
        + "purpose trains them too.")
    feature.trainingUse = [.synthetic]
    #expect(PublicDisclosure.training(feature).contains("your data does not train them"))
    // Nothing stated, nothing said.
    for section in page.sections.indices {
      for index in page.sections[section].features.indices {
        page.sections[section].features[index].adaptation = nil
        page.sections[section].features[index].accountSwitch = nil
        page.sections[section].features[index].keptData = nil
        page.sections[section].features[index].providerChoice = nil
      }
    }
    for index in page.internalUses.indices { page.internalUses[index].accountSwitch = nil }
    let silent = try #require(try Self.render(page)[.markdown])
    for label in ["Adapting to your account", "What it keeps", "If you turn AI off"] {
      #expect(!silent.contains("**\(label):**"), "\(label)")
    }
    #expect(!silent.contains("We send each request"))
  }

  /// A platform that no feature uses but through another party is not said to be reached
  /// directly: the page names the party it carries.
  @Test func aPlatformUsedOnlyThroughAnotherPartyIsNamedAsSuch() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    try registry.addProvider(ProviderDraft(key: "cloud", name: "Cloud Models", kind: .mlPlatform))
    var vendor = ProviderDraft(key: "vendor", name: "Vendor LLM", kind: .llm)
    vendor.servedThrough = "cloud"
    try registry.addProvider(vendor)
    var draft = FeatureDraft(
      key: "writer", name: "Writer", purpose: "Drafts replies", category: .generative,
      servingUse: .accountOnly, trainingUse: .none, owner: "o")
    draft.audience = .endConsumers
    try registry.addFeature(draft)
    try registry.linkProvider(featureKey: "writer", providerKey: "vendor", model: "", purpose: "")
    try registry.database.execute("UPDATE features SET status = 'launched'")
    let page = try registry.publicDisclosure()
    let platform = try #require(page.thirdParties.first { $0.name == "Cloud Models" })
    #expect(platform.platformFor == ["Vendor LLM"] && platform.reachedDirectly == false)
    let rendered = try Self.render(page)
    #expect(
      rendered[.markdown]?.contains("| Cloud Models | only as the platform for Vendor LLM |")
        == true)
    #expect(
      rendered[.html]?.contains(
        "<td data-label=\"Reached through\">only as the platform for Vendor LLM</td>") == true)

    try registry.linkProvider(featureKey: "writer", providerKey: "cloud", model: "", purpose: "")
    try registry.database.execute("UPDATE features SET status = 'launched'")
    let both = try #require(
      try registry.publicDisclosure().thirdParties.first { $0.name == "Cloud Models" })
    #expect(
      PublicDisclosure.reachedThrough(both, { $0 })
        == "directly, and as the platform for Vendor LLM")
  }

  @Test func hostileTextIsEscapedForEachFormat() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    let hostile = "<script>alert(1)</script> | x\n# =cmd \u{1B}[2J \u{202E}evil & 'q\""
    try registry.addProvider(ProviderDraft(key: "platform", name: "placeholder", kind: .llm))
    var provider = ProviderDraft(key: "llm", name: "placeholder", kind: .llm)
    provider.subprocessorListed = true
    provider.servedThrough = "platform"
    try registry.addProvider(provider)
    var draft = FeatureDraft(
      key: "hostile", name: "placeholder", purpose: "placeholder", category: .generative,
      servingUse: .accountOnly, trainingUse: .none, owner: "o")
    draft.audience = .endConsumers
    try registry.addFeature(draft)
    try registry.linkProvider(featureKey: "hostile", providerKey: "llm", model: "", purpose: "")
    let risk = try registry.addRisk(
      featureKey: "hostile",
      RiskDraft(title: "r", category: .privacy, likelihood: 1, impact: 1, owner: "o"))
    var mitigation = MitigationDraft(title: "m", kind: .technical, owner: "o")
    mitigation.status = .verified
    mitigation.publicStatement = "placeholder"
    try registry.addMitigation(riskID: risk.id, mitigation)
    // Values no field accepts, as a database written behind aigov's back may hold them.
    try registry.database.execute("UPDATE providers SET name = ?", [hostile])
    try registry.database.execute(
      "UPDATE features SET status = 'launched', name = ?, purpose = ?", [hostile, hostile])
    try registry.database.execute("UPDATE mitigations SET public_statement = ?", [hostile])
    for name in [SettingName.companyName, .aiSwitchWho] + SettingName.publicStatements {
      try registry.database.execute(
        "INSERT INTO settings (name, value) VALUES (?, ?)", [name.rawValue, hostile])
    }
    try registry.changeSetting(.aiSwitch, to: "available")
    let page = try registry.publicDisclosure()
    #expect(page.statements.count == SettingName.publicStatements.count)

    let html = PublicDisclosureHTML().render(page)
    #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&amp; &#39;q&quot;"))
    let markdown = PublicDisclosureMarkdown().render(page)
    #expect(markdown.contains(##"\<script\>alert(1)\</script\> \| x \# =cmd"##))
    #expect(markdown.contains("### \\<script\\>"))
    #expect(markdown.contains("# How \\<script\\>"))
    #expect(!markdown.contains("| x\n"))
    // Every place the text lands: the title, a feature, a third party and the platform it is
    // reached through, a commitment, who may use the account-wide switch, each statement.
    let escaped = markdown.components(separatedBy: ##"\<script\>alert(1)"##).count - 1
    #expect(escaped >= 7 + SettingName.publicStatements.count)
    #expect(markdown.contains(##"Turning AI off for your whole account: \<script\>alert(1)"##))
    #expect(html.contains("Turning AI off for your whole account: &lt;script&gt;alert(1)"))
    for text in [html, markdown] {
      #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
      #expect(text.contains("‹U+001B›") && text.contains("‹U+202E›evil"))
    }
    // JSON carries the value exactly; the reader's JSON parser restores it.
    let json = try JSONRenderer<PublicDisclosure>().render(page)
    let decoded = try JSONDecoder().decode(PublicDisclosure.self, from: Data(json.utf8))
    #expect(decoded.sections.first?.features.first?.name == hostile)
    #expect(decoded.commitments.first?.statement == hostile)
    let changes = PublicDisclosureChanges(
      since: "2026-11-21", from: try registry.publicDisclosure(asOf: .distantPast), to: page)
    let changesHTML = PublicDisclosureChangesHTML().render(changes)
    #expect(!changesHTML.contains("<script>") && !changesHTML.contains("\u{202E}"))
    let changesMarkdown = PublicDisclosureChangesMarkdown().render(changes)
    #expect(!changesMarkdown.contains("<script>") && !changesMarkdown.contains("| x\n"))
  }
}

extension ReportFormat {
  var fileExtension: String {
    switch self {
    case .markdown: "md"
    case .html: "html"
    case .json: "json"
    }
  }
}
