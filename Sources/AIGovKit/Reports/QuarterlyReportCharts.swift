#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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

  /// One stacked column per quarter, a segment per series (coloured by the series' name, one of
  /// a fixed vocabulary), with each column's total above it and every segment's count beside
  /// the legend's name.
  static func columns(_ quarters: [String], _ series: [(String, [Int])], title: String) -> String {
    let left = 8
    let columnWidth = 44
    let gap = 22
    let plot = 120
    let top = 18
    let width = left + quarters.count * (columnWidth + gap) + 120
    let height = top + plot + 40
    let totals = quarters.indices.map { index in series.reduce(0) { $0 + $1.1[index] } }
    let largest = max(1, totals.max() ?? 1)
    var svg = [
      "<svg class=\"columns\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" "
        + "height=\"\(height)\" role=\"img\" aria-label=\"\(title)\">",
      "<title>\(title)</title>",
    ]
    for (index, quarter) in quarters.enumerated() {
      let x = left + index * (columnWidth + gap)
      var y = top + plot
      for (name, counts) in series where counts[index] > 0 {
        let length = max(1, counts[index] * plot / largest)
        y -= length
        svg.append(
          "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(columnWidth)\" height=\"\(length)\" "
            + "class=\"segment \(name)\"><title>\(name) \(counts[index])</title></rect>")
      }
      svg.append(
        "<text x=\"\(x + columnWidth / 2)\" y=\"\(y - 4)\" text-anchor=\"middle\" "
          + "class=\"value\">\(totals[index])</text>")
      svg.append(
        "<text x=\"\(x + columnWidth / 2)\" y=\"\(top + plot + 16)\" text-anchor=\"middle\" "
          + "class=\"label\">\(UntrustedText.html(quarter))</text>")
    }
    let legendX = left + quarters.count * (columnWidth + gap) + 4
    for (index, (name, counts)) in series.enumerated() {
      let y = top + index * 20
      svg.append(
        "<rect x=\"\(legendX)\" y=\"\(y)\" width=\"12\" height=\"12\" "
          + "class=\"segment \(name)\"/>")
      svg.append(
        "<text x=\"\(legendX + 18)\" y=\"\(y + 10)\" class=\"legend\">\(name) "
          + "\(counts.last ?? 0)</text>")
    }
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

  /// A metric's results across the quarter, placed by the day they were measured, with its
  /// threshold as a dashed line; a failed result is a hollow red point. Nil for a check, or a
  /// metric without a result in the quarter.
  static func trend(
    _ entry: QuarterlyReport.MonitoringEntry, from start: Date, to end: Date
  ) -> String? {
    guard entry.kind == .metric, let threshold = entry.threshold.flatMap(Double.init) else {
      return nil
    }
    let points = entry.results.compactMap { point -> (Date, Double, Bool)? in
      guard let date = Timestamp.parse(point.measuredAt),
        let value = point.value.flatMap(Double.init)
      else { return nil }
      return (date, value, point.passed)
    }
    guard !points.isEmpty else { return nil }
    let width = 220.0
    let height = 56.0
    let pad = 6.0
    var low = min(threshold, points.map(\.1).min() ?? threshold)
    var high = max(threshold, points.map(\.1).max() ?? threshold)
    if high - low < 1e-9 {
      low -= 1
      high += 1
    }
    let margin = (high - low) * 0.15
    low -= margin
    high += margin
    let span = max(1, end.timeIntervalSince(start))
    func x(_ date: Date) -> String {
      format(pad + (width - 2 * pad) * min(1, max(0, date.timeIntervalSince(start) / span)))
    }
    func y(_ value: Double) -> String {
      format(pad + (height - 2 * pad) * (1 - (value - low) / (high - low)))
    }
    let label = UntrustedText.html(
      "\(entry.metric) in the quarter, passing \(entry.direction?.rawValue ?? "") "
        + "\(entry.threshold ?? "")")
    var svg = [
      "<svg class=\"trend\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" "
        + "height=\"\(Int(height))\" role=\"img\" aria-label=\"\(label)\">",
      "<title>\(label)</title>",
      "<line x1=\"\(format(pad))\" y1=\"\(y(threshold))\" x2=\"\(format(width - pad))\" "
        + "y2=\"\(y(threshold))\" class=\"threshold\"/>",
    ]
    if points.count > 1 {
      svg.append(
        "<polyline points=\""
          + points.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ")
          + "\" class=\"line\"/>")
    }
    for (date, value, passed) in points {
      svg.append(
        "<circle cx=\"\(x(date))\" cy=\"\(y(value))\" r=\"3.5\" "
          + "class=\"\(passed ? "pass" : "fail")\"/>")
    }
    svg.append("</svg>")
    return svg.joined(separator: "\n")
  }

  /// A coordinate with at most one decimal, the same on every machine.
  private static func format(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let magnitude = abs(tenths)
    return magnitude % 10 == 0
      ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
  }
}
