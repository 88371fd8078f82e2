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

/// Every feature's status as the replay carries it. A replay resumed from a state reads them as
/// the file packs them and looks a feature up there only when an event names it: a state holds
/// every feature of the inventory, and an event after the checkpoint names few of them.
///
/// In the file, for each status, the keys of the features in it, sorted by their UTF-8 bytes,
/// each as its length in bytes, a colon and the key (`10:churn-risk8:email-ai`).
struct FeatureStatuses: Codable, Sendable {
  /// The keys of one status as the file packs them, and where each key starts and ends.
  private struct Packed: Sendable {
    var status: FeatureStatus
    var bytes: [UInt8]
    var bounds: [Range<Int32>]

    /// Whether a key of this list is in `other` too, both walked in their order.
    func sharesAKey(with other: Packed) -> Bool {
      bytes.withUnsafeBufferPointer { mine in
        other.bytes.withUnsafeBufferPointer { theirs in
          var (this, that) = (0, 0)
          while this < bounds.count, that < other.bounds.count {
            let (a, b) = (bounds[this], other.bounds[that])
            let left = UnsafeBufferPointer(rebasing: mine[Int(a.lowerBound)..<Int(a.upperBound)])
            let right = UnsafeBufferPointer(
              rebasing: theirs[Int(b.lowerBound)..<Int(b.upperBound)])
            if left.elementsEqual(right) { return true }
            if left.lexicographicallyPrecedes(right) { this += 1 } else { that += 1 }
          }
          return false
        }
      }
    }

    /// The position of `key` among the sorted keys, found by halving.
    func contains(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
      bytes.withUnsafeBufferPointer { all in
        var low = 0
        var high = bounds.count
        while low < high {
          let middle = (low + high) / 2
          let range = bounds[middle]
          let candidate = UnsafeBufferPointer(
            rebasing: all[Int(range.lowerBound)..<Int(range.upperBound)])
          if candidate.elementsEqual(key) { return true }
          if candidate.lexicographicallyPrecedes(key) { low = middle + 1 } else { high = middle }
        }
        return false
      }
    }
  }

  /// The statuses read from a state, unchanged since.
  private var packed: [Packed] = []
  /// The statuses set since, nil for a feature removed.
  private var changed: [String: FeatureStatus?] = [:]

  init() {}

  subscript(key: String) -> FeatureStatus? {
    get {
      if let status = changed[key] { return status }
      if packed.isEmpty { return nil }
      var key = key
      return key.withUTF8 { bytes in packed.first { $0.contains(bytes) }?.status }
    }
    set { changed[key] = .some(newValue) }
  }

  /// Removes the feature's status; the status it had, if any.
  mutating func removeValue(forKey key: String) -> FeatureStatus? {
    let status = self[key]
    changed[key] = .some(nil)
    return status
  }

  /// Every feature's status.
  var all: [String: FeatureStatus] {
    var all: [String: FeatureStatus] = [:]
    for list in packed {
      for range in list.bounds {
        all[
          String(decoding: list.bytes[Int(range.lowerBound)..<Int(range.upperBound)], as: UTF8.self)
        ] =
          list.status
      }
    }
    for (key, status) in changed { all[key] = status }
    return all
  }

  func encode(to encoder: any Encoder) throws {
    var byStatus: [FeatureStatus: [String]] = [:]
    for (key, status) in all { byStatus[status, default: []].append(key) }
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

  /// Reads the lists as `encode(to:)` writes them: each key once, in order.
  init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: FieldKey.self)
    for name in values.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
      func corrupted(_ description: String) -> DecodingError {
        DecodingError.dataCorruptedError(forKey: name, in: values, debugDescription: description)
      }
      guard let status = FeatureStatus(rawValue: name.stringValue) else {
        throw corrupted("not a feature status")
      }
      let bytes = Array(try values.decode(String.self, forKey: name).utf8)
      guard bytes.count < Int(Int32.max) else { throw corrupted("a list too long") }
      var bounds: [Range<Int32>] = []
      try bytes.withUnsafeBufferPointer { bytes in
        var index = 0
        var previous: Range<Int>?
        while index < bytes.count {
          var length = 0
          while index < bytes.count, bytes[index] != UInt8(ascii: ":") {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]), length < 1 << 20
            else { throw corrupted("not a list of keys") }
            length = length * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
          }
          index += 1
          guard index + length <= bytes.count else {
            throw corrupted("a key runs past the list's end")
          }
          let range = index..<index + length
          if let previous,
            !bytes[previous].lexicographicallyPrecedes(bytes[range])
          {
            throw corrupted("the keys are not in order, each once")
          }
          bounds.append(Int32(range.lowerBound)..<Int32(range.upperBound))
          previous = range
          index += length
        }
      }
      packed.append(Packed(status: status, bytes: bytes, bounds: bounds))
    }
    // A feature has one status: no key in two lists. Each list is sorted, so each pair of lists
    // is walked side by side once.
    for (index, one) in packed.enumerated() {
      for other in packed[(index + 1)...] where one.sharesAKey(with: other) {
        throw DecodingError.dataCorrupted(
          .init(
            codingPath: decoder.codingPath,
            debugDescription:
              "a feature is both \(one.status.rawValue) and \(other.status.rawValue)"))
      }
    }
  }
}

/// A part of a kept state that did not read when the replay resumed from it needed it: the
/// state's fault, not the trail's.
public struct UnreadableReplayState: Error, CustomStringConvertible, Sendable {
  public let problem: String
  public var description: String { problem }
}

/// The review rounds the replay knows, by id. Those a resumed replay read from its state stay as
/// the state's JSON until an event asks for one: a state holds every round of the trail, and the
/// events after a checkpoint concern few of them.
struct KnownRounds: Codable, Sendable {
  private var rounds: [Int: ReviewRound] = [:]
  /// Each round read from a state and not changed since, as its JSON.
  private var unread: [Int: String] = [:]

  init() {}

  /// The round with `id`, if the replay knows it.
  func round(_ id: Int) throws -> ReviewRound? {
    if let round = rounds[id] { return round }
    guard let text = unread[id] else { return nil }
    do {
      return try JSONDecoder().decode(ReviewRound.self, from: Data(text.utf8))
    } catch {
      throw UnreadableReplayState(problem: "its review round #\(id) does not read")
    }
  }

  /// The number of the round with `id`, to name it; nil when the replay does not know it or its
  /// kept JSON does not read (`round(_:)` says so where a rule needs the round).
  func number(of id: Int) -> Int? {
    (try? round(id))?.number
  }

  func contains(_ id: Int) -> Bool { rounds[id] != nil || unread[id] != nil }

  mutating func set(_ round: ReviewRound) {
    rounds[round.id] = round
    unread[round.id] = nil
  }

  /// Each round as its JSON text, by id.
  func encode(to encoder: any Encoder) throws {
    let json = JSONEncoder()
    json.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var all = unread
    for (id, round) in rounds { all[id] = String(decoding: try json.encode(round), as: UTF8.self) }
    var container = encoder.singleValueContainer()
    try container.encode(all)
  }

  init(from decoder: any Decoder) throws {
    unread = try decoder.singleValueContainer().decode([Int: String].self)
  }
}
