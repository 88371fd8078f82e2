/// The quarterly review as one self-contained HTML page: inline CSS and SVG charts, no scripts,
/// nothing fetched; readable on screen and laid out for A4 when printed.
public struct QuarterlyReportHTML: DocumentRenderer {
  public init() {}

  public func render(_ report: QuarterlyReport) -> String {
    var page = HTMLPage()
    let text = UntrustedText.html
    let headings = QuarterlyReport.headings
    let meetingHeadings = QuarterlyReport.meetingHeadings
    let sections =
      (report.lastMeeting == nil ? [] : [("actions", meetingHeadings.actions)]) + [
        ("decisions", headings.decisions), ("inventory", headings.summary),
      ] + (report.trends.isEmpty ? [] : [("trends", meetingHeadings.trends)])
      + (report.publicPageChanges == nil ? [] : [("page", meetingHeadings.pageChanges)]) + [
        ("activity", headings.activity),
        ("signoffs", headings.matrix), ("reviews", headings.schedule), ("risks", headings.risks),
        ("providers", headings.providers), ("monitoring", headings.monitoring),
        ("incidents", headings.incidents), ("frameworks", headings.frameworks),
        ("check", headings.check),
      ]

    page.add("<header>", "<h1>\(text(report.title))</h1>", "<dl class=\"meta\">")
    page.add("<dt>Period</dt><dd>\(text(report.periodLine))</dd>")
    page.add("<dt>Described as of</dt><dd>\(text(report.asOf))</dd>")
    page.add(
      "<dt>Built</dt><dd>\(text(report.generatedAt)) by aigov \(text(report.toolVersion)), "
        + "schema version \(report.schemaVersion)</dd>")
    page.add(
      "<dt>Audit trail</dt><dd>"
        + (report.trail.head.map {
          "events 1 to \(report.trail.events), head <code>\(text($0))</code>"
        } ?? "empty") + "</dd>")
    page.add("</dl>", "<p class=\"note\">\(text(QuarterlyReport.verifyHint))</p>")
    page.add(
      "<nav><details><summary>Contents</summary><ol>"
        + sections.map { "<li><a href=\"#\($0.0)\">\($0.1)</a></li>" }.joined()
        + "</ol></details></nav>", "</header>")

    if let meeting = report.lastMeeting {
      page.section("actions", meetingHeadings.actions)
      page.add("<p>\(text(QuarterlyReport.meetingLine(meeting)))</p>")
      page.add("<ul class=\"actions\">")
      for action in meeting.actions {
        page.add(
          "<li class=\"\(action.state.rawValue)\"><span class=\"state\">"
            + "\(text(QuarterlyReport.actionState(action)))</span> "
            + "<strong>\(text(action.title))</strong> — \(text(action.owner)), due "
            + "<time>\(action.dueOn)</time>"
            + (action.item.map {
              "<span class=\"item\"> · <code class=\"key\">\(text($0))</code></span>"
            }
              ?? "")
            + (action.note.map { "<br><span class=\"note\">\(text($0))</span>" } ?? "")
            + "</li>")
      }
      page.add("</ul>", "</section>")
    }

    let needs = report.needsDecision
    page.section("decisions", headings.decisions)
    page.add("<p>\(text(report.decisionLine))</p>")
    if !needs.items.isEmpty {
      page.add("<ol class=\"items\">")
      for item in needs.items {
        var facts = [
          ("Whose", text(QuarterlyReport.whose(item))),
          ("Why", text(item.why) + "; " + text(QuarterlyReport.itemTiming(item))),
          (
            "Asked",
            "<span class=\"asked\">\(item.decision.rawValue)</span> \(text(item.asked))"
          ),
        ]
        facts += item.dates.map { ("Date", text($0)) }
        facts += item.evidence.map { ("Evidence", text($0)) }
        facts += item.decidedBefore.map { ("Decided before", text($0)) }
        page.add(
          "<li\(item.quartersCarried > 0 ? " class=\"carried\"" : "")>"
            + "<p class=\"what\">\(text(item.what)) <code class=\"key\">\(text(item.item))</code></p>"
            + "<dl>" + facts.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined() + "</dl></li>")
      }
      page.add("</ol>")
    }
    page.add("</section>")

