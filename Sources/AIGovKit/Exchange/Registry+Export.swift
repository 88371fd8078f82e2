#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The two formats of an export.
public enum ExchangeFormat: String, Vocabulary {
  case csv, json
  public static let termName = "format"
}

/// What an export wrote, as `manifest.json` records it.
public struct ExportManifest: Codable, Equatable, Sendable {
  /// The last event of the audit trail the export holds; nil for an empty trail.
  public struct ChainHead: Codable, Equatable, Sendable {
    public var seq: Int
    public var hash: String
  }

  /// One file, with what proves it whole.
  public struct File: Codable, Equatable, Sendable {
    public var name: String
    public var rows: Int
    public var bytes: Int
    public var sha256: String
  }

  public var format: ExchangeFormat
  public var schemaVersion: Int
  public var tool: String
  public var toolVersion: String
  public var exportedAt: String
  public var auditChainHead: ChainHead?
  /// Ordered by name.
  public var files: [File]

  enum CodingKeys: String, CodingKey {
    case format
    case schemaVersion = "schema_version"
    case tool
    case toolVersion = "tool_version"
    case exportedAt = "exported_at"
    case auditChainHead = "audit_chain_head"
    case files
  }
}

/// How far a long import or export has got: which file, and how many of its rows are done.
public struct ExchangeProgress: Sendable {
  public var file: String
  public var rows: Int
  public var isFileDone: Bool
}

extension Registry {
  /// Writes the whole database into `directory` (created when missing, refused when it holds
  /// anything): one file per table, the flat one-row-per-feature inventory, `manifest.json` with
  /// each file's SHA-256 and row count, and `SHA256SUMS` for `sha256sum -c`.
  ///
  /// Everything is read in one read transaction, so the files agree with each other and with the
  /// chain head the manifest names. Rows are written as they are read, so memory does not grow
  /// with the row count. The same database and clock give the same bytes.
  @discardableResult
  public func export(
    to directory: URL, format: ExchangeFormat, toolVersion: String,
    progress: ((ExchangeProgress) -> Void)? = nil
  ) throws -> ExportManifest {
    try Self.prepareEmptyDirectory(directory)
    return try database.readTransaction {
      var files: [ExportManifest.File] = []
      for table in ExchangeTable.all + [ExchangeTable.inventory] {
        files.append(
          try exportTable(table, format: format, into: directory, progress: progress))
      }
      let head = try auditTrail.head()
      let manifest = ExportManifest(
        format: format, schemaVersion: try database.userVersion, tool: "aigov",
        toolVersion: toolVersion, exportedAt: now,
        auditChainHead: head.map { ExportManifest.ChainHead(seq: $0.seq, hash: $0.hash) },
        files: files.sorted { $0.name < $1.name })
      let manifestFile = try ExportFile(name: "manifest.json", in: directory)
      try manifestFile.write(Array(try Self.exchangeJSON.encode(manifest)) + [0x0A])
      let manifestHash = try manifestFile.finish()
      let sums = try ExportFile(name: "SHA256SUMS", in: directory)
      let entries = (files.map { ($0.name, $0.sha256) } + [("manifest.json", manifestHash)])
        .sorted { $0.0 < $1.0 }
      try sums.write(Array(entries.map { "\($0.1)  \($0.0)\n" }.joined().utf8))
      _ = try sums.finish()
      return manifest
    }
  }

  /// JSON as exchanged files hold it: sorted keys, indented, slashes left alone.
  static let exchangeJSON: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
  }()

  static func prepareEmptyDirectory(_ directory: URL) throws {
    let manager = FileManager.default
    if manager.fileExists(atPath: directory.path) {
      guard manager.isFolder(atPath: directory.path) else {
        throw AIGovError.refused(.exportTargetIsAFile(path: directory.path))
      }
      guard try manager.contentsOfDirectory(atPath: directory.path).isEmpty else {
        throw AIGovError.refused(.exportFolderNotEmpty(path: directory.path))
      }
      return
    }
    do {
      try manager.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw AIGovError.refused(.cannotCreateFolder(path: directory.path))
    }
  }

  private func exportTable(
    _ table: ExchangeTable, format: ExchangeFormat, into directory: URL,
    progress: ((ExchangeProgress) -> Void)?
  ) throws -> ExportManifest.File {
    let file = try ExportFile(name: "\(table.name).\(format.rawValue)", in: directory)
    var writer = ExchangeRowWriter(table: table, format: format)
    try file.write(writer.header())
    let cursor = try database.cursor(table.selectSQL)
    while let row = try cursor.next() {
      writer.append(row)
      file.rowCount += 1
      if writer.pendingBytes >= 1 << 16 { try file.write(writer.take()) }
      if file.rowCount & 8191 == 0 {
        progress?(ExchangeProgress(file: file.name, rows: file.rowCount, isFileDone: false))
      }
    }
    try file.write(writer.take())
    try file.write(writer.footer(schemaVersion: try database.userVersion))
    let sha256 = try file.finish()
    progress?(ExchangeProgress(file: file.name, rows: file.rowCount, isFileDone: true))
    return ExportManifest.File(
      name: file.name, rows: file.rowCount, bytes: file.byteCount, sha256: sha256)
  }
}
