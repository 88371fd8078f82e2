/// Parses JSON exactly as RFC 8259 defines it, and refuses everything else with the line and
/// column where it went wrong.
///
/// Foundation's parser accepts trailing commas and keeps the last of two equal keys; an importer
/// must not guess what a file meant, so this one refuses both, along with comments, unescaped
/// control characters in strings, bytes that are not UTF-8, lone surrogates, numbers outside the
/// grammar (`01`, `.5`, `NaN`) and nesting deeper than `maximumDepth` (which would otherwise
/// exhaust the stack). A leading UTF-8 byte-order mark is skipped, as the RFC allows.
public struct StrictJSON {
  /// How deeply arrays and objects may nest.
  public static let maximumDepth = 512

  private let bytes: [UInt8]
  private var position = 0
  private var depth = 0
  private let rejectsDuplicateKeys: Bool

  /// Parses one JSON text. With `rejectingDuplicateKeys` (the default), an object that names a
  /// key twice is an error; without it, the grammar alone decides and the last value wins.
  public static func parse(_ bytes: [UInt8], rejectingDuplicateKeys: Bool = true) throws(JSONError)
    -> JSONValue
  {
    var parser = StrictJSON(bytes: bytes, rejectsDuplicateKeys: rejectingDuplicateKeys)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
    parser.skipWhitespace()
    let value = try parser.value()
    parser.skipWhitespace()
    guard parser.position == bytes.count else {
      throw parser.error("unexpected text after the end of the document")
    }
    return value
  }

  private init(bytes: [UInt8], rejectsDuplicateKeys: Bool) {
    self.bytes = bytes
    self.rejectsDuplicateKeys = rejectsDuplicateKeys
  }

  private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

