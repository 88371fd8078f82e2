#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A calendar quarter in UTC, written `2026-Q3`.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  /// 1 to 4.
  public let number: Int

  /// `number` is 1 to 4.
  init(year: Int, number: Int) {
    precondition((1...4).contains(number), "a year has four quarters")
    self.year = year
    self.number = number
  }

  /// Reads `2026-Q3` (a lowercase `q` too), with a four-digit year; nil for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCII),
      let year = Int(parts[0]), year >= 1, parts[1].count == 2,
      parts[1].first == "Q" || parts[1].first == "q",
      let number = Int(parts[1].dropFirst()), (1...4).contains(number)
    else { return nil }
    self.init(year: year, number: number)
  }

  /// The quarter holding `date`.
  public init(containing date: Date) {
    let day = Timestamp.format(date)
    let year = Int(day.prefix(4)) ?? 1970
    let month = Int(day.dropFirst(5).prefix(2)) ?? 1
    self.year = year
    self.number = (month - 1) / 3 + 1
  }

  public var description: String { "\(year)-Q\(number)" }

  /// The first day, `2026-07-01`.
  public var firstDay: String { Self.day(year, (number - 1) * 3 + 1, 1) }

  /// The last day, `2026-09-30`.
  public var lastDay: String {
    let month = number * 3
    return Self.day(year, month, [31, 30, 30, 31][number - 1])
  }

  /// The first moment, midnight UTC of the first day.
  public var start: Date {
    Date(timeIntervalSince1970: Double(Self.daysSince1970(year, (number - 1) * 3 + 1)) * 86_400)
  }

  /// The first moment after it: the start of the next quarter.
  public var end: Date { next.start }

  public var previous: Quarter {
    number == 1 ? Quarter(year: year - 1, number: 4) : Quarter(year: year, number: number - 1)
  }

  public var next: Quarter {
    number == 4 ? Quarter(year: year + 1, number: 1) : Quarter(year: year, number: number + 1)
  }

  public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
    (lhs.year, lhs.number) < (rhs.year, rhs.number)
  }

  /// Days from 1970-01-01 to the first of `month` in `year`, in the proleptic Gregorian calendar
  /// (Howard Hinnant's `days_from_civil`), for any year.
  private static func daysSince1970(_ year: Int, _ month: Int) -> Int {
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
    Timestamp.day(year, month, day)
  }
}
