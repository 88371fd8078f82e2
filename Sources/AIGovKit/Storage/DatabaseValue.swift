/// One SQLite value, as stored in a column or bound to a parameter.
public enum DatabaseValue: Equatable, Sendable {
  case null
  case integer(Int64)
  case real(Double)
  case text(String)
  case blob([UInt8])
}

/// A Swift value that can be bound to a statement parameter.
public protocol DatabaseValueConvertible {
  var databaseValue: DatabaseValue { get }
}

extension DatabaseValue: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { self }
}

extension String: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { .text(self) }
}

extension Int: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { .integer(Int64(self)) }
}

extension Int64: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { .integer(self) }
}

extension Bool: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { .integer(self ? 1 : 0) }
}

extension Double: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue { .real(self) }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
  public var databaseValue: DatabaseValue {
    switch self {
    case .none: .null
    case .some(let value): value.databaseValue
    }
  }
}

extension RawRepresentable where RawValue == String {
  /// Vocabulary enums are stored as their raw text.
  public var databaseValue: DatabaseValue { .text(rawValue) }
}

extension DatabaseValue {
  /// The value as text: integers and reals as their digits, a blob as UTF-8; nil for NULL.
  public var optionalText: String? {
    switch self {
    case .text(let value): value
    case .integer(let value): String(value)
    case .real(let value): String(value)
    case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
    case .null: nil
    }
  }

  /// The value as an integer: text that is one, a real cut; nil for NULL, a blob or other text.
  public var optionalInteger: Int? {
    switch self {
    case .integer(let value): Int(value)
    case .real(let value): Int(value)
    case .text(let value): Int(value)
    case .null, .blob: nil
    }
  }

  /// The text of column `column`, which must not be NULL.
  public func text(column: String) throws -> String {
    guard let value = optionalText else { throw Self.mismatch(column, expected: "text") }
    return value
  }

  /// The integer of column `column`, which must hold one.
  public func integer(column: String) throws -> Int {
    guard let value = optionalInteger else { throw Self.mismatch(column, expected: "integer") }
    return value
  }

  /// A vocabulary term held by column `column`, decoded into its enum.
  public func term<T: RawRepresentable>(column: String, as type: T.Type = T.self) throws -> T
  where T.RawValue == String {
    let raw = try text(column: column)
    guard let value = T(rawValue: raw) else {
      throw SQLiteError(
        code: sqliteMismatchCode, message: "column \(column) holds unknown term '\(raw)'")
    }
    return value
  }

  private static func mismatch(_ column: String, expected: String) -> SQLiteError {
    SQLiteError(code: sqliteMismatchCode, message: "column \(column) does not hold \(expected)")
  }
}
