#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What the record's columns give every front end: its fields' descriptions, its JSON, its
/// canonical audit record, its text rules, and changes applied field by field.
extension RecordTable {
  /// The fields a record's JSON holds, described: every column the audit record names.
  var fieldDescriptions: [FieldDescription] {
    let empty = self.empty()
    return columns.filter { $0.auditField != nil }.map { FieldDescription($0, empty: empty) }
  }

  /// The column that holds the field `name` (its audit field, which is its JSON name).
  func column(field name: String) -> RecordColumn<Record>? {
    columns.first { $0.auditField == name }
  }

  // MARK: JSON

  /// Writes each field of the record that has a value, under its audit field's name; nil values
  /// are left out, as synthesized `Encodable` conformances leave them out.
  func encodeFields(
    of record: Record, to values: inout KeyedEncodingContainer<FieldKey>,
    only names: Set<String>? = nil
  ) throws {
    for column in columns {
      guard let field = column.auditField, let value = column.value,
        names?.contains(field) ?? true
      else { continue }
      let key = FieldKey(field)
      switch value(record) {
      case .null: continue
      case .text(let text): try values.encode(text, forKey: key)
      case .integer(let number):
        if column.exchange.kind == .boolean {
          try values.encode(number != 0, forKey: key)
        } else {
          try values.encode(Int(number), forKey: key)
        }
      case .real(let number): try values.encode(number, forKey: key)
      case .blob(let bytes): try values.encode(bytes, forKey: key)
      }
    }
  }

  /// Reads a record from JSON: each field given, checked against its description; each field
  /// left out keeps the value of `empty()` (its default), unless the description says a new
  /// record must state it. Keys that name no field are left for the caller.
  func decodeFields(
    from values: KeyedDecodingContainer<FieldKey>, requiringAll: Bool = false
  ) throws -> Record {
    var record = empty()
    for column in columns {
      guard let field = column.auditField else { continue }
      let key = FieldKey(field)
      guard values.contains(key) else {
        if column.details.isRequired || (requiringAll && !column.exchange.nullable) {
          throw DecodingError.keyNotFound(
            key, .init(codingPath: values.codingPath, debugDescription: "\(field) is required"))
        }
        continue
      }
      let json = try values.decode(JSONValue.self, forKey: key)
      do {
        try column.read(&record, try FieldDescription(column).value(from: json))
      } catch let error as AIGovError {
        throw DecodingError.dataCorruptedError(
          forKey: key, in: values, debugDescription: error.description)
      }
    }
    return record
  }

  // MARK: Changes

  /// Sets each field `changes` names to its value, checked against the field's description: only
  /// fields an edit may change, and an empty text clears an optional one.
  func apply(_ changes: [String: DatabaseValue], to record: inout Record) throws {
    for (field, value) in changes.sorted(by: { $0.key < $1.key }) {
      guard let column = column(field: field), column.role == .content else {
        throw AIGovError.invalidValue(
          field: "field", value: field,
          expected: "one of: "
            + fieldDescriptions.filter(\.isEditable).map(\.name).joined(separator: ", "))
      }
      var value = value
      if case .text(let text) = value, text.isEmpty, column.exchange.nullable { value = .null }
      try column.read(&record, value)
    }
  }

  /// Sets every optional text field holding an empty text to nil: a record says "none" one way.
  func withoutEmptyTexts(_ record: Record) throws -> Record {
    var record = record
    for column in columns where column.exchange.nullable && column.exchange.kind == .text {
      if case .text("") = column.value?(record) { try column.read(&record, .null) }
    }
    return record
  }

  // MARK: Text rules

  /// Refuses a record whose text fields break their rules, in the order of the columns.
  func checkTexts(_ record: Record) throws {
    for column in columns {
      guard let field = column.exchange.field, case .text(let text) = column.value?(record)
      else { continue }
      try field.check(text)
    }
  }

  // MARK: The audit record

