/// One column of a record's table, stated once: its name (in SQL, in exchange files and, unless
/// said otherwise, in the record's audit JSON), its type, the text it accepts, its part in the
/// record's life, and how the record's value is written to it and read back.
///
/// Inserts, updates, reading a row, the exchange files and the inventory rebuilt from the trail
/// all derive from a record's columns; `RecordColumnTests` holds the schema, the audit JSON and
/// the JSON a command prints to them. The loops over a table's columns for every row reach them
/// by index, so that they are not copied.
struct RecordColumn<Record>: Sendable {
  /// What the column is in the record's life, which says which statements write it.
  enum Role: Sendable, Equatable {
    /// The row's number, given by SQLite on insert.
    case id
    /// The id of the record this one belongs to (a risk's feature), given by the caller when the
    /// record does not hold it.
    case parent
    /// The natural key: written once, never changed.
    case key
    /// What an edit or an import may change.
    case content
    /// Changed only by the operations of the lifecycle (status, review dates).
    case lifecycle
    case createdAt, updatedAt, version
  }

  let exchange: ExchangeColumn
  let role: Role
  /// The field of the audit JSON that holds the column's value; nil when the JSON names the value
  /// in another way (a parent's key rather than its id) or not at all.
  let auditField: String?
  /// For a column schema 5 added: its value, as an SQL expression over the event `l`, in an event
  /// the trail wrote under schema 4, which has no field for it.
  var legacy: String? = nil
  /// What people read of the field: its help, label, option, range and where it is shown.
  var details = FieldDetails()
  /// The record's value for the column; nil when the record does not hold it (a row id or a
  /// parent id the caller gives).
  let value: (@Sendable (Record) -> DatabaseValue)?
  /// Sets the record's field from a stored value.
  let read: @Sendable (inout Record, DatabaseValue) throws -> Void
  let name: String

  init(
    exchange: ExchangeColumn, role: Role, auditField: String?,
    value: (@Sendable (Record) -> DatabaseValue)?,
    read: @escaping @Sendable (inout Record, DatabaseValue) throws -> Void
  ) {
    self.exchange = exchange
    self.role = role
    self.auditField = auditField
    self.value = value
    self.read = read
    name = exchange.name
  }
}

extension RecordColumn {
  /// A column holding the record's field that `get` reads and `set` writes, stored as `store`
  /// gives it and read back by `load` (given the stored value and the column's name, for its
  /// errors). Plain closures rather than key paths: a key path is built at run time from mangled
  /// type names, which every command would pay for at start-up.
  private static func field<Value>(
    _ exchange: ExchangeColumn, _ accessor: Accessor<Value>, role: Role,
    store: @escaping @Sendable (Value) -> DatabaseValue,
    load: @escaping @Sendable (DatabaseValue, String) throws -> Value, legacy: String? = nil
  ) -> Self {
    let name = exchange.name
    let (get, set) = accessor
    var column = Self(
      exchange: exchange, role: role, auditField: name, value: { store(get($0)) },
      read: { set(&$0, try load($1, name)) })
    column.legacy = legacy
    return column
  }

  /// How a column reaches its field of the record: `{ $0.name }, { $0.name = $1 }`.
  typealias Accessor<Value> = (
    get: @Sendable (Record) -> Value, set: @Sendable (inout Record, Value) -> Void
  )

  static func text(
    _ name: String, _ get: @escaping @Sendable (Record) -> String,
    _ set: @escaping @Sendable (inout Record, String) -> Void, _ field: TextField? = nil,
    role: Role = .content
  ) -> Self {
    Self.field(
      .text(name, field), (get, set), role: role, store: { .text($0) },
      load: { try $0.text(column: $1) })
  }

  static func optionalText(
    _ name: String, _ get: @escaping @Sendable (Record) -> String?,
    _ set: @escaping @Sendable (inout Record, String?) -> Void,
    _ field: TextField? = nil, role: Role = .content, legacy: String? = nil
  ) -> Self {
    Self.field(
      .optionalText(name, field), (get, set), role: role, store: { $0.databaseValue },
      load: { value, _ in value.optionalText }, legacy: legacy)
  }

