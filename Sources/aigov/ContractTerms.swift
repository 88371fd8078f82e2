import AIGovKit
import ArgumentParser

/// A provider's contract terms in one line.
struct ContractTerms {
  var provider: AIGovKit.Provider

  init(_ provider: AIGovKit.Provider) {
    self.provider = provider
  }

  var summary: String {
    [
      provider.dpaSignedOn.map { "DPA signed \($0.visibleOnOneLine)" } ?? "no DPA",
      provider.noTraining ? "no training on our data" : "may train on our data",
      retention,
      provider.subprocessorListed ? "listed subprocessor" : "not on the subprocessor list",
    ].joined(separator: "; ")
  }

  var retention: String {
    switch provider.retentionDays {
    case nil: "retention unknown"
    case 0?: "zero retention"
    case let days?: "kept \(days) days"
    }
  }
}
