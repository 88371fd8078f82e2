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

extension AIGov.Config {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the settings with their values in force.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let settings = try global.openRegistry().settings()
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

  struct Get: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "get", abstract: "Print one setting's value.")

    @Argument(help: "The setting's name.")
    var name: SettingName
    @OptionGroup var global: GlobalOptions

    func run() throws {
      Console.output(try global.openRegistry().setting(name))
    }
  }

  struct Set: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "set",
      abstract: "Change one setting.",
      discussion: """
        Examples:
          aigov config set review.required-disciplines product,legal,privacy,security
          aigov config set check.min-aggregation-size 100
        Rounds already open keep the disciplines they were opened with.
        """)

    @Argument(help: "The setting's name.")
    var name: SettingName
    @Argument(help: "The new value.")
    var value: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let edit = try global.openRegistry().changeSetting(name, to: value)
      Console.note(
        edit.changed
          ? "\(name.rawValue) is now \(edit.after.value) (was \(edit.before.value))"
          : "\(name.rawValue) unchanged (it is already \(edit.after.value))")
    }
  }
}
