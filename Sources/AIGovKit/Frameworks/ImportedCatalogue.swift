import Synchronization

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A framework catalogue a company imported: its own framework, or a new version of one aigov
/// ships. Kept as it was read, as canonical JSON, and never edited; the latest import of a key is
/// the version in force.
public struct ImportedCatalogue: Equatable, Sendable {
  public var id: Int
  public var key: String
  public var version: String
  /// The catalogue in the `aigov-framework-1` form, as canonical JSON.
  public var catalogue: String
  public var importedBy: String
  public var importedAt: String
}

extension ImportedCatalogue {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension ImportedCatalogue: TableRecord {
  public static let entity = AuditEntity.frameworkCatalogue
  public var auditKey: String { String(id) }
}

extension ImportedCatalogue {
  static let table = RecordTable<ImportedCatalogue>(
    name: "framework_catalogues", alias: "c",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .text("key", { $0.key }, { $0.key = $1 }),
      .text("version", { $0.version }, { $0.version = $1 }),
      .text("catalogue", { $0.catalogue }, { $0.catalogue = $1 }),
      .text("imported_by", { $0.importedBy }, { $0.importedBy = $1 }, .actor),
      .text("imported_at", { $0.importedAt }, { $0.importedAt = $1 }),
    ],
    empty: {
      ImportedCatalogue(
        id: 0, key: "", version: "", catalogue: "", importedBy: "", importedAt: "")
    })
}

/// What importing a catalogue changed: the requirements added, removed and retitled against the
/// version it replaces, and the mappings and decisions that name a requirement it no longer has
/// (kept, and named by `check`, until they are remapped).
public struct FrameworkImport: Codable, Equatable, Sendable {
  public var framework: String
  public var title: String
  public var version: String
  /// The version it replaces; nil for a framework new to the inventory.
  public var replaces: String?
  public var added: [String]
  public var removed: [String]
  public var retitled: [String]
  /// `control KEY → REQUIREMENT`, and `decision N → REQUIREMENT`, for each that names a removed
  /// requirement.
  public var orphaned: [String]
  public var requirements: Int
}

extension Framework {
  /// The catalogues read from their canonical JSON, once per text, for every registry.
  private static let parsed = Mutex<[String: Framework]>([:])

  /// The catalogue held as `text`, read once.
  static func stored(_ text: String) throws -> Framework {
    if let known = parsed.withLock({ $0[text] }) { return known }
    let framework = try Framework(catalogue: Array(text.utf8))
    parsed.withLock { $0[text] = framework }
    return framework
  }
}

extension Registry {
  /// Every framework the inventory knows, in the order reports list them: those aigov ships, each
  /// replaced by a newer version the company imported, then the company's own, in the order they
  /// were first imported.
  public func frameworks() throws -> [Framework] {
    var latest: [String: Framework] = [:]
    var order: [String] = []
    try database.forEachRow(
      "SELECT key, catalogue FROM framework_catalogues ORDER BY id", cached: true
    ) { row in
      let key = try row.text("key")
      if latest[key] == nil { order.append(key) }
      latest[key] = try Framework.stored(try row.text("catalogue"))
    }
    guard !latest.isEmpty else { return Framework.builtIn }
    let shipped = Set(Framework.builtIn.map(\.key))
    return Framework.builtIn.map { latest[$0.key] ?? $0 }
      + order.filter { !shipped.contains($0) }.compactMap { latest[$0] }
  }

  /// The largest catalogue file an import reads.
  static let largestCatalogue = 4_000_000

  /// Every import of a catalogue, oldest first.
  public func importedCatalogues() throws -> [ImportedCatalogue] {
    try database.query(
      "SELECT \(ImportedCatalogue.table.selectList()) FROM framework_catalogues ORDER BY id"
    )
    .map(ImportedCatalogue.table.record(at:))
  }

  /// Imports a catalogue in the `aigov-framework-1` form, read as strictly as every other
  /// import: a framework of the company's own, or a new version of one the inventory knows, which
  /// then replaces it. Mappings and decisions are kept across versions; what changed is returned.
  /// The same key and version twice is refused.
  @discardableResult
  public func importFramework(_ bytes: [UInt8]) throws -> FrameworkImport {
    guard bytes.count <= Self.largestCatalogue else {
      throw AIGovError.invalidValue(
        field: "framework catalogue", value: "\(bytes.count) bytes",
        expected: "a catalogue of at most \(Self.largestCatalogue / 1_000_000) MB")
    }
    let canonical = String(
      decoding: try CanonicalJSON.makeEncoder().encode(try Framework.document(bytes)),
      as: UTF8.self)
    let framework = try Framework(catalogue: Array(canonical.utf8))
    return try database.transaction {
      let previous = try frameworks().first { $0.key == framework.key }
      if let previous, previous.version == framework.version {
        throw AIGovError.invalidValue(
          field: "version", value: framework.version,
          expected: "a version \(framework.key) does not have yet (it is at \(previous.version)): "
            + "a new version of the catalogue states a new \"version\"")
      }
      var record = ImportedCatalogue(
        id: 0, key: framework.key, version: framework.version, catalogue: canonical,
        importedBy: actor, importedAt: now)
      try ImportedCatalogue.table.checkTexts(record)
      record.id = try insert(record, into: ImportedCatalogue.table)
      try recordEvent(.frameworkImport, before: nil, after: record)
      return try changes(from: previous, to: framework)
    }
  }

  /// What replacing `previous` with `framework` changes.
  private func changes(from previous: Framework?, to framework: Framework) throws
    -> FrameworkImport
  {
    let old = Dictionary(
      (previous?.requirements ?? []).map { ($0.id, $0.title) }, uniquingKeysWith: { $1 })
    let new = Set(framework.requirements.map(\.id))
    let removed = (previous?.requirements ?? []).map(\.id).filter { !new.contains($0) }
    return FrameworkImport(
      framework: framework.key, title: framework.title, version: framework.version,
      replaces: previous?.version,
      added: previous == nil ? [] : framework.requirements.map(\.id).filter { old[$0] == nil },
      removed: removed,
      retitled: framework.requirements.filter { requirement in
        old[requirement.id].map { $0 != requirement.title } ?? false
      }.map(\.id),
      orphaned: try orphanedAnswers(framework),
      requirements: framework.leaves.count)
  }

  /// The mappings and decisions that name a requirement `framework` does not have.
  func orphanedAnswers(_ framework: Framework) throws -> [String] {
    let known = Set(framework.requirements.map(\.id))
    var orphaned: [String] = []
    for control in try controls() {
      for mapping in control.mappings
      where mapping.framework == framework.key && !known.contains(mapping.requirement) {
        orphaned.append("control \(control.key) → \(mapping.requirement)")
      }
    }
    for decision in try applicabilityDecisions()
    where decision.framework == framework.key && !known.contains(decision.requirement) {
      orphaned.append("decision \(decision.id) → \(decision.requirement)")
    }
    return orphaned
  }
}
