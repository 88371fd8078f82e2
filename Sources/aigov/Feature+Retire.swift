import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct Retire: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "retire",
      abstract: "Retire a feature: it stays in the inventory and its history, marked retired.")

    @Argument(help: "The feature's key.")
    var key: String
    @Option(help: "Why it is retired (kept in the audit trail).")
    var reason: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      _ = try global.openRegistry().retireFeature(key, reason: reason)
      Console.note("retired feature '\(key)'")
    }
  }
}
