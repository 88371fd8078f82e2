/// Reads CSV strictly as RFC 4180 describes it, one record at a time, from bytes held in memory.
///
/// Strict means that what a lenient reader would guess at is refused with the line it is on: a
/// quote inside an unquoted field, text after a closing quote, a field whose quote never closes, a
/// carriage return that does not end a line, bytes that are not UTF-8. Records end with CRLF or LF;
/// a leading UTF-8 byte-order mark is skipped. The reader also says which fields were quoted, so
/// that an empty quoted field (`""`, an empty text) and an empty unquoted one (no value) stay apart.
public struct CSVReader {
  private let bytes: [UInt8]
  private var position: Int
  private var line = 1

  /// Whether the input began with a UTF-8 byte-order mark.
  public let hadByteOrderMark: Bool

  public init(bytes: [UInt8]) {
    self.bytes = bytes
    hadByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
    position = hadByteOrderMark ? 3 : 0
  }

  /// The most columns a header may have: aigov's widest table has a few dozen, and a file with a
  /// million is refused once this many are read, not after all of them.
  public static let maxHeaderFields = 256

  /// The header: the first record, refused as soon as it holds more than `maxHeaderFields`.
  public mutating func header() throws(CSVError) -> CSVRecord? {
    try next(maxFields: Self.maxHeaderFields)
  }

  /// The next record, or nil at the end of the input.
  public mutating func next() throws(CSVError) -> CSVRecord? {
    try next(maxFields: Int.max)
  }

  private mutating func next(maxFields: Int) throws(CSVError) -> CSVRecord? {
    guard position < bytes.count else { return nil }
    var record = CSVRecord(line: line, fields: [], quoted: [])
    while true {
      guard record.fields.count < maxFields else {
        throw CSVError(
          line: line,
          reason: "the header has more than \(maxFields) columns; a table of aigov has a few dozen")
      }
      let (field, quoted) = try readField()
      record.fields.append(field)
      record.quoted.append(quoted)
      guard position < bytes.count else { return record }
      switch bytes[position] {
      case UInt8(ascii: ","):
        position += 1
      case UInt8(ascii: "\n"):
        position += 1
        line += 1
        return record
      case UInt8(ascii: "\r"):
        guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\n") else {
          throw CSVError(line: line, reason: "a carriage return that does not end the line")
        }
        position += 2
        line += 1
        return record
      default:
        preconditionFailure("a field ends at a comma, a line end or the end of the input")
      }
    }
  }

  /// Reads one field and leaves the position on what ends it.
  private mutating func readField() throws(CSVError) -> (String, Bool) {
    let startLine = line
    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
      let start = position
      while position < bytes.count {
        let byte = bytes[position]
        if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
          break
        }
        if byte == UInt8(ascii: "\"") {
          throw CSVError(
            line: line,
            reason: "a quote inside an unquoted field (quote the whole field and double the quote)")
        }
        position += 1
      }
      return (try text(start..<position, line: startLine), false)
    }
    position += 1
    var start = position
    var pieces: [UInt8] = []
    var escaped = false
    while true {
      guard position < bytes.count else {
        throw CSVError(line: startLine, reason: "a quoted field that is never closed")
      }
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
          pieces.append(contentsOf: bytes[start...position])
          escaped = true
          position += 2
          start = position
          continue
        }
        break
      }
      if byte == UInt8(ascii: "\n") { line += 1 }
      position += 1
    }
    let value: String
    if escaped {
      pieces.append(contentsOf: bytes[start..<position])
      value = try text(pieces, line: startLine)
    } else {
      value = try text(start..<position, line: startLine)
    }
    position += 1
    if position < bytes.count {
      let byte = bytes[position]
      guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
      else {
        throw CSVError(
          line: line,
          reason: "text after a closing quote (a quote inside a quoted field is doubled)")
      }
    }
    return (value, true)
  }

  private func text(_ range: Range<Int>, line: Int) throws(CSVError) -> String {
    try text(bytes[range], line: line)
  }

  private func text<Bytes: Collection<UInt8>>(_ field: Bytes, line: Int) throws(CSVError)
    -> String
  {
    if let value = String(validating: field, as: UTF8.self) { return value }
    let offset = UTF8Validation.firstInvalidByte(in: Array(field)) ?? 0
    let lineOffset = field.prefix(offset).reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    throw CSVError(
      line: line + lineOffset,
      reason: "bytes that are not UTF-8 (save the file as UTF-8)")
  }
}

/// One CSV record: its fields, whether each was quoted, and the line it begins on.
public struct CSVRecord: Equatable, Sendable {
  public var line: Int
  public var fields: [String]
  public var quoted: [Bool]
}

/// Why a CSV input could not be read, and on which line.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  public var line: Int
  public var reason: String

  public init(line: Int, reason: String) {
    self.line = line
    self.reason = reason
  }

  public var description: String { "line \(line): \(reason)" }
}

/// Finds where bytes stop being UTF-8, to say where in a file the problem is.
enum UTF8Validation {
  static func firstInvalidByte(in bytes: [UInt8]) -> Int? {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    var offset = 0
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        offset += UTF8.width(scalar)
      case .emptyInput:
        return nil
      case .error:
        return offset
      }
    }
  }
}
