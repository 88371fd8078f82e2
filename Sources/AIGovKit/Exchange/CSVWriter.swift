/// Writes CSV as RFC 4180 describes it: UTF-8 without a byte-order mark, CRLF after every
/// record, a field quoted when it holds a comma, a quote, a carriage return or a line feed (inner
/// quotes doubled) or begins with a byte-order mark, and every value guarded by
/// `SpreadsheetFormula`.
///
/// A missing value (nil) is written as an empty field and an empty text as `""`, so that a reader
/// that tells quoted from unquoted fields, as `CSVReader` does, gets back exactly what was written.
public struct CSVWriter {
  /// The bytes written so far and not yet taken.
  public private(set) var bytes: [UInt8] = []
  private var atRecordStart = true

  public init() {
    bytes.reserveCapacity(1 << 16)
  }

  /// Appends one field of the current record.
  public mutating func field(_ value: String?) {
    if !atRecordStart { bytes.append(UInt8(ascii: ",")) }
    atRecordStart = false
    guard let value else { return }
    if value.isEmpty {
      bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
      return
    }
    let utf8 = value.utf8
    let guarded = SpreadsheetFormula.guards(utf8)
    // A value that begins with a byte-order mark is quoted, so that a reader, which drops the
    // mark at the start of a file, cannot take it for one.
    var needsQuotes = utf8.starts(with: [0xEF, 0xBB, 0xBF])
    for byte in utf8
    where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
      needsQuotes = true
      break
    }
    if !needsQuotes {
      if guarded { bytes.append(UInt8(ascii: "'")) }
      bytes.append(contentsOf: utf8)
      return
    }
    bytes.append(UInt8(ascii: "\""))
    if guarded { bytes.append(UInt8(ascii: "'")) }
    for byte in utf8 {
      if byte == UInt8(ascii: "\"") { bytes.append(byte) }
      bytes.append(byte)
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends a whole record.
  public mutating func record(_ fields: [String?]) {
    for field in fields { self.field(field) }
    endRecord()
  }

  /// Ends the current record.
  public mutating func endRecord() {
    bytes.append(0x0D)
    bytes.append(0x0A)
    atRecordStart = true
  }

  /// Takes the bytes written so far, for writing out, and starts an empty buffer.
  public mutating func take() -> [UInt8] {
    defer { bytes.removeAll(keepingCapacity: true) }
    return bytes
  }
}
