/// How the company stands against each framework of requirements, as of a moment: per feature for
/// a law, for the company for a management-system standard (with ISO/IEC 42001's Statement of
/// Applicability). Built from the records; the same database and moment give the same bytes.
public struct FrameworkReport: Codable, Equatable, Sendable {
  /// When it describes, ISO 8601.
  public var asOf: String
  public var frameworks: [FrameworkAssessment]

  enum CodingKeys: String, CodingKey {
    case asOf = "as_of"
    case frameworks
  }
}

extension Registry {
  /// The report of every framework of requirements, or of the one named.
  public func frameworkReport(framework key: String? = nil) throws -> FrameworkReport {
    FrameworkReport(asOf: now, frameworks: try frameworkAssessments(framework: key))
  }
}

extension FrameworkAssessment {
  /// Whether its company-level table is a Statement of Applicability (ISO/IEC 42001's Annex A).
  var isStatementOfApplicability: Bool { framework == "iso-iec-42001" }
}

extension RequirementStanding {
  /// The controls, in words: `provider-contract-terms (equal), training-data-review (subset: is
  /// planned)`.
  var controlWords: String {
    controls.map { control in
      "\(control.mitigation.map { "mitigation #\($0)" } ?? control.control) (\(control.relationship.rawValue)"
        + (control.gap.map { ": \($0)" } ?? "") + ")"
    }.joined(separator: "; ")
  }

  var evidenceWords: String { evidence.map { "#\($0)" }.joined(separator: ", ") }

  /// For a Statement of Applicability: whether it applies, and whether it is implemented.
  var applies: String { status == .notApplicable ? "no" : "yes" }

  var implemented: String {
    switch status {
    case .met: "yes"
    case .partlyMet: "partly"
    case .notMet, .notAssessed: "no"
    case .notApplicable: ""
    }
  }
}

/// The report in Markdown: every text from the records escaped for it.
public struct FrameworkReportMarkdown: DocumentRenderer {
  public init() {}

