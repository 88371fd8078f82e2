import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct SetStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set-status",
      abstract: "Launch, suspend or retire a feature.",
      discussion: """
        launched: only from approved (or from suspended while the approval is still in force), \
        and only when every high or critical risk has an implemented or verified mitigation. \
        suspended and retired: from any live status; an open review round is withdrawn. \
        approved and in-review are reached only through review rounds ('aigov review').
        """)

    @Argument(help: "The feature's key.")
    var key: String
    @Argument(help: "The new status: launched, suspended or retired.")
    var status: FeatureStatus
    @Option(help: "Why (shown with the status and kept in the audit trail).")
    var reason: String?
    @OptionGroup var decidedAt: MeetingOption
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistry()
      let reason = try decidedAt.citing(reason, in: registry)
      let feature = try registry.setStatus(key, to: status, reason: reason)
      try output.emit(feature)
      Console.note("feature '\(key)' is now \(feature.status.rawValue)")
    }
  }
}
