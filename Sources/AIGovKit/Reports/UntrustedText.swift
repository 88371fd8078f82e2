/// Text from the database is untrusted, whoever wrote it: before it goes anywhere it is made
/// visible (no control character or bidirectional override passes as itself), then escaped for
/// where it goes.
public enum UntrustedText {
  /// Control characters (but line feed and tab), DEL, C1 controls and the bidirectional
  /// formatting characters, each written as `‹U+202E›`, so a value cannot hide or reorder text.
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isHidden) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
      if isHidden(scalar) {
        result += "‹U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + "›"
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
    switch scalar.value {
    case 0x0A, 0x09: false
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