  public func render(_ report: FrameworkReport) throws -> String {
    func text(_ value: String) -> String { UntrustedText.markdown(value) }
    func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
    var lines = ["# Frameworks", "", "As of \(text(report.asOf)).", ""]
    for framework in report.frameworks {
      lines += [
        "## \(text(framework.title))", "",
        "\(text(framework.version)). Source: \(text(framework.source)). \(text(framework.licence))",
        "", "**\(framework.counts.summary).**", "",
      ]
      switch framework.assessed {
      case .company:
        if framework.isStatementOfApplicability {
          lines += [
            "### Statement of Applicability", "",
            row(["Control", "Title", "Applies", "Why", "Implemented", "Where"]),
            row(Array(repeating: "---", count: 6)),
          ]
          for standing in framework.requirements {
            lines.append(
              row([
                text(standing.cited), text(standing.title), standing.applies, text(standing.why),
                standing.implemented,
                text(
                  [standing.controlWords, standing.evidenceWords].filter { !$0.isEmpty }
                    .joined(separator: "; evidence ")),
              ]))
          }
        } else {
          lines += requirementTable(framework.requirements, text: text, row: row)
        }
      case .feature:
        lines += [
          row(["Feature", "Role", "Tier", "Met", "Partly", "Not met", "Not assessed", "N/A"]),
          row(Array(repeating: "---", count: 8)),
        ]
        for feature in framework.features {
          lines.append(
            row([
              "\(text(feature.name)) (`\(text(feature.feature))`)",
              feature.role?.rawValue ?? "not stated", feature.tier.rawValue,
              String(feature.counts.met), String(feature.counts.partlyMet),
              String(feature.counts.notMet), String(feature.counts.notAssessed),
              String(feature.counts.notApplicable),
            ]))
        }
        for feature in framework.features {
          lines += ["", "### \(text(feature.name))", ""]
          let applicable = feature.requirements.filter { $0.status != .notApplicable }
          lines += requirementTable(applicable, text: text, row: row)
          let excluded = feature.requirements.filter { $0.status == .notApplicable }
          if !excluded.isEmpty {
            lines += [
              "",
              "Not applicable: "
                + excluded.map { "\(text($0.cited)) (\(text($0.why)))" }.joined(separator: "; ")
                + ".",
            ]
          }
        }
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  private func requirementTable(
    _ standings: [RequirementStanding], text: (String) -> String, row: ([String]) -> String
  ) -> [String] {
    guard !standings.isEmpty else { return ["None apply."] }
    return [
      row(["Requirement", "Title", "Status", "Why", "Controls", "Evidence"]),
      row(Array(repeating: "---", count: 6)),
    ]
      + standings.map { standing in
        row([
          text(standing.cited), text(standing.title), standing.status.words, text(standing.why),
          text(standing.controlWords), standing.evidenceWords,
        ])
      }
  }
}

/// The report as one self-contained HTML page.
public struct FrameworkReportHTML: DocumentRenderer {
  public init() {}

  public func render(_ report: FrameworkReport) throws -> String {
    func h(_ value: String) -> String { UntrustedText.html(value) }
    func status(_ standing: RequirementStanding) -> String {
      "<span class=\"status \(standing.status.rawValue)\">\(standing.status.words)</span>"
    }
    var page = HTMLPage()
    page.add("<h1>Frameworks</h1>", "<p>As of \(h(report.asOf)).</p>")
    for framework in report.frameworks {
      page.section(framework.framework, h(framework.title))
      page.add(
        "<p>\(h(framework.version)). Source: \(h(framework.source)).</p>",
        "<p class=\"muted\">\(h(framework.licence))</p>",
        "<p><strong>\(h(framework.counts.summary)).</strong></p>")
      let rows: ([RequirementStanding]) -> [[String]] = { standings in
        standings.map {
          [
            h($0.cited), h($0.title), status($0), h($0.why), h($0.controlWords),
            h($0.evidenceWords),
          ]
        }
      }
      let header = ["Requirement", "Title", "Status", "Why", "Controls", "Evidence"]
      switch framework.assessed {
      case .company where framework.isStatementOfApplicability:
        page.add("<h3>Statement of Applicability</h3>")
        page.table(
          ["Control", "Title", "Applies", "Why", "Implemented", "Controls", "Evidence"],
          framework.requirements.map {
            [
              h($0.cited), h($0.title), $0.applies, h($0.why), $0.implemented,
              h($0.controlWords), h($0.evidenceWords),
            ]
          })
      case .company:
        page.table(header, rows(framework.requirements))
      case .feature:
        page.table(
          ["Feature", "Role", "Tier", "Met", "Partly", "Not met", "Not assessed", "N/A"],
          framework.features.map {
            [
              "\(h($0.name)) <code>\(h($0.feature))</code>", $0.role?.rawValue ?? "not stated",
              $0.tier.rawValue, String($0.counts.met), String($0.counts.partlyMet),
              String($0.counts.notMet), String($0.counts.notAssessed),
              String($0.counts.notApplicable),
            ]
          }, numeric: [3, 4, 5, 6, 7])
        for feature in framework.features {
          page.add("<h3>\(h(feature.name))</h3>")
          page.table(header, rows(feature.requirements.filter { $0.status != .notApplicable }))
        }
      }
      page.add("</section>")
    }
    return page.document(title: "Frameworks", style: QuarterlyReportHTML.style)
  }
}

/// The report as CSV: one row per requirement of the company, or of each feature. A rendering,
/// not an exchange file: control characters and bidirectional overrides are shown as their codes,
/// as on a terminal, and a cell a spreadsheet would read as a formula is guarded.
public struct FrameworkReportCSV: DocumentRenderer {
  public init() {}

  public func render(_ report: FrameworkReport) throws -> String {
    var csv = CSVWriter()
    csv.record([
      "framework", "feature", "requirement", "cited", "title", "status", "why", "controls",
      "evidence", "applies_from",
    ])
    for framework in report.frameworks {
      let scoped: [(String, [RequirementStanding])] =
        framework.assessed == .company
        ? [("", framework.requirements)]
        : framework.features.map { ($0.feature, $0.requirements) }
      for (feature, standings) in scoped {
        for standing in standings {
          csv.record(
            [
              framework.framework, feature, standing.requirement, standing.cited, standing.title,
              standing.status.rawValue, standing.why, standing.controlWords,
              standing.evidence.map(String.init).joined(separator: " "), standing.appliesFrom,
            ].map { $0.map(UntrustedText.visible) })
        }
      }
    }
    return String(decoding: csv.bytes, as: UTF8.self)
  }
}
