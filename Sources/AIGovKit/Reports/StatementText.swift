/// The small subset of Markdown a company statement's body may use, read once and written for
/// each format: paragraphs (separated by a blank line), lists (lines starting `- `), and links
/// (`[words](https://...)`) to an https URL a reader may follow. Everything else is text, shown
/// as written and escaped for its format, so a body can carry no other markup, script or
/// formula.
public struct StatementText: Equatable, Sendable {
  public enum Block: Equatable, Sendable {
    case paragraph([Inline])
    case list([[Inline]])
  }

  public enum Inline: Equatable, Sendable {
    case text(String)
    case link(words: String, url: String)
  }

  public let blocks: [Block]

  public init(_ body: String) {
    var blocks: [Block] = []
    var lines: [Substring] = []
    func flush() {
      defer { lines = [] }
      guard !lines.isEmpty else { return }
      if lines.allSatisfy({ $0.hasPrefix("- ") }) {
        blocks.append(.list(lines.map { Self.inlines(String($0.dropFirst(2))) }))
      } else {
        blocks.append(
          .paragraph(Self.inlines(lines.map { $0.trimmingWhitespace() }.joined(separator: " "))))
      }
    }
    for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingWhitespace()
      if trimmed.isEmpty { flush() } else { lines.append(Substring(trimmed)) }
    }
    flush()
    self.blocks = blocks
  }

  /// Text with its links: `[words](url)` where the URL is one a reader may follow.
  static func inlines(_ text: String) -> [Inline] {
    var result: [Inline] = []
    var plain = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "[") {
      plain += rest[..<open]
      let afterOpen = rest[rest.index(after: open)...]
      if let close = afterOpen.firstIndex(of: "]"),
        afterOpen[afterOpen.index(after: close)...].hasPrefix("("),
        let end = afterOpen[close...].firstIndex(of: ")")
      {
        let words = String(afterOpen[..<close])
        let url = String(afterOpen[afterOpen.index(close, offsetBy: 2)..<end])
        if !words.isEmpty, !words.contains("["), TextField.httpsURLProblem(in: url) == nil {
          if !plain.isEmpty { result.append(.text(plain)) }
          plain = ""
          result.append(.link(words: words, url: url))
          rest = afterOpen[afterOpen.index(after: end)...]
          continue
        }
      }
      plain += "["
      rest = afterOpen
    }
    plain += rest
    if !plain.isEmpty { result.append(.text(plain)) }
    return result
  }

  /// The body as HTML: `<p>`, `<ul>` and `<a>`, every text escaped.
  public var html: String {
    render(
      text: UntrustedText.html,
      link: { words, url in
        "<a href=\"\(UntrustedText.html(url))\" rel=\"noopener noreferrer\">"
          + "\(UntrustedText.html(words))</a>"
      },
      paragraph: { "<p>\($0)</p>" },
      list: { "<ul>" + $0.map { "<li>\($0)</li>" }.joined() + "</ul>" }, separator: "\n")
  }

  /// The body as Markdown: its own paragraphs, lists and links, every text escaped.
  public var markdown: String {
    render(
      text: UntrustedText.markdown,
      link: { words, url in "[\(UntrustedText.markdown(words))](<\(url)>)" },
      paragraph: { $0 }, list: { $0.map { "- " + $0 }.joined(separator: "\n") },
      separator: "\n\n")
  }

  /// The body as plain text for a terminal: links as `words <url>`, nothing escaped here (the
  /// terminal's own escaping makes it visible).
  public var plain: String {
    render(
      text: { $0 }, link: { words, url in "\(words) <\(url)>" }, paragraph: { $0 },
      list: { $0.map { "- " + $0 }.joined(separator: "\n") }, separator: "\n\n")
  }

  /// The blocks written by the given pieces: how a text and a link read, and how a paragraph
  /// and a list wrap what they hold.
  private func render(
    text: (String) -> String, link: (String, String) -> String,
    paragraph: (String) -> String, list: ([String]) -> String, separator: String
  ) -> String {
    func inline(_ parts: [Inline]) -> String {
      parts.map { part in
        switch part {
        case .text(let words): text(words)
        case .link(let words, let url): link(words, url)
        }
      }.joined()
    }
    return blocks.map { block in
      switch block {
      case .paragraph(let parts): paragraph(inline(parts))
      case .list(let items): list(items.map(inline))
      }
    }.joined(separator: separator)
  }
}
