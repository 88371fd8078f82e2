import Foundation

/// A calendar quarter in UTC, written `2026-Q3`.
public struct Quarter: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  /// 1 to 4.
  public let number: Int

  public init?(year: Int, number: Int) {
    guard (1...9999).contains(year), (1...4).contains(number) else { return nil }
    self.year = year
    self.number = number
  }

  /// Reads `2026-Q3` (a lowercase `q` too), years 1970 to 9998; nil for anything else.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCII),
      let year = Int(parts[0]), (1970...9998).contains(year), parts[1].count == 2,
      parts[1].first == "Q" || parts[1].first == "q",
      let number = Int(parts[1].dropFirst())
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
  public var start: Date { Timestamp.parse(firstDay) ?? .distantPast }

  /// The first moment after it: the start of the next quarter.
  public var end: Date { next.start }

  public var previous: Quarter {
    number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)!
  }

  public var next: Quarter {
    number == 4 ? Quarter(year: year + 1, number: 1)! : Quarter(year: year, number: number + 1)!
  }

  public static func < (lhs: Quarter, rhs: Quarter) -> Bool {
    (lhs.year, lhs.number) < (rhs.year, rhs.number)
  }

  private static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
    String(format: "%04d-%02d-%02d", year, month, day)
  }
}