  /// Writes the record's fields into its canonical audit record, in sorted order of their names,
  /// together with the fields `extra` writes (fields that are not columns, such as a feature's
  /// data categories and providers), whose names it gives.
  func writeCanonicalFields(
    of record: Record, to object: inout CanonicalObject,
    extra: [(name: String, write: (inout CanonicalObject) -> Void)] = []
  ) {
    var extraIndex = extra.startIndex
    for index in canonicalOrder {
      let column = columns[index]
      let name = column.auditField!
      while extraIndex < extra.endIndex, extra[extraIndex].name < name {
        extra[extraIndex].write(&object)
        extraIndex += 1
      }
      switch column.value!(record) {
      case .null: continue
      case .text(let text): object.string(field: name, text)
      case .integer(let number):
        if column.exchange.kind == .boolean {
          object.bool(field: name, number != 0)
        } else {
          object.integer(field: name, Int(number))
        }
      case .real, .blob: preconditionFailure("\(self.name).\(name) has no canonical form")
      }
    }
    while extraIndex < extra.endIndex {
      extra[extraIndex].write(&object)
      extraIndex += 1
    }
  }
}

/// A change to a record: the new value of each field it names, by the field's name (its column's
/// audit field); every field it does not name stays as it is. The record's table checks each
/// name and value when the change is applied.
public struct RecordChanges<Record>: Equatable, Sendable {
  public private(set) var fields: [String: DatabaseValue] = [:]

  public init() {}

  /// Changes `field` to `value`; nil leaves it as it is. An empty text clears an optional field.
  public mutating func set(_ field: String, _ value: (some DatabaseValueConvertible)?) {
    if let value { fields[field] = value.databaseValue }
  }

  /// Changes `field` to a value already read (null clears an optional field).
  public mutating func set(_ field: String, value: DatabaseValue) {
    fields[field] = value
  }

  /// Whether the change names `field`.
  public func changes(_ field: String) -> Bool { fields[field] != nil }

  /// True when the change names no field.
  public var isEmpty: Bool { fields.isEmpty }
}

/// A key of a JSON object known only at run time: a record's field, a request's member.
public struct FieldKey: CodingKey, Sendable {
  public var stringValue: String
  public var intValue: Int? { nil }
  public init(_ name: String) { stringValue = name }
  public init?(stringValue: String) { self.init(stringValue) }
  public init?(intValue: Int) { nil }
}

/// A record whose fields its table describes: its JSON, its reading from JSON and its canonical
/// audit record come from the table's columns, with the few fields no column holds (the key of
/// the feature it belongs to, a score worked out from others), which it names itself.
protocol TableRecord: AuditedRecord, Codable {
  static var table: RecordTable<Self> { get }
  /// The fields of its JSON that no column holds, in sorted order of their names.
  var extraFields: [(name: String, value: ExtraField)] { get }
  /// Reads the fields no column holds from the record's JSON.
  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws
}

/// A field of a record's JSON that no column holds.
enum ExtraField {
  /// A text, a whole number, or nothing (left out).
  case value(DatabaseValue)
  /// A list of texts.
  case texts([String])
  /// A list of whole numbers.
  case integers([Int])
}

extension TableRecord {
  var extraFields: [(name: String, value: ExtraField)] { [] }
  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {}

  public func writeFields(to object: inout CanonicalObject) {
    let extra = extraFields.map { field in
      (
        name: field.name,
        write: { (object: inout CanonicalObject) in
          switch field.value {
          case .value(.text(let text)): object.string(field: field.name, text)
          case .value(.integer(let number)): object.integer(field: field.name, Int(number))
          case .value: break
          case .texts(let texts): object.strings(field: field.name, texts)
          case .integers(let numbers): object.integers(field: field.name, numbers)
          }
        }
      )
    }
    Self.table.writeCanonicalFields(of: self, to: &object, extra: extra)
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try Self.table.encodeFields(of: self, to: &values)
    for (name, value) in extraFields {
      switch value {
      case .value(.text(let text)): try values.encode(text, forKey: FieldKey(name))
      case .value(.integer(let number)): try values.encode(Int(number), forKey: FieldKey(name))
      case .value: continue
      case .texts(let texts): try values.encode(texts, forKey: FieldKey(name))
      case .integers(let numbers): try values.encode(numbers, forKey: FieldKey(name))
      }
    }
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: FieldKey.self)
    self = try Self.table.decodeFields(from: values, requiringAll: true)
    try readExtraFields(from: values)
  }
}