    let summary = report.summary
    page.section("inventory", headings.summary)
    page.add(
      "<p>\(summary.features.count) features recorded "
        + "(\(QuarterlyReport.change(summary.features)) since the previous quarter's end).</p>")
    page.add("<div class=\"charts\">")
    page.add(
      "<figure>"
        + QuarterlyReportCharts.bars(summary.byCategory, title: "Live features by category")
        + "<figcaption>Live features by category</figcaption></figure>")
    page.add(
      "<figure>" + QuarterlyReportCharts.bars(summary.byStatus, title: "Features by status")
        + "<figcaption>Features by status</figcaption></figure>")
    page.add("</div>", "<div class=\"tallies\">")
    for (title, tallies) in [
      ("Status", summary.byStatus), ("Category (live)", summary.byCategory),
      ("Training use (live)", summary.byTrainingUse),
      ("Audience (live)", summary.byAudience),
    ] {
      page.table(
        [title, "Features", "Change"],
        tallies.map { [text($0.term), String($0.count), QuarterlyReport.change($0)] },
        numeric: [1, 2])
    }
    page.add("</div>", "</section>")

    if !report.trends.isEmpty {
      let trends = report.trends
      let quarters = trends.map(\.quarter)
      page.section("trends", meetingHeadings.trends)
      page.add("<div class=\"charts\">")
      page.add(
        "<figure>"
          + QuarterlyReportCharts.columns(
            quarters,
            RiskLevel.allCases.map { level in
              (
                level.rawValue,
                trends.map { $0.risksByLevel.first { $0.term == level.rawValue }?.count ?? 0 }
              )
            }, title: "Open risks by level")
          + "<figcaption>Open risks by level</figcaption></figure>")
      page.add(
        "<figure>"
          + QuarterlyReportCharts.columns(
            quarters,
            [
              ("error", trends.map(\.checkErrors)),
              ("warning", trends.map { $0.findingsByRule.reduce(0) { $0 + $1.warnings } }),
            ], title: "Policy check findings")
          + "<figcaption>Policy check findings</figcaption></figure>")
      page.add(
        "<figure>"
          + QuarterlyReportCharts.columns(
            quarters,
            [
              ("incidents", trends.map(\.incidentsOpened)),
              ("failed", trends.map(\.monitoringFailures)),
            ], title: "Incidents opened and monitoring results failed")
          + "<figcaption>Incidents opened and monitoring results failed</figcaption></figure>")
      page.add("</div>")
      page.table(
        [""] + quarters, report.trendRows.map { [text($0.0)] + $0.1 },
        numeric: Set(1...quarters.count))
      page.add("<h3>Policy check findings by rule (errors / warnings)</h3>")
      page.table(
        ["Rule"] + quarters, report.findingRows.map { [text($0.0.rawValue)] + $0.1 },
        numeric: Set(1...quarters.count))
      page.add("</section>")
    }
    if let changes = report.publicPageChanges {
      page.section("page", meetingHeadings.pageChanges)
      if changes.isEmpty {
        page.add("<p>The public page did not change in the quarter.</p>")
      } else {
        page.add(
          "<p>What a reader of the page at the quarter's start would find changed:</p><ul>"
            + changes.map { "<li>\(text(QuarterlyReport.pageChange($0)))</li>" }.joined()
            + "</ul>")
      }
      page.add("</section>")
    }

