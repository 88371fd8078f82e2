/// One thing wrong with a file being imported: where it is and why it was refused.
public struct ImportProblem: Codable, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  /// The line of a CSV file the row begins on.
  public var line: Int?
  /// The position of a row in a JSON file's `rows`, from 1.
  public var row: Int?
  public var field: String?
  public var reason: String
  /// What would let the row in, when an option of the import would.
  public var remedy: Remedy?

  /// An option of the import that would let a refused row in.
  public enum Remedy: String, Codable, Sendable {
    /// The record exists already and differs: an import that updates would change it.
    case update
  }

  public init(
    file: String, line: Int? = nil, row: Int? = nil, field: String? = nil, reason: String,
    remedy: Remedy? = nil
  ) {
    self.file = file
    self.line = line
    self.row = row
    self.field = field
    self.reason = reason
    self.remedy = remedy
  }

  public var description: String {
    var place = file
    if let line { place += ":\(line)" }
    if let row { place += " row \(row)" }
    if let field { place += " (\(field))" }
    return "\(place): \(reason)"
  }
}

/// How an import went: what it read, what it changed (or, in a dry run, would change), and what
/// it noted on the way.
public struct ImportReport: Codable, Equatable, Sendable {
  public enum Mode: String, Codable, Sendable {
    /// A whole export, audit trail included, restored into an empty database as it was.
    case restore
    /// Records added to (or, with update, changed in) a database, each change audited here.
    case merge
  }

  /// How many records of one kind the import adds, changes, or finds unchanged.
  public struct Tally: Codable, Equatable, Sendable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
  }

  public var mode: Mode
  public var dryRun: Bool
  /// The files read, with their row counts.
  public var files: [String: Int] = [:]
  /// By kind of record: feature, provider, risk, mitigation, and for a restore every table.
  public var records: [String: Tally] = [:]
  /// Features that arrived approved, launched or suspended without a review here, by key.
  public var unreviewed: [String] = []
  /// What the import did that a reader should know (defaults taken, files not merged).
  public var notes: [String] = []
  /// Every row refused; when there is one, nothing was written.
  public var problems: [ImportProblem] = []
  /// For a restore: the audit chain head the database has afterwards.
  public var auditChainHead: String?

  enum CodingKeys: String, CodingKey {
    case mode
    case dryRun = "dry_run"
    case files, records, unreviewed, notes, problems
    case auditChainHead = "audit_chain_head"
  }

  mutating func count(_ kind: String, _ change: WritableKeyPath<Tally, Int>) {
    records[kind, default: Tally()][keyPath: change] += 1
  }
}

/// An import refused: nothing was written, and the report lists every problem found.
public struct ImportRefused: Error, Sendable, CustomStringConvertible {
  public var report: ImportReport

  public var description: String {
    let count = report.problems.count
    return "import refused, nothing was written: \(count) \(count == 1 ? "problem" : "problems")"
  }
}
