/// A statement the company makes on its public AI page in its own words: a title, a body that
/// may hold paragraphs, lists and https links (`StatementText`), the section of the page it
/// belongs to, and its place there. Audited, exported and rebuilt from the trail like every
/// record; a statement that names a framework the company does not assess is refused.
public struct CompanyStatement: Equatable, Sendable {
  public var key: String
  public var section: StatementSection
  public var title: String
  /// Paragraphs, lists and links, in the small subset of Markdown `StatementText` reads.
  public var body: String
  /// Its place in its section: lower first, then by key.
  public var position: Int
  public var createdAt: String
  public var updatedAt: String
  public var version: Int

  /// A statement as a person states it, before it is recorded.
  public init(
    key: String, section: StatementSection, title: String, body: String, position: Int = 100
  ) {
    self.init(
      key: key, section: section, title: title, body: body, position: position, createdAt: "",
      updatedAt: "", version: 0)
  }

  init(
    key: String, section: StatementSection, title: String, body: String, position: Int,
    createdAt: String, updatedAt: String, version: Int
  ) {
    self.key = key
    self.section = section
    self.title = title
    self.body = body
    self.position = position
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.version = version
  }

  /// Every field of its JSON, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions

  /// The order of the page: by section, then position, then key.
  static func ordered(_ lhs: CompanyStatement, _ rhs: CompanyStatement) -> Bool {
    let sections = StatementSection.allCases
    return (sections.firstIndex(of: lhs.section)!, lhs.position, lhs.key)
      < (sections.firstIndex(of: rhs.section)!, rhs.position, rhs.key)
  }
}

/// The section of the public page a company statement belongs to.
public enum StatementSection: String, Vocabulary {
  case data, principles, law, security, contract
  public static let termName = "section"

  /// The section's heading on the page.
  public var heading: String {
    switch self {
    case .data: "About your data"
    case .principles: "Principles and prohibited uses"
    case .law: "Law and standards"
    case .security: "Security"
    case .contract: "Your contract"
    }
  }
}

extension CompanyStatement: TableRecord, VersionedRecord {
  public static let entity = AuditEntity.statement
  public var auditKey: String { key }
}

extension TextField {
  public static let statementTitle = TextField("statement", "title", .one, 200)
  public static let statementBody = TextField("statement", "body", .many, 10_000)
}

extension CompanyStatement {
  static let table = RecordTable<CompanyStatement>(
    name: "statements", alias: "s",
    columns: [
      .rowID,
      .text("key", { $0.key }, { $0.key = $1 }, role: .key)
        .described("A unique key: 2-64 lowercase letters, digits and dashes.").required,
      .term("section", { $0.section }, { $0.section = $1 })
        .described(
          "The section of the page: data, principles (and prohibited uses), law, security or "
            + "contract."
        ).required,
      .text("title", { $0.title }, { $0.title = $1 }, .statementTitle)
        .described("Its heading on the page.").required,
      .text("body", { $0.body }, { $0.body = $1 }, .statementBody)
        .described(
          "What it says: paragraphs (a blank line between), lists (lines starting '- ') and "
            + "links ([words](https://...)); any other markup is shown as written."
        ).required,
      .integer("position", { $0.position }, { $0.position = $1 })
        .described("Its place in its section: lower first.").within(0...10_000),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      CompanyStatement(key: "", section: .data, title: "", body: "", position: 100)
    })
}

extension SettingName {
  /// For a company statement schema 17 kept as a setting: the statement it became, with its
  /// key, section, title (the page's old heading) and place.
  var legacyStatement: (key: String, section: StatementSection, title: String, position: Int)? {
    switch self {
    case .ownershipStatement: ("ownership", .data, "Your content and what the AI produces", 10)
    case .dataSharingStatement: ("data-sharing", .data, "What we do not do with your data", 20)
    case .limitationsStatement: ("limitations", .principles, "What AI output can get wrong", 10)
    case .complianceStatement: ("compliance", .law, "Law and standards", 10)
    case .securityStatement: ("security", .security, "Security", 10)
    case .contractStatement: ("contract", .contract, "About this page", 10)
    default: nil
    }
  }

  /// The statement a schema 17 setting's text becomes.
  func statement(_ text: String) -> CompanyStatement? {
    legacyStatement.map {
      CompanyStatement(
        key: $0.key, section: $0.section, title: $0.title, body: text, position: $0.position)
    }
  }
}

/// Statements changed since they were read: each field given is set, the others kept.
public typealias StatementChanges = RecordChanges<CompanyStatement>

extension Registry {
  /// Every company statement, in the page's order.
  public func statements() throws -> [CompanyStatement] {
    try database.query(
      "SELECT \(CompanyStatement.table.selectList()) FROM statements", cached: true
    ).map(CompanyStatement.table.record(at:)).sorted(by: CompanyStatement.ordered)
  }

