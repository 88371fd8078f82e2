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

  public func text(_ column: String) throws -> String { try self[column].text(column: column) }

  public func optionalText(_ column: String) -> String? { self[column].optionalText }

  public func integer(_ column: String) throws -> Int { try self[column].integer(column: column) }

  public func optionalInteger(_ column: String) -> Int? { self[column].optionalInteger }

  public func bool(_ column: String) throws -> Bool { try integer(column) != 0 }

  /// A column's bytes; an empty blob reads as no bytes, NULL as nil.
  public func optionalBlob(_ column: String) -> [UInt8]? {
    switch self[column] {
    case .blob(let bytes): bytes
    case .text(let text): Array(text.utf8)
    default: nil
    }
  }

  /// A column holding a vocabulary term, decoded into its enum.
  public func term<T: RawRepresentable>(_ column: String, as type: T.Type = T.self) throws -> T
  where T.RawValue == String {
    try self[column].term(column: column)
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
