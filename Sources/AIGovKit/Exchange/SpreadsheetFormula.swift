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
public enum SpreadsheetFormula {
  /// The characters that make a spreadsheet read a cell as a formula.
  public static let triggers: Set<UInt8> = [
    UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, 0x00,
  ]
  private static let apostrophe = UInt8(ascii: "'")

  /// The value as a CSV cell should hold it.
  public static func neutralised(_ value: String) -> String {
    needsGuard(value.utf8) ? "'" + value : value
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
