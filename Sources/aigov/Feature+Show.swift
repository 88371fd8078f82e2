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
      if output.isJSON {
        return try Console.json(FeatureShowOutput(record: record, review: review))
      }
      Console.output(
        FeatureRecordText(record: record, review: review, color: global.usesColor).render(),
        styled: global.usesColor)
    }
  }
}

/// `feature show --format json`: the record and its review history.
struct FeatureShowOutput: Encodable {
  var record: FeatureRecord
  var review: FeatureReview

  enum CodingKeys: String, CodingKey {
    case review
  }

  func encode(to encoder: any Encoder) throws {
    try record.encode(to: encoder)
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(review, forKey: .review)
  }
}
