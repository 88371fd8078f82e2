import Foundation
import Testing

@testable import AIGovKit

@Suite struct QuarterlyReportTests {
  static let november = Timestamp.parse("2026-11-22T10:00:00Z")!
  static let q3 = Quarter("2026-Q3")!

  static func render(_ report: QuarterlyReport) throws -> [ReportFormat: String] {
    [
      .markdown: QuarterlyReportMarkdown().render(report),
      .html: QuarterlyReportHTML().render(report),
      .json: try JSONRenderer<QuarterlyReport>().render(report),
    ]
  }

  /// Every format of the sample's 2026-Q3 review, built in November.
  static func renderSample(in directory: TemporaryDirectory, name: String) throws
    -> [ReportFormat: String]
  {
    let registry = try SampleHistoryTests.build(at: november, in: directory, name: name)
    return try render(try registry.quarterlyReport(q3, toolVersion: "0.1.0"))
  }

  /// `Fixtures/golden/quarterly-2026-Q3.*`; `AIGOV_RECORD_GOLDEN=1 swift test` records them anew.
  @Test(arguments: ReportFormat.allCases)
  func theSampleMatchesItsGoldenFile(_ format: ReportFormat) throws {
    let directory = try TemporaryDirectory()
    let rendered = try #require(try Self.renderSample(in: directory, name: "a.sqlite")[format])
    try expectGolden(rendered, "quarterly-2026-Q3.\(format.fileExtension)")
  }

