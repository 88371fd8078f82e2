#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The JSON Schemas (draft 2020-12) of an export's JSON files, built from the same table
/// descriptions the export writes, so a schema cannot drift from its file.
public enum ExchangeSchema {
  static let dialect = "https://json-schema.org/draft/2020-12/schema"

  /// The schema of one table's JSON file.
  public static func document(for table: ExchangeTable, schemaVersion: Int) -> JSONValue {
    var properties: [String: JSONValue] = [:]
    for column in table.columns { properties[column.name] = schema(of: column) }
    let row: JSONValue = .object([
      "type": .string("object"),
      "properties": .object(properties),
      "required": .array(table.columns.map { .string($0.name) }),
      "additionalProperties": .bool(false),
    ])
    return .object([
      "$schema": .string(dialect),
      "title": .string("aigov export: \(table.name)"),
      "description": .string(
        "One row per \(table.summary). Written by aigov export --format json; schema version "
          + "\(schemaVersion)."),
      "type": .string("object"),
      "properties": .object([
        "entity": .object(["const": .string(table.name)]),
        "schema_version": .object(["const": .integer(schemaVersion)]),
        "rows": .object(["type": .string("array"), "items": row]),
      ]),
      "required": .array([.string("entity"), .string("rows"), .string("schema_version")]),
      "additionalProperties": .bool(false),
    ])
  }

  /// The schema of `manifest.json`.
  public static func manifest(schemaVersion: Int) -> JSONValue {
    let file: JSONValue = .object([
      "type": .string("object"),
      "properties": .object([
        "name": .object(["type": .string("string")]),
        "rows": .object(["type": .string("integer"), "minimum": .integer(0)]),
        "bytes": .object(["type": .string("integer"), "minimum": .integer(0)]),
        "sha256": .object(["type": .string("string"), "pattern": .string("^[0-9a-f]{64}$")]),
      ]),
      "required": .array(["name", "rows", "bytes", "sha256"].map(JSONValue.string)),
      "additionalProperties": .bool(false),
    ])
    let head: JSONValue = .object([
      "type": .array([.string("object"), .string("null")]),
      "properties": .object([
        "seq": .object(["type": .string("integer"), "minimum": .integer(1)]),
        "hash": .object(["type": .string("string"), "pattern": .string("^[0-9a-f]{64}$")]),
      ]),
      "required": .array([.string("seq"), .string("hash")]),
      "additionalProperties": .bool(false),
    ])
    return .object([
      "$schema": .string(dialect),
      "title": .string("aigov export: manifest"),
      "description": .string(
        "What an export holds: each file with its row count, size and SHA-256, the schema and "
          + "tool versions, and the last event of the audit trail it holds."),
      "type": .string("object"),
      "properties": .object([
        "format": .object(["enum": .array(ExchangeFormat.allCases.map { .string($0.rawValue) })]),
        "schema_version": .object(["const": .integer(schemaVersion)]),
        "tool": .object(["const": .string("aigov")]),
        "tool_version": .object(["type": .string("string")]),
        "exported_at": .object(["type": .string("string")]),
        "audit_chain_head": head,
        "files": .object(["type": .string("array"), "items": file]),
      ]),
      "required": .array(
        ["format", "schema_version", "tool", "tool_version", "exported_at", "files"].map(
          JSONValue.string)),
      "additionalProperties": .bool(false),
    ])
  }

  /// Every schema, by the file name it is written under: `features.schema.json`, ...
  public static func all(schemaVersion: Int) -> [(name: String, document: JSONValue)] {
    (ExchangeTable.all + ExchangeTable.derived).map {
      ("\($0.name).schema.json", document(for: $0, schemaVersion: schemaVersion))
    } + [("manifest.schema.json", manifest(schemaVersion: schemaVersion))]
  }

  /// Writes every schema into `directory` (created when missing, refused when it holds
  /// anything) and gives the names written.
  public static func write(to directory: URL, schemaVersion: Int) throws -> [String] {
    let target = directory.standardizedFileURL
    try Registry.checkExportTarget(target)
    return try StagedOutput.folder(target) { staging in
      var names: [String] = []
      for (name, document) in all(schemaVersion: schemaVersion) {
        let file = try ExportFile(name: name, in: staging)
        try file.write(Array(try Registry.exchangeJSON.encode(document)) + [0x0A])
        _ = try file.finish()
        names.append(name)
      }
      return names
    }
  }

  private static func schema(of column: ExchangeColumn) -> JSONValue {
    var schema: [String: JSONValue] = [:]
    let type: String =
      switch column.kind {
      case .text: "string"
      case .integer: "integer"
      case .boolean: "boolean"
      }
    schema["type"] = column.nullable ? .array([.string(type), .string("null")]) : .string(type)
    if column.isSet, let terms = column.terms {
      let term = "(" + terms.joined(separator: "|") + ")"
      schema["pattern"] = .string("^(none|\(term)(,\(term))*)$")
    } else if let terms = column.terms {
      schema["enum"] = .array(terms.map(JSONValue.string) + (column.nullable ? [.null] : []))
    }
    return .object(schema)
  }
}
