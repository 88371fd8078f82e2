/// The quarterly review as Markdown: one document of headings and tables, for a wiki, a pull
/// request or a terminal.
public struct QuarterlyReportMarkdown: DocumentRenderer {
  public init() {}

  public func render(_ report: QuarterlyReport) -> String {
    var out = MarkdownLines()
    let text = UntrustedText.markdown
    let headings = QuarterlyReport.headings
    out.add("# \(report.title)", "")
    out.add("- **Period:** \(report.periodLine)")
    out.add("- **Described as of:** \(report.asOf)")
    out.add(
      "- **Built:** \(text(report.generatedAt)) by aigov \(text(report.toolVersion)), schema "
        + "version \(report.schemaVersion)")
    out.add("- **Audit trail:** \(report.trailLine)", "", QuarterlyReport.verifyHint, "")

    let meetingHeadings = QuarterlyReport.meetingHeadings
    if let meeting = report.lastMeeting {
      out.add("## \(meetingHeadings.actions)", "", QuarterlyReport.meetingLine(meeting), "")
      out.table(
        ["#", "Action", "Owner", "Due", "State", "Item"],
        meeting.actions.map {
          [
            String($0.id), text($0.title), text($0.owner), $0.dueOn,
            QuarterlyReport.actionState($0), text($0.item ?? ""),
          ]
        })
    }

    let needs = report.needsDecision
    out.add("## \(headings.decisions)", "", report.decisionLine, "")
    for (index, item) in needs.items.enumerated() {
      out.add("\(index + 1). **\(text(item.what))** (\(text(item.item)))")
      out.add("   - **Whose:** \(text(QuarterlyReport.whose(item)))")
      out.add("   - **Why:** \(text(item.why)); \(QuarterlyReport.itemTiming(item))")
      out.add("   - **Asked:** \(item.decision.rawValue): \(text(item.asked))")
      for date in item.dates { out.add("   - **Date:** \(text(date))") }
      for proof in item.evidence { out.add("   - **Evidence:** \(text(proof))") }
      for earlier in item.decidedBefore { out.add("   - **Decided before:** \(text(earlier))") }
    }
    if !needs.items.isEmpty { out.add("") }

    let summary = report.summary
    out.add("## \(headings.summary)", "")
    out.add(
      "\(summary.features.count) features recorded (\(QuarterlyReport.change(summary.features)) "
        + "since the previous quarter's end).", "")
    for (title, tallies) in [
      ("Status", summary.byStatus), ("Category (live)", summary.byCategory),
      ("Training use (live)", summary.byTrainingUse),
      ("Audience (live)", summary.byAudience),
    ] {
      out.table(
        [title, "Features", "Change"],
        tallies.map { [$0.term, String($0.count), QuarterlyReport.change($0)] })
    }

    if !report.trends.isEmpty {
      out.add("## \(meetingHeadings.trends)", "")
      let quarters = report.trends.map(\.quarter)
      out.table([""] + quarters, report.trendRows.map { [$0.0] + $0.1 })
      out.add("### Policy check findings by rule (errors / warnings)", "")
      out.table(["Rule"] + quarters, report.findingRows.map { [$0.0.rawValue] + $0.1 })
    }
    if let changes = report.publicPageChanges {
      out.add("## \(meetingHeadings.pageChanges)", "")
      if changes.isEmpty {
        out.add("The public page did not change in the quarter.", "")
      } else {
        out.add(
          "What a reader of the page at the quarter's start would find changed:", "")
        out.add(
          changes.map { "- " + text(QuarterlyReport.pageChange($0)) }.joined(separator: "\n"), "")
      }
    }

    let activity = report.activity
    out.add("## \(headings.activity)", "", report.activityLine, "")
    out.add("### Features added", "")
    out.table(
      ["Feature", "Name", "Added", "By"],
      activity.featuresAdded.map { [text($0.feature), text($0.name), $0.at, text($0.by)] })
    out.add("### Material changes", "")
    out.table(
      ["Feature", "Name", "What changed"],
      activity.materialChanges.map {
        [text($0.feature), text($0.name), text($0.changed.joined(separator: ", "))]
      })
    out.add("### Launched, suspended and retired", "")
    out.table(
      ["Feature", "Name", "From", "To", "When", "By", "Reason"],
      activity.statusChanges.map {
        [
          text($0.feature), text($0.name), $0.from.rawValue, $0.to.rawValue, $0.at, text($0.by),
          text($0.reason ?? ""),
        ]
      })
    out.add("### Review rounds", "")
    out.table(
      ["Feature", "Round", "Kind", "Event", "When", "By", "Reason"],
      activity.reviewRounds.map {
        [
          text($0.name) + " (" + text($0.feature) + ")", String($0.round), $0.kind.rawValue,
          QuarterlyReport.event($0), $0.at,
          text($0.by), text($0.reason ?? ""),
        ]
      })
    out.add("### Sign-offs", "")
    out.table(
      ["When", "Feature", "Round", "Discipline", "Decision", "Reviewer", "Signed", "Comment"],
      activity.signOffs.map {
        [
          $0.at, text($0.name) + " (" + text($0.feature) + ")", String($0.round),
          $0.discipline.rawValue, $0.decision.rawValue, text($0.reviewer),
          $0.signed ? "yes" : "no", text($0.comment),
        ]
      })
    out.add("### Providers added or with changed terms", "")
    out.table(
      ["Provider", "Name", "Event", "When", "By"],
      (activity.providersAdded + activity.providerTermChanges).sorted { $0.at < $1.at }.map {
        [
          text($0.provider), text($0.name),
          $0.changed.isEmpty ? "added" : "changed " + $0.changed.joined(separator: ", "), $0.at,
          text($0.by),
        ]
      })

    let matrix = report.signOffMatrix
    out.add("## \(headings.matrix)", "")
    out.add(
      "Each live feature's latest review round, and the latest decision of each discipline in "
        + "it.", "")
    out.table(
      ["Feature", "Status", "Round"] + matrix.disciplines.map(QuarterlyReport.title) + [
        "Approval in force"
      ],
      matrix.rows.map { row in
        [
          text(row.name) + " (" + text(row.feature) + ")", row.status.rawValue,
          QuarterlyReport.round(row),
        ]
          + row.cells.map(QuarterlyReport.cell) + [QuarterlyReport.approval(row)]
      })

    let schedule = report.reviewSchedule
    out.add("## \(headings.schedule)", "")
    out.add("### Overdue as of \(report.asOf)", "")
    out.table(
      ["Feature", "Name", "Status", "Last reviewed", "Due", "Every"],
      schedule.overdue.map(reviewRow))
    out.add("### Falling due by \(schedule.dueBy)", "")
    out.table(
      ["Feature", "Name", "Status", "Last reviewed", "Due", "Every"],
      schedule.dueSoon.map(reviewRow))

    let risks = report.risks
    out.add("## \(headings.risks)", "")
    out.add(
      "\(risks.count) risks of live features that are not closed; \(risks.residualUnassessed) "
        + "without a residual assessment. Rows are likelihood, columns impact.", "")
    for (title, grid) in [("Inherent", risks.inherent), ("Residual", risks.residual)] {
      out.table(
        [title + ": likelihood \\ impact"] + (1...5).map(String.init),
        (1...5).reversed().map { likelihood in
          [String(likelihood)] + grid[likelihood - 1].map { $0 == 0 ? "·" : String($0) }
        })
    }
    out.add("### Highest risks", "")
    out.table(riskHeader, risks.highest.map(riskRow))
    out.add("### High or critical without an implemented mitigation", "")
    out.table(riskHeader, risks.unmitigated.map(riskRow))

    out.add("## \(headings.providers)", "")
    out.table(
      [
        "Provider", "Kind", "Subprocessor list", "DPA", "No training", "Retention",
        "Regions", "Live features",
      ],
      report.providers.map {
        [
          text($0.name) + " (" + text($0.key) + ")"
            + ($0.servedThrough.map { ", through " + text($0) } ?? ""), $0.kind.rawValue,
          QuarterlyReport.term($0, $0.subprocessorListed ? "listed" : "not listed"),
          text(QuarterlyReport.term($0, QuarterlyReport.dpa($0))),
          QuarterlyReport.term($0, $0.noTraining ? "yes" : "no"),
          QuarterlyReport.retention($0.retentionDays),
          text($0.regions), text($0.features.joined(separator: ", ")),
        ]
      })

    // The line says when there is none.
    out.add("## \(headings.monitoring)", "", report.monitoringLine, "")
    if !report.monitoring.isEmpty {
      out.table(monitoringHeader, report.monitoring.map(monitoringRow))
    }

    out.add("## \(headings.incidents)", "", report.incidentLine, "")
    if !report.incidents.entries.isEmpty {
      out.table(incidentHeader, report.incidents.entries.map(incidentRow))
    }
    for entry in report.incidents.entries where entry.cause != nil {
      out.add(
        "- **\(text(entry.reference))** cause: \(text(entry.cause ?? "")) Corrective action: "
          + text(entry.correctiveAction ?? ""))
    }
    if report.incidents.entries.contains(where: { $0.cause != nil }) { out.add("") }

    out.add("## \(headings.frameworks)", "", report.frameworkLine, "")
    if !report.frameworks.isEmpty {
      out.table(
        QuarterlyReport.frameworkHeader,
        report.frameworks.map {
          [text($0.title) + " (" + text($0.framework) + ")", $0.assessed]
            + QuarterlyReport.frameworkCells($0)
        })
    }

    out.add("## \(headings.check)", "", report.checkLine, "")
    out.table(
      ["Severity", "Feature", "Rule", "Finding", "Fix"],
      report.check.findings.map {
        [$0.severity.rawValue, text($0.subject), $0.rule.rawValue, text($0.message), text($0.fix)]
      })
    return out.text
  }