  @Test func theSameDatabaseAndTimeGiveTheSameBytes() throws {
    let directory = try TemporaryDirectory()
    #expect(
      try Self.renderSample(in: directory, name: "a.sqlite")
        == Self.renderSample(in: directory, name: "b.sqlite"))
  }

  @Test func aPastQuarterDoesNotMoveWhenTheInventoryDoes() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.november, in: directory, name: "s.sqlite")
    let before = try registry.quarterlyReport(Self.q3, toolVersion: "0.1.0")
    // Later changes of every kind: an edit, a new feature, a provider's terms, a setting.
    var edit = FeatureChanges()
    edit.set("name", "RFM")
    edit.set("category", FeatureCategory.automation)
    try registry.editFeature("rfm-analysis", edit)
    try registry.addFeature(
      FeatureDraft(
        key: "late", name: "Late", purpose: "p", category: .agentic, servingUse: .accountOnly,
        trainingUse: .none,
        owner: "o"))
    var terms = ProviderChanges()
    terms.retentionDays = 30
    try registry.editProvider("openai", terms)
    try registry.changeSetting(.reviewGraceDays, to: "0")
    let after = try registry.quarterlyReport(Self.q3, toolVersion: "0.1.0")
    #expect(after == before)
    // The current quarter sees them.
    let current = try registry.quarterlyReport(Quarter(containing: Self.november), toolVersion: "")
    #expect(current.activity.featuresAdded.last?.feature == "late")
    #expect(
      current.activity.providerTermChanges.map { "\($0.provider) \($0.changed)" } == [
        #"gemini ["subprocessor listing"]"#, #"openai ["retention"]"#,
      ])
    #expect(current.trail.events == (try registry.auditTrail.head()?.seq))
  }

  /// A quarter still running ends at the trail's head, where the report reads the tables in
  /// place; once a later event exists, the same moment is rebuilt from the trail instead, and
  /// the report is the same, byte for byte, in every format.
  @Test func aRunningQuarterReadInPlaceIsTheOneRebuiltFromTheTrail() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.november, in: directory, name: "s.sqlite")
    let q4 = Quarter(containing: Self.november)
    let inPlace = try Self.render(try registry.quarterlyReport(q4, toolVersion: "0.1.0"))
    let head = try #require(try registry.auditTrail.head())
    let later = registry.acting(
      as: "dana", clock: { Self.november.addingTimeInterval(3600) })
    try later.changeSetting(.companyName, to: "Larkspur Inc.")
    #expect(try registry.auditTrail.head()?.seq == head.seq + 1)
    let rebuilt = try Self.render(try registry.quarterlyReport(q4, toolVersion: "0.1.0"))
    for format in ReportFormat.allCases {
      #expect(inPlace[format] == rebuilt[format], "\(format)")
    }
    #expect(try registry.quarterlyReport(q4, toolVersion: "").trail.events == head.seq)
  }

  /// The quarters before the report's, for its trends, are built on a second connection while
  /// the first builds the rest; inside a transaction, whose snapshot another connection may not
  /// share, they are built on the same one, one after the other, and the report is the same.
  @Test func theTrendsAreTheSameBuiltBesideTheReportOrAfterIt() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.november, in: directory, name: "s.sqlite")
    let beside = try Self.render(try registry.quarterlyReport(Self.q3, toolVersion: "0.1.0"))
    let report = try registry.database.readTransaction {
      try registry.quarterlyReport(Self.q3, toolVersion: "0.1.0")
    }
    #expect(report.trends.count == 3, "\(report.trends.map(\.quarter))")
    #expect(beside == (try Self.render(report)))
  }

  /// A snapshot creates its tables from the schema the migrations leave, read once: the same
  /// tables, columns, indexes and triggers, at the same version, as a database they built.
  @Test func aSnapshotHasTheSchemaOfAMigratedDatabase() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.november, in: directory, name: "s.sqlite")
    let head = try #require(try registry.auditTrail.head()?.seq)
    func schema(_ database: Database) throws -> [String] {
      try database.query(
        """
        SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%'
        ORDER BY type, name
        """
      ).map {
        "\($0.optionalText("type") ?? "") \($0.optionalText("name") ?? "") "
          + "\($0.optionalText("tbl_name") ?? "") \($0.optionalText("sql") ?? "")"
      }
    }
    for sequence in [head, head / 2] {
      let rebuilt = try registry.snapshot(throughEvent: sequence, at: Self.november)
      #expect(try schema(rebuilt.database) == schema(registry.database))
      #expect(try rebuilt.database.userVersion == registry.database.userVersion)
    }
  }

  @Test func theTrailRebuildsEveryTableAsItIs() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.november, in: directory, name: "s.sqlite")
    let head = try #require(try registry.auditTrail.head()?.seq)
    let rebuilt = try registry.snapshot(throughEvent: head, at: Self.november)
    func tables(_ database: Database) throws -> String {
      try snapshot(database).split(separator: "\n").filter { !$0.hasPrefix("audit_events: ") }
        .joined(separator: "\n")
    }
    #expect(try tables(rebuilt.database) == tables(registry.database))
    #expect(try rebuilt.check() == registry.check())
  }

  @Test func anEarlierPointOfTheTrailRebuildsTheInventoryAsItWasThen() throws {
    let directory = try TemporaryDirectory()
    let june = Timestamp.parse("2026-06-09T00:00:00Z")!
    let then = try SampleHistoryTests.build(at: june, in: directory, name: "june.sqlite")
    let now = try SampleHistoryTests.build(at: Self.november, in: directory, name: "now.sqlite")
    let head = try #require(try then.auditTrail.head()?.seq)
    let rebuilt = try now.snapshot(throughEvent: head, at: june)
    func tables(_ database: Database) throws -> String {
      try snapshot(database).split(separator: "\n").filter { !$0.hasPrefix("audit_events: ") }
        .joined(separator: "\n")
    }
    #expect(try tables(rebuilt.database) == tables(then.database))
    #expect(try rebuilt.check() == then.check())
    #expect(try rebuilt.reviewStatus() == then.reviewStatus())
  }

  @Test func theSampleQuarterHoldsWhatHappenedInIt() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.november, in: directory, name: "s.sqlite")
    let q2 = try registry.quarterlyReport(Quarter("2026-Q2")!, toolVersion: "")
    #expect(q2.quarterEnded && q2.asOf == "2026-06-30T23:59:59Z")
    #expect(q2.activity.materialChanges.map(\.changed) == [["provider gemini"]])
    #expect(q2.activity.providersAdded.map(\.provider) == ["gemini"])
    #expect(q2.activity.reviewRounds.contains { $0.feature == "email-ai" && $0.status == .voided })

    let q3 = try registry.quarterlyReport(Self.q3, toolVersion: "")
    #expect(
      q3.activity.statusChanges.map { "\($0.feature) \($0.to.rawValue)" } == [
        "customer-agent suspended", "send-time-v1 retired", "segments-ai launched",
      ])
    #expect(q3.activity.featuresAdded.map(\.feature).contains("segments-ai"))
    // Q3 starts where Q2 ended.
    #expect(q3.summary.features.previous == q2.summary.features.count)
    #expect(q3.summary.byStatus.map(\.previous) == q2.summary.byStatus.map { $0.count })
    // The trail position is the last event of the quarter.
    let events = try registry.auditTrail.events()
    let last = try #require(events.last { $0.at < "2026-10-01T00:00:00Z" })
    #expect(q3.trail == QuarterlyReport.TrailPosition(events: last.seq, head: last.hash))
    // The check is the one that ran at the quarter's end, on the inventory of then.
    let then = try registry.snapshot(throughEvent: last.seq, at: Timestamp.parse(q3.asOf)!)
    #expect(q3.check == (try then.check()))
    #expect(q3.signOffMatrix.rows.count == q3.check.featuresChecked)
    let agent = try #require(q3.signOffMatrix.rows.first { $0.feature == "customer-agent" })
    #expect(agent.roundStatus == .withdrawn && agent.cells[1] == .pending)
    // Heat maps count every risk that is not closed exactly once.
    #expect(q3.risks.inherent.joined().reduce(0, +) == q3.risks.count)
    #expect(
      q3.risks.residual.joined().reduce(0, +) + q3.risks.residualUnassessed == q3.risks.count)
    #expect(q3.risks.unmitigated.allSatisfy { $0.level >= .high && $0.mitigationsInPlace == 0 })
  }

  @Test func aQuarterThatHasNotBegunIsRefused() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    #expect(throws: AIGovError.self) {
      try registry.quarterlyReport(Quarter("2027-Q1")!, toolVersion: "")
    }
    // An empty inventory still gives a whole report.
    let empty = try registry.quarterlyReport(Quarter("2026-Q4")!, toolVersion: "")
    #expect(empty.trail.head == nil && empty.summary.features.count == 0)
    #expect(QuarterlyReportMarkdown().render(empty).contains("None."))
  }

  @Test(arguments: [
    ("2026-Q3", "2026-07-01", "2026-09-30"), ("2026-q1", "2026-01-01", "2026-03-31"),
    ("2024-Q2", "2024-04-01", "2024-06-30"), ("1999-Q4", "1999-10-01", "1999-12-31"),
    ("9999-Q4", "9999-10-01", "9999-12-31"),
  ])
  func quartersAreRead(_ text: String, _ first: String, _ last: String) throws {
    let quarter = try #require(Quarter(text))
    #expect(quarter.firstDay == first && quarter.lastDay == last)
    #expect(quarter.next.previous == quarter && quarter.next > quarter)
    #expect(Quarter(containing: quarter.end.addingTimeInterval(-1)) == quarter)
  }

  @Test func everyQuarterStartsAtMidnightOfItsFirstDay() throws {
    for year in [1, 1600, 1900, 1969, 1970, 2000, 2024, 2026, 2100, 9999] {
      for number in 1...4 {
        let quarter = Quarter(year: year, number: number)
        #expect(Timestamp.format(quarter.start) == quarter.firstDay + "T00:00:00Z")
        // A time given to aigov falls in the years it accepts.
        #expect(
          quarter.start == Timestamp.parse(quarter.firstDay)
            || !Timestamp.years.contains(year))
        #expect(quarter.end == quarter.next.start)
      }
    }
    // The last representable quarter still has a next one.
    #expect(Quarter(year: 9999, number: 4).next.description == "10000-Q1")
  }

  @Test(arguments: [
    "2026-Q5", "2026-Q0", "2026Q3", "26-Q3", "2026-3", "2026-Q", "Q3-2026", "0000-Q1", "2026-Q+",
    "",
  ])
  func malformedQuartersAreNot(_ text: String) {
    #expect(Quarter(text) == nil)
  }

  @Test func hostileTextIsEscapedForEachFormat() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    let hostile = "<script>alert(1)</script> | x\n# =cmd \u{1B}[2J \u{202E}evil & 'q\""
    try registry.addProvider(ProviderDraft(key: "llm", name: "placeholder", kind: .llm))
    try registry.addFeature(
      FeatureDraft(
        key: "hostile", name: "placeholder", purpose: "placeholder", category: .generative,
        servingUse: .accountOnly, trainingUse: .none, owner: "placeholder"))
    try registry.linkProvider(featureKey: "hostile", providerKey: "llm", model: "", purpose: "")
    try registry.addRisk(
      featureKey: "hostile",
      RiskDraft(
        title: "placeholder", category: .privacy, likelihood: 5, impact: 5, owner: "placeholder"))
    // A comment a reviewer may write, shown in the quarter's sign-offs.
    try registry.addReviewer(
      handle: "rev", name: "Rev", email: "rev@example.com", disciplines: [.privacy])
    try registry.openReview("hostile")
    try registry.acting(as: "rev").signOff(
      "hostile", discipline: .privacy, decision: .changesRequested,
      comment: "<script>alert(2)</script> | y\n# z")
    // A failed measurement and an open incident, listed among the decisions needed.
    var plan = MonitoringPlanDraft(
      metric: "accuracy", kind: .metric, cadenceDays: 30, owner: "placeholder")
    plan.direction = .atLeast
    plan.threshold = "0.9"
    try registry.addMonitoringPlan(featureKey: "hostile", plan)
    try registry.recordMonitoringResult(
      featureKey: "hostile", metric: "accuracy", value: "0.5", passed: nil, measuredAt: nil)
    try registry.openIncident(
      IncidentDraft(
        reference: "INC-1", title: "placeholder", category: .other, severity: .high,
        occurredAt: "2026-11-21", features: ["hostile"]))
    // Values no field accepts, as a database written behind aigov's back may hold them.
    try registry.database.execute("UPDATE monitoring_plans SET owner = ?", [hostile])
    try registry.database.execute("UPDATE incidents SET title = ?", [hostile])
    try registry.database.execute("UPDATE providers SET name = ?", [hostile])
    try registry.database.execute(
      "UPDATE features SET name = ?, purpose = ?, owner = ?", [hostile, hostile, hostile])
    try registry.database.execute("UPDATE risks SET title = ?, owner = ?", [hostile, hostile])
    let report = try registry.quarterlyReport(Quarter("2026-Q4")!, toolVersion: "0.1.0")
    let rendered = try Self.render(report)

    let html = try #require(rendered[.html])
    #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&amp; &#39;q&quot;"))
    let markdown = try #require(rendered[.markdown])
    #expect(markdown.contains(##"\<script\>alert(1)\</script\> \| x \# =cmd"##))
    #expect(!markdown.contains("| x\n") && !markdown.contains("</script>"))
    #expect(markdown.contains(##"\<script\>alert(2)\</script\> \| y \# z"##))
    #expect(html.contains("&lt;script&gt;alert(2)&lt;/script&gt; | y"))
    for text in [html, markdown] {
      #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
      #expect(text.contains("‹U+001B›") && text.contains("‹U+202E›evil"))
    }
    let decoded = try JSONDecoder().decode(
      QuarterlyReport.self, from: Data(try #require(rendered[.json]).utf8))
    #expect(decoded.risks.highest.first?.title == hostile)
    #expect(decoded.needsDecision.openIncidents.first?.title == hostile)
    #expect(decoded.needsDecision.failedMonitoring.first?.owner == hostile)
    #expect(html.contains("<svg class=\"trend\"") && html.contains("class=\"fail\""))
    #expect(decoded == report)
  }
}
