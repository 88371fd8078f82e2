/// The rows of a query, read one at a time; the statement is released when the cursor is done or
/// gone.
public final class Cursor {
  private let statement: Statement
  private var isDone = false

  init(statement: Statement) {
    self.statement = statement
  }

  deinit {
    statement.finish()
  }

  /// The next row, or nil when there are no more.
  public func next() throws -> Row? {
    guard !isDone else { return nil }
    if try statement.step() { return statement.currentRow() }
    isDone = true
    statement.finish()
    return nil
  }
}

/// Rows grouped by a leading integer column (a parent's id) and read in ascending order of it,
/// beside a scan of the parents in the same order: `rows(for:)` returns the rows of one parent.
final class ChildRows {
  private let cursor: Cursor
  private let parentColumn: String
  private var pending: Row?

  init(_ cursor: Cursor, parentColumn: String) throws {
    self.cursor = cursor
    self.parentColumn = parentColumn
    pending = try cursor.next()
  }

  /// The rows whose parent is `parent`; parents must be asked for in ascending order.
  func rows(for parent: Int) throws -> [Row] {
    var rows: [Row] = []
    while let row = pending, let id = row.optionalInteger(parentColumn), id <= parent {
      if id == parent { rows.append(row) }
      pending = try cursor.next()
    }
    return rows
  }
}
