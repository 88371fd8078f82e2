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
