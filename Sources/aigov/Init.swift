import AIGovKit
import ArgumentParser

extension AIGov {
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "init",
      abstract: "Create an empty inventory database (readable by its owner only).",
      discussion: "Running it on an existing aigov database only brings its schema up to date.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistry(create: true)
      Console.note(
        "database ready at '\(registry.path)' (schema version \(try registry.schemaVersion))")
    }
  }
}
