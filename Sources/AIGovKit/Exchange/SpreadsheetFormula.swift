/// The rule that keeps a CSV cell from being run as a formula when a spreadsheet opens the file,
/// and undoes itself on import so that nothing is lost.
///
/// A spreadsheet reads a cell that begins with `=`, `+`, `-`, `@`, a tab, a carriage return or a
/// NUL as a formula. Such a value is written with one apostrophe in front (`'=1+1`), which
/// spreadsheets show as text. So that the rule can be undone exactly, a value that already begins
/// with apostrophes followed by one of those characters gets one more (`'=1+1` is written
/// `''=1+1`); every other value, an apostrophe at the front included, is written as it is. Import
/// removes one apostrophe from a value that begins with one or more apostrophes followed by one
/// of those characters, and leaves every other value alone.
///
/// One kind of value is written as it is although it begins with `-`: a PEM block (a public key),
/// which `openssl` must read as written. It is armour lines and base64 only: no parenthesis, so
/// no function call; no `!`, `[` or `|`, so no reference outside the sheet and no link to another
/// program. Import leaves it alone too, as it begins with no apostrophe.
public enum SpreadsheetFormula {
  /// The characters that make a spreadsheet read a cell as a formula.
  public static let triggers: Set<UInt8> = [
    UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, 0x00,
  ]
  private static let apostrophe = UInt8(ascii: "'")

  /// The value as a CSV cell should hold it.
  public static func neutralised(_ value: String) -> String {
    guards(value.utf8) ? "'" + value : value
  }

  /// Whether a value written to a cell takes the guard: it begins with a trigger (after any
  /// apostrophes) and is not a PEM block.
  static func guards<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    needsGuard(bytes) && !isPEMBlock(bytes)
  }

  /// Whether the bytes are one PEM block and nothing else: a `-----BEGIN LABEL-----` line, lines
  /// of base64, an `-----END LABEL-----` line, each ended by a line feed (the last one may not
  /// be), where a label is capital letters and spaces.
  static func isPEMBlock<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    guard lines.count >= 3, let first = lines.first, let last = lines.last else { return false }
    func armour(_ line: Bytes.SubSequence, _ word: String) -> Bool {
      let prefix = Array("-----\(word) ".utf8)
      let suffix = Array("-----".utf8)
      guard line.count > prefix.count + suffix.count, line.starts(with: prefix),
        line.reversed().starts(with: suffix.reversed())
      else { return false }
      return line.dropFirst(prefix.count).dropLast(suffix.count).allSatisfy {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 == UInt8(ascii: " ")
      }
    }
    // Base64 digits, then at most two `=` of padding: no `=` begins or splits a line.
    func base64(_ line: Bytes.SubSequence) -> Bool {
      let padding = line.reversed().prefix { $0 == UInt8(ascii: "=") }.count
      return line.count > padding && padding <= 2
        && line.dropLast(padding).allSatisfy {
          (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
            || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/")
        }
    }
    return armour(first, "BEGIN") && armour(last, "END")
      && lines.dropFirst().dropLast().allSatisfy(base64)
  }

  /// The value a neutralised cell stood for.
  public static func restored(_ cell: String) -> String {
    let bytes = cell.utf8
    guard bytes.first == apostrophe, needsGuard(bytes.dropFirst()) else { return cell }
    return String(cell.unicodeScalars.dropFirst())
  }

  /// Whether the value, after any leading apostrophes, begins with a trigger.
  static func needsGuard<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    guard let first = bytes.first(where: { $0 != apostrophe }) else { return false }
    return triggers.contains(first)
  }
}
