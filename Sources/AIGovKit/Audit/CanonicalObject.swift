/// A record as the audit trail holds it: the `before` and `after` of its events.
///
/// Its canonical JSON is written by hand, field by field, because `audit verify` writes every record
/// of the inventory again to compare it with the trail, and `JSONEncoder` is ten times slower. The
/// bytes are exactly those `JSONEncoder` writes for the record's `Encodable` form with `.sortedKeys`
/// and `.withoutEscapingSlashes`, so the JSON a command prints and the JSON the trail holds agree;
/// the tests hold every record type to that.
public protocol AuditedRecord: Encodable {
  /// Which kind of record this is, and the key that names it in the trail.
  static var entity: AuditEntity { get }
  var auditKey: String { get }
  /// Writes the fields in sorted order of their names.
  func writeFields(to object: inout CanonicalObject)
}

extension AuditedRecord {
  /// The canonical JSON of the record.
  public var canonicalBytes: [UInt8] {
    var object = CanonicalObject()
    writeFields(to: &object)
    return object.finish()
  }

  public var canonicalText: String { String(decoding: canonicalBytes, as: UTF8.self) }
}

/// One JSON object being written canonically: keys in ascending byte order, no whitespace, nil
/// values left out (as synthesized `Encodable` conformances leave them out).
public struct CanonicalObject {
  private var bytes: [UInt8] = [UInt8(ascii: "{")]
  private var isEmpty = true
  #if DEBUG
    private var previousKey: [UInt8] = []
  #endif

  init() {
    bytes.reserveCapacity(512)
  }

  mutating func string(_ key: StaticString, _ value: String?) {
    guard let value else { return }
    self.key(key)
    CanonicalJSON.appendQuoted(value, to: &bytes)
  }

  mutating func integer(_ key: StaticString, _ value: Int?) {
    guard let value else { return }
    self.key(key)
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func bool(_ key: StaticString, _ value: Bool) {
    self.key(key)
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  mutating func term<T: RawRepresentable>(_ key: StaticString, _ value: T?)
  where T.RawValue == String {
    string(key, value?.rawValue)
  }

  mutating func strings(_ key: StaticString, _ values: [String]) {
    self.key(key)
    appendStrings(values)
  }

  private mutating func appendStrings(_ values: [String]) {
    bytes.append(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      CanonicalJSON.appendQuoted(value, to: &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  mutating func integers(_ key: StaticString, _ values: [Int]) {
    self.key(key)
    appendIntegers(values)
  }

  private mutating func appendIntegers(_ values: [Int]) {
    bytes.append(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      bytes.append(contentsOf: String(value).utf8)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  mutating func terms<T: RawRepresentable>(_ key: StaticString, _ values: [T])
  where T.RawValue == String {
    strings(key, values.map(\.rawValue))
  }

  /// An array of nested objects, each written by `write`.
  mutating func objects<Element>(
    _ key: StaticString, _ values: [Element], _ write: (Element, inout CanonicalObject) -> Void
  ) {
    self.key(key)
    bytes.append(UInt8(ascii: "["))
    for (index, value) in values.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      var object = CanonicalObject()
      write(value, &object)
      bytes.append(contentsOf: object.finish())
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// A text under a name known only at run time (a record's column), which must still come in
  /// ascending order.
  mutating func string(field key: String, _ value: String) {
    self.key(field: key)
    CanonicalJSON.appendQuoted(value, to: &bytes)
  }

  mutating func integer(field key: String, _ value: Int) {
    self.key(field: key)
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func bool(field key: String, _ value: Bool) {
    self.key(field: key)
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  /// A text under a key whose bytes are at hand (a table's column, computed once).
  mutating func string(key: [UInt8], _ value: String) {
    key.withUnsafeBufferPointer { self.key(name: $0) }
    CanonicalJSON.appendQuoted(value, to: &bytes)
  }

  mutating func integer(key: [UInt8], _ value: Int) {
    key.withUnsafeBufferPointer { self.key(name: $0) }
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func bool(key: [UInt8], _ value: Bool) {
    key.withUnsafeBufferPointer { self.key(name: $0) }
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  mutating func integers(field key: String, _ values: [Int]) {
    self.key(field: key)
    appendIntegers(values)
  }

  mutating func strings(field key: String, _ values: [String]) {
    self.key(field: key)
    appendStrings(values)
  }

  consuming func finish() -> [UInt8] {
    bytes.append(UInt8(ascii: "}"))
    return bytes
  }

  private mutating func key(_ key: StaticString) {
    self.key(name: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
  }

  private mutating func key(field key: String) {
    var key = key
    key.withUTF8 { self.key(name: $0) }
  }

  private mutating func key(name: UnsafeBufferPointer<UInt8>) {
    #if DEBUG
      precondition(
        previousKey.lexicographicallyPrecedes(name),
        "canonical keys must be written in ascending order: "
          + String(decoding: name, as: UTF8.self) + " after "
          + String(decoding: previousKey, as: UTF8.self))
      previousKey = Array(name)
    #endif
    if !isEmpty { bytes.append(UInt8(ascii: ",")) }
    isEmpty = false
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: name)
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
  }
}

/// The kinds of record the audit trail names, as they appear in its `entity` column.
public enum AuditEntity: String, Vocabulary {
  case feature, provider, risk, mitigation, reviewer
  case reviewRound = "review-round"
  case signoff, setting, checkpoint
  case monitoringPlan = "monitoring-plan"
  case monitoringResult = "monitoring-result"
  case incident
  case control
  case controlException = "control-exception"
  case evidence
  case evidenceAttestation = "evidence-attestation"
  case applicabilityDecision = "applicability-decision"
  case frameworkCatalogue = "framework-catalogue"
  case mitigationMapping = "mitigation-mapping"
  case statement
  case meeting
  case meetingAction = "meeting-action"
  case webhook
  case accessToken = "access-token"
  public static let termName = "entity"
}
