#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What `import` is asked to do.
public struct ImportOptions: Sendable {
  /// Read, check and report everything, and write nothing.
  public var dryRun = false
  /// Change records that exist already and differ; without it they are refused.
  public var update = false

  public init(dryRun: Bool = false, update: Bool = false) {
    self.dryRun = dryRun
    self.update = update
  }
}

/// Thrown to undo a dry run's writes once everything has been checked.
private struct DryRunFinished: Error {}

extension Registry {
  /// Imports a folder written by `aigov export`, or one of its files.
  ///
  /// A whole export (its audit trail included) going into a database that holds nothing is
  /// restored as it was, ids and trail included, and only if the trail, its signatures and every
  /// record verify. Otherwise the inventory records are merged: added when new, left alone when
  /// the same, changed with `update`, each change audited here.
  ///
  /// All or nothing: every row is checked, every problem reported, and a single one refuses the
  /// whole import (`ImportRefused`) with nothing written.
  public func importExport(
    from path: String, options: ImportOptions = ImportOptions(),
    progress: ((ExchangeProgress) -> Void)? = nil
  ) throws -> ImportReport {
    try importSource(ImportSource.read(path: path), options: options, progress: progress)
  }

  /// Imports one file of an export from its bytes, as `importExport(from:)` imports the file
  /// `name` (`features.json`, `risks.csv`).
  public func importExport(
    fileNamed name: String, bytes: [UInt8], options: ImportOptions = ImportOptions()
  ) throws -> ImportReport {
    var source = ImportSource()
    source.readFile(name: name, bytes: bytes)
    return try importSource(source, options: options, progress: nil)
  }

  private func importSource(
    _ source: ImportSource, options: ImportOptions, progress: ((ExchangeProgress) -> Void)?
  ) throws -> ImportReport {
    let restoring = try source.table("audit_events") != nil && holdsNothing()
    var report = ImportReport(mode: restoring ? .restore : .merge, dryRun: options.dryRun)
    for file in source.tables { report.files[file.file] = file.rows.count }
    report.notes = source.notes
    report.problems = source.problems
    guard report.problems.isEmpty else { throw ImportRefused(report: report) }
    if restoring {
      return try restore(source, report: report, dryRun: options.dryRun, progress: progress)
    }
    let incoming = try IncomingInventory(source)
    report.notes += incoming.notes
    report.problems += incoming.problems
    return try merge(incoming, report: report, options: options, progress: progress)
  }

  /// Whether the database holds no record and no audit event.
  func holdsNothing() throws -> Bool {
    try database.scalarInteger(
      """
      SELECT (SELECT count(*) FROM audit_events) + (SELECT count(*) FROM features)
        + (SELECT count(*) FROM providers) + (SELECT count(*) FROM reviewers)
        + (SELECT count(*) FROM settings)
      """) == 0
  }

  /// Runs `body` in one transaction that is committed only when it found no problem and this is
  /// not a dry run.
  func importTransaction(_ report: ImportReport, _ body: (inout ImportReport) throws -> Void)
    throws -> ImportReport
  {
    var outcome = report
    do {
      try database.transaction {
        try body(&outcome)
        if !outcome.problems.isEmpty { throw ImportRefused(report: outcome) }
        if outcome.dryRun { throw DryRunFinished() }
      }
    } catch is DryRunFinished {
      return outcome
    }
    return outcome
  }

  // MARK: Restore

  private func restore(
    _ source: ImportSource, report: ImportReport, dryRun: Bool,
    progress: ((ExchangeProgress) -> Void)?
  ) throws -> ImportReport {
    try importTransaction(report) { report in
      for table in ExchangeTable.all {
        guard let file = source.table(table.name) else {
          report.problems.append(
            ImportProblem(
              file: "\(table.name).csv",
              reason: "is missing: restoring an export with its audit trail needs every table"))
          continue
        }
        // Rows go in a batch at a time. A statement that fails undoes its own rows, which are
        // then tried one at a time, so that each refused row is named as if all were.
        let insert = table.insert
        let batchSize = insert.rowsPerStatement
        let batchSQL = insert.sql(rows: batchSize)
        let rowSQL = insert.sql(rows: 1)
        var start = 0
        while start < file.rows.count {
          let batch = file.rows[start..<min(start + batchSize, file.rows.count)]
          do {
            try database.execute(
              batch.count == batchSize ? batchSQL : insert.sql(rows: batch.count),
              values: batch.flatMap(\.values), cached: batch.count == batchSize)
          } catch is SQLiteError {
            for row in batch {
              do {
                try database.execute(rowSQL, values: row.values, cached: true)
              } catch let error as SQLiteError {
                report.problems.append(
                  row.problem(file.file, "the database refused the row (\(error.message))"))
              }
            }
          }
          if (start + batch.count) / 8192 > start / 8192 {
            progress?(
              ExchangeProgress(
                file: file.file, rows: (start + batch.count) / 8192 * 8192, isFileDone: false))
          }
          start += batch.count
        }
        report.records[table.name] = ImportReport.Tally(added: file.rows.count)
      }
      for (sha256, content) in source.evidenceFiles.sorted(by: { $0.key < $1.key }) {
        try database.execute(
          "INSERT INTO evidence_files (sha256, content) VALUES (?, ?)",
          [sha256, DatabaseValue.blob(content)])
      }
      guard report.problems.isEmpty else { return }
      let trailFile = source.table("audit_events")?.file ?? "audit_events"
      let verification = try verify()
      for problem in verification.problems {
        report.problems.append(
          ImportProblem(
            file: trailFile, reason: "the restored database does not verify: \(problem)"))
      }
      report.auditChainHead = try auditTrail.head()?.hash
    }
  }
}