    let activity = report.activity
    page.section("activity", headings.activity)
    page.add("<p>\(text(report.activityLine))</p>")
    page.add("<h3>Features added</h3>")
    page.table(
      ["Feature", "Name", "Added", "By"],
      activity.featuresAdded.map {
        [code($0.feature), text($0.name), time($0.at), text($0.by)]
      })
    page.add("<h3>Material changes</h3>")
    page.table(
      ["Feature", "Name", "What changed"],
      activity.materialChanges.map {
        [code($0.feature), text($0.name), text($0.changed.joined(separator: ", "))]
      })
    page.add("<h3>Launched, suspended and retired</h3>")
    page.table(
      ["Feature", "Name", "From", "To", "When", "By", "Reason"],
      activity.statusChanges.map {
        [
          code($0.feature), text($0.name), text($0.from.rawValue), text($0.to.rawValue),
          time($0.at), text($0.by), text($0.reason ?? ""),
        ]
      })
    page.add("<h3>Review rounds</h3>")
    page.table(
      ["Feature", "Round", "Kind", "Event", "When", "By", "Reason"],
      activity.reviewRounds.map {
        [
          text($0.name) + "<br>" + code($0.feature), String($0.round), text($0.kind.rawValue),
          text(QuarterlyReport.event($0)), time($0.at), text($0.by), text($0.reason ?? ""),
        ]
      })
    page.add("<h3>Sign-offs</h3>")
    page.table(
      ["When", "Feature", "Round", "Discipline", "Decision", "Reviewer", "Signed", "Comment"],
      activity.signOffs.map {
        [
          time($0.at), text($0.name) + "<br>" + code($0.feature), String($0.round),
          text($0.discipline.rawValue), text($0.decision.rawValue), text($0.reviewer),
          $0.signed ? "yes" : "no", text($0.comment),
        ]
      })
    page.add("<h3>Providers added or with changed terms</h3>")
    page.table(
      ["Provider", "Name", "Event", "When", "By"],
      (activity.providersAdded + activity.providerTermChanges).sorted { $0.at < $1.at }.map {
        [
          code($0.provider), text($0.name),
          $0.changed.isEmpty ? "added" : "changed " + text($0.changed.joined(separator: ", ")),
          time($0.at), text($0.by),
        ]
      })
    page.add("</section>")

    let matrix = report.signOffMatrix
    page.section("signoffs", headings.matrix)
    page.add(
      "<p>Each live feature's latest review round, and the latest decision of each discipline "
        + "in it.</p>")
    page.table(
      ["Feature", "Status", "Round"] + matrix.disciplines.map(QuarterlyReport.title)
        + ["Approval in force"],
      matrix.rows.map { row in
        [
          text(row.name) + "<br>" + code(row.feature), text(row.status.rawValue),
          text(QuarterlyReport.round(row)),
        ]
          + row.cells.map {
            "<span class=\"decision \($0.rawValue)\">\(text(QuarterlyReport.cell($0)))</span>"
          }
          + [
            row.approvalRound == nil
              ? "<strong>none</strong>" : text(QuarterlyReport.approval(row))
          ]
      }, className: "matrix")
    page.add("</section>")

    let schedule = report.reviewSchedule
    page.section("reviews", headings.schedule)
    page.add("<h3>Overdue as of \(text(report.asOf))</h3>")
    page.table(reviewHeader, schedule.overdue.map(reviewRow))
    page.add("<h3>Falling due by \(text(schedule.dueBy))</h3>")
    page.table(reviewHeader, schedule.dueSoon.map(reviewRow))
    page.add("</section>")

    let risks = report.risks
    page.section("risks", headings.risks)
    page.add(
      "<p>\(risks.count) risks of live features that are not closed; "
        + "\(risks.residualUnassessed) without a residual assessment.</p>")
    page.add("<div class=\"charts\">")
    page.add(
      "<figure>" + QuarterlyReportCharts.heatMap(risks.inherent, title: "Inherent risk")
        + "<figcaption>Inherent risk</figcaption></figure>")
    page.add(
      "<figure>" + QuarterlyReportCharts.heatMap(risks.residual, title: "Residual risk")
        + "<figcaption>Residual risk (assessed risks)</figcaption></figure>")
    page.add("</div>")
    page.add("<h3>Highest risks</h3>")
    page.table(riskHeader, risks.highest.map(riskRow), numeric: [0])
    page.add("<h3>High or critical without an implemented mitigation</h3>")
    page.table(riskHeader, risks.unmitigated.map(riskRow), numeric: [0])
    page.add("</section>")

    page.section("providers", headings.providers)
    page.table(
      [
        "Provider", "Kind", "Subprocessor list", "DPA", "No training", "Retention",
        "Regions", "Live features",
      ],
      report.providers.map {
        [
          text($0.name) + "<br>" + code($0.key)
            + ($0.servedThrough.map { " through " + code($0) } ?? ""), text($0.kind.rawValue),
          $0.kind == .internal
            ? text(QuarterlyReport.term($0, ""))
            : $0.subprocessorListed ? "listed" : "<strong>not listed</strong>",
          $0.kind == .internal
            ? text(QuarterlyReport.term($0, ""))
            : $0.dpa == .yes
              ? text(QuarterlyReport.dpa($0)) : "<strong>\(text(QuarterlyReport.dpa($0)))</strong>",
          $0.kind == .internal
            ? text(QuarterlyReport.term($0, "")) : $0.noTraining ? "yes" : "<strong>no</strong>",
          text(QuarterlyReport.retention($0.retentionDays)),
          text($0.regions),
          $0.features.map(code).joined(separator: " "),
        ]
      })
    page.add("</section>")

