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
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let document =
        try RemoteServer.named(server).map {
          try $0.get(RemoteServer.feature(key), as: FeatureDocument.self)
        } ?? global.openRegistryForReading().featureDocument(key)
      try output.emit(document) {
        Console.output(
          FeatureRecordText(
            record: document.record, review: document.review, afterLaunch: document.afterLaunch,
            controls: document.controls, exceptions: document.exceptions,
            evidence: document.evidence, color: global.usesColor
          ).render(), styled: global.usesColor)
      }
    }
  }
}
