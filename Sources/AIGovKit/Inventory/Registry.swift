#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The AI inventory held in one SQLite file: every read and every change goes through here.
///
/// Each change runs in one `BEGIN IMMEDIATE` transaction that also appends its audit events, so
/// either all of it lands or none of it does. The time and the acting person are given to the
/// registry, never read inside it.
public final class Registry {
  /// The connection; every read and change goes through the registry's operations, never
  /// through the connection directly.
  let database: Database
  /// Who is making the changes, as recorded in the audit trail.
  public let actor: String
  let clock: () -> Date
  /// What the person allows the changes made through this registry, fixed when it is made.
  public let options: ChangeOptions
  /// The review rounds that the changes made through this registry voided, in order.
  public private(set) var voidedReviews: [VoidedReview] = []

  /// The migrations embedded in this binary.
  public static let migrator = Migrator(migrations: EmbeddedMigrations.all)

  public init(
    database: Database, actor: String, clock: @escaping () -> Date,
    options: ChangeOptions = ChangeOptions()
  ) {
    self.database = database
    self.actor = actor
    self.clock = clock
    self.options = options
  }

  /// Opens (or, with `create`, creates) the database at `path` and brings its schema up to date.
  ///
  /// A file that is not a SQLite database, or whose schema is newer than this binary, is refused
  /// before anything is written to it.
  public static func open(
    path: String, create: Bool = false, actor: String, clock: @escaping () -> Date
  ) throws -> Registry {
    try open(path: path, mode: create ? .createIfMissing : .existing, actor: actor, clock: clock)
  }

  /// Opens the database at `path` to read it only: nothing is written, created or changed beside
  /// it. A database of an older schema is refused rather than brought up to date, so that an
  /// auditor's copy keeps its hash however often it is read.
  public static func openForReading(path: String, actor: String, clock: @escaping () -> Date)
    throws -> Registry
  {
    let registry = Registry(
      database: try Database(path: path, mode: .queryOnly), actor: actor, clock: clock)
    try registry.checkSchemaIsCurrent()
    return registry
  }

  /// Opens the database at `path` with SQLite's read-only flag, for a server that must never
  /// write to it: nothing it runs can change the file. A database of an older schema is refused,
  /// since bringing it up to date would write; any command that writes upgrades it.
  public static func openReadOnly(path: String, clock: @escaping () -> Date) throws -> Registry {
    let database = try Database(path: path, mode: .readOnly)
    let registry = Registry(database: database, actor: "read-only", clock: clock)
    try registry.checkSchemaIsCurrent()
    return registry
  }

  /// Refuses a database whose schema is not the one this binary reads: newer (written by a later
  /// release), older (not yet upgraded), or none at all. A connection that never migrates asks
  /// this before each read, since another process may upgrade the file while it is open.
  public func checkSchemaIsCurrent() throws {
    try Self.migrator.checkCompatible(database)
    let version = try database.userVersion
    if version == 0 { throw StorageError.notADatabase(path: path) }
    if version < Self.migrator.latestVersion {
      throw StorageError.schemaOutdated(
        path: path, found: version, supported: Self.migrator.latestVersion)
    }
  }

  /// Runs `body` in one read transaction, so that everything it reads comes from one moment of
  /// the file while other processes go on writing.
  public func reading<T>(_ body: () throws -> T) throws -> T {
    try database.readTransaction(body)
  }

  private static func open(
    path: String, mode: Database.OpenMode, actor: String, clock: @escaping () -> Date
  ) throws -> Registry {
    let database = try Database(path: path, mode: mode)
    try migrator.checkCompatible(database)
    try database.configureForConcurrentUse()
    let registry = Registry(database: database, actor: actor, clock: clock)
    // A trail begun under schema 1 is baselined, and a trail begun under schema 3 or 4 records
    // its upgrade to schema 5's words, once every table has its newest shape (which the records
    // are read in), in the newest migration's transaction.
    var baseline = false
    var upgrade = false
    var gate = false
    var statements = false
    try migrator.migrate(database) { version in
      if version == 2 { baseline = true }
      if version == 5, !baseline { upgrade = true }
      // A trail recorded before schema 11 launched features through the approval alone: the
      // stricter gate is recorded as a change from then on, which the replay reads.
      if version == 11 { gate = true }
      // Schema 18 keeps the company statements as records: those schema 17 kept as settings move.
      if version == 18 { statements = true }
      guard version == migrator.latestVersion else { return }
      if baseline {
        try registry.recordBaseline()
      } else if upgrade {
        try registry.recordUpgrade()
      }
      if gate { try registry.recordLaunchGateUpgrade() }
      if statements { try registry.recordStatementUpgrade() }
    }
    return registry
  }

