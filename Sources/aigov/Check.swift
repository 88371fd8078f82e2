import AIGovKit
import ArgumentParser

extension AIGov {
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Check every live feature against the governance policy; exit 2 on an error.",
      discussion: """
        For CI: exit 0 when there is no error, 2 when there is at least one (with --strict, a \
        warning fails too). Each finding names the feature, the rule, its severity and what \
        would fix it. Rules:
        \(CheckRule.allCases.map { "  \($0.rawValue) (\($0.severity.rawValue)): \($0.summary)" }.joined(separator: "\n"))
        Thresholds are settings: see 'aigov config list'.
        """)

    @Flag(help: "Fail on warnings as well as errors.")
    var strict = false
    @OptionGroup var output: FormatOption
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let report =
        try RemoteServer.named(server).map { try $0.get("/api/check", as: CheckReport.self) }
        ?? global.openRegistryForReading().check()
      try output.emit(report) {
        guard !report.findings.isEmpty else { return }
        var table = TextTable("SEVERITY", "FEATURE", "RULE", "FINDING")
        table.style = { column, text in
          column == 0 ? (text == "error" ? .red : .yellow) : nil
        }
        for finding in report.findings {
          table.append([
            finding.severity.rawValue, finding.subject, finding.rule.rawValue, finding.message,
          ])
          table.append(["", "", "", "fix: " + finding.fix])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
      let summary =
        "\(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), "
        + "\(report.warningCount) warning\(report.warningCount == 1 ? "" : "s") in "
        + "\(report.featuresChecked) live feature\(report.featuresChecked == 1 ? "" : "s")"
      let failed = report.errorCount > 0 || (strict && report.warningCount > 0)
      guard failed else { return Console.note("check passed: " + summary) }
      throw Failure(status: .violations, message: "check failed: " + summary)
    }
  }
}
