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
      dpa,
      provider.noTraining ? "no training on our data" : "may train on our data",
      retention,
      provider.subprocessorListed ? "listed subprocessor" : "not on the subprocessor list",
    ].joined(separator: "; ")
  }

  var dpa: String {
    switch provider.dpa {
    case .yes:
      "DPA in place"
        + [
          provider.dpaSignedOn.map { "signed \($0.visibleOnOneLine)" },
          provider.dpaReference.map { "ref. \($0.visibleOnOneLine)" },
        ].compactMap { $0 }.map { " (\($0))" }.joined()
    case .no: "no DPA"
    case .unknown: "DPA unknown"
    }
  }

  var retention: String {
    switch provider.retentionDays {
    case nil: "retention unknown"
    case 0?: "zero retention"
    case let days?: "kept \(days) days"
    }
  }
}