  /// The same database and connection, acting as `actor` (on another clock, if one is given),
  /// with the same options.
  public func acting(as actor: String, clock: (() -> Date)? = nil) -> Registry {
    Registry(database: database, actor: actor, clock: clock ?? self.clock, options: options)
  }

  /// The same database, connection, person and clock, allowing what `options` allows.
  public func allowing(_ options: ChangeOptions) -> Registry {
    Registry(database: database, actor: actor, clock: clock, options: options)
  }

  /// Makes a change, allowed a material change to a feature held by a serious incident for
  /// `reason` when one is given (checked as the field is, whether or not an incident holds the
  /// feature), and returns its result with the review rounds it voided.
  public func changing<T>(despiteIncident reason: String?, _ change: (Registry) throws -> T)
    throws -> ChangeOutcome<T>
  {
    if let reason { try TextField.incidentHoldOverride.check(reason) }
    var options = options
    options.incidentHoldOverride = reason
    let registry = allowing(options)
    let value = try change(registry)
    return ChangeOutcome(value: value, voidedReviews: registry.voidedReviews)
  }

  /// Notes a review round voided by a change made through this registry.
  func noteVoided(_ review: VoidedReview) {
    voidedReviews.append(review)
  }

  /// Runs `body` as one transaction: the changes made inside it land together, or none does.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try database.transaction(body)
  }

  /// The file the registry reads and writes.
  public var path: String { database.path }

  /// The schema version the database is at.
  public var schemaVersion: Int {
    get throws { try database.userVersion }
  }

  /// The audit trail of this database.
  public var auditTrail: AuditTrail { AuditTrail(database: database) }

  /// The current time, as stored.
  var now: String {
    // Stored times are whole seconds: the text of the last second asked for is reused, since a
    // change appends several events and an import thousands within the same second.
    let second = clock().timeIntervalSince1970.rounded(.down)
    if let last = lastNow, last.second == second { return last.text }
    let text = Timestamp.format(Date(timeIntervalSince1970: second))
    lastNow = (second, text)
    return text
  }
  private var lastNow: (second: TimeInterval, text: String)?

  /// Appends an audit event for a change made in the current transaction: the record before and
  /// after, nil when it was created or removed.
  @discardableResult
  func recordEvent<Record: AuditedRecord>(
    _ action: AuditAction, before: Record?, after: Record?
  ) throws -> AuditEvent {
    guard let key = (after ?? before)?.auditKey else {
      preconditionFailure("an audit event describes a record")
    }
    precondition(action.entity == Record.entity, "\(action) does not change a \(Record.entity)")
    try TextField.actor.check(actor)
    return try auditTrail.append(
      at: now, acceptingTimeBeforeTrail: options.acceptsTimeBeforeTrail, actor: actor,
      action: action.rawValue, entity: Record.entity.rawValue,
      entityKey: key,
      before: before?.canonicalText, after: after?.canonicalText)
  }

  /// Refuses a change made against an older version of the record than the stored one.
  static func checkVersion(_ expected: Int?, of actual: Int, entity: String, key: String) throws {
    if let expected, expected != actual {
      throw AIGovError.versionConflict(entity: entity, key: key, expected: expected, actual: actual)
    }
  }

}

/// What a person allows a change, given with the change rather than left on the registry.
public struct ChangeOptions: Equatable, Sendable {
  /// Whether a change may be recorded at a time before the trail's newest event. Off: times never
  /// go back along the trail, and `audit verify` names an event whose time does.
  public var acceptsTimeBeforeTrail: Bool
  /// Why a material change is made to a feature whose serious incident the authority has not
  /// yet been told of; without it such a change is refused. Each incident so overridden records
  /// the reason.
  public var incidentHoldOverride: String?

  public init(acceptsTimeBeforeTrail: Bool = false, incidentHoldOverride: String? = nil) {
    self.acceptsTimeBeforeTrail = acceptsTimeBeforeTrail
    self.incidentHoldOverride = incidentHoldOverride
  }
}

/// What a change returned, and the review rounds it voided (a material change), so that the
/// person making it hears of them.
public struct ChangeOutcome<Value> {
  public var value: Value
  public var voidedReviews: [VoidedReview]
}