    page.section("monitoring", headings.monitoring)
    page.add("<p>\(text(report.monitoringLine))</p>")
    if !report.monitoring.isEmpty {
      page.table(monitoringHeader, report.monitoring.map { monitoringRow($0, report: report) })
    }
    page.add("</section>")

    page.section("incidents", headings.incidents)
    page.add("<p>\(text(report.incidentLine))</p>")
    if !report.incidents.entries.isEmpty {
      page.table(incidentHeader, report.incidents.entries.map(incidentRow))
    }
    let explained = report.incidents.entries.filter { $0.cause != nil }
    if !explained.isEmpty {
      page.add("<dl class=\"causes\">")
      for entry in explained {
        page.add(
          "<dt>\(code(entry.reference))</dt><dd><strong>Cause:</strong> "
            + "\(text(entry.cause ?? "")) <strong>Corrective action:</strong> "
            + "\(text(entry.correctiveAction ?? ""))</dd>")
      }
      page.add("</dl>")
    }
    page.add("</section>")

    page.section("frameworks", headings.frameworks)
    page.add("<p>\(text(report.frameworkLine))</p>")
    if !report.frameworks.isEmpty {
      page.table(
        QuarterlyReport.frameworkHeader,
        report.frameworks.map {
          [text($0.title) + " " + code($0.framework), text($0.assessed)]
            + QuarterlyReport.frameworkCells($0).map(text)
        }, numeric: [2, 3, 4, 5, 6, 7])
    }
    page.add("</section>")

