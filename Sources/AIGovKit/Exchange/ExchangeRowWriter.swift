/// Writes the rows of one exchanged table as CSV or JSON bytes.
///
/// CSV: a header row of the column names, then one record per row (see `CSVWriter`); booleans
/// are `true` and `false`, a missing value is an empty field and an empty text `""`.
/// JSON: `{"entity":NAME,"rows":[` one object per line, keys sorted `],"schema_version":N}`, the
/// values typed (numbers, booleans, null).
struct ExchangeRowWriter {
  private let table: ExchangeTable
  private let format: ExchangeFormat
  private var csv = CSVWriter()
  private var json: [UInt8] = []
  private var rowsWritten = 0
  /// For JSON: the columns in sorted order of name, each with `"name":` ready to write.
  private let sortedColumns: [(index: Int, column: ExchangeColumn, key: [UInt8])]

  init(table: ExchangeTable, format: ExchangeFormat) {
    self.table = table
    self.format = format
    sortedColumns = table.columns.enumerated().sorted { $0.element.name < $1.element.name }.map {
      var key: [UInt8] = []
      CanonicalJSON.appendQuoted($0.element.name, to: &key)
      key.append(UInt8(ascii: ":"))
      return ($0.offset, $0.element, key)
    }
    json.reserveCapacity(1 << 17)
  }

  var pendingBytes: Int { format == .csv ? csv.bytes.count : json.count }

  func header() -> [UInt8] {
    switch format {
    case .csv:
      var header = CSVWriter()
      header.record(table.columns.map(\.name))
      return header.bytes
    case .json:
      var bytes = Array(#"{"entity":"#.utf8)
      CanonicalJSON.appendQuoted(table.name, to: &bytes)
      bytes.append(contentsOf: #","rows":["#.utf8)
      return bytes
    }
  }

  func footer(schemaVersion: Int) -> [UInt8] {
    switch format {
    case .csv: []
    case .json: Array("\n],\"schema_version\":\(schemaVersion)}\n".utf8)
    }
  }

  mutating func append(_ row: Row) { append(values: row.values) }

  /// One row, its values in the order of the table's columns.
  mutating func append(values: [DatabaseValue]) {
    switch format {
    case .csv:
      for (index, column) in table.columns.enumerated() {
        csv.field(Self.text(of: values[index], as: column.kind))
      }
      csv.endRecord()
    case .json:
      json.append(contentsOf: rowsWritten == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
      json.append(UInt8(ascii: "{"))
      for (position, entry) in sortedColumns.enumerated() {
        if position > 0 { json.append(UInt8(ascii: ",")) }
        json.append(contentsOf: entry.key)
        Self.appendJSON(values[entry.index], as: entry.column.kind, to: &json)
      }
      json.append(UInt8(ascii: "}"))
    }
    rowsWritten += 1
  }

  mutating func take() -> [UInt8] {
    switch format {
    case .csv: return csv.take()
    case .json:
      defer { json.removeAll(keepingCapacity: true) }
      return json
    }
  }

  /// A value as CSV text: nil for a missing value.
  static func text(of value: DatabaseValue, as kind: ExchangeColumn.Kind) -> String? {
    switch value {
    case .null: nil
    case .integer(let integer):
      kind == .boolean ? (integer != 0 ? "true" : "false") : String(integer)
    case .real(let real): String(real)
    case .text(let text): text
    case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
    }
  }

  static func appendJSON(
    _ value: DatabaseValue, as kind: ExchangeColumn.Kind, to bytes: inout [UInt8]
  ) {
    switch value {
    case .null: bytes.append(contentsOf: "null".utf8)
    case .integer(let integer):
      if kind == .boolean {
        bytes.append(contentsOf: (integer != 0 ? "true" : "false").utf8)
      } else {
        bytes.append(contentsOf: String(integer).utf8)
      }
    case .real(let real): bytes.append(contentsOf: String(real).utf8)
    case .text(let text): CanonicalJSON.appendQuoted(text, to: &bytes)
    case .blob(let blob):
      CanonicalJSON.appendQuoted(String(decoding: blob, as: UTF8.self), to: &bytes)
    }
  }
}

extension ExchangeTable {
  /// The flat one-row-per-feature view for people and spreadsheets: the feature's columns (but
  /// its row id) with its data categories and providers joined by "; ", its number of risks and
  /// its highest risk score before the bookkeeping columns. Derived from the other files, so an
  /// import reads those instead.
  public static let inventory: ExchangeTable = {
    let stated = Feature.table.columns.filter { $0.role != .id }
    let bookkeeping: [RecordColumn<Feature>.Role] = [.createdAt, .updatedAt, .version]
    let record = stated.filter { !bookkeeping.contains($0.role) }
    let kept = stated.filter { bookkeeping.contains($0.role) }
    let derived: [(column: ExchangeColumn, sql: String)] = [
      (
        .text("data_categories"),
        """
        coalesce((SELECT group_concat(category, '; ') FROM (
          SELECT category FROM feature_data_categories WHERE feature_id = f.id
          ORDER BY category)), '') AS data_categories
        """
      ),
      (
        .text("providers"),
        """
        coalesce((SELECT group_concat(entry, '; ') FROM (
          SELECT p.key || CASE WHEN fp.model = '' THEN '' ELSE ' (' || fp.model || ')' END
            AS entry
          FROM feature_providers fp JOIN providers p ON p.id = fp.provider_id
          WHERE fp.feature_id = f.id ORDER BY p.key, fp.model)), '') AS providers
        """
      ),
      (.integer("risks"), "(SELECT count(*) FROM risks WHERE feature_id = f.id) AS risks"),
      (
        .optionalInteger("highest_risk_score"),
        "(SELECT max(\(Risk.scoreSQL("risks"))) FROM risks WHERE feature_id = f.id) "
          + "AS highest_risk_score"
      ),
    ]
    let selected =
      record.map { "f.\($0.name)" } + derived.map(\.sql) + kept.map { "f.\($0.name)" }
    return ExchangeTable(
      name: "inventory", summary: "one AI feature, flattened for a spreadsheet",
      columns: record.map(\.exchange) + derived.map(\.column) + kept.map(\.exchange),
      orderBy: "key",
      query: "SELECT \(selected.joined(separator: ", ")) FROM features f ORDER BY f.key")
  }()
}
