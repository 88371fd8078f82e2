import AIGovKit
import ArgumentParser

extension AIGov.Incident {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List incidents, in the order the company became aware of them.")

    @Option(help: "Only this feature's incidents.")
    var feature: String?
    @Option(help: "Only incidents of this status.")
    var status: IncidentStatus?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistryForReading()
      let now = global.clock()
      let records = try registry.incidents(featureKey: feature, status: status).map {
        IncidentRecord($0, at: now)
      }
      try output.emit(records) {
        guard !records.isEmpty else { return Console.note("no incidents") }
        var table = TextTable(
          "REFERENCE", "SEVERITY", "CATEGORY", "FEATURES", "AWARE", "STATUS", "REPORTS", "TITLE")
        for record in records {
          let incident = record.incident
          let severity =
            incident.severity.rawValue + (incident.seriousKind == nil ? "" : " serious")
          let reports =
            record.deadlines.isEmpty
            ? "none due" : record.deadlines.map(IncidentText.deadline).joined(separator: "; ")
          table.append([
            incident.reference, severity, incident.category.rawValue,
            incident.features.joined(separator: ", "), String(incident.awareAt.prefix(10)),
            incident.status.rawValue, reports, incident.title,
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Show an incident, its reports and their deadlines.")

    @Argument(help: "The incident's reference.")
    var reference: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let record = try global.openRegistryForReading().incidentRecord(reference)
      try output.emit(record) {
        let incident = record.incident
        let severity =
          incident.severity.rawValue
          + (incident.seriousKind.map { ", serious incident (\($0.rawValue))" } ?? "")
          + (incident.personalDataBreach ? ", personal-data breach" : "")
        let risks =
          incident.risks.isEmpty
          ? "none named" : incident.risks.map { "#\($0)" }.joined(separator: ", ")
        let closed = incident.closedAt.map { " (closed \($0.visibleOnOneLine))" } ?? ""
        var lines: [String] = [
          Style.bold.apply(
            "\(incident.reference.visible): \(incident.title.visibleOnOneLine)",
            when: global.usesColor),
          "  status      \(incident.status.rawValue)\(closed)",
          "  severity    \(severity)",
          "  category    \(incident.category.rawValue)",
          "  features    \(incident.features.map(\.visible).joined(separator: ", "))",
          "  risks       \(risks)",
          "  occurred    \(incident.occurredAt.visibleOnOneLine)",
          "  aware       \(incident.awareAt.visibleOnOneLine)",
        ]
        func text(_ label: String, _ value: String?) {
          guard let value, !value.isEmpty else { return }
          let padded = label + String(repeating: " ", count: max(1, 12 - label.count))
          lines.append("  " + padded + value.visible.continuingLines(indentedBy: 14))
        }
        text("summary", incident.summary)
        text("impact", incident.customerImpact)
        text("cause", incident.cause)
        text("action", incident.correctiveAction)
        text("override", incident.holdOverride)
        lines.append("")
        lines.append(Style.bold.apply("Reports", when: global.usesColor))
        if record.deadlines.isEmpty { lines.append("  none due") }
        for deadline in record.deadlines { lines.append("  " + IncidentText.deadline(deadline)) }
        Console.output(lines.joined(separator: "\n"), styled: global.usesColor)
      }
    }
  }
}

/// How an incident's reports read in a terminal.
enum IncidentText {
  static func deadline(_ deadline: IncidentRecord.DeadlineEntry) -> String {
    let reported = deadline.reportedAt.map { ", made \($0)" } ?? ""
    return "\(deadline.regime) report due \(deadline.due): \(deadline.standing)\(reported)"
  }
}
