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

  /// The years a time may fall in.
  public static let years = 1970...9999

  /// Reads `2026-11-22T09:30:00Z`, an offset such as `+02:00` instead of `Z`, or a bare day
  /// (`2026-11-22`, taken as midnight UTC), strictly: a real day of a year in `years`, hours 00-23,
  /// minutes and seconds 00-59, no fraction. Nil for anything else.
  public static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 10,
      let days = daysSinceEpoch(String(decoding: bytes[0..<10], as: UTF8.self))
    else { return nil }
    if bytes.count == 10 { return Date(timeIntervalSince1970: TimeInterval(days * 86_400)) }
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count,
        bytes[range].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
      else { return nil }
      return Int(String(decoding: bytes[range], as: UTF8.self))
    }
    guard bytes.count == 20 || bytes.count == 25, bytes[10] == UInt8(ascii: "T"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let hour = number(11..<13), hour < 24, let minute = number(14..<16), minute < 60,
      let second = number(17..<19), second < 60
    else { return nil }
    var offset = 0
    if bytes.count == 20 {
      guard bytes[19] == UInt8(ascii: "Z") else { return nil }
    } else {
      guard bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-"),
        bytes[22] == UInt8(ascii: ":"), let hours = number(20..<22), hours < 24,
        let minutes = number(23..<25), minutes < 60
      else { return nil }
      offset = (hours * 60 + minutes) * 60 * (bytes[19] == UInt8(ascii: "+") ? 1 : -1)
    }
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset
    let date = Date(timeIntervalSince1970: TimeInterval(seconds))
    // An offset must not carry the time out of the years accepted.
    guard let year = Int(format(date).prefix(4)), years.contains(year), seconds >= 0 else {
      return nil
    }
    return date
  }

  /// Days from 1970-01-01 to a real day written `YYYY-MM-DD` of a year in `years`.
  static func daysSinceEpoch(_ text: String) -> Int? {
    guard isValidDay(text), let year = Int(text.prefix(4)), years.contains(year),
      let month = Int(text.dropFirst(5).prefix(2)), let day = Int(text.suffix(2))
    else { return nil }
    // Howard Hinnant's days-from-civil.
    let y = month <= 2 ? year - 1 : year
    let era = y / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
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
