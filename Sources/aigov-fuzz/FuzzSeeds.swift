import AIGovKit

#if canImport(Glibc)
  import Glibc
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The seed corpus of a target, taken from the files in `Fixtures/`.
enum FuzzSeeds {
  /// The package root, where `Fixtures/` is.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The seeds' names and bytes. A CSV file of the federal inventory is cut into files of a few
  /// records each, header first, so that each run of the fuzzer reads little.
  static func seeds(for target: FuzzTarget) throws -> [(name: String, bytes: [UInt8])] {
    var seeds: [(String, [UInt8])] = []
    switch target {
    case .csv: seeds += try sampleExport(.csv)
    case .json: seeds += try sampleExport(.json)
    case .federal: break
    }
    for folder in target.seedFolders {
      let url = packageRoot.appendingPathComponent(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted() {
        let bytes = Array(try Data(contentsOf: url.appendingPathComponent(name)))
        if target == .federal {
          guard name.hasSuffix(".csv") else { continue }
          seeds += slices(of: bytes, recordsEach: 4, count: 12).enumerated().map {
            ("\(name)-\($0.offset)", $0.element)
          }
        } else {
          seeds.append((name, bytes))
        }
      }
    }
    return seeds
  }

  /// Every table of the sample inventory (`Fixtures/sample-inventory.json`) as an export writes
  /// it, so that the fuzzer starts from files the import reads whole.
  static func sampleExport(_ format: ExchangeFormat) throws -> [(name: String, bytes: [UInt8])] {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("aigov-fuzz-seeds-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let clock = { Date(timeIntervalSince1970: 1_790_000_000) }
    let path = folder.appendingPathComponent("sample.sqlite").path
    _ = try SampleInventory.builtIn().build(at: path, replacing: false, clock: clock)
    let export = folder.appendingPathComponent("export")
    try Registry.open(path: path, actor: "fuzzer", clock: clock)
      .export(to: export, format: format, toolVersion: "seed")
    return try FileManager.default.contentsOfDirectory(atPath: export.path).sorted()
      .filter { $0.hasSuffix("." + format.rawValue) && !$0.hasSuffix(".schema.json") }
      .map { ("sample-" + $0, Array(try Data(contentsOf: export.appendingPathComponent($0)))) }
  }

  static func write(_ target: FuzzTarget, into folder: String) throws -> Int {
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true)
    let seeds = try seeds(for: target)
    for seed in seeds {
      try Data(seed.bytes).write(to: URL(fileURLWithPath: folder).appendingPathComponent(seed.name))
    }
    return seeds.count
  }

  /// The header line followed by `recordsEach` records, for the first `count` runs of records,
  /// cut at the lines where records begin.
  static func slices(of bytes: [UInt8], recordsEach: Int, count: Int) -> [[UInt8]] {
    var lineStarts = [0]
    for (index, byte) in bytes.enumerated() where byte == 0x0A { lineStarts.append(index + 1) }
    var reader = CSVReader(bytes: bytes)
    var recordLines: [Int] = []
    while let record = try? reader.next() { recordLines.append(record.line) }
    guard recordLines.count > 1 else { return [bytes] }
    func offset(ofLine line: Int) -> Int {
      line - 1 < lineStarts.count ? lineStarts[line - 1] : bytes.count
    }
    let header = Array(bytes[0..<offset(ofLine: recordLines[1])])
    var slices: [[UInt8]] = []
    var first = 1
    while slices.count < count, first < recordLines.count {
      let last = min(first + recordsEach, recordLines.count)
      let end = last < recordLines.count ? offset(ofLine: recordLines[last]) : bytes.count
      slices.append(header + bytes[offset(ofLine: recordLines[first])..<end])
      first = last
    }
    return slices
  }
}
