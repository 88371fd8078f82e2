#if canImport(Glibc)
  import Glibc
#endif
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
  /// each file's SHA-256 and row count, and `SHA256SUMS` for `sha256sum -c`. The trail's latest
  /// checkpoint comes with it (`checkpoint.json`, `.sig`, `.pub`), and with `signingKey` the
  /// manifest is signed (`manifest.json.sig`, `manifest.pub`), so that `openssl` alone proves
  /// which files an export held and who vouched for them.
  ///
  /// The files are written into a folder beside `directory` and moved into place only when every
  /// one is complete: a failed export (a full disk, say) leaves nothing behind.
  ///
  /// Everything is read in one read transaction, so the files agree with each other and with the
  /// chain head the manifest names. Rows are written as they are read, so memory does not grow
  /// with the row count. The same database and clock give the same bytes.
  @discardableResult
  public func export(
    to directory: URL, format: ExchangeFormat, toolVersion: String,
    signingKey: SigningKey? = nil, progress: ((ExchangeProgress) -> Void)? = nil
  ) throws -> ExportManifest {
    let target = directory.standardizedFileURL
    try Self.checkExportTarget(target)
    return try StagedOutput.folder(target) { staging in
      try writeExport(
        into: staging, format: format, toolVersion: toolVersion, signingKey: signingKey,
        progress: progress)
    }
  }

  private func writeExport(
    into directory: URL, format: ExchangeFormat, toolVersion: String, signingKey: SigningKey?,
    progress: ((ExchangeProgress) -> Void)?
  ) throws -> ExportManifest {
    try database.readTransaction {
      var files: [ExportManifest.File] = []
      for table in ExchangeTable.all + [ExchangeTable.inventory] {
        files.append(
          try exportTable(table, format: format, into: directory, progress: progress) { write in
            let cursor = try database.cursor(table.selectSQL)
            while let row = try cursor.next() { try write(row.values) }
          })
      }
      files.append(
        try exportTable(.signatures, format: format, into: directory, progress: progress) {
          write in
          try forEachExportedSignature { try write($0.values) }
        })
      let head = try auditTrail.head()
      let manifest = ExportManifest(
        format: format, schemaVersion: try database.userVersion, tool: "aigov",
        toolVersion: toolVersion, exportedAt: now,
        auditChainHead: head.map { ExportManifest.ChainHead(seq: $0.seq, hash: $0.hash) },
        files: files.sorted { $0.name < $1.name })
      let manifestBytes = Array(try Self.exchangeJSON.encode(manifest)) + [0x0A]
      var proofs = [("manifest.json", manifestBytes)]
      if let signingKey {
        proofs.append(("manifest.json.sig", try signingKey.signature(for: manifestBytes)))
        proofs.append(("manifest.pub", Array(signingKey.publicKey.pem.utf8)))
      }
      if let checkpoint = try latestCheckpoint() {
        proofs.append(("checkpoint.json", checkpoint.statement))
        proofs.append(
          ("checkpoint.sig", Array(Data(base64Encoded: checkpoint.signature) ?? Data())))
        proofs.append(("checkpoint.pub", Array(checkpoint.publicKey.utf8)))
      }
      var hashes: [(String, String)] = try exportEvidenceFiles(into: directory)
      for (name, bytes) in proofs {
        let file = try ExportFile(name: name, in: directory)
        try file.write(bytes)
        hashes.append((name, try file.finish()))
      }
      let sums = try ExportFile(name: "SHA256SUMS", in: directory)
      let entries = (files.map { ($0.name, $0.sha256) } + hashes).sorted { $0.0 < $1.0 }
      try sums.write(Array(entries.map { "\($0.1)  \($0.0)\n" }.joined().utf8))
      _ = try sums.finish()
      return manifest
    }
  }

  /// The folder of an export that holds the stored evidence files, each named by its SHA-256.
  static let evidenceFolder = "evidence"

  /// Writes each stored evidence file as `evidence/SHA256`; gives each one's path and hash for
  /// `SHA256SUMS`.
  private func exportEvidenceFiles(into directory: URL) throws -> [(String, String)] {
    var hashes: [(String, String)] = []
    let cursor = try database.cursor("SELECT sha256, content FROM evidence_files ORDER BY sha256")
    while let row = try cursor.next() {
      if hashes.isEmpty {
        let folder = directory.appendingPathComponent(Self.evidenceFolder)
        guard mkdir(folder.path, 0o755) == 0 else {
          throw AIGovError.refused(.cannotCreateFolder(path: folder.path))
        }
      }
      let name = "\(Self.evidenceFolder)/\(try row.text("sha256"))"
      let file = try ExportFile(name: name, in: directory)
      try file.write(row.optionalBlob("content") ?? [])
      hashes.append((name, try file.finish()))
    }
    return hashes
  }

  /// JSON as exchanged files hold it: sorted keys, indented, slashes left alone.
  static let exchangeJSON: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return encoder
  }()

  /// The files of an export that prove it rather than hold a table.
  static let proofFiles: Set<String> = [
    "manifest.json", "SHA256SUMS", "manifest.json.sig", "manifest.pub", "checkpoint.json",
    "checkpoint.sig", "checkpoint.pub",
  ]

  /// Refuses a target that is a file or a folder holding anything; an empty folder is replaced.
  static func checkExportTarget(_ directory: URL) throws {
    let manager = FileManager.default
    guard manager.fileExists(atPath: directory.path) else { return }
    guard manager.isFolder(atPath: directory.path) else {
      throw AIGovError.refused(.exportTargetIsAFile(path: directory.path))
    }
    guard try manager.contentsOfDirectory(atPath: directory.path).isEmpty else {
      throw AIGovError.refused(.exportFolderNotEmpty(path: directory.path))
    }
  }

  /// Writes one file of `table`'s rows, which `rows` hands over one at a time.
  private func exportTable(
    _ table: ExchangeTable, format: ExchangeFormat, into directory: URL,
    progress: ((ExchangeProgress) -> Void)?,
    rows: (_ write: ([DatabaseValue]) throws -> Void) throws -> Void
  ) throws -> ExportManifest.File {
    let file = try ExportFile(name: "\(table.name).\(format.rawValue)", in: directory)
    var writer = ExchangeRowWriter(table: table, format: format)
    try file.write(writer.header())
    try rows { values in
      writer.append(values: values)
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