    page.section("check", headings.check)
    page.add("<p>\(text(report.checkLine))</p>")
    page.table(
      ["Severity", "Feature", "Rule", "Finding", "Fix"],
      report.check.findings.map {
        [
          "<span class=\"severity \($0.severity.rawValue)\">\(text($0.severity.rawValue))</span>",
          code($0.subject), text($0.rule.rawValue), text($0.message), code($0.fix),
        ]
      })
    page.add("</section>")
    page.add(
      "<footer>\(text(report.title)). Generated from the AI inventory at "
        + "\(text(report.generatedAt)).</footer>")
    return page.document(title: text(report.title), style: Self.style)
  }

  /// A time or day from the database, kept on one line.
  private func time(_ value: String) -> String {
    "<time>\(UntrustedText.html(value))</time>"
  }

  private func code(_ value: String) -> String {
    "<code>\(UntrustedText.html(value))</code>"
  }

  private let reviewHeader = ["Feature", "Name", "Status", "Last reviewed", "Due", "Every"]

  private func reviewRow(_ entry: QuarterlyReport.ReviewDue) -> [String] {
    let text = UntrustedText.html
    return [
      code(entry.feature), text(entry.name), text(entry.status.rawValue),
      time(entry.lastReviewed.map { String($0.prefix(10)) } ?? "never"),
      time(QuarterlyReport.due(entry)), "\(entry.intervalDays) days",
    ]
  }

  private let monitoringHeader = [
    "Feature", "Metric", "Passes when", "Every", "Owner", "Results in the quarter", "Trend",
    "Latest",
  ]

  private func monitoringRow(_ entry: QuarterlyReport.MonitoringEntry, report: QuarterlyReport)
    -> [String]
  {
    let text = UntrustedText.html
    let trend =
      Timestamp.parse(report.firstDay).flatMap { start in
        Timestamp.parse(report.lastDay).flatMap {
          QuarterlyReportCharts.trend(entry, from: start, to: $0.addingTimeInterval(86_399))
        }
      } ?? ""
    return [
      text(entry.name) + "<br>" + code(entry.feature), code(entry.metric),
      text(QuarterlyReport.passesWhen(entry)), "\(entry.cadenceDays) days", text(entry.owner),
      entry.results.isEmpty
        ? "<span class=\"none\">none</span>"
        : entry.results.map { result in
          "<span class=\"result \(result.passed ? "pass" : "fail")\">"
            + text(QuarterlyReport.point(result)) + "</span>"
        }.joined(separator: "<br>"),
      trend,
      entry.latest.map { text(QuarterlyReport.point($0)) } ?? "none yet",
    ]
  }

  private let incidentHeader = [
    "Incident", "Title", "Features", "Severity", "Category", "Aware", "Status", "Time to close",
    "Reports",
  ]

  private func incidentRow(_ entry: QuarterlyReport.IncidentEntry) -> [String] {
    let text = UntrustedText.html
    return [
      code(entry.reference), text(entry.title), entry.features.map(code).joined(separator: " "),
      text(QuarterlyReport.severity(entry)), text(entry.category.rawValue), time(entry.awareAt),
      text(entry.status.rawValue), text(entry.daysToClose.map(QuarterlyReport.days) ?? "open"),
      entry.deadlines.isEmpty
        ? "none due"
        : entry.deadlines.map {
          "<span class=\"report \(text($0.standing))\">\(text($0.regime)) due "
            + "\(time($0.due)): \(text($0.standing))"
            + ($0.reportedAt.map { ", made \(time($0))" } ?? "") + "</span>"
        }.joined(separator: "<br>"),
    ]
  }

  private let riskHeader = [
    "#", "Feature", "Risk", "Category", "Score", "Level", "Residual", "Status",
    "Mitigations in place",
  ]

  private func riskRow(_ risk: QuarterlyReport.RiskEntry) -> [String] {
    let text = UntrustedText.html
    return [
      String(risk.id), text(risk.featureName) + "<br>" + code(risk.feature), text(risk.title),
      text(risk.category.rawValue),
      "\(risk.likelihood)×\(risk.impact) = \(risk.score)",
      "<span class=\"level \(risk.level.rawValue)\">\(text(risk.level.rawValue))</span>",
      text(QuarterlyReport.residual(risk)), text(risk.status.rawValue),
      text(QuarterlyReport.mitigations(risk)),
    ]
  }

  static let style = """
    :root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #d9dee6;
      --accent: #2c5d9e; --low: #d8eed8; --medium: #fbeeb0; --high: #fbcf9f; --critical: #f4a3a3; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: var(--ink); background: #f6f7f9; }
    main { max-width: 72rem; margin: 0 auto; padding: 2rem 2rem 3rem; background: #fff; }
    h1 { font-size: 1.9rem; margin: 0 0 .8rem; }
    h2 { font-size: 1.35rem; margin: 2.4rem 0 .8rem; padding-bottom: .3rem;
      border-bottom: 2px solid var(--accent); }
    h3 { font-size: 1.05rem; margin: 1.6rem 0 .5rem; }
    .meta { display: grid; grid-template-columns: 9rem 1fr; gap: .2rem 1rem; margin: 0; }
    .meta dt { font-weight: 600; color: var(--muted); }
    .meta dd { margin: 0; overflow-wrap: anywhere; }
    .note { color: var(--muted); font-size: .9rem; }
    nav ol { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; padding: .6rem 1rem; margin: 1rem 0 0;
      list-style-position: inside; background: #eef1f5; border-radius: 6px; }
    nav a { color: var(--accent); text-decoration: none; }
    code { font: .85em/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
      overflow-wrap: break-word; }
    table { width: 100%; border-collapse: collapse; font-size: .88rem; margin: .3rem 0 1rem; }
    th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line);
      vertical-align: top; }
    th { background: #eef1f5; font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .none { color: var(--muted); font-style: italic; }
    .charts { display: flex; flex-wrap: wrap; gap: 1rem 3rem; margin: .5rem 0 1rem; }
    figure { margin: 0; }
    figcaption { font-size: .85rem; color: var(--muted); }
    .tallies { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: 0 1.5rem; align-items: start; }
    time { white-space: nowrap; }
    svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
    svg .bar { fill: var(--accent); }
    svg .previous { stroke: #000; stroke-width: 2; }
    svg .legend, svg .axis { fill: var(--muted); }
    svg .cell.low { fill: var(--low); } svg .cell.medium { fill: var(--medium); }
    svg .cell.high { fill: var(--high); } svg .cell.critical { fill: var(--critical); }
    svg .cell.empty { opacity: .35; }
    svg .count { font-weight: 700; font-size: 14px; }
    .decision { white-space: nowrap; }
    .decision.approve { color: #1f6f2b; } .decision.reject { color: #a11d1d; font-weight: 600; }
    .decision.changes-requested { color: #8a5a00; } .decision.pending { color: var(--muted); }
    .decision.not-required { color: #aab0b8; }
    .level, .severity { padding: 0 .35rem; border-radius: 3px; white-space: nowrap; }
    .level.low { background: var(--low); } .level.medium { background: var(--medium); }
    .level.high { background: var(--high); } .level.critical { background: var(--critical); }
    .severity.error { background: var(--critical); } .severity.warning { background: var(--medium); }
    svg .threshold { stroke: #a11d1d; stroke-width: 1; stroke-dasharray: 4 3; }
    svg .line { fill: none; stroke: var(--accent); stroke-width: 1.5; }
    svg circle.pass { fill: var(--accent); }
    svg circle.fail { fill: #fff; stroke: #a11d1d; stroke-width: 2; }
    .result { white-space: nowrap; } .result.fail { color: #a11d1d; font-weight: 600; }
    .report.overdue, .report.made-late { color: #a11d1d; font-weight: 600; }
    .causes dt { margin-top: .5rem; } .causes dd { margin: 0 0 0 1.5rem; }
    footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
    nav summary { cursor: pointer; color: var(--accent); margin-top: .8rem; }
    ol.items { padding-left: 1.6rem; margin: .5rem 0 1rem; }
    ol.items > li { margin: 0 0 .9rem; padding: .5rem .7rem; border-left: 4px solid var(--high);
      background: #fbfbfc; }
    ol.items > li.carried { border-left-color: #a11d1d; }
    ol.items .what { margin: 0 0 .3rem; font-weight: 600; }
    ol.items dl { display: grid; grid-template-columns: 8.5rem 1fr; gap: .1rem .8rem; margin: 0;
      font-size: .9rem; }
    ol.items dt { color: var(--muted); } ol.items dd { margin: 0; }
    .asked { font-weight: 700; color: var(--accent); }
    code.key { white-space: nowrap; overflow-wrap: normal; color: var(--muted); }
    ul.actions { padding-left: 1.2rem; } ul.actions li { margin: .2rem 0; }
    ul.actions .state { font-weight: 700; }
    ul.actions li.late .state { color: #a11d1d; } ul.actions li.done .state { color: #1f6f2b; }
    svg .segment.low { fill: #9fcf9f; } svg .segment.medium { fill: #e9cf55; }
    svg .segment.high { fill: #f0a055; } svg .segment.critical { fill: #d95555; }
    svg .segment.error { fill: #d95555; } svg .segment.warning { fill: #e9cf55; }
    svg .segment.incidents { fill: #8a5a00; } svg .segment.failed { fill: var(--accent); }
    svg .value { font-weight: 700; }
    @media (max-width: 40rem) {
      main { padding: 1rem .75rem 2rem; }
      h1 { font-size: 1.4rem; }
      .meta { grid-template-columns: 1fr; font-size: .85rem; }
      .meta dt { display: none; }
      .meta dd:nth-of-type(n+2) { display: none; }
      h2 { margin-top: 1.4rem; }
      ul.actions .item { display: none; }
      .note { display: none; }
      table { display: block; overflow-x: auto; }
      dd { overflow-wrap: anywhere; }
      code { overflow-wrap: normal; }
      ol.items { padding-left: 1.2rem; }
      ol.items dl { grid-template-columns: 1fr; }
      ol.items dt { font-size: .8rem; margin-top: .2rem; }
    }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      body { background: #fff; font-size: 9pt; }
      main { max-width: none; padding: 0; }
      nav { display: none; }
      ol.items > li, ul.actions li { break-inside: avoid; background: none; }
      svg { max-width: 100%; height: auto; }
      .charts { gap: .5rem 1.5rem; }
      h2 { break-after: avoid; margin-top: 1.4rem; }
      h3 { break-after: avoid; }
      section { break-before: auto; }
      table { font-size: 8pt; }
      thead { display: table-header-group; }
      tr, figure { break-inside: avoid; }
      th { background: #eee; }
    }
    """
}
