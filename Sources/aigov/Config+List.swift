import AIGovKit
import ArgumentParser

extension AIGov.Config {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the settings with their values in force.",
      discussion:
        "A value longer than a table cell is cut short; 'aigov config get NAME' prints it "
        + "whole.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let settings = try global.openRegistryForReading().settings()
      try output.emit(settings) {
        var table = TextTable("NAME", "VALUE", "", "MEANING")
        for setting in settings {
          table.append([
            setting.name.rawValue, Self.cell(setting.value), setting.isDefault ? "(default)" : "",
            setting.name.summary,
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }

    /// A value as the table shows it: its first line, cut at 48 characters with an ellipsis.
    static func cell(_ value: String) -> String {
      let line = value.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
      guard line.count > 48 || line.count < value.count else { return value }
      return String(line.prefix(47)) + "…"
    }
  }
}
