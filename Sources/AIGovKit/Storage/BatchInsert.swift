/// `INSERT` statements that write many rows of a table at once.
///
/// SQLite checks a value against a list of terms (`CHECK (status IN (...))`) by building a lookup
/// of the list once each time a statement runs: rows written by one statement share it, where
/// written one by one each row pays for every list of its table.
struct BatchInsert: Sendable {
  let table: String
  let columns: [String]
  /// Rows per statement: as many as 999 parameters hold (the fewest any SQLite build allows), and
  /// at most 64.
  let rowsPerStatement: Int

  init(table: String, columns: [String]) {
    self.table = table
    self.columns = columns
    rowsPerStatement = max(1, min(64, 999 / max(1, columns.count)))
  }

  /// The statement that writes `rows` rows.
  func sql(rows: Int) -> String {
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
      + Array(repeating: row, count: rows).joined(separator: ", ")
  }
}

extension Database {
  /// Writes `rows`, each the values of the batch's columns in order, as few statements as the
  /// batch allows.
  func insert(_ rows: [[DatabaseValue]], _ batch: BatchInsert) throws {
    let full = batch.sql(rows: batch.rowsPerStatement)
    var start = 0
    while start < rows.count {
      let end = min(start + batch.rowsPerStatement, rows.count)
      let isFull = end - start == batch.rowsPerStatement
      try execute(
        isFull ? full : batch.sql(rows: end - start),
        values: rows[start..<end].flatMap { $0 }, cached: isFull)
      start = end
    }
  }
}
