import AIGovKit
import ArgumentParser

extension AIGov.Monitor {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List monitoring plans with their latest result.")

    @Argument(help: "Only this feature's plans.")
    var feature: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistryForReading()
      let plans = try registry.monitoringPlans(featureKey: feature)
      try output.emit(plans) {
        guard !plans.isEmpty else { return Console.note("no monitoring plans") }
        var table = TextTable("ID", "FEATURE", "METRIC", "PASSES WHEN", "EVERY", "OWNER", "LATEST")
        for plan in plans {
          let latest = try registry.monitoringResults(planID: plan.id).last
          let rule =
            plan.kind == .check
            ? "a person judges"
            : "\(plan.direction?.rawValue ?? "") \(plan.threshold ?? "")\(plan.unit)"
          table.append([
            String(plan.id), plan.featureKey, plan.metric, rule, "\(plan.cadenceDays) days",
            plan.owner,
            latest.map {
              "\(String($0.measuredAt.prefix(10))) \($0.value.map { "\($0) " } ?? "")"
                + ($0.passed ? "pass" : "FAIL")
            } ?? "none yet",
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }
}
