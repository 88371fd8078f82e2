import AIGovKit
import Foundation
import Testing

/// The rules of governance after launch that are pure arithmetic: the reporting deadlines of the
/// EU AI Act and the GDPR, and judging a measurement against its threshold.
@Suite struct AfterLaunchRuleTests {
  static let aware = Timestamp.parse("2026-09-01T08:00:00Z")!

  @Test(arguments: [
    (SeriousIncidentKind.general, "2026-09-16T08:00:00Z"),
    (.death, "2026-09-11T08:00:00Z"),
    (.widespread, "2026-09-03T08:00:00Z"),
  ])
  func seriousIncidentsAreDueDaysAfterAwareness(kind: SeriousIncidentKind, due: String) {
    let deadlines = ReportingDeadline.deadlines(
      awareAt: Self.aware, serious: kind, personalDataBreach: false, authorityReportedAt: nil,
      breachReportedAt: nil)
    #expect(deadlines.map(\.regime) == [.euAIActSeriousIncident])
    #expect(deadlines.map { Timestamp.format($0.due) } == [due])
  }

  @Test func aBreachIsDueSeventyTwoHoursAfterAwarenessAndStandsAsOfATime() {
    let made = Timestamp.parse("2026-09-04T07:59:59Z")!
    let deadlines = ReportingDeadline.deadlines(
      awareAt: Self.aware, serious: nil, personalDataBreach: true, authorityReportedAt: nil,
      breachReportedAt: made)
    #expect(deadlines.map { Timestamp.format($0.due) } == ["2026-09-04T08:00:00Z"])
    #expect(deadlines[0].standing(at: made) == .met)
    var late = deadlines[0]
    late.reportedAt = Timestamp.parse("2026-09-04T08:00:01Z")
    #expect(late.standing(at: made) == .missedButMade)
    late.reportedAt = nil
    #expect(late.standing(at: Timestamp.parse("2026-09-04T08:00:00Z")!) == .due)
    #expect(late.standing(at: Timestamp.parse("2026-09-04T08:00:01Z")!) == .overdue)
    #expect(
      ReportingDeadline.deadlines(
        awareAt: Self.aware, serious: nil, personalDataBreach: false, authorityReportedAt: nil,
        breachReportedAt: nil
      ).isEmpty)
  }

  @Test func measurementsAreReadAsWrittenAndComparedExactly() throws {
    for text in ["0.92", "-3", "250", "0.1", "100000000000000000"] {
      #expect(MeasuredValue(text)?.text == text)
    }
    for text in ["", "-", ".5", "1.", "1e3", " 1", "1,5", "nan", "0x10", "1.2.3", "١٢"] {
      #expect(MeasuredValue(text) == nil, "\(text)")
    }
    let threshold = try #require(MeasuredValue("0.3"))
    // "0.30" is the threshold itself, written with another digit: it passes both ways.
    #expect(try #require(MeasuredValue("0.30")).passes(threshold, .atLeast))
    #expect(try #require(MeasuredValue("0.30")).passes(threshold, .atMost))
    #expect(!(try #require(MeasuredValue("0.29999")).passes(threshold, .atLeast)))
    #expect(try #require(MeasuredValue("-1")).passes(threshold, .atMost))
  }
}
