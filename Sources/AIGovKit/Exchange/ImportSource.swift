import Crypto

#if canImport(Glibc)
  import Glibc
#endif
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The rows of one exchanged table as a file holds them, each value typed by its column.
struct TableFile {
  let table: ExchangeTable
  /// The file's name, as problems name it.
  let file: String
  var rows: [TableRow] = []
}

/// One row of a table file, its values in the order of the table's columns.
struct TableRow {
  /// The CSV line it begins on, or its position among a JSON file's rows.
  var line: Int?
  var row: Int?
  var values: [DatabaseValue]

  func problem(_ file: String, field: String? = nil, _ reason: String) -> ImportProblem {
    ImportProblem(file: file, line: line, row: row, field: field, reason: reason)
  }
}

/// What an import source holds: the table files read, and what was wrong with them.
struct ImportSource {
  var tables: [TableFile] = []
  var problems: [ImportProblem] = []
  var notes: [String] = []
  /// The stored evidence files of the export's `evidence` folder, by their SHA-256.
  var evidenceFiles: [String: [UInt8]] = [:]

  func table(_ name: String) -> TableFile? { tables.first { $0.table.name == name } }

  /// Reads a folder written by `aigov export`, or one of its files.
  static func read(path: String) -> ImportSource {
    var source = ImportSource()
    // A folder reached through a link is refused as a file is: `lstat` of the path without its
    // trailing slashes, since "link/" names what the link points to.
    var unslashed = Substring(path)
    while unslashed.count > 1, unslashed.hasSuffix("/") { unslashed = unslashed.dropLast() }
    var status = stat()
    if lstat(String(unslashed), &status) == 0, status.st_mode & S_IFMT == S_IFLNK {
      source.problems.append(
        ImportProblem(
          file: URL(fileURLWithPath: String(unslashed)).lastPathComponent,
          reason: "is a symbolic link; an import reads a folder or the files of an export, "
            + "never through a link"))
      return source
    }
    if FileManager.default.isFolder(atPath: path) {
      source.readFolder(URL(fileURLWithPath: path))
    } else {
      let url = URL(fileURLWithPath: path)
      let name = url.lastPathComponent
      guard let bytes = source.load(url, name: name) else { return source }
      source.readFile(name: name, bytes: bytes)
    }
    return source
  }

  private mutating func load(_ url: URL, name: String) -> [UInt8]? {
    switch Self.readRegularFile(url.path) {
    case .success(let bytes): return bytes
    case .failure(let problem):
      problems.append(ImportProblem(file: name, reason: problem.reason))
      return nil
    }
  }