  public func statement(_ key: String) throws -> CompanyStatement {
    guard
      let row = try database.queryOne(
        "SELECT \(CompanyStatement.table.selectList()) FROM statements WHERE key = ?", [key],
        cached: true)
    else { throw AIGovError.notFound(entity: "statement", key: key) }
    return try CompanyStatement.table.record(at: row)
  }

  /// Records a new statement; one that names a framework the company does not assess is refused.
  @discardableResult
  public func addStatement(_ draft: CompanyStatement) throws -> CompanyStatement {
    try database.transaction {
      try Validation.key(draft.key)
      if try database.queryOne("SELECT 1 FROM statements WHERE key = ?", [draft.key]) != nil {
        throw AIGovError.duplicate(entity: "statement", key: draft.key)
      }
      var statement = try CompanyStatement.table.withoutEmptyTexts(draft)
      statement.title = statement.title.trimmingWhitespace()
      statement.body = statement.body.trimmingWhitespace()
      statement.createdAt = now
      statement.updatedAt = statement.createdAt
      statement.version = 1
      try validate(statement)
      try insert(statement, into: CompanyStatement.table)
      try recordEvent(.statementCreate, before: nil, after: statement)
      return statement
    }
  }

  /// Changes a statement; a change that changes nothing records nothing.
  @discardableResult
  public func editStatement(
    _ key: String, _ changes: StatementChanges, expectedVersion: Int? = nil
  ) throws -> Edited<CompanyStatement> {
    try database.transaction {
      let before = try statement(key)
      try Self.checkVersion(expectedVersion, of: before.version, entity: "statement", key: key)
      var after = before
      try CompanyStatement.table.apply(changes.fields, to: &after)
      after.title = after.title.trimmingWhitespace()
      after.body = after.body.trimmingWhitespace()
      try validate(after)
      guard try saveEdit(&after, from: before, in: CompanyStatement.table) else {
        return Edited(before: before, after: before)
      }
      try recordEvent(.statementUpdate, before: before, after: after)
      return Edited(before: before, after: after)
    }
  }

  /// Takes a statement off the page; the trail keeps what it said.
  @discardableResult
  public func removeStatement(_ key: String) throws -> CompanyStatement {
    try database.transaction {
      let before = try statement(key)
      try database.execute("DELETE FROM statements WHERE key = ?", [key])
      try recordEvent(.statementRemove, before: before, after: nil as CompanyStatement?)
      return before
    }
  }

  /// A statement's text, as `config set` of a schema 17 statement setting states it: the
  /// statement of that setting is added, its body changed, or, for an empty text, removed.
  func setLegacyStatement(_ name: SettingName, to text: String) throws -> Edited<Setting> {
    guard let legacy = name.legacyStatement, let draft = name.statement(text) else {
      preconditionFailure("\(name.rawValue) is not a statement")
    }
    let existing = try? statement(legacy.key)
    let before = Setting(name: name.rawValue, value: existing?.body ?? "")
    switch (existing, text.isEmpty) {
    case (nil, true): return Edited(before: before, after: before)
    case (nil, false): try addStatement(draft)
    case (_?, true): try removeStatement(legacy.key)
    case (_?, false):
      var changes = StatementChanges()
      changes.set("body", text)
      try editStatement(legacy.key, changes)
    }
    return Edited(before: before, after: Setting(name: name.rawValue, value: text))
  }

  private func validate(_ statement: CompanyStatement) throws {
    try CompanyStatement.table.checkTexts(statement)
    try Validation.nonEmpty(statement.title, field: "title")
    try Validation.nonEmpty(statement.body, field: "body")
    try Validation.range(statement.position, 0...10_000, field: "position")
    try checkStatementClaims(statement.title + "\n" + statement.body)
  }

  /// Moves the company statements schema 17 kept as settings into statement records, when a
  /// database is brought to schema 18: each is recorded as added, and its setting as cleared,
  /// so that the trail says where the words went.
  func recordStatementUpgrade() throws {
    for name in SettingName.publicStatements {
      guard
        let stored = try database.queryOne(
          "SELECT \(Self.settingColumns) FROM settings WHERE name = ?", [name.rawValue]),
        let draft = name.statement(try stored.text("value"))
      else { continue }
      var statement = draft
      statement.createdAt = now
      statement.updatedAt = statement.createdAt
      statement.version = 1
      try insert(statement, into: CompanyStatement.table)
      try recordEvent(.statementCreate, before: nil, after: statement)
      try database.execute("DELETE FROM settings WHERE name = ?", [name.rawValue])
      try recordEvent(
        .settingUpdate, before: try Self.setting(from: stored), after: nil as Setting?)
    }
  }
}
