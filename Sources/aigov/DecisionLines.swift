import AIGovKit
import ArgumentParser

/// One line per required discipline: its latest decision, who, when, signed or not, and why.
struct DecisionLines {
  var decisions: [DisciplineDecision]
  var color: Bool

  func render(indent: String) -> [String] {
    let reviewerWidth =
      decisions.compactMap { $0.signOff?.reviewer.visibleOnOneLine.count }.max() ?? 0
    return decisions.map { entry in
      let discipline = entry.discipline.rawValue.padded(to: 13)
      guard let signOff = entry.signOff else {
        return indent + discipline + Style.dim.apply("missing", when: color)
      }
      let word = DecisionStyle.word(signOff.decision)
      let decision =
        (DecisionStyle.style(word).map { $0.apply(word, when: color) } ?? word)
        + String(repeating: " ", count: max(1, 10 - word.count))
      let reviewer = signOff.reviewer.visibleOnOneLine.padded(to: reviewerWidth)
      var line =
        indent + discipline + decision + "\(reviewer)  \(signOff.signedAt.visibleOnOneLine)"
        + (signOff.signature == nil ? "" : "  signed")
      if !signOff.comment.isEmpty { line += "  \"\(signOff.comment.visibleOnOneLine)\"" }
      return line
    }
  }
}
