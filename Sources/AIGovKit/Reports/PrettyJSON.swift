/// A record's JSON object written byte for byte as the command line's `JSONEncoder` writes it
/// (sorted keys, pretty-printed, slashes as they are), for records whose fields are texts, whole
/// numbers, booleans and lists of texts. A listing of many thousand records is written without the
/// encoder's boxing of every value; the escaping is `CanonicalJSON`'s, which is the encoder's.
public struct PrettyJSONObject: Sendable {
  /// A field's value.
  public enum Value: Sendable {
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case texts([String])
    case integers([Int])
  }

  /// The fields, sorted by the UTF-8 bytes of their names, as the encoder sorts them.
  public private(set) var fields: [(name: String, value: Value)]

  /// The object of `fields`, given in any order.
  public init(fields: [(name: String, value: Value)]) {
    self.fields = fields.sorted { Self.precedes($0.name, $1.name) }
  }

  /// The object of `fields`, given sorted.
  init(sorted fields: [(name: String, value: Value)]) {
    assert(zip(fields, fields.dropFirst()).allSatisfy { Self.precedes($0.name, $1.name) })
    self.fields = fields
  }

  /// Adds a field whose name none of the others has, in its place.
  mutating func insert(_ name: String, _ value: Value) {
    let index = fields.firstIndex { Self.precedes(name, $0.name) } ?? fields.endIndex
    fields.insert((name, value), at: index)
  }

  private static func precedes(_ name: String, _ other: String) -> Bool {
    name.utf8.lexicographicallyPrecedes(other.utf8)
  }

  /// Appends the object, its opening brace first, as it stands `depth` levels into the document
  /// (an element of a top-level array stands at depth 1).
  public func write(to bytes: inout [UInt8], depth: Int) {
    bytes.append(UInt8(ascii: "{"))
    bytes.append(Self.newline)
    for (index, field) in fields.enumerated() {
      Self.indent(depth + 1, into: &bytes)
      CanonicalJSON.appendQuoted(field.name, to: &bytes)
      bytes.append(contentsOf: Self.separator)
      switch field.value {
      case .text(let text): CanonicalJSON.appendQuoted(text, to: &bytes)
      case .integer(let number): bytes.append(contentsOf: String(number).utf8)
      case .boolean(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
      case .texts(let texts):
        Self.writeList(texts, depth: depth + 1, to: &bytes) {
          CanonicalJSON.appendQuoted($0, to: &$1)
        }
      case .integers(let numbers):
        Self.writeList(numbers, depth: depth + 1, to: &bytes) {
          $1.append(contentsOf: String($0).utf8)
        }
      }
      if index < fields.count - 1 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(Self.newline)
    }
    if fields.isEmpty { bytes.append(Self.newline) }
    Self.indent(depth, into: &bytes)
    bytes.append(UInt8(ascii: "}"))
  }

  /// Appends a list standing `depth` levels in, each element written by `element`.
  private static func writeList<Element>(
    _ elements: [Element], depth: Int, to bytes: inout [UInt8],
    _ element: (Element, inout [UInt8]) -> Void
  ) {
    bytes.append(UInt8(ascii: "["))
    bytes.append(newline)
    for (position, value) in elements.enumerated() {
      indent(depth + 1, into: &bytes)
      element(value, &bytes)
      if position < elements.count - 1 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(newline)
    }
    // The encoder writes an empty list as an empty line between its brackets.
    if elements.isEmpty { bytes.append(newline) }
    indent(depth, into: &bytes)
    bytes.append(UInt8(ascii: "]"))
  }

  private static let newline = UInt8(ascii: "\n")
  private static let separator = Array(" : ".utf8)

  private static func indent(_ depth: Int, into bytes: inout [UInt8]) {
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
  }
}

/// A record that can write its JSON without the encoder: `prettyJSON` is nil for a record holding
/// a value `PrettyJSONObject` does not write (a fraction, bytes), which the encoder then writes.
public protocol PrettyJSONEncodable: Encodable {
  var prettyJSON: PrettyJSONObject? { get }
}

extension RecordTable {
  /// The fields `encodeFields(of:to:)` writes, as an object; nil when one holds a value the
  /// object does not write.
  func prettyJSONObject(of record: Record) -> PrettyJSONObject? {
    var fields: [(name: String, value: PrettyJSONObject.Value)] = []
    fields.reserveCapacity(canonicalFields.count + 1)
    for field in canonicalFields {
      switch field.value(record) {
      case .null: continue
      case .text(let text): fields.append((field.name, .text(text)))
      case .integer(let number):
        fields.append((field.name, field.isBoolean ? .boolean(number != 0) : .integer(Int(number))))
      case .real, .blob: return nil
      }
    }
    return PrettyJSONObject(sorted: fields)
  }
}

extension TableRecord {
  /// The JSON its `Encodable` form writes, as an object: its columns' fields and the others.
  var tableJSON: PrettyJSONObject? {
    guard var object = Self.table.prettyJSONObject(of: self) else { return nil }
    for (name, value) in extraFields {
      switch value {
      case .value(.text(let text)): object.insert(name, .text(text))
      case .value(.integer(let number)): object.insert(name, .integer(Int(number)))
      case .value(.null): continue
      case .value: return nil
      case .texts(let texts): object.insert(name, .texts(texts))
      case .integers(let numbers): object.insert(name, .integers(numbers))
      case .objects: return nil
      }
    }
    return object
  }
}

extension Risk: PrettyJSONEncodable {
  public var prettyJSON: PrettyJSONObject? { tableJSON }
}

extension Provider: PrettyJSONEncodable {
  public var prettyJSON: PrettyJSONObject? { tableJSON }
}

extension Mitigation: PrettyJSONEncodable {
  public var prettyJSON: PrettyJSONObject? { tableJSON }
}

extension MitigationListing: PrettyJSONEncodable {
  /// The mitigation's JSON with the key of its feature.
  public var prettyJSON: PrettyJSONObject? {
    guard var object = mitigation.tableJSON else { return nil }
    object.insert("feature", .text(featureKey))
    return object
  }
}

extension Feature: PrettyJSONEncodable {
  /// The feature's JSON, as its `Encodable` form writes it.
  public var prettyJSON: PrettyJSONObject? {
    guard var object = Self.table.prettyJSONObject(of: self) else { return nil }
    object.insert("data_categories", .texts(dataCategories.map { $0.rawValue }))
    return object
  }
}