  private mutating func skipWhitespace() {
    while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      position += 1
    }
  }

  private mutating func value() throws(JSONError) -> JSONValue {
    guard let byte = current else { throw error("the document ends where a value was expected") }
    switch byte {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
    default: throw error("unexpected \(describe(byte)) where a value was expected")
    }
  }

  private mutating func enter() throws(JSONError) {
    depth += 1
    if depth > Self.maximumDepth {
      throw error("arrays and objects nested deeper than \(Self.maximumDepth) levels")
    }
  }

  private mutating func object() throws(JSONError) -> JSONValue {
    try enter()
    position += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else {
        throw error(
          current == UInt8(ascii: "}")
            ? "a comma before the end of an object" : "an object key that is not a string")
      }
      let keyPosition = position
      let key = try string()
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw error("a key without ':' after it") }
      position += 1
      skipWhitespace()
      let member = try value()
      if members.updateValue(member, forKey: key) != nil, rejectsDuplicateKeys {
        throw error("the key \"\(key)\" appears twice in one object", at: keyPosition)
      }
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "}"):
        position += 1
        depth -= 1
        return .object(members)
      default: throw error("expected ',' or '}' in an object")
      }
    }
  }

  private mutating func array() throws(JSONError) -> JSONValue {
    try enter()
    position += 1
    var elements: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      if current == UInt8(ascii: "]") { throw error("a comma before the end of an array") }
      elements.append(try value())
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): position += 1
      case UInt8(ascii: "]"):
        position += 1
        depth -= 1
        return .array(elements)
      default: throw error("expected ',' or ']' in an array")
      }
    }
  }

  private mutating func literal(_ word: StaticString) throws(JSONError) {
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    guard position + expected.count <= bytes.count,
      bytes[position..<position + expected.count].elementsEqual(expected)
    else { throw error("unexpected text where a value was expected") }
    position += expected.count
  }

  private mutating func number() throws(JSONError) -> JSONValue {
    let start = position
    var isInteger = true
    if current == UInt8(ascii: "-") { position += 1 }
    guard let first = current, isDigit(first) else {
      throw error("a number without digits")
    }
    position += 1
    if first == UInt8(ascii: "0"), let next = current, isDigit(next) {
      throw error("a number with a leading zero")
    }
    skipDigits()
    if current == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      guard let digit = current, isDigit(digit) else {
        throw error("a number with no digits after the decimal point")
      }
      skipDigits()
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      isInteger = false
      position += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
      guard let digit = current, isDigit(digit) else {
        throw error("a number with no digits in its exponent")
      }
      skipDigits()
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    if isInteger, let integer = Int(text) { return .integer(integer) }
    return .number(Double(text) ?? .nan)
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private mutating func skipDigits() {
    while let byte = current, isDigit(byte) { position += 1 }
  }

  private mutating func string() throws(JSONError) -> String {
    let open = position
    position += 1
    var start = position
    var decoded: [UInt8] = []
    while true {
      guard let byte = current else {
        throw error("a string that is never closed", at: open)
      }
      switch byte {
      case UInt8(ascii: "\""):
        let end = position
        position += 1
        if start == open + 1, let text = String(validating: bytes[start..<end], as: UTF8.self) {
          return text
        }
        decoded.append(contentsOf: bytes[start..<end])
        guard let text = String(validating: decoded, as: UTF8.self) else {
          let offset = UTF8Validation.firstInvalidByte(in: decoded) ?? 0
          throw error("bytes that are not UTF-8 in a string", at: open + 1 + offset)
        }
        return text
      case UInt8(ascii: "\\"):
        decoded.append(contentsOf: bytes[start..<position])
        try escape(into: &decoded)
        start = position
      case 0x00..<0x20:
        throw error("an unescaped control character (\(describe(byte))) in a string")
      default:
        position += 1
      }
    }
  }

  private mutating func escape(into decoded: inout [UInt8]) throws(JSONError) {
    position += 1
    guard let byte = current else { throw error("a string that ends inside an escape") }
    position += 1
    let simple: UInt8? =
      switch byte {
      case UInt8(ascii: "\""): UInt8(ascii: "\"")
      case UInt8(ascii: "\\"): UInt8(ascii: "\\")
      case UInt8(ascii: "/"): UInt8(ascii: "/")
      case UInt8(ascii: "b"): 0x08
      case UInt8(ascii: "f"): 0x0C
      case UInt8(ascii: "n"): 0x0A
      case UInt8(ascii: "r"): 0x0D
      case UInt8(ascii: "t"): 0x09
      default: nil
      }
    if let simple {
      decoded.append(simple)
      return
    }
    guard byte == UInt8(ascii: "u") else {
      position -= 1
      throw error("an unknown escape \\\(describe(byte, quoted: false)) in a string")
    }
    var scalar = try hexQuad()
    if (0xD800...0xDBFF).contains(scalar) {
      guard current == UInt8(ascii: "\\"), position + 1 < bytes.count,
        bytes[position + 1] == UInt8(ascii: "u")
      else { throw error("a lone UTF-16 surrogate escape in a string") }
      position += 2
      let low = try hexQuad()
      guard (0xDC00...0xDFFF).contains(low) else {
        throw error("a lone UTF-16 surrogate escape in a string")
      }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
    } else if (0xDC00...0xDFFF).contains(scalar) {
      throw error("a lone UTF-16 surrogate escape in a string")
    }
    guard let unicode = Unicode.Scalar(scalar) else {
      throw error("an escape that is not a Unicode character")
    }
    decoded.append(contentsOf: UTF8.encode(unicode)!)
  }

  private mutating func hexQuad() throws(JSONError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current else { throw error("a \\u escape with fewer than four hex digits") }
      let digit: UInt32
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
      default: throw error("a \\u escape with fewer than four hex digits")
      }
      value = value << 4 | digit
      position += 1
    }
    return value
  }

  private func describe(_ byte: UInt8, quoted: Bool = true) -> String {
    if byte >= 0x21 && byte < 0x7F {
      let character = String(UnicodeScalar(byte))
      return quoted ? "'\(character)'" : character
    }
    return "byte 0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
  }

  private func error(_ reason: String, at offset: Int? = nil) -> JSONError {
    let offset = min(offset ?? position, bytes.count)
    var line = 1
    var lineStart = 0
    for index in 0..<offset where bytes[index] == 0x0A {
      line += 1
      lineStart = index + 1
    }
    return JSONError(line: line, column: offset - lineStart + 1, reason: reason)
  }
}

/// Why a JSON document could not be read, and where.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
  public var line: Int
  /// Counted in bytes from 1.
  public var column: Int
  public var reason: String

  public init(line: Int, column: Int, reason: String) {
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String { "line \(line), column \(column): \(reason)" }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