  static func integer(
    _ name: String, _ get: @escaping @Sendable (Record) -> Int,
    _ set: @escaping @Sendable (inout Record, Int) -> Void, role: Role = .content
  ) -> Self {
    Self.field(
      .integer(name), (get, set), role: role, store: { $0.databaseValue },
      load: { try $0.integer(column: $1) })
  }

  static func optionalInteger(
    _ name: String, _ get: @escaping @Sendable (Record) -> Int?,
    _ set: @escaping @Sendable (inout Record, Int?) -> Void, role: Role = .content,
    legacy: String? = nil
  ) -> Self {
    Self.field(
      .optionalInteger(name), (get, set), role: role, store: { $0.databaseValue },
      load: { value, _ in value.optionalInteger }, legacy: legacy)
  }

  static func boolean(
    _ name: String, _ get: @escaping @Sendable (Record) -> Bool,
    _ set: @escaping @Sendable (inout Record, Bool) -> Void, role: Role = .content
  ) -> Self {
    Self.field(
      .boolean(name), (get, set), role: role, store: { $0.databaseValue },
      load: { try $0.integer(column: $1) != 0 })
  }

  static func term<T: Vocabulary>(
    _ name: String, _ get: @escaping @Sendable (Record) -> T,
    _ set: @escaping @Sendable (inout Record, T) -> Void, role: Role = .content,
    legacy: String? = nil
  ) -> Self {
    Self.field(
      .term(name, T.self), (get, set), role: role, store: { .text($0.rawValue) },
      load: { try $0.term(column: $1) }, legacy: legacy)
  }

  static func optionalTerm<T: Vocabulary>(
    _ name: String, _ get: @escaping @Sendable (Record) -> T?,
    _ set: @escaping @Sendable (inout Record, T?) -> Void, only: [T]? = nil,
    role: Role = .content
  ) -> Self {
    Self.field(
      .optionalTerm(name, T.self, only: only), (get, set), role: role,
      store: { $0.map { .text($0.rawValue) } ?? .null },
      load: { value, name in
        try value.optionalText.map { try DatabaseValue.text($0).term(column: name) }
      })
  }

  /// A set of terms (`TermSet`), stored as one text.
  static func termSet<T: Vocabulary>(
    _ name: String, _ get: @escaping @Sendable (Record) -> TermSet<T>,
    _ set: @escaping @Sendable (inout Record, TermSet<T>) -> Void, role: Role = .content,
    legacy: String? = nil
  ) -> Self {
    Self.field(
      .termSet(name, T.self), (get, set), role: role, store: { $0.databaseValue },
      load: { try $0.term(column: $1) }, legacy: legacy)
  }

  /// A set of terms that may be absent (not stated).
  static func optionalTermSet<T: Vocabulary>(
    _ name: String, _ get: @escaping @Sendable (Record) -> TermSet<T>?,
    _ set: @escaping @Sendable (inout Record, TermSet<T>?) -> Void, role: Role = .content
  ) -> Self {
    Self.field(
      .termSet(name, T.self, nullable: true), (get, set), role: role,
      store: { $0?.databaseValue ?? .null },
      load: { value, name in
        try value.optionalText.map { try DatabaseValue.text($0).term(column: name) }
      })
  }

  /// The row's number, when the record holds it (risks, mitigations, rounds, sign-offs).
  static func id(
    _ get: @escaping @Sendable (Record) -> Int,
    _ set: @escaping @Sendable (inout Record, Int) -> Void
  ) -> Self {
    Self.field(
      .integer("id"), (get, set), role: .id, store: { $0.databaseValue },
      load: { try $0.integer(column: $1) })
  }

  /// The row's number, when the record is known by its key and does not hold it.
  static var rowID: Self {
    Self(exchange: .integer("id"), role: .id, auditField: nil, value: nil, read: { _, _ in })
  }

  /// The id of the parent record, which the record names by the parent's key (given by the
  /// caller on insert, read through a join).
  static func parentID(_ name: String) -> Self {
    Self(exchange: .integer(name), role: .parent, auditField: nil, value: nil, read: { _, _ in })
  }
}
