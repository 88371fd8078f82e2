import AIGovKit
import Foundation
import Testing

@testable import aigov

@Suite struct JSONArrayStreamTests {
  struct Item: Encodable {
    var name: String
    var tags: [String]
  }

  /// The streamed array must be byte for byte what encoding the whole array writes.
  @Test(arguments: [0, 1, 2, 3, 7])
  func streamedArrayEqualsTheWholeArray(count: Int) throws {
    let items = (0..<count).map { Item(name: "item \($0)\nline", tags: ["a/b", "\($0)"]) }
    let pipe = Pipe()
    var stream = JSONArrayStream<Item>(
      chunkSize: 2, output: DescriptorOutput(descriptor: pipe.fileHandleForWriting.fileDescriptor))
    for item in items { try stream.append(item) }
    try stream.finish()
    try pipe.fileHandleForWriting.close()
    let streamed = pipe.fileHandleForReading.readDataToEndOfFile()
    var whole = try Console.makeJSONEncoder().encode(items)
    whole.append(UInt8(ascii: "\n"))
    #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: whole, as: UTF8.self))
  }
}

@Suite struct FeatureJSONStreamTests {
  /// Features write their own JSON; streamed, with hostile text and a chunk boundary between
  /// them, they are what the encoder writes for the whole list, made visible as every JSON output.
  @Test func streamedFeaturesEqualTheEncodedList() throws {
    var features: [AIGovKit.Feature] = []
    for (index, name) in ["Plain", "<script>|=cmd\n\u{1B}[2J", "\u{202E}é😀\u{85}", "x/y"]
      .enumerated()
    {
      var feature = AIGovKit.Feature(
        key: "feature-\(index)", name: name, purpose: "p \"q\"\t\\", category: .generative,
        servingUse: .accountOnly, trainingUse: .none, owner: "o")
      feature.dataCategories = index.isMultiple(of: 2) ? [] : [.messageContent, .contactInfo]
      features.append(feature)
    }
    let pipe = Pipe()
    var stream = JSONArrayStream<AIGovKit.Feature>(
      chunkSize: 3, output: DescriptorOutput(descriptor: pipe.fileHandleForWriting.fileDescriptor),
      object: { $0.key == "feature-2" ? nil : $0.prettyJSON })
    for feature in features { try stream.append(feature) }
    try stream.finish()
    try pipe.fileHandleForWriting.close()
    let streamed = pipe.fileHandleForReading.readDataToEndOfFile()
    var whole = UntrustedText.json(try Console.makeJSONEncoder().encode(features))
    whole.append(UInt8(ascii: "\n"))
    #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: whole, as: UTF8.self))
    #expect(!String(decoding: streamed, as: UTF8.self).contains("\u{202E}"))
  }
}
