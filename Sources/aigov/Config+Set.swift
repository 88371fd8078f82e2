import AIGovKit
import ArgumentParser

extension AIGov.Config {
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
