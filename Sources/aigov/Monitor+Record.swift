import AIGovKit
import ArgumentParser

extension AIGov.Monitor {
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "record",
      abstract: "Record a monitoring result, judged pass or fail by the plan.",
      discussion: """
        A metric's --value is judged against its threshold; a check takes --pass or --fail. \
        Results are history: none is ever edited.
        """)

    @Argument(help: "The feature's key.")
    var feature: String
    @Option(help: "The plan's metric.")
    var metric: String
    @Option(help: "The measured value, a decimal (a metric).")
    var value: String?
    @Flag(help: "The check passed.")
    var pass = false
    @Flag(help: "The check failed.")
    var fail = false
    @Option(
      help: ArgumentHelp(
        "When it was measured (default: now).", valueName: "time"))
    var measuredAt: String?
    @Option(help: "Where the measurement can be seen (a URL or a document).")
    var evidence: String = ""
    @Option(help: "What the person measuring it noticed.")
    var note: String = ""
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if pass, fail { throw ValidationError("give --pass or --fail, not both") }
    }

    func run() throws {
      let result = try global.openRegistry().recordMonitoringResult(
        featureKey: feature, metric: metric, value: value,
        passed: pass ? true : (fail ? false : nil), measuredAt: measuredAt, evidence: evidence,
        note: note)
      try output.emit(result) {
        Console.note(
          "recorded \(metric) of '\(feature)'"
            + (result.value.map { " = \($0)" } ?? "") + ": \(result.passed ? "pass" : "FAIL")")
      }
    }
  }
}
