#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A framework the company is judged against (a law, a standard, a risk framework), or a taxonomy
/// its risks can name: its requirements, each with an identifier as the source numbers it, a short
/// title, its place in the hierarchy and, for a law, whom and what it applies to.
///
/// A catalogue is data in one documented JSON form (`aigov-framework-1`); the ones aigov ships are
/// written in it, as is a company's own. Its requirements are never stored as records: a control's
/// mappings name them by framework key and identifier, and their status is computed.
public struct Framework: Equatable, Sendable {
  /// The form of a catalogue file.
  public static let format = "aigov-framework-1"

  /// Requirements to meet, or a taxonomy that risks name.
  public enum Kind: String, Sendable, CaseIterable {
    case requirements, taxonomy
  }

  /// What a requirement is assessed for: the company as a whole (a management system's
  /// controls), or each feature (a law's obligations for one system).
  public enum Assessment: String, Sendable, CaseIterable {
    case company, feature
  }

  public var key: String
  public var title: String
  public var version: String
  /// Where the catalogue's identifiers and text come from.
  public var source: String
  /// Under what terms its text is used.
  public var licence: String
  public var kind: Kind
  public var assessed: Assessment
  /// The words a company statement would name it by (`EU AI Act`, `ISO/IEC 42001`): a
  /// statement that uses them claims the framework, which the records must back.
  public var names: [String] = []
  /// In the source's order; a requirement's parent comes before it.
  public var requirements: [Requirement]

  /// The requirement with this identifier.
  public func requirement(_ id: String) -> Requirement? {
    requirements.first { $0.id == id }
  }

  /// The first of its names that `text` uses, as a whole word, whatever its case.
  public func named(in text: String) -> String? {
    let folded = Array(text.lowercased())
    func isWordPart(_ index: Int) -> Bool {
      folded.indices.contains(index) && (folded[index].isLetter || folded[index].isNumber)
    }
    for name in names {
      let wanted = Array(name.lowercased())
      guard !wanted.isEmpty, wanted.count <= folded.count else { continue }
      for start in 0...(folded.count - wanted.count)
      where folded[start..<start + wanted.count].elementsEqual(wanted)
        && !isWordPart(start - 1) && !isWordPart(start + wanted.count)
      {
        return name
      }
    }
    return nil
  }

  /// The requirements with no children: those a control meets, and whose status counts.
  public var leaves: [Requirement] {
    let parents = Set(requirements.compactMap(\.parent))
    return requirements.filter { !parents.contains($0.id) }
  }
}

/// One requirement of a framework (or one entry of a taxonomy).
public struct Requirement: Equatable, Sendable {
  /// As the source numbers it: `art-50-1`, `GOVERN 1.1`, `A.6.2.4`, `LLM01`.
  public var id: String
  /// How the source cites it, where that differs from the identifier: `Art. 50(1)`.
  public var reference: String?
  public var title: String
  public var parent: String?
  /// Whom and what it applies to, for a framework assessed per feature; every condition given
  /// must hold.
  public var applicability = Applicability()
  /// The day it applies from, YYYY-MM-DD, and the provision that sets it.
  public var appliesFrom: String?
  public var dateSource: String?

  /// `Art. 50(1)`, or the identifier.
  public var cited: String { reference ?? id }
}

/// The conditions under which a requirement applies to a feature.
public struct Applicability: Equatable, Sendable {
  /// The EU AI Act roles it binds: `provider`, `deployer`, or `gpai-provider` (a provider of a
  /// general-purpose model, which no feature is).
  public var roles: [String]?
  public var tiers: [EUAIActTier]?
  public var categories: [FeatureCategory]?
  /// The Annex III points of a high-risk use it applies to: `III.5(b)`.
  public var annexIII: [String]?

  public var isUnconditional: Bool {
    roles == nil && tiers == nil && categories == nil && annexIII == nil
  }
}

extension Framework {
  /// Reads a catalogue in the `aigov-framework-1` form, refusing anything else: an unknown key, a
  /// missing field, a duplicate identifier, a parent that does not come before its child, a
  /// condition naming no known term.
  public init(catalogue bytes: [UInt8]) throws {
    let document = try Self.document(bytes)
    let reader = CatalogueReader(path: "catalogue")
    let format = try reader.string(
      try reader.object(document, keys: Self.topKeys, required: ["format"]), "format")
    guard format == Self.format else {
      throw AIGovError.invalidValue(
        field: "catalogue format", value: format, expected: "'\(Self.format)'")
    }
    let top = try reader.object(document, keys: Self.topKeys, required: Self.requiredKeys)
    key = try reader.string(top, "key")
    try Validation.key(key, field: "framework key")
    title = try reader.string(top, "title")
    version = try reader.string(top, "version")
    source = try reader.string(top, "source")
    licence = try reader.string(top, "licence")
    kind = try reader.term(top, "kind", Kind.self)
    assessed = try reader.term(top, "assessed", Assessment.self)
    names = try reader.strings(top, "names", accepted: nil) ?? []
    for name in names {
      try TextField.catalogueText.check(name)
      guard name.trimmingWhitespace().count >= 3 else {
        throw AIGovError.invalidValue(
          field: "catalogue names", value: name, expected: "a name of at least 3 characters")
      }
    }
    guard case .array(let entries)? = top["requirements"], !entries.isEmpty else {
      throw AIGovError.invalidValue(
        field: "catalogue requirements", value: "\(top["requirements"] ?? .null)",
        expected: "a non-empty array of requirements")
    }
    var seen: Set<String> = []
    requirements = []
    for (index, entry) in entries.enumerated() {
      var reader = CatalogueReader(path: "requirements[\(index)]")
      let requirement = try reader.requirement(entry)
      guard seen.insert(requirement.id).inserted else {
        throw AIGovError.duplicate(entity: "requirement", key: requirement.id)
      }
      if let parent = requirement.parent, !seen.contains(parent) {
        throw AIGovError.invalidValue(
          field: "\(reader.path).parent", value: parent,
          expected: "the identifier of a requirement listed before it")
      }
      requirements.append(requirement)
    }
  }

