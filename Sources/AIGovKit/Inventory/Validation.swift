/// Checks on single values, shared by every record. Each failure names the value and what was
/// expected.
public enum Validation {
  /// A key: lowercase letters, digits and dashes, starting with a letter or digit, 2-64 long.
  public static func key(_ value: String, field: String = "key") throws {
    guard isIdentifier(value, upperCase: false, punctuation: "-") else {
      throw AIGovError.invalidValue(
        field: field, value: value,
        expected: "2-64 lowercase letters, digits and dashes, starting with a letter or digit")
    }
  }

  /// A reviewer's handle: like a key, but dots and underscores are allowed too.
  static func handle(_ value: String) throws {
    guard isIdentifier(value, upperCase: false, punctuation: "-._") else {
      throw AIGovError.invalidValue(
        field: "handle", value: value,
        expected: "2-64 lowercase letters, digits, dots, dashes or underscores, "
          + "starting with a letter or digit")
    }
  }

  /// An incident's reference, as the company writes it: `INC-2291`.
  static func reference(_ value: String) throws {
    guard isIdentifier(value, upperCase: true, punctuation: "-._") else {
      throw AIGovError.invalidValue(
        field: "reference", value: value,
        expected: "2-64 letters, digits, dots, dashes or underscores, starting with a letter or "
          + "digit, such as INC-2291")
    }
  }

  /// 2-64 ASCII letters (lowercase only, unless `upperCase`), digits and `punctuation`,
  /// starting with a letter or digit.
  private static func isIdentifier(_ value: String, upperCase: Bool, punctuation: String) -> Bool {
    let scalars = Array(value.unicodeScalars)
    func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
      isLowerAlphanumeric(scalar) || (upperCase && ("A"..."Z").contains(scalar))
    }
    return (2...64).contains(scalars.count)
      && scalars.allSatisfy { isAlphanumeric($0) || punctuation.unicodeScalars.contains($0) }
      && isAlphanumeric(scalars[0])
  }

  static func nonEmpty(_ value: String, field: String) throws {
    if value.allSatisfy(\.isWhitespace) {
      throw AIGovError.missingValue(field: field, reason: "it must not be empty")
    }
  }

  static func range(_ value: Int, _ range: ClosedRange<Int>, field: String) throws {
    guard range.contains(value) else {
      throw AIGovError.invalidValue(
        field: field, value: String(value),
        expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
    }
  }

  static func day(_ value: String?, field: String) throws {
    guard let value else { return }
    guard Timestamp.isValidDay(value) else {
      throw AIGovError.invalidValue(
        field: field, value: value, expected: "a calendar day written YYYY-MM-DD")
    }
  }

  static func email(_ value: String) throws {
    let parts = value.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
      !value.contains(where: \.isWhitespace)
    else {
      throw AIGovError.invalidValue(
        field: "email", value: value, expected: "an address like name@example.com")
    }
  }

  private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
  }
}

extension StringProtocol {
  /// The text without the spaces, tabs and line breaks (any Unicode white space) at either end.
  public func trimmingWhitespace() -> String {
    guard let first = firstIndex(where: { !$0.isWhitespace }),
      let last = lastIndex(where: { !$0.isWhitespace })
    else { return "" }
    return String(self[first...last])
  }
}
