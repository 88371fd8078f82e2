import AIGovKit

/// Text on its way to a terminal. Stored values are made visible where the renderers put them
/// (`visible`); this is the last pass over everything written, so that a value a renderer missed
/// still cannot drive the terminal: every control character and bidirectional formatting
/// character is shown as its code, except line feeds, tabs and, in styled output, the styles of `Style` itself.
enum TerminalText {
  static func sanitized(_ text: String, allowingStyles: Bool) -> String {
    let scalars = Array(text.unicodeScalars)
    guard scalars.contains(where: isHidden) else { return text }
    var result = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      if allowingStyles, scalar == "\u{1B}", let length = styleLength(scalars, at: index) {
        result.append(contentsOf: scalars[index..<(index + length)])
        index += length
        continue
      }
      if isHidden(scalar) {
        result.append(contentsOf: UntrustedText.visibleOnOneLine(String(scalar)).unicodeScalars)
      } else {
        result.append(scalar)
      }
      index += 1
    }
    return String(result)
  }

  private static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
    scalar != "\n" && scalar != "\t" && UntrustedText.visible(String(scalar)) != String(scalar)
  }

  /// The length of the `Style` sequence (or its reset) starting at `index`, if one does.
  private static func styleLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
    for sequence in styleSequences {
      let end = index + sequence.count
      if end <= scalars.count, scalars[index..<end].elementsEqual(sequence) {
        return sequence.count
      }
    }
    return nil
  }

  private static let styleSequences: [[Unicode.Scalar]] =
    (Style.allCases.map(\.rawValue) + ["0"]).map { Array("\u{1B}[\($0)m".unicodeScalars) }
}

extension String {
  /// A stored value for text output: control and bidirectional formatting characters shown as
  /// their codes (line feeds and tabs kept).
  var visible: String { UntrustedText.visible(self) }

  /// A stored value for one line of text output: as `visible`, line feeds and tabs shown too.
  var visibleOnOneLine: String { UntrustedText.visibleOnOneLine(self) }
}
