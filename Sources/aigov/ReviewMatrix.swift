import AIGovKit
import ArgumentParser

/// The matrix of `review status`: one row per feature, one column per discipline.
struct ReviewMatrix {
  var statuses: [ReviewStatus]
  var color: Bool

  func render() -> String {
    let disciplines = Discipline.allCases
    var table = TextTable(
      ["FEATURE", "STATUS", "ROUND"] + disciplines.map { $0.rawValue.uppercased() })
    table.style = { column, text in
      switch column {
      case 1: TermStyle.status(text)
      case 2...: DecisionStyle.style(text)
      default: nil
      }
    }
    for status in statuses {
      let decisions = Dictionary(uniqueKeysWithValues: status.decisions.map { ($0.discipline, $0) })
      table.append(
        [status.featureKey, status.status.rawValue, RoundLabel(status.round).short]
          + disciplines.map { discipline in
            guard let entry = decisions[discipline] else { return "" }
            return entry.signOff.map { DecisionStyle.word($0.decision) } ?? "missing"
          })
    }
    return table.render(color: color)
  }
}
