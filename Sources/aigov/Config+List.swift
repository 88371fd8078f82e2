import AIGovKit
import ArgumentParser

extension AIGov.Config {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the settings with their values in force.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let settings = try global.openRegistryForReading().settings()
      if output.isJSON { return try Console.json(settings) }
      var table = TextTable("NAME", "VALUE", "", "MEANING")
      for setting in settings {
        table.append([
          setting.name.rawValue, setting.value, setting.isDefault ? "(default)" : "",
          setting.name.summary,
        ])
      }
      Console.output(table.render(color: global.usesColor), styled: global.usesColor)
    }
  }
}