  private func reviewRow(_ entry: QuarterlyReport.ReviewDue) -> [String] {
    let text = UntrustedText.markdown
    return [
      text(entry.feature), text(entry.name), entry.status.rawValue,
      entry.lastReviewed.map { String($0.prefix(10)) } ?? "never", QuarterlyReport.due(entry),
      "\(entry.intervalDays) days",
    ]
  }

  private let monitoringHeader = [
    "Feature", "Metric", "Passes when", "Every", "Owner", "Results in the quarter", "Latest",
  ]

  private func monitoringRow(_ entry: QuarterlyReport.MonitoringEntry) -> [String] {
    let text = UntrustedText.markdown
    return [
      text(entry.name) + " (" + text(entry.feature) + ")", text(entry.metric),
      text(QuarterlyReport.passesWhen(entry)), "\(entry.cadenceDays) days", text(entry.owner),
      entry.results.isEmpty
        ? "none" : text(entry.results.map(QuarterlyReport.point).joined(separator: ", ")),
      entry.latest.map { text(QuarterlyReport.point($0)) } ?? "none yet",
    ]
  }

  private let incidentHeader = [
    "Incident", "Title", "Features", "Severity", "Category", "Aware", "Status", "Time to close",
    "Reports",
  ]

  private func incidentRow(_ entry: QuarterlyReport.IncidentEntry) -> [String] {
    let text = UntrustedText.markdown
    return [
      text(entry.reference), text(entry.title), text(entry.features.joined(separator: ", ")),
      QuarterlyReport.severity(entry), entry.category.rawValue, text(entry.awareAt),
      entry.status.rawValue, entry.daysToClose.map(QuarterlyReport.days) ?? "open",
      text(QuarterlyReport.reports(entry)),
    ]
  }

