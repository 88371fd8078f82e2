import Foundation
import Testing

@testable import AIGovKit

/// Listings write records' JSON without the encoder; it must be, byte for byte, what the
/// command line's `JSONEncoder` writes for the same values.
@Suite struct PrettyJSONTests {
  /// A value of any kind `PrettyJSONObject` writes, as the encoder writes it.
  enum Field: Encodable {
    case value(PrettyJSONObject.Value)

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .value(.text(let text)): try container.encode(text)
      case .value(.integer(let number)): try container.encode(number)
      case .value(.boolean(let flag)): try container.encode(flag)
      case .value(.texts(let texts)): try container.encode(texts)
      case .value(.integers(let numbers)): try container.encode(numbers)
      }
    }
  }

  static func encoded<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// The object as the only element of an array, as a listing writes it.
  static func written(_ object: PrettyJSONObject) -> String {
    var bytes = Array("[\n  ".utf8)
    object.write(to: &bytes, depth: 1)
    bytes.append(contentsOf: "\n]".utf8)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func everyKindOfValueIsWrittenAsTheEncoderWritesIt() throws {
    let every = "\(CanonicalRecordTests.hostile)\(CanonicalRecordTests.controls)\u{2028}\u{0}\u{1F}"
    let fields: [(name: String, value: PrettyJSONObject.Value)] = [
      ("b", .text(every)), ("a_b", .integer(-42)), ("ab", .boolean(true)), ("B", .boolean(false)),
      ("empty", .texts([])), ("one", .texts(["x/y"])), ("two", .texts([every, ""])),
      ("zero", .integer(0)), ("é", .text("")), ("big", .integer(Int.max)),
      ("numbers", .integers([3, -1])), ("no_numbers", .integers([])),
    ]
    let object = PrettyJSONObject(fields: fields)
    let dictionary = Dictionary(
      uniqueKeysWithValues: fields.map { ($0.name, Field.value($0.value)) })
    #expect(Self.written(object) == (try Self.encoded([dictionary])))
    // At the top of a document, and with no fields at all.
    var top: [UInt8] = []
    object.write(to: &top, depth: 0)
    #expect(String(decoding: top, as: UTF8.self) == (try Self.encoded(dictionary)))
    var empty: [UInt8] = []
    PrettyJSONObject(fields: []).write(to: &empty, depth: 0)
    #expect(String(decoding: empty, as: UTF8.self) == (try Self.encoded([String: Field]())))
  }

  @Test func everySampleRecordListedAtLengthIsWrittenAsTheEncoderWritesIt() throws {
    let directory = try TemporaryDirectory()
    let path = directory.path("demo.sqlite")
    let fixed = Timestamp.parse("2026-11-22T10:00:00Z")!
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: { fixed })
    let registry = try Registry.open(path: path, actor: "t", clock: { fixed })
    var features = try registry.features(FeatureFilter())
    #expect(features.count == 24)
    var hostile = features[0]
    hostile.name = CanonicalRecordTests.controls
    hostile.description = CanonicalRecordTests.hostile
    hostile.team = CanonicalRecordTests.hostileLine
    hostile.dataCategories = []
    features.append(hostile)
    for feature in features {
      let object = try #require(feature.prettyJSON)
      #expect(Self.written(object) == (try Self.encoded([feature])), "\(feature.key)")
    }
    // The other records listed at length: providers, risks and mitigations, hostile ones too.
    var providers = try registry.providers()
    providers[0].notes = CanonicalRecordTests.hostile
    providers[1].retentionDays = nil
    try expectWritten(providers)
    var risks = try registry.risks(RiskFilter())
    #expect(risks.count > 20)
    risks[0].description = CanonicalRecordTests.controls
    try expectWritten(risks)
    var listings = try registry.mitigations(MitigationFilter())
    #expect(listings.count > 20)
    listings[0].mitigation.description = CanonicalRecordTests.hostile
    try expectWritten(listings)
    try expectWritten(listings.map(\.mitigation))
  }

  func expectWritten<Record: PrettyJSONEncodable>(
    _ records: [Record], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    for record in records {
      let object = try #require(record.prettyJSON, sourceLocation: sourceLocation)
      #expect(
        Self.written(object) == (try Self.encoded([record])), sourceLocation: sourceLocation)
    }
  }
}
