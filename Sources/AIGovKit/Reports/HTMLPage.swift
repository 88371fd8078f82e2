/// An HTML page being written line by line.
struct HTMLPage {
  private var lines: [String] = []

  mutating func add(_ new: String...) { lines += new }

  mutating func section(_ id: String, _ title: String) {
    lines.append("<section id=\"\(id)\">")
    lines.append("<h2>\(title)</h2>")
  }

  /// A table, or a line saying there is nothing; cells are HTML already. Columns in `numeric`
  /// are right-aligned.
  mutating func table(
    _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], className: String? = nil
  ) {
    guard !rows.isEmpty else { return add("<p class=\"none\">None.</p>") }
    func cell(_ tag: String, _ index: Int, _ content: String) -> String {
      numeric.contains(index)
        ? "<\(tag) class=\"num\">\(content)</\(tag)>" : "<\(tag)>\(content)</\(tag)>"
    }
    lines.append(className.map { "<table class=\"\($0)\">" } ?? "<table>")
    lines.append(
      "<thead><tr>" + header.enumerated().map { cell("th", $0.offset, $0.element) }.joined()
        + "</tr></thead><tbody>")
    for row in rows {
      lines.append(
        "<tr>" + row.enumerated().map { cell("td", $0.offset, $0.element) }.joined() + "</tr>")
    }
    lines.append("</tbody></table>")
  }

  /// The whole page: `title` is HTML already.
  func document(title: String, style: String) -> String {
    Self.document(title: title, style: style, body: lines)
  }

  static func document(title: String, style: String, body: [String]) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(UntrustedText.html(title))</title>
    <style>
    \(style)
    </style>
    </head>
    <body>
    <main>
    \(body.joined(separator: "\n"))
    </main>
    </body>
    </html>

    """
  }
}
