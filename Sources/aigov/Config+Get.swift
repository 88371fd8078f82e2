import AIGovKit
import ArgumentParser

extension AIGov.Config {
  struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "get", abstract: "Print one setting's value.")

    @Argument(help: "The setting's name.")
    var name: SettingName
    @OptionGroup var global: GlobalOptions

    func run() throws {
      Console.output(try global.openRegistryForReading().setting(name))
    }
  }
}
