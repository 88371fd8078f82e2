#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Where the governance replay stood just after a checkpoint's event: every key, round, hold and
/// owed consequence the events up to it left. A full verification that proved the trail keeps it
/// beside the auditor's checkpoint (`checkpoint-SEQ.state`), and `audit verify --since` resumes the
/// replay from it, so that the events after the checkpoint are judged as the full verification
/// judges them without the earlier events being read again.
///
/// It is the auditor's own record, like their keys: made by their verification, kept where the
/// file's holder cannot change it. It names the checkpoint's event and hash, and is used only
/// with that checkpoint.
public struct ReplayState: Sendable {
  /// The event it follows, and that event's hash.
  public let seq: Int
  public let hash: String
  let carried: GovernanceReplay.Carried

  init(carried: GovernanceReplay.Carried) {
    seq = carried.lastSeq
    hash = carried.lastHash
    self.carried = carried
  }

  private static let purpose = "aigov: governance replay state"

  private struct File: Codable {
    var purpose: String
    var seq: Int
    var hash: String
    var state: GovernanceReplay.Carried
  }

  /// The file's bytes: JSON, keys sorted, so that the same state is the same file.
  public var bytes: [UInt8] {
    get throws {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      var bytes = Array(
        try encoder.encode(File(purpose: Self.purpose, seq: seq, hash: hash, state: carried)))
      bytes.append(UInt8(ascii: "\n"))
      return bytes
    }
  }

  /// Reads a file as `bytes` writes it; nil for anything else.
  public init?(reading bytes: [UInt8]) {
    guard let file = try? JSONDecoder().decode(File.self, from: Data(bytes)),
      file.purpose == Self.purpose, file.seq == file.state.lastSeq,
      file.hash == file.state.lastHash
    else { return nil }
    self.init(carried: file.state)
  }
}

/// Every feature's status as the replay carries it, written compactly: for each status, the keys
/// of the features in it, in order, each as its length in UTF-8 bytes, a colon and the key
/// (`8:email-ai10:churn-risk`). A state holds every feature of the inventory, and this reads in a
/// small part of the time a JSON object of them takes.
struct PackedStatuses: Codable, Sendable {
  var statuses: [String: FeatureStatus]

  init(_ statuses: [String: FeatureStatus]) {
    self.statuses = statuses
  }

  func encode(to encoder: any Encoder) throws {
    var byStatus: [FeatureStatus: [String]] = [:]
    for (key, status) in statuses { byStatus[status, default: []].append(key) }
    var values = encoder.container(keyedBy: FieldKey.self)
    for (status, keys) in byStatus {
      var packed: [UInt8] = []
      for key in keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
        packed.append(contentsOf: String(key.utf8.count).utf8)
        packed.append(UInt8(ascii: ":"))
        packed.append(contentsOf: key.utf8)
      }
      try values.encode(String(decoding: packed, as: UTF8.self), forKey: FieldKey(status.rawValue))
    }
  }

  init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: FieldKey.self)
    statuses = [:]
    // Every feature of the inventory is in one of these lists: room for them all at once.
    var count = 0
    for name in values.allKeys {
      count += try values.decode(String.self, forKey: name).utf8.count { $0 == UInt8(ascii: ":") }
    }
    statuses.reserveCapacity(count)
    for name in values.allKeys {
      guard let status = FeatureStatus(rawValue: name.stringValue) else {
        throw DecodingError.dataCorruptedError(
          forKey: name, in: values, debugDescription: "not a feature status")
      }
      var packed = try values.decode(String.self, forKey: name)
      try packed.withUTF8 { bytes in
        var index = 0
        while index < bytes.count {
          var length = 0
          while index < bytes.count, bytes[index] != UInt8(ascii: ":") {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), length < 1 << 20
            else {
              throw DecodingError.dataCorruptedError(
                forKey: name, in: values, debugDescription: "not a list of keys")
            }
            length = length * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
          }
          index += 1
          guard index + length <= bytes.count else {
            throw DecodingError.dataCorruptedError(
              forKey: name, in: values, debugDescription: "a key runs past the list's end")
          }
          let key = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[index..<index + length]), as: UTF8.self)
          statuses[key] = status
          index += length
        }
      }
    }
  }
}
