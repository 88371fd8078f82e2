import AIGovKit

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where output goes: data to stdout, messages and errors to stderr.
enum Console {
  /// Writes text for people to stdout, with nothing in it that could drive a terminal but, when
  /// `styled`, the styles of `Style`.
  static func output(_ text: String, styled: Bool = false) {
    let text = TerminalText.sanitized(text, allowingStyles: styled)
    DescriptorOutput.standardOutput.writeOrExit(text.hasSuffix("\n") ? text : text + "\n")
  }

  /// Writes a message for the person at the terminal to stderr, with nothing in it that could
  /// drive the terminal.
  static func note(_ text: String) {
    DescriptorOutput.standardError.writeOrExit(
      TerminalText.sanitized(text, allowingStyles: false) + "\n")
  }

  static func warning(_ text: String) {
    note("warning: " + text)
  }

  static func error(_ text: String) {
    note("error: " + text)
  }

  /// Writes a document another program reads (an iCalendar feed) to stdout as it is: the
  /// document's writer has escaped what it holds for its own format.
  static func document(_ text: String) throws {
    try DescriptorOutput.standardOutput.write(Array(text.utf8))
  }

  /// Writes `value` to stdout as JSON with sorted keys.
  static func json(_ value: some Encodable) throws {
    var data = UntrustedText.json(try makeJSONEncoder().encode(value))
    data.append(UInt8(ascii: "\n"))
    try DescriptorOutput.standardOutput.write(data)
  }

  /// As `json(_:)`, for a list of records that write their own JSON.
  static func json<Element: PrettyJSONEncodable>(_ values: [Element]) throws {
    var stream = JSONArrayStream<Element>(object: { $0.prettyJSON })
    for value in values { try stream.append(value) }
    try stream.finish()
  }

  /// What every `edit` prints: the record as JSON if asked, and whether anything changed.
  static func reportEdit<Record: Encodable & Equatable & Sendable>(
    _ edit: Edited<Record>, format: FormatOption, name: String, updated: String
  ) throws {
    try format.emit(edit.after)
    note(
      edit.changed
        ? "updated \(name) (\(updated))"
        : "\(name) unchanged (the values given are the current ones)")
  }

  static func makeJSONEncoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
  }
}

/// Writes a JSON array to stdout a chunk of elements at a time, byte for byte as `Console.json`
/// would write the whole array, so that memory does not grow with the number of elements.
/// Elements that write their own JSON (`PrettyJSONEncodable`) skip the encoder.
struct JSONArrayStream<Element: Encodable> {
  private let encoder = Console.makeJSONEncoder()
  private let chunkSize: Int
  private let output: DescriptorOutput
  private let object: ((Element) -> PrettyJSONObject?)?
  private var pending: [Element] = []
  private var started = false

  init(
    chunkSize: Int = 1_000, output: DescriptorOutput = .standardOutput,
    object: ((Element) -> PrettyJSONObject?)? = nil
  ) {
    self.chunkSize = chunkSize
    self.output = output
    self.object = object
  }

  mutating func append(_ element: Element) throws {
    pending.append(element)
    if pending.count == chunkSize { try flush() }
  }

  mutating func finish() throws {
    if !pending.isEmpty { try flush() }
    // Nothing streamed: write the empty array exactly as the encoder writes one.
    var tail = started ? Data("\n]".utf8) : try encoder.encode([Element]())
    tail.append(UInt8(ascii: "\n"))
    try output.write(tail)
  }

  /// A pretty-printed non-empty array is `[`, then `\n  element` joined by `,`, then `\n]`: each
  /// chunk contributes its middle, after `[` for the first chunk and `,` for the others.
  private mutating func flush() throws {
    var chunk: [UInt8] = []
    chunk.reserveCapacity(pending.count * 1_024)
    for element in pending {
      chunk.append(started || !chunk.isEmpty ? UInt8(ascii: ",") : UInt8(ascii: "["))
      if let object = object?(element) {
        chunk.append(contentsOf: "\n  ".utf8)
        object.write(to: &chunk, depth: 1)
      } else {
        let encoded = try encoder.encode([element])
        chunk.append(contentsOf: encoded[(encoded.startIndex + 1)..<(encoded.endIndex - 2)])
      }
    }
    try output.write(UntrustedText.json(chunk))
    started = true
    pending.removeAll(keepingCapacity: true)
  }
}

/// ANSI styles for text output; applied only when colour is on.
enum Style: String, CaseIterable {
  case bold = "1"
  case dim = "2"
  case red = "31"
  case green = "32"
  case yellow = "33"
  case blue = "34"
  case magenta = "35"

  func apply(_ text: String, when enabled: Bool) -> String {
    enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
  }
}
