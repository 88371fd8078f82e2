import AIGovKit
import ArgumentParser

extension AIGov.Feature {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract:
        "Show everything recorded about one feature: providers, data, risks, mitigations, review.")

    @Argument(help: "The feature's key.")
    var key: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistryForReading()
      let record = try registry.featureRecord(key)
      let review = try registry.review(key)
      let afterLaunch = try registry.afterLaunch(key)
      if output.isJSON {
        return try Console.json(
          FeatureDocument(record: record, review: review, afterLaunch: afterLaunch))
      }
      Console.output(
        FeatureRecordText(
          record: record, review: review, afterLaunch: afterLaunch, color: global.usesColor
        ).render(), styled: global.usesColor)
    }
  }
}
