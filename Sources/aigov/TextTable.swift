/// An aligned table for text output: a header row, then one row per record.
struct TextTable {
  var headers: [String]
  var rows: [[String]] = []
  /// A style for a cell, chosen from its column and text; applied after padding so that the
  /// escape codes do not upset the alignment.
  var style: (Int, String) -> Style? = { _, _ in nil }

  init(_ headers: String...) {
    self.headers = headers
  }

  init(_ headers: [String]) {
    self.headers = headers
  }

  /// Adds a row; each cell is one line, its control characters shown as their codes.
  mutating func append(_ row: [String]) {
    rows.append(row.map(\.visibleOnOneLine))
  }

  func render(color: Bool) -> String {
    var widths = headers.map(\.count)
    for row in rows {
      for (column, cell) in row.enumerated() where column < widths.count {
        widths[column] = max(widths[column], cell.count)
      }
    }
    func line(_ cells: [String], styleFor: (Int, String) -> Style?) -> String {
      cells.enumerated().map { column, cell in
        let isLast = column == cells.count - 1
        let padded = isLast ? cell : cell.padded(to: widths[column])
        guard let style = styleFor(column, cell) else { return padded }
        return style.apply(cell, when: color) + padded.dropFirst(cell.count)
      }.joined(separator: "  ")
    }
    var lines = [line(headers) { _, _ in .bold }]
    lines += rows.map { line($0, styleFor: style) }
    return lines.joined(separator: "\n")
  }
}

extension String {
  /// The text followed by spaces up to `width` characters; longer text is left whole.
  func padded(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