  /// The bytes of the regular file at `path`. A symbolic link, a device, a FIFO or a folder is
  /// refused without being read: an import reads the files of an export, never what a link
  /// points to (`/proc/self/environ`, say).
  static func readRegularFile(_ path: String) -> Result<[UInt8], CellProblem> {
    var status = stat()
    guard lstat(path, &status) == 0 else { return .failure(CellProblem(reason: "cannot be read")) }
    switch status.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFLNK:
      return .failure(
        CellProblem(reason: "is a symbolic link; an import reads regular files only"))
    default:
      return .failure(
        CellProblem(
          reason: "is not a regular file (a device, a pipe or a folder); an import reads "
            + "regular files only"))
    }
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return .failure(CellProblem(reason: "cannot be read")) }
    defer { close(descriptor) }
    // The file it opened is the one it looked at: still a regular file, not swapped in between.
    guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
      return .failure(
        CellProblem(reason: "is not a regular file; an import reads regular files only"))
    }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(CellProblem(reason: "cannot be read"))
      }
      if count == 0 { return .success(bytes) }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  private mutating func readFolder(_ folder: URL) {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    } catch {
      problems.append(ImportProblem(file: folder.lastPathComponent, reason: "cannot be read"))
      return
    }
    var hashes: [String: String] = [:]
    var seen: [String: String] = [:]
    for name in names {
      let url = folder.appendingPathComponent(name)
      if Registry.proofFiles.contains(name) || name.hasSuffix(".schema.json") { continue }
      if name == Registry.evidenceFolder {
        readEvidenceFolder(url)
        continue
      }
      let stem = url.deletingPathExtension().lastPathComponent
      let ext = url.pathExtension
      let derived = ExchangeTable.derived.contains { $0.name == stem }
      guard ext == "csv" || ext == "json", derived || ExchangeTable.named(stem) != nil
      else {
        problems.append(
          ImportProblem(
            file: name,
            reason: "not a file of an aigov export (expected TABLE.csv or TABLE.json, e.g. "
              + "features.csv)"))
        continue
      }
      guard let bytes = load(url, name: name) else { continue }
      hashes[name] = CanonicalJSON.hex(SHA256.hash(data: bytes))
      if derived {
        notes.append(
          "\(name) was not read: it is derived from the other files, which the import reads")
        continue
      }
      if let other = seen[stem] {
        problems.append(
          ImportProblem(
            file: name, reason: "the folder also holds \(other); keep one format per table"))
        continue
      }
      seen[stem] = name
      readFile(name: name, bytes: bytes)
    }
    let manifestURL = folder.appendingPathComponent("manifest.json")
    if FileManager.default.fileExists(atPath: manifestURL.path),
      let bytes = load(manifestURL, name: "manifest.json")
    {
      checkManifest(bytes, hashes: hashes)
    }
    if tables.isEmpty && problems.isEmpty {
      problems.append(
        ImportProblem(
          file: folder.lastPathComponent,
          reason: "holds no file of an aigov export (expected TABLE.csv or TABLE.json, e.g. "
            + "features.csv)"))
    }
  }

  /// Reads the stored evidence files: each named by the SHA-256 of its bytes.
  private mutating func readEvidenceFolder(_ folder: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()) ?? []
    for name in names {
      let shown = "\(Registry.evidenceFolder)/\(name)"
      guard name.utf8.count == 64, name.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
        problems.append(
          ImportProblem(
            file: shown, reason: "not a stored evidence file (expected its SHA-256 as its name)"))
        continue
      }
      guard let bytes = load(folder.appendingPathComponent(name), name: shown) else { continue }
      guard CanonicalJSON.hex(SHA256.hash(data: bytes)) == name else {
        problems.append(
          ImportProblem(file: shown, reason: "its bytes do not hash to its name, the SHA-256"))
        continue
      }
      evidenceFiles[name] = bytes
    }
  }

  /// Holds the folder to its manifest: every file listed is there, with the SHA-256 listed.
  private mutating func checkManifest(_ bytes: [UInt8], hashes: [String: String]) {
    let file = "manifest.json"
    let document: JSONValue
    do {
      document = try StrictJSON.parse(bytes)
    } catch {
      problems.append(ImportProblem(file: file, line: error.line, reason: error.reason))
      return
    }
    guard case .object(let manifest) = document, case .array(let files)? = manifest["files"] else {
      problems.append(ImportProblem(file: file, reason: "is not the manifest of an aigov export"))
      return
    }
    checkSchemaVersion(manifest["schema_version"], file: file)
    for entry in files {
      guard case .object(let listed) = entry, case .string(let name)? = listed["name"],
        case .string(let sha256)? = listed["sha256"]
      else {
        problems.append(ImportProblem(file: file, reason: "lists a file without name or sha256"))
        continue
      }
      guard let actual = hashes[name] else {
        problems.append(
          ImportProblem(file: name, reason: "is missing, though manifest.json lists it"))
        continue
      }
      if actual != sha256 {
        problems.append(
          ImportProblem(
            file: name,
            reason: "differs from the SHA-256 that manifest.json records for it: it changed "
              + "after the export (to import edited files, remove manifest.json and "
              + "SHA256SUMS)"))
      }
    }
  }

  private mutating func checkSchemaVersion(_ value: JSONValue?, file: String) {
    let current = Registry.migrator.latestVersion
    guard case .integer(let version)? = value else {
      problems.append(
        ImportProblem(file: file, field: "schema_version", reason: "missing or not an integer"))
      return
    }
    if version != current {
      problems.append(
        ImportProblem(
          file: file, field: "schema_version",
          reason: "is \(version); this aigov reads exports of schema version \(current) "
            + "(export again with an aigov of that version)"))
    }
  }

  mutating func readFile(name: String, bytes: [UInt8]) {
    let url = URL(fileURLWithPath: name)
    switch url.pathExtension {
    case "csv": readCSV(name: name, stem: url.deletingPathExtension().lastPathComponent, bytes)
    case "json": readJSON(name: name, bytes)
    default:
      problems.append(
        ImportProblem(
          file: name,
          reason: "not an aigov export file (expected a .csv or .json file written by aigov "
            + "export, or its folder)"))
    }
  }

  // MARK: CSV

  private mutating func readCSV(name: String, stem: String, _ bytes: [UInt8]) {
    var reader = CSVReader(bytes: bytes)
    do {
      guard let header = try reader.header() else {
        problems.append(ImportProblem(file: name, reason: "is empty (expected a header row)"))
        return
      }
      guard
        let table = ExchangeTable.named(stem)
          ?? ExchangeTable.all.first(where: { Set($0.columns.map(\.name)) == Set(header.fields) })
      else {
        problems.append(
          ImportProblem(
            file: name, line: 1,
            reason: "is not a table of an aigov export: its name and header match none "
              + "(expected e.g. features.csv with the columns aigov export writes)"))
        return
      }
      guard let positions = columnPositions(header, table: table, file: name) else { return }
      var file = TableFile(table: table, file: name)
      while let record = try reader.next() {
        guard record.fields.count == header.fields.count else {
          problems.append(
            ImportProblem(
              file: name, line: record.line,
              reason: "\(record.fields.count) fields where the header has "
                + "\(header.fields.count)"))
          continue
        }
        var values: [DatabaseValue] = []
        values.reserveCapacity(table.columns.count)
        var rowIsGood = true
        for (column, position) in zip(table.columns, positions) {
          guard let position else {
            values.append(.null)
            continue
          }
          switch Self.value(
            ofCell: record.fields[position], quoted: record.quoted[position], column)
          {
          case .success(let value): values.append(value)
          case .failure(let problem):
            rowIsGood = false
            problems.append(
              ImportProblem(
                file: name, line: record.line, field: column.name, reason: problem.reason))
          }
        }
        if rowIsGood { file.rows.append(TableRow(line: record.line, row: nil, values: values)) }
      }
      tables.append(file)
    } catch {
      problems.append(ImportProblem(file: name, line: error.line, reason: error.reason))
    }
  }

  /// Where each of the table's columns is in the header; nil (with the problems noted) when the
  /// header lacks one or has one the table does not. A column that may be empty is read as empty
  /// when the header lacks it: a file exported before the schema added the column.
  private mutating func columnPositions(_ header: CSVRecord, table: ExchangeTable, file: String)
    -> [Int?]?
  {
    let expected = table.columns.map(\.name)
    guard header.fields.contains(where: expected.contains) else {
      // Not a header at all: what the line holds is not repeated, whatever file this is.
      problems.append(
        ImportProblem(
          file: file, line: 1,
          reason: "is not a header of \(table.name) (expected the columns: "
            + "\(expected.joined(separator: ", ")))"))
      return nil
    }
    var positions: [String: Int] = [:]
    var good = true
    var unknown: [String] = []
    for (position, name) in header.fields.enumerated() {
      if !expected.contains(name) {
        good = false
        unknown.append(name)
      } else if positions.updateValue(position, forKey: name) != nil {
        good = false
        problems.append(
          ImportProblem(file: file, line: 1, field: name, reason: "the column appears twice"))
      }
    }
    // Named once for all, so that a wide header is one line, not one line per column.
    if let first = unknown.first {
      problems.append(
        ImportProblem(
          file: file, line: 1, field: UntrustedText.visibleOnOneLine(String(first.prefix(64))),
          reason: "unknown column"
            + (unknown.count > 1 ? " (and \(unknown.count - 1) more)" : "")
            + " (\(table.name) has: \(expected.joined(separator: ", ")))"))
    }
    for column in table.columns where positions[column.name] == nil && !column.nullable {
      good = false
      problems.append(
        ImportProblem(file: file, line: 1, field: column.name, reason: "missing column"))
    }
    return good ? expected.map { positions[$0] } : nil
  }

  /// Why a value was refused.
  struct CellProblem: Error {
    var reason: String
  }

  /// A CSV cell as its column's value: the spreadsheet-formula guard undone, an empty unquoted
  /// cell a missing value where the column allows one.
  static func value(ofCell cell: String, quoted: Bool, _ column: ExchangeColumn) -> Result<
    DatabaseValue, CellProblem
  > {
    if cell.isEmpty && !quoted && (column.nullable || column.kind != .text) {
      return column.nullable ? .success(.null) : .failure(CellProblem(reason: "missing value"))
    }
    switch column.kind {
    case .text:
      return term(SpreadsheetFormula.restored(cell), column)
    case .integer:
      guard let integer = Int64(cell) else {
        return .failure(CellProblem(reason: "'\(cell)' is not a whole number"))
      }
      return .success(.integer(integer))
    case .boolean:
      switch cell {
      case "true": return .success(.integer(1))
      case "false": return .success(.integer(0))
      default: return .failure(CellProblem(reason: "'\(cell)' is not true or false"))
      }
    }
  }

  private static func term(_ text: String, _ column: ExchangeColumn) -> Result<
    DatabaseValue, CellProblem
  > {
    if !column.accepts(term: text) {
      return .failure(
        CellProblem(
          reason: "unknown \(column.name) '\(text)' (expected \(column.expectedTerms))"))
    }
    if let problem = column.textField?.problem(in: text) {
      return .failure(CellProblem(reason: "'\(TextField.excerpt(of: text))' \(problem)"))
    }
    return .success(.text(text))
  }

  // MARK: JSON

  private mutating func readJSON(name: String, _ bytes: [UInt8]) {
    let document: JSONValue
    do {
      document = try StrictJSON.parse(bytes)
    } catch {
      problems.append(
        ImportProblem(
          file: name, line: error.line, reason: "column \(error.column): \(error.reason)"))
      return
    }
    guard case .object(let top) = document, case .string(let entity)? = top["entity"],
      case .array(let rows)? = top["rows"]
    else {
      problems.append(
        ImportProblem(
          file: name,
          reason: "is not an aigov export file (expected an object with entity, rows and "
            + "schema_version)"))
      return
    }
    for key in top.keys where !["entity", "rows", "schema_version"].contains(key) {
      problems.append(ImportProblem(file: name, field: key, reason: "unknown key"))
    }
    checkSchemaVersion(top["schema_version"], file: name)
    guard let table = ExchangeTable.named(entity) else {
      problems.append(
        ImportProblem(
          file: name, field: "entity",
          reason: ExchangeTable.derived.contains { $0.name == entity }
            ? "the \(entity) file is derived from the other files; import those"
            : "unknown entity '\(entity)'"))
      return
    }
    var file = TableFile(table: table, file: name)
    for (index, element) in rows.enumerated() {
      let position = index + 1
      guard case .object(let object) = element else {
        problems.append(ImportProblem(file: name, row: position, reason: "a row is not an object"))
        continue
      }
      var values: [DatabaseValue] = []
      var rowIsGood = true
      for key in object.keys.sorted() where !table.columns.contains(where: { $0.name == key }) {
        rowIsGood = false
        problems.append(
          ImportProblem(file: name, row: position, field: key, reason: "unknown field"))
      }
      for column in table.columns {
        guard let value = object[column.name] else {
          rowIsGood = false
          problems.append(
            ImportProblem(file: name, row: position, field: column.name, reason: "missing field"))
          continue
        }
        switch Self.value(of: value, column) {
        case .success(let value): values.append(value)
        case .failure(let problem):
          rowIsGood = false
          problems.append(
            ImportProblem(file: name, row: position, field: column.name, reason: problem.reason))
        }
      }
      if rowIsGood { file.rows.append(TableRow(line: nil, row: position, values: values)) }
    }
    tables.append(file)
  }

  static func value(of json: JSONValue, _ column: ExchangeColumn) -> Result<
    DatabaseValue, CellProblem
  > {
    switch (json, column.kind) {
    case (.null, _) where column.nullable: return .success(.null)
    case (.string(let text), .text): return term(text, column)
    case (.integer(let integer), .integer): return .success(.integer(Int64(integer)))
    case (.bool(let bool), .boolean): return .success(.integer(bool ? 1 : 0))
    default:
      let expected =
        switch column.kind {
        case .text: "a string"
        case .integer: "a whole number"
        case .boolean: "true or false"
        }
      return .failure(
        CellProblem(reason: "expected \(expected)\(column.nullable ? " or null" : "")"))
    }
  }
}
