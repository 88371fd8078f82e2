#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Which side of a monitoring threshold passes.
public enum MetricDirection: String, Vocabulary {
  /// The value passes when it is the threshold or more (accuracy, acceptance rate).
  case atLeast = "at-least"
  /// The value passes when it is the threshold or less (error rate, latency).
  case atMost = "at-most"
  public static let termName = "direction"
}

/// A measurement as written, a plain decimal (`0.92`, `-3`, `250.5`): stored and hashed as the
/// person wrote it, and compared exactly, never through binary floating point.
public struct MeasuredValue: Equatable, Sendable, CustomStringConvertible {
  public let text: String
  private let value: Decimal

  /// Reads an optional minus sign, digits, and an optional fraction; nil for anything else
  /// (exponents, spaces, `nan`, a comma).
  public init?(_ text: String) {
    let scalars = Array(text.unicodeScalars)
    var index = scalars.first == "-" ? 1 : 0
    let digitsStart = index
    while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
    guard index > digitsStart, index - digitsStart <= 18 else { return nil }
    if index < scalars.count {
      guard scalars[index] == "." else { return nil }
      index += 1
      let fractionStart = index
      while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
      guard index > fractionStart, index - fractionStart <= 12, index == scalars.count else {
        return nil
      }
    }
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
      return nil
    }
    self.text = text
    self.value = value
  }

  public var description: String { text }

  /// Whether this value passes a threshold in `direction`.
  public func passes(_ threshold: MeasuredValue, _ direction: MetricDirection) -> Bool {
    switch direction {
    case .atLeast: value >= threshold.value
    case .atMost: value <= threshold.value
    }
  }
}
