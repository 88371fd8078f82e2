/// One result row, read out of its statement so that it outlives the next step.
public struct Row: Sendable {
  let columns: ColumnIndex
  /// The values in the order the query selected them.
  public let values: [DatabaseValue]

  /// The value of a column by name; `.null` for a name the query did not select.
  public subscript(_ column: String) -> DatabaseValue {
    guard let index = columns.position(of: column) else { return .null }
    return values[index]
  }

  /// The value of a column by position.
  public subscript(_ index: Int) -> DatabaseValue { values[index] }

  public func text(_ column: String) throws -> String {
    guard let value = optionalText(column) else { throw mismatch(column, expected: "text") }
    return value
  }

  public func optionalText(_ column: String) -> String? {
    switch self[column] {
    case .text(let value): value
    case .integer(let value): String(value)
    case .real(let value): String(value)
    case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
    case .null: nil
    }
  }

  public func integer(_ column: String) throws -> Int {
    guard let value = optionalInteger(column) else { throw mismatch(column, expected: "integer") }
    return value
  }

  public func optionalInteger(_ column: String) -> Int? {
    switch self[column] {
    case .integer(let value): Int(value)
    case .real(let value): Int(value)
    case .text(let value): Int(value)
    case .null, .blob: nil
    }
  }

  public func bool(_ column: String) throws -> Bool { try integer(column) != 0 }

  /// A column holding a vocabulary term, decoded into its enum.
  public func term<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T
  where T.RawValue == String {
    let raw = try text(column)
    guard let value = T(rawValue: raw) else {
      throw SQLiteError(
        code: sqliteMismatchCode, message: "column \(column) holds unknown term '\(raw)'")
    }
    return value
  }

  private func mismatch(_ column: String, expected: String) -> SQLiteError {
    SQLiteError(
      code: sqliteMismatchCode, message: "column \(column) does not hold \(expected)")
  }
}

/// SQLITE_MISMATCH: reading a column whose value is not of the expected type.
let sqliteMismatchCode: Int32 = 20

/// Column names of one statement, looked up by name.
final class ColumnIndex: Sendable {
  let names: [String]
  private let positions: [String: Int]

  init(names: [String]) {
    self.names = names
    var positions: [String: Int] = [:]
    for (index, name) in names.enumerated() where positions[name] == nil {
      positions[name] = index
    }
    self.positions = positions
  }

  /// The first column of that name.
  func position(of name: String) -> Int? {
    positions[name]
  }
}
