import Foundation

/// Where output goes: data to stdout, messages and errors to stderr.
enum Console {
  /// Writes data to stdout.
  static func output(_ text: String) {
    FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
  }

  /// Writes a message for the person at the terminal to stderr.
  static func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }

  static func warning(_ text: String) {
    note("warning: " + text)
  }

  static func error(_ text: String) {
    note("error: " + text)
  }

  /// Writes `value` to stdout as JSON with sorted keys.
  static func json(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(UInt8(ascii: "\n"))
    FileHandle.standardOutput.write(data)
  }
}

/// ANSI styles for text output; applied only when colour is on.
enum Style: String {
  case bold = "1"
  case dim = "2"
  case red = "31"
  case green = "32"
  case yellow = "33"
  case blue = "34"
  case magenta = "35"

  func apply(_ text: String, when enabled: Bool) -> String {
    enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
  }
}
