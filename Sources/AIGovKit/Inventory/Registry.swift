import Foundation

/// The AI inventory held in one SQLite file: every read and every change goes through here.
///
/// Each change runs in one `BEGIN IMMEDIATE` transaction that also appends its audit events, so
/// either all of it lands or none of it does. The time and the acting person are given to the
/// registry, never read inside it.
public final class Registry {
  public let database: Database
  /// Who is making the changes, as recorded in the audit trail.
  public let actor: String
  private let clock: () -> Date
  private let encoder = CanonicalJSON.makeEncoder()

  /// The migrations embedded in this binary.
  public static let migrator = Migrator(migrations: EmbeddedMigrations.all)

  public init(database: Database, actor: String, clock: @escaping () -> Date) {
    self.database = database
    self.actor = actor
    self.clock = clock
  }

  /// Opens (or, with `create`, creates) the database at `path` and brings its schema up to date.
  ///
  /// A file that is not a SQLite database, or whose schema is newer than this binary, is refused
  /// before anything is written to it.
  public static func open(
    path: String, create: Bool = false, actor: String, clock: @escaping () -> Date
  ) throws -> Registry {
    let database = try Database(path: path, mode: create ? .createIfMissing : .existing)
    try migrator.checkCompatible(database)
    try database.configureForConcurrentUse()
    try migrator.migrate(database)
    return Registry(database: database, actor: actor, clock: clock)
  }

  /// The audit trail of this database.
  public var auditTrail: AuditTrail { AuditTrail(database: database) }

  /// The current time, as stored.
  var now: String { Timestamp.format(clock()) }

  /// Appends an audit event for a change made in the current transaction.
  func recordEvent(
    _ action: String, entity: String, key: String, before: (any Encodable)?,
    after: (any Encodable)?
  ) throws {
    try auditTrail.append(
      at: now, actor: actor, action: action, entity: entity, entityKey: key,
      before: try before.map { try canonical($0) }, after: try after.map { try canonical($0) })
  }

  /// Refuses a change made against an older version of the record than the stored one.
  static func checkVersion(_ expected: Int?, of actual: Int, entity: String, key: String) throws {
    if let expected, expected != actual {
      throw AIGovError.versionConflict(entity: entity, key: key, expected: expected, actual: actual)
    }
  }

  private func canonical(_ value: any Encodable) throws -> String {
    String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
