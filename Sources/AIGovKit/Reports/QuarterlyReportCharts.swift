/// The quarterly report's charts as inline SVG: no scripts, no fonts or images fetched. They draw
/// only counts and fixed vocabulary, never text from the database.
enum QuarterlyReportCharts {
  /// Horizontal bars, one per tally, with a tick at the previous quarter's count.
  static func bars(_ tallies: [QuarterlyReport.Tally], title: String) -> String {
    let labelWidth = 96
    let barSpace = 190
    let rowHeight = 24
    let height = tallies.count * rowHeight + 34
    let largest = max(1, tallies.map { max($0.count, $0.previous ?? 0) }.max() ?? 1)
    func length(_ count: Int) -> Int { count * barSpace / largest }
    var svg = [
      "<svg class=\"chart\" viewBox=\"0 0 380 \(height)\" "
        + "width=\"380\" height=\"\(height)\" role=\"img\" aria-label=\"\(title)\">",
      "<title>\(title)</title>",
    ]
    for (index, tally) in tallies.enumerated() {
      let y = index * rowHeight + 4
      svg.append(
        "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\" class=\"label\">"
          + "\(UntrustedText.html(tally.term))</text>")
      svg.append(
        "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length(tally.count))\" height=\"16\" "
          + "rx=\"2\" class=\"bar\"/>")
      if let previous = tally.previous {
        let x = labelWidth + length(previous)
        svg.append(
          "<line x1=\"\(x)\" y1=\"\(y)\" x2=\"\(x)\" y2=\"\(y + 22)\" class=\"previous\"/>")
      }
      svg.append(
        "<text x=\"\(labelWidth + length(tally.count) + 6)\" y=\"\(y + 15)\" class=\"value\">"
          + "\(tally.count) (\(QuarterlyReport.change(tally)))</text>")
    }
    let legendY = tallies.count * rowHeight + 22
    svg.append(
      "<line x1=\"\(labelWidth)\" y1=\"\(legendY - 10)\" x2=\"\(labelWidth)\" y2=\"\(legendY + 2)\" "
        + "class=\"previous\"/>")
    svg.append(
      "<text x=\"\(labelWidth + 6)\" y=\"\(legendY)\" class=\"legend\">previous quarter's end"
        + "</text>")
    svg.append("</svg>")
    return svg.joined(separator: "\n")
  }

  /// A likelihood × impact grid: likelihood 5 at the top, impact 1 at the left; each cell
  /// coloured by the level its score falls in and holding its count.
  static func heatMap(_ grid: [[Int]], title: String) -> String {
    let cell = 46
    let left = 44
    let top = 8
    let size = 5 * cell
    var svg = [
      "<svg class=\"heat\" viewBox=\"0 0 \(left + size + 10) "
        + "\(top + size + 44)\" width=\"\(left + size + 10)\" height=\"\(top + size + 44)\" "
        + "role=\"img\" aria-label=\"\(title)\">",
      "<title>\(title)</title>",
    ]
    for likelihood in 1...5 {
      let y = top + (5 - likelihood) * cell
      svg.append(
        "<text x=\"\(left - 8)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"end\" class=\"label\">"
          + "\(likelihood)</text>")
      for impact in 1...5 {
        let x = left + (impact - 1) * cell
        let count = grid[likelihood - 1][impact - 1]
        let level = RiskLevel(score: Risk.score(likelihood: likelihood, impact: impact)).rawValue
        svg.append(
          "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" rx=\"3\" "
            + "class=\"cell \(level)\(count == 0 ? " empty" : "")\"/>")
        if count > 0 {
          svg.append(
            "<text x=\"\(x + cell / 2 - 1)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"middle\" "
              + "class=\"count\">\(count)</text>")
        }
      }
    }
    for impact in 1...5 {
      svg.append(
        "<text x=\"\(left + (impact - 1) * cell + cell / 2 - 1)\" y=\"\(top + size + 16)\" "
          + "text-anchor=\"middle\" class=\"label\">\(impact)</text>")
    }
    svg.append(
      "<text x=\"\(left + size / 2)\" y=\"\(top + size + 36)\" text-anchor=\"middle\" "
        + "class=\"axis\">impact →</text>")
    svg.append(
      "<text x=\"12\" y=\"\(top + size / 2)\" text-anchor=\"middle\" class=\"axis\" "
        + "transform=\"rotate(-90 12 \(top + size / 2))\">likelihood →</text>")
    svg.append("</svg>")
    return svg.joined(separator: "\n")
  }
}
