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
    for index in columns.indices {
      guard let field = columns[index].auditField, let value = columns[index].value,
        names?.contains(field) ?? true
      else { continue }
      let key = FieldKey(field)
      switch value(record) {
      case .null: continue
      case .text(let text): try values.encode(text, forKey: key)
      case .integer(let number):
        if columns[index].exchange.kind == .boolean {
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
    for index in columns.indices {
      guard let field = columns[index].auditField else { continue }
      let key = FieldKey(field)
      let exchange = columns[index].exchange
      let isPresent = values.contains(key)
      let isNull = try isPresent ? values.decodeNil(forKey: key) : true
      if isNull {
        if isPresent, exchange.nullable {
          try columns[index].read(&record, .null)
        } else if isPresent || columns[index].details.isRequired
          || (requiringAll && !exchange.nullable)
        {
          throw DecodingError.keyNotFound(
            key, .init(codingPath: values.codingPath, debugDescription: "\(field) is required"))
        }
        continue
      }
      let value: DatabaseValue
      switch exchange.kind {
      case .integer: value = .integer(Int64(try values.decode(Int.self, forKey: key)))
      case .boolean: value = .integer(try values.decode(Bool.self, forKey: key) ? 1 : 0)
      case .text:
        var text: String
        if exchange.isSet, let items = try? values.decode([String].self, forKey: key) {
          text = items.isEmpty ? "none" : items.joined(separator: ",")
        } else {
          text = try values.decode(String.self, forKey: key)
        }
        if exchange.isSet, let normalized = exchange.normalizedSet(text) { text = normalized }
        if !exchange.accepts(term: text) {
          throw DecodingError.dataCorruptedError(
            forKey: key, in: values,
            debugDescription: "'\(UntrustedText.visibleOnOneLine(text))' is not "
              + exchange.expectedTerms)
        }
        value =
          text.isEmpty && exchange.nullable && columns[index].role == .content
          ? .null : .text(text)
      }
      try columns[index].read(&record, value)
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
      if case .text(let text) = value, column.exchange.isSet,
        let normalized = column.exchange.normalizedSet(text)
      {
        value = .text(normalized)
      }
      if case .text(let text) = value, !column.exchange.accepts(term: text) {
        throw AIGovError.invalidValue(
          field: fieldDescriptions.first { $0.name == field }?.label ?? field, value: text,
          expected: column.exchange.expectedTerms)
      }
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
    for index in columns.indices {
      guard let field = columns[index].exchange.field,
        case .text(let text) = columns[index].value?(record)
      else { continue }
      try field.check(text)
    }
  }

  // MARK: The audit record

  /// Writes the record's fields into its canonical audit record, in sorted order of their names,
  /// together with `extra`: the fields that are not columns (a feature's data categories and
  /// providers, a risk's feature and score), in sorted order of their names.
  func writeCanonicalFields(
    of record: Record, to object: inout CanonicalObject,
    extra: [(name: String, value: ExtraField)] = []
  ) {
    var extraIndex = extra.startIndex
    for index in canonicalFields.indices {
      while extraIndex < extra.endIndex, extra[extraIndex].name < canonicalFields[index].name {
        object.extra(extra[extraIndex].name, extra[extraIndex].value)
        extraIndex += 1
      }
      switch canonicalFields[index].value(record) {
      case .null: continue
      case .text(let text): object.string(key: canonicalFields[index].key, text)
      case .integer(let number):
        if canonicalFields[index].isBoolean {
          object.bool(key: canonicalFields[index].key, number != 0)
        } else {
          object.integer(key: canonicalFields[index].key, Int(number))
        }
      case .real, .blob:
        preconditionFailure("\(name).\(canonicalFields[index].name) has no canonical form")
      }
    }
    while extraIndex < extra.endIndex {
      object.extra(extra[extraIndex].name, extra[extraIndex].value)
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
  /// Nested objects, which the closure writes into the audit record (the record's `Encodable`
  /// form writes them itself).
  case objects((inout CanonicalObject) -> Void)
}

extension CanonicalObject {
  /// Writes a field no column holds.
  mutating func extra(_ name: String, _ value: ExtraField) {
    switch value {
    case .value(.text(let text)): string(field: name, text)
    case .value(.integer(let number)): integer(field: name, Int(number))
    case .value: break
    case .texts(let texts): strings(field: name, texts)
    case .integers(let numbers): integers(field: name, numbers)
    case .objects(let write): write(&self)
    }
  }
}

extension TableRecord {
  var extraFields: [(name: String, value: ExtraField)] { [] }
  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {}

  public func writeFields(to object: inout CanonicalObject) {
    Self.table.writeCanonicalFields(of: self, to: &object, extra: extraFields)
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try encodeFields(to: &values)
  }

  /// Writes the record's JSON fields, its columns' and the others', into `values`: for a value
  /// that wraps the record and adds fields of its own beside them.
  func encodeFields(to values: inout KeyedEncodingContainer<FieldKey>) throws {
    try Self.table.encodeFields(of: self, to: &values)
    for (name, value) in extraFields {
      switch value {
      case .value(.text(let text)): try values.encode(text, forKey: FieldKey(name))
      case .value(.integer(let number)): try values.encode(Int(number), forKey: FieldKey(name))
      case .value: continue
      case .texts(let texts): try values.encode(texts, forKey: FieldKey(name))
      case .integers(let numbers): try values.encode(numbers, forKey: FieldKey(name))
      case .objects: preconditionFailure("\(Self.self) encodes its nested objects itself")
      }
    }
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: FieldKey.self)
    self = try Self.table.decodeFields(from: values, requiringAll: true)
    try readExtraFields(from: values)
  }
}
