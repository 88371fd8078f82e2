import AIGovKit
import MCP

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The inventory as the MCP server reads it: one connection, opened with SQLite's read-only
/// flag, used by one request at a time. Each request reads one snapshot of the file in its own
/// read transaction, after checking that the schema is still the one this binary reads (another
/// process may upgrade the file while the server runs). Its calls run on a serial executor of
/// its own (`DatabaseExecutor`), never on Swift's shared threads.
actor ReadOnlyInventory {
  /// The largest answer sent: a request that would need more is refused and asked to narrow.
  static let maximumAnswerBytes = 8 << 20

  private let registry: Registry
  private let fixedTime: Date?
  private let maximumAnswerBytes: Int
  private let executor = DatabaseExecutor(label: "aigov-mcp reader")

  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

  /// Opens the database at `path`; `fixedTime`, when given, is the time every answer is as of
  /// (for reproducible answers), else the system clock's.
  init(path: String, fixedTime: Date?, maximumAnswerBytes: Int = maximumAnswerBytes) throws {
    registry = try Registry.openReadOnly(path: path, clock: { fixedTime ?? Date() })
    self.fixedTime = fixedTime
    self.maximumAnswerBytes = maximumAnswerBytes
  }

  private var now: Date { fixedTime ?? Date() }

  /// Reads in one snapshot of the file.
  private func reading<T>(_ body: () throws -> T) throws -> T {
    try registry.checkSchemaIsCurrent()
    return try registry.reading(body)
  }

  // MARK: Tools

  /// Answers `tools/call`. An unknown tool is a protocol error; a wrong argument or a record
  /// that does not exist is the tool's own error result, which the assistant can act on.
  func call(_ name: String, arguments: [String: Value]?) throws -> CallTool.Result {
    guard let tool = InventoryTool(rawValue: name) else {
      throw MCPError.invalidParams(
        "unknown tool '\(ToolArguments.shown(name))' (expected one of "
          + InventoryTool.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    let answer: any Encodable
    do {
      answer = try reading { try tool.answer(arguments, registry: registry, now: now) }
    } catch let refusal as ToolRefusal {
      return CallTool.Result(
        content: [.text(text: refusal.message, annotations: nil, _meta: nil)], isError: true)
    }
    let json = try Self.encode(RecordsAnswer(records: answer))
    guard json.count <= maximumAnswerBytes else {
      return CallTool.Result(
        content: [
          .text(
            text: "the answer would be \(json.count) bytes, more than the "
              + "\(maximumAnswerBytes) this server sends; ask for less (a smaller limit, "
              + "or a narrower filter)", annotations: nil, _meta: nil)
        ], isError: true)
    }
    // Through AIGovKit's JSON value: MCP's own decoding of a Value matches every string against
    // a data-URL pattern, which would double the cost of an answer.
    let structured = Value(try JSONDecoder().decode(JSONValue.self, from: json))
    return CallTool.Result(
      content: [.text(text: String(decoding: json, as: UTF8.self), annotations: nil, _meta: nil)],
      structuredContent: structured as Value?, isError: false)
  }

  /// A tool's answer as sent: the records, and the notice that they are data.
  private struct RecordsAnswer: Encodable {
    var records: any Encodable

    enum CodingKeys: String, CodingKey {
      case dataNotice = "data_notice"
      case records
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(InventoryTool.dataNotice, forKey: .dataNotice)
      try container.encode(records, forKey: .records)
    }
  }

  // MARK: Resources

  /// Answers `resources/list`: the inventory, the public page and the last two quarterly
  /// reports, then each feature, a page at a time.
  func resources(cursor: String?) throws -> ListResources.Result {
    let after: String?
    if let cursor {
      guard let key = PageCursor.key(cursor) else {
        throw MCPError.invalidParams(
          "cursor '\(ToolArguments.shown(cursor))' was given by no resources/list answer")
      }
      after = key
    } else {
      after = nil
    }
    return try reading {
      var resources = after == nil ? InventoryResource.fixed(quarter: Quarter(containing: now)) : []
      let page = try registry.featurePage(
        FeatureFilter(), after: after, limit: InventoryResource.featuresPerPage)
      resources += page.features.map(InventoryResource.feature)
      return ListResources.Result(
        resources: resources, nextCursor: page.nextAfter.map(PageCursor.after(key:)))
    }
  }

  /// Answers `resources/read`.
  func read(_ uri: String) throws -> ReadResource.Result {
    guard let resource = InventoryResource(uri: uri) else {
      throw InventoryResource.notFound(uri, "expected " + InventoryResource.shapes)
    }
    let text: String
    do {
      text = try reading { try resource.contents(registry: registry, now: now) }
    } catch let error as AIGovError {
      throw InventoryResource.notFound(uri, error.description)
    }
    guard text.utf8.count <= maximumAnswerBytes else {
      throw MCPError.serverError(
        code: -32_603,
        message: "\(uri) is \(text.utf8.count) bytes, more than the \(maximumAnswerBytes) "
          + "this server sends; use the tools, which answer a page at a time, or the aigov "
          + "command line")
    }
    return ReadResource.Result(
      contents: [.text(text, uri: uri, mimeType: resource.mimeType)])
  }

  // MARK: Prompts

  func prompt(_ name: String, arguments: [String: String]?) throws -> GetPrompt.Result {
    guard let prompt = InventoryPrompt(rawValue: name) else {
      throw MCPError.invalidParams(
        "unknown prompt '\(ToolArguments.shown(name))' (expected one of "
          + InventoryPrompt.allCases.map(\.rawValue).joined(separator: ", ") + ")")
    }
    return try prompt.messages(arguments ?? [:], now: now)
  }

  /// Sorted, compact JSON: the same answer gives the same bytes.
  static func encode(_ answer: any Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(answer)
  }
}

extension Value {
  /// The same JSON, as MCP carries it.
  init(_ json: JSONValue) {
    switch json {
    case .null: self = .null
    case .bool(let bool): self = .bool(bool)
    case .integer(let integer): self = .int(integer)
    case .number(let number): self = .double(number)
    case .string(let string): self = .string(string)
    case .array(let array): self = .array(array.map(Value.init))
    case .object(let object): self = .object(object.mapValues(Value.init))
    }
  }
}