  private let riskHeader = [
    "#", "Feature", "Risk", "Category", "Score", "Level", "Residual", "Status",
    "Mitigations in place",
  ]

  private func riskRow(_ risk: QuarterlyReport.RiskEntry) -> [String] {
    let text = UntrustedText.markdown
    return [
      String(risk.id), text(risk.featureName) + " (" + text(risk.feature) + ")", text(risk.title),
      risk.category.rawValue,
      "\(risk.likelihood)×\(risk.impact) = \(risk.score)", risk.level.rawValue,
      QuarterlyReport.residual(risk), risk.status.rawValue, QuarterlyReport.mitigations(risk),
    ]
  }
}

/// Markdown being written line by line.
private struct MarkdownLines {
  private var lines: [String] = []

  mutating func add(_ new: String...) { lines += new }

  /// A table, or `None.` when there are no rows. Cells are already escaped.
  mutating func table(_ header: [String], _ rows: [[String]]) {
    guard !rows.isEmpty else { return add("None.", "") }
    lines.append("| " + header.joined(separator: " | ") + " |")
    lines.append("|" + String(repeating: "---|", count: header.count))
    for row in rows {
      lines.append("| " + row.map { $0.isEmpty ? " " : $0 }.joined(separator: " | ") + " |")
    }
    lines.append("")
  }

  var text: String { lines.joined(separator: "\n") + "\n" }
}
