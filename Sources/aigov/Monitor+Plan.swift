import AIGovKit
import ArgumentParser

extension AIGov.Monitor {
  struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "plan",
      abstract: "Plan the monitoring of a feature: a metric and its threshold, or a check.",
      discussion: """
        A metric passes when its value is --at-least or --at-most the threshold, written as a \
        decimal (0.92); a check is judged by a person, pass or fail. Prints the plan's number.
        """)

    @Argument(help: "The feature's key.")
    var feature: String
    @Option(help: "What is measured, as a key: acceptance-rate, tone-review.")
    var metric: String
    @Option(help: "The value passes at this threshold or more (a decimal).")
    var atLeast: String?
    @Option(help: "The value passes at this threshold or less (a decimal).")
    var atMost: String?
    @Flag(help: "A check a person judges, pass or fail, rather than a metric.")
    var check = false
    @Option(help: "The unit of the values (%, ms, ...).")
    var unit: String = ""
    @Option(help: "How often a result is due, in days.")
    var every: Int
    @Option(help: "Who measures it.")
    var owner: String
    @Option(help: "How it is measured.")
    var method: String = ""
    @Option(help: "Where the results are kept (a URL or a document).")
    var evidence: String = ""
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      let given = [atLeast != nil, atMost != nil, check].filter { $0 }.count
      guard given == 1 else {
        throw ValidationError(
          "give one of --at-least THRESHOLD, --at-most THRESHOLD or --check")
      }
    }

    func run() throws {
      var draft = MonitoringPlanDraft(
        metric: metric, kind: check ? .check : .metric, cadenceDays: every, owner: owner)
      if let atLeast {
        draft.direction = .atLeast
        draft.threshold = atLeast
      } else if let atMost {
        draft.direction = .atMost
        draft.threshold = atMost
      }
      draft.unit = unit
      draft.method = method
      draft.evidence = evidence
      let plan = try global.openRegistry().addMonitoringPlan(featureKey: feature, draft)
      try output.emit(plan) { Console.output(String(plan.id)) }
      Console.note("planned monitoring of '\(metric)' for '\(feature)' every \(every) days")
    }
  }
}
