import AIGovKit
import ArgumentParser

extension AIGov {
  struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "config",
      abstract: "Read and change the governance settings (each change is audited).",
      subcommands: [List.self, Get.self, Set.self])
  }
}

extension SettingName: ExpressibleByArgument {}
