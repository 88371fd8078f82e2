#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Turns a report's model into one format. A pure function of the model: the same model gives the
/// same bytes.
public protocol DocumentRenderer {
  associatedtype Document
  func render(_ document: Document) throws -> String
}

/// The formats reports come in.
public enum ReportFormat: String, Vocabulary {
  case markdown, html, json
  public static let termName = "format"
}

/// JSON for any report: sorted keys, pretty-printed, ending with a newline.
public struct JSONRenderer<Document: Encodable>: DocumentRenderer {
  public init() {}

  public func render(_ document: Document) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
  }
}
