/// A contract term that a third party lacks for the customer data a feature sends it. The one
/// statement of what `check`'s provider-terms rule asks, which the read-only MCP server's answer
/// about unprotected data flows shares.
public enum TermGap: Equatable, Hashable, Sendable {
  /// A data processing agreement is known not to be in place.
  case noDPA
  /// Nobody recorded whether a data processing agreement is in place.
  case dpaUnknown
  /// No contractual bar on training on our customers' data.
  case mayTrain
  /// Nobody recorded how long the provider keeps the data.
  case retentionUnknown
  /// It keeps data that serves one account for this many days, not zero.
  case retains(days: Int)

  /// The term it concerns: `dpa`, `no_training` or `retention`.
  public var term: String {
    switch self {
    case .noDPA, .dpaUnknown: "dpa"
    case .mayTrain: "no_training"
    case .retentionUnknown, .retains: "retention"
    }
  }

  /// What is missing, in words.
  public var summary: String {
    switch self {
    case .noDPA: "no DPA"
    case .dpaUnknown: "no DPA known to be in place"
    case .mayTrain: "no contractual bar on training on our data"
    case .retentionUnknown: "retention unknown"
    case .retains(let days): "keeps the data \(days) days"
    }
  }

  /// What `provider`'s terms lack for a feature that serves with `servingUse` and sends it
  /// customer data; empty for an internal platform, which is no third party. Whatever the use:
  /// a DPA in place, a bar on training and a known retention; for data serving one account,
  /// zero retention.
  public static func gaps(of provider: Provider, servingUse: ServingUse) -> [TermGap] {
    guard provider.kind != .internal else { return [] }
    var gaps: [TermGap] = []
    switch provider.dpa {
    case .yes: break
    case .no: gaps.append(.noDPA)
    case .unknown: gaps.append(.dpaUnknown)
    }
    if !provider.noTraining { gaps.append(.mayTrain) }
    if let days = provider.retentionDays {
      if servingUse == .accountOnly, days != 0 { gaps.append(.retains(days: days)) }
    } else {
      gaps.append(.retentionUnknown)
    }
    return gaps
  }
}

extension TermGap: Encodable {
  enum CodingKeys: String, CodingKey {
    case term, summary
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(term, forKey: .term)
    try values.encode(summary, forKey: .summary)
  }
}
