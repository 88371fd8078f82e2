#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The text forms of times and days that aigov stores and prints: UTC ISO 8601 seconds
/// (`2026-11-22T09:30:00Z`) and calendar days (`2026-11-22`).
public enum Timestamp {
  /// `2026-11-22T09:30:00Z`.
  public static func format(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    return day(Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday)) + "T"
      + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2) + ":"
      + digits(Int(parts.tm_sec), 2) + "Z"
  }

  /// `2026-11-22` for year 2026, month 11, day 22.
  static func day(_ year: Int, _ month: Int, _ day: Int) -> String {
    digits(year, 4) + "-" + digits(month, 2) + "-" + digits(day, 2)
  }

  /// `value` in decimal, zero-padded on the left to `width` digits.
  static func digits(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
  }

  /// Reads `2026-11-22T09:30:00Z`, an offset such as `+02:00` instead of `Z`, or a bare day
  /// (`2026-11-22`, taken as midnight UTC). Nil for anything else.
  public static func parse(_ text: String) -> Date? {
    if isValidDay(text) {
      return try? Date(text + "T00:00:00Z", strategy: .iso8601)
    }
    return try? Date(text, strategy: .iso8601)
  }

  /// True for a real calendar day written `YYYY-MM-DD` (so `2026-02-30` is false).
  public static func isValidDay(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard text.utf8.count == 10, parts.count == 3,
      parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1
    else { return false }
    let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return day <= lengths[month - 1]
  }
}
