import AIGovKit
import MCP

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Why a tool could not answer: a wrong argument, or something it names that does not exist.
/// Told to the assistant as the tool's result (`isError`), so that it can correct the call.
struct ToolRefusal: Error, Equatable {
  var message: String
}

/// A tool call's arguments, read one by one against what the tool declares. Each value is
/// checked for its type and range here; only checked values reach AIGovKit, and from there SQL
/// only as bound values.
struct ToolArguments {
  let tool: String
  private let values: [String: Value]

  /// Refuses a name the tool does not declare (a misspelt filter must never widen a search).
  init(tool: String, values: [String: Value]?, accepted: [String]) throws(ToolRefusal) {
    self.tool = tool
    self.values = values ?? [:]
    for name in self.values.keys.sorted() where !accepted.contains(name) {
      let expected =
        accepted.isEmpty ? "it takes none" : "expected \(accepted.joined(separator: ", "))"
      throw ToolRefusal(message: "\(tool) has no argument '\(Self.shown(name))' (\(expected))")
    }
  }

  /// The longest text argument read.
  static let maximumTextLength = 200

  func text(_ name: String) throws(ToolRefusal) -> String? {
    guard let value = values[name], !value.isNull else { return nil }
    guard case .string(let text) = value else { throw wrongType(name, value, "a string") }
    guard text.count <= Self.maximumTextLength else {
      throw ToolRefusal(
        message: "argument '\(name)' is \(text.count) characters long (expected at most "
          + "\(Self.maximumTextLength))")
    }
    return text
  }

  /// A record's key, checked for its shape.
  func key(_ name: String) throws(ToolRefusal) -> String? {
    guard let key = try text(name) else { return nil }
    do {
      try Validation.key(key, field: name)
    } catch {
      throw ToolRefusal(message: String(describing: error))
    }
    return key
  }

  func requiredKey(_ name: String) throws(ToolRefusal) -> String {
    guard let key = try key(name) else { throw missing(name) }
    return key
  }

  func term<T: Vocabulary>(_ name: String, as type: T.Type = T.self) throws(ToolRefusal) -> T? {
    guard let text = try text(name) else { return nil }
    guard let term = T(rawValue: text) else {
      throw ToolRefusal(
        message: "argument '\(name)' is '\(Self.shown(text))' (expected one of "
          + "\(T.acceptedTerms))")
    }
    return term
  }

  func integer(_ name: String, in range: ClosedRange<Int>) throws(ToolRefusal) -> Int? {
    guard let value = values[name], !value.isNull else { return nil }
    let number: Int
    switch value {
    case .int(let integer): number = integer
    case .double(let double) where double.rounded() == double && abs(double) < 1e15:
      number = Int(double)
    default: throw wrongType(name, value, "a whole number")
    }
    guard range.contains(number) else {
      throw ToolRefusal(
        message: "argument '\(name)' is \(number) (expected \(range.lowerBound) to "
          + "\(range.upperBound))")
    }
    return number
  }

  /// A time or a day, as `--now` takes them.
  func time(_ name: String) throws(ToolRefusal) -> Date? {
    guard let text = try text(name) else { return nil }
    guard let time = Timestamp.parse(text) else {
      throw ToolRefusal(
        message: "argument '\(name)' is '\(Self.shown(text))' (expected a time like "
          + "2026-11-22T09:30:00Z or a day like 2026-11-22)")
    }
    return time
  }

  /// How many items a page holds: `limit`, else `standard`.
  func limit(standard: Int, maximum: Int) throws(ToolRefusal) -> Int {
    try integer("limit", in: 1...maximum) ?? standard
  }

  /// Where a page starts: the `cursor` a previous answer gave, read by `read`.
  func cursor<T>(_ read: (String) -> T?) throws(ToolRefusal) -> T? {
    guard let text = try text("cursor") else { return nil }
    guard let cursor = read(text) else {
      throw ToolRefusal(
        message: "argument 'cursor' is '\(Self.shown(text))', which no answer of \(tool) gave "
          + "(pass the next_cursor of the previous page)")
    }
    return cursor
  }

  private func missing(_ name: String) -> ToolRefusal {
    ToolRefusal(message: "\(tool) needs the argument '\(name)'")
  }

  private func wrongType(_ name: String, _ value: Value, _ expected: String) -> ToolRefusal {
    let given =
      switch value {
      case .null: "null"
      case .bool: "a boolean"
      case .int, .double: "a number"
      case .string: "a string"
      case .data: "binary data"
      case .array: "an array"
      case .object: "an object"
      }
    return ToolRefusal(message: "argument '\(name)' is \(given) (expected \(expected))")
  }

  /// A value from the request, short and printable, for a message.
  static func shown(_ text: String) -> String {
    let printable = String(
      String.UnicodeScalarView(
        text.unicodeScalars.map {
          [.control, .format].contains($0.properties.generalCategory) ? "?" : $0
        }))
    return printable.count > 60 ? String(printable.prefix(60)) + "..." : printable
  }
}
