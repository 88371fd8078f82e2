import AIGovKit

/// Text on its way to a terminal. Stored values are made visible where the renderers put them
/// (`visible`); this is the last pass over everything written, so that a value a renderer missed
/// still cannot drive the terminal: every control character and bidirectional formatting
/// character is shown as its code, except line feeds, tabs and, in styled output, the styles of
/// `Style` itself.
enum TerminalText {
  static func sanitized(_ text: String, allowingStyles: Bool) -> String {
    guard allowingStyles else { return UntrustedText.visible(text) }
    // Everything between aigov's own style sequences is made visible; the sequences stay.
    let scalars = text.unicodeScalars
    var result = ""
    var start = scalars.startIndex
    var searchFrom = scalars.startIndex
    while let escape = scalars[searchFrom...].firstIndex(of: "\u{1B}") {
      searchFrom = scalars.index(after: escape)
      guard let style = styleSequences.first(where: { scalars[escape...].starts(with: $0) })
      else { continue }
      result += UntrustedText.visible(String(scalars[start..<escape])) + String(style)
      start = scalars.index(escape, offsetBy: style.count)
      searchFrom = start
    }
    return result + UntrustedText.visible(String(scalars[start...]))
  }

  private static let styleSequences = (Style.allCases.map(\.rawValue) + ["0"]).map {
    "\u{1B}[\($0)m".unicodeScalars
  }
}

extension String {
  /// A stored value for text output: control and bidirectional formatting characters shown as
  /// their codes (line feeds and tabs kept).
  var visible: String { UntrustedText.visible(self) }

  /// A stored value for one line of text output: as `visible`, line feeds and tabs shown too.
  var visibleOnOneLine: String { UntrustedText.visibleOnOneLine(self) }

  /// The text with every line after the first indented by `width` spaces, so that a value of
  /// several lines continues under its first line.
  func continuingLines(indentedBy width: Int) -> String {
    split(separator: "\n", omittingEmptySubsequences: false)
      .joined(separator: "\n" + String(repeating: " ", count: width))
  }
}