  /// A catalogue file's JSON, read strictly (no duplicate keys, no trailing commas).
  static func document(_ bytes: [UInt8]) throws -> JSONValue {
    do {
      return try StrictJSON.parse(bytes)
    } catch {
      throw AIGovError.invalidValue(
        field: "framework catalogue", value: "\(error)", expected: "a JSON document")
    }
  }

  static let requiredKeys: Set<String> = [
    "format", "key", "title", "version", "source", "licence", "kind", "assessed", "requirements",
  ]
  static let topKeys = requiredKeys.union(["names"])
}

/// Reads one part of a catalogue, naming where it is in every error.
private struct CatalogueReader {
  var path: String

  func object(_ value: JSONValue, keys: Set<String>, required: Set<String>) throws
    -> [String: JSONValue]
  {
    guard case .object(let object) = value else {
      throw AIGovError.invalidValue(field: path, value: "\(value)", expected: "an object")
    }
    if let unknown = object.keys.filter({ !keys.contains($0) }).sorted().first {
      throw AIGovError.invalidValue(
        field: path, value: unknown,
        expected: "one of the keys " + keys.sorted().joined(separator: ", "))
    }
    if let missing = required.sorted().first(where: { object[$0] == nil }) {
      throw AIGovError.missingValue(field: "\(path).\(missing)", reason: "every entry states it")
    }
    return object
  }

  func string(_ object: [String: JSONValue], _ key: String) throws -> String {
    guard let text = try optionalString(object, key) else {
      throw AIGovError.missingValue(field: "\(path).\(key)", reason: "every entry states it")
    }
    return text
  }

  func optionalString(_ object: [String: JSONValue], _ key: String) throws -> String? {
    switch object[key] {
    case nil, .null?: return nil
    case .string(let text)?:
      guard !text.trimmingWhitespace().isEmpty else {
        throw AIGovError.missingValue(field: "\(path).\(key)", reason: "it is empty")
      }
      try TextField.catalogueText.check(text)
      return text
    case let other?:
      throw AIGovError.invalidValue(field: "\(path).\(key)", value: "\(other)", expected: "a text")
    }
  }

  func term<T: RawRepresentable & CaseIterable>(
    _ object: [String: JSONValue], _ key: String, _ type: T.Type
  ) throws -> T where T.RawValue == String {
    let text = try string(object, key)
    guard let value = T(rawValue: text) else {
      throw AIGovError.invalidValue(
        field: "\(path).\(key)", value: text,
        expected: "one of: " + T.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return value
  }

  func strings(_ object: [String: JSONValue], _ key: String, accepted: [String]?) throws
    -> [String]?
  {
    guard let value = object[key] else { return nil }
    guard case .array(let items) = value, !items.isEmpty else {
      throw AIGovError.invalidValue(
        field: "\(path).\(key)", value: "\(value)", expected: "a non-empty array of texts")
    }
    return try items.map { item in
      guard case .string(let text) = item else {
        throw AIGovError.invalidValue(
          field: "\(path).\(key)", value: "\(item)", expected: "a text")
      }
      if let accepted, !accepted.contains(text) {
        throw AIGovError.invalidValue(
          field: "\(path).\(key)", value: text,
          expected: "one of: " + accepted.joined(separator: ", "))
      }
      return text
    }
  }

  static let requirementKeys: Set<String> = [
    "id", "ref", "title", "parent", "roles", "tiers", "categories", "annex_iii", "applies_from",
    "date_source",
  ]

  mutating func requirement(_ value: JSONValue) throws -> Requirement {
    let object = try self.object(
      value, keys: Self.requirementKeys, required: ["id", "title"])
    let id = try string(object, "id")
    path += " (\(id))"
    var requirement = Requirement(id: id, title: try string(object, "title"))
    requirement.reference = try optionalString(object, "ref")
    requirement.parent = try optionalString(object, "parent")
    requirement.applicability.roles = try strings(
      object, "roles", accepted: FeatureRole.allCases.map(\.rawValue) + ["gpai-provider"])
    requirement.applicability.tiers = try strings(
      object, "tiers", accepted: EUAIActTier.allCases.map(\.rawValue)
    )?.compactMap(EUAIActTier.init(rawValue:))
    requirement.applicability.categories = try strings(
      object, "categories", accepted: FeatureCategory.allCases.map(\.rawValue)
    )?.compactMap(FeatureCategory.init(rawValue:))
    requirement.applicability.annexIII = try strings(
      object, "annex_iii", accepted: AnnexIII.points)
    requirement.appliesFrom = try optionalString(object, "applies_from")
    try Validation.day(requirement.appliesFrom, field: "\(path).applies_from")
    requirement.dateSource = try optionalString(object, "date_source")
    if requirement.appliesFrom != nil, requirement.dateSource == nil {
      throw AIGovError.missingValue(
        field: "\(path).date_source", reason: "a date says which provision sets it")
    }
    return requirement
  }
}

extension Requirement {
  init(id: String, title: String) {
    self.id = id
    self.title = title
  }
}
