#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Text from the database is untrusted, whoever wrote it: before it goes anywhere it is made
/// visible (no control character or bidirectional override passes as itself), then escaped for
/// where it goes.
public enum UntrustedText {
  /// Control characters (but line feed and tab), DEL, C1 controls and the bidirectional
  /// formatting characters, each written as `‹U+202E›`, so a value cannot hide or reorder text.
  public static func visible(_ text: String) -> String {
    escaping(text, where: isHidden)
  }

  /// As `visible`, and line feeds and tabs too: for one line of a table or a message.
  public static func visibleOnOneLine(_ text: String) -> String {
    escaping(text) { $0 == "\n" || $0 == "\t" || isHidden($0) }
  }

  private static func escaping(_ text: String, where isHidden: (Unicode.Scalar) -> Bool) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if isHidden(scalar) {
        result += "‹U+" + scalar.hexDigits + "›"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// JSON text with every DEL, C1 control, bidirectional formatting character and Unicode line or
  /// paragraph separator written as a `\uXXXX` escape: the same JSON to a parser, nothing hidden or
  /// reordered on a terminal. JSON encoders escape the other controls already, and these can
  /// stand only inside strings, so escaping them never changes the JSON's structure.
  public static func json(_ data: Data) -> Data {
    guard let escaped = data.withUnsafeBytes({ jsonEscaping($0) }) else { return data }
    return Data(escaped.utf8)
  }

  /// As `json(_:)`, for JSON held as bytes.
  public static func json(_ bytes: [UInt8]) -> [UInt8] {
    guard let escaped = bytes.withUnsafeBytes({ jsonEscaping($0) }) else { return bytes }
    return Array(escaped.utf8)
  }

  /// The JSON with its hidden characters escaped, or nil when it holds none. Only a byte of 0x7F
  /// or above can begin one, so ASCII is passed over without decoding it.
  private static func jsonEscaping(_ bytes: UnsafeRawBufferPointer) -> String? {
    guard bytes.contains(where: { $0 >= 0x7F }) else { return nil }
    let text = String(decoding: bytes, as: UTF8.self)
    let isHiddenInJSON: (Unicode.Scalar) -> Bool = {
      ($0.isControl && $0.value >= 0x7F) || $0.isBidirectionalFormatting
        || $0.value == 0x2028 || $0.value == 0x2029
    }
    guard text.unicodeScalars.contains(where: isHiddenInJSON) else { return nil }
    var result = ""
    for scalar in text.unicodeScalars {
      if isHiddenInJSON(scalar) {
        result += "\\u" + scalar.hexDigits.lowercased()
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// For Markdown: one line (line breaks become spaces), with every character that could start
  /// markup, break a table cell or a heading, or form an entity escaped with a backslash.
  public static func markdown(_ text: String) -> String {
    var result = ""
    for character in visible(text) {
      switch character {
      case "\n", "\r\n", "\t": result.append(" ")
      case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&", "!", "{", "}":
        result.append("\\")
        result.append(character)
      default: result.append(character)
      }
    }
    return result
  }

  /// For HTML text and attribute values: `& < > " '` escaped.
  public static func html(_ text: String) -> String {
    var result = ""
    for character in visible(text) {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    scalar != "\n" && scalar != "\t" && (scalar.isControl || scalar.isBidirectionalFormatting)
  }
}
