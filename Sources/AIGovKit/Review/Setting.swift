#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A governance setting: the disciplines every review requires, the thresholds of `aigov check`,
/// and what the company states on its public AI page.
public enum SettingName: String, Vocabulary {
  case requiredDisciplines = "review.required-disciplines"
  case minAggregationSize = "check.min-aggregation-size"
  case unstatedGroupSize = "check.unstated-group-size"
  case reviewGraceDays = "check.review-grace-days"
  case monitoredCategories = "check.monitored-categories"
  case keyAdministrators = "review.key-administrators"
  case companyName = "public.company-name"
  case ownershipStatement = "public.ownership"
  case dataSharingStatement = "public.data-sharing"
  case limitationsStatement = "public.limitations"
  case complianceStatement = "public.compliance"
  case securityStatement = "public.security"
  case contractStatement = "public.contract"
  public static let termName = "setting"

  public var defaultValue: String {
    switch self {
    case .requiredDisciplines: Discipline.allCases.map(\.rawValue).joined(separator: ",")
    case .minAggregationSize: "50"
    case .unstatedGroupSize: Severity.warning.rawValue
    case .reviewGraceDays: "0"
    case .monitoredCategories, .keyAdministrators, .companyName, .ownershipStatement,
      .dataSharingStatement,
      .limitationsStatement, .complianceStatement, .securityStatement, .contractStatement:
      ""
    }
  }

  /// The company statements, in the order the public page carries them.
  public static let publicStatements: [SettingName] = [
    .ownershipStatement, .dataSharingStatement, .limitationsStatement, .complianceStatement,
    .securityStatement, .contractStatement,
  ]

  /// The text a statement setting accepts.
  private var statementField: TextField? {
    switch self {
    case .companyName: TextField("setting", rawValue, .one, 200)
    case .ownershipStatement, .dataSharingStatement, .limitationsStatement, .complianceStatement,
      .securityStatement, .contractStatement:
      TextField("setting", rawValue, .many, 4_000)
    default: nil
    }
  }

  /// What the setting governs, for `config list`.
  public var summary: String {
    switch self {
    case .requiredDisciplines:
      "disciplines whose approval a review round needs (comma-separated; fixed when a round opens)"
    case .minAggregationSize:
      "smallest group that data used across accounts may be aggregated into before check "
        + "reports an error"
    case .unstatedGroupSize:
      "what check reports for data aggregated across accounts with no stated group size (error "
        + "or warning)"
    case .companyName: "the company's name on the public AI page (empty: \"we\")"
    case .ownershipStatement:
      "public page: who owns what customers put into the AI and what it produces"
    case .dataSharingStatement:
      "public page: what the company never does with customer data and AI providers"
    case .limitationsStatement: "public page: what AI output can get wrong, and who checks it"
    case .complianceStatement: "public page: how features are evaluated against law and standards"
    case .securityStatement: "public page: the security programme that protects AI-related data"
    case .contractStatement: "public page: how the page relates to the customer's contract"
    case .reviewGraceDays:
      "days past a periodic review's due date before check warns that it is overdue"
    case .monitoredCategories:
      "categories whose launched features must have a monitoring plan (comma-separated; empty "
        + "for none)"
    case .keyAdministrators:
      "fingerprints of the keys that may sign a reviewer's key replacement besides their own key "
        + "(comma-separated; empty for none)"
    }
  }

  /// The value as stored: checked, and written one way only (disciplines in their usual order).
  public func normalized(_ value: String) throws -> String {
    switch self {
    case .requiredDisciplines:
      let parts = value.split(separator: ",").map { $0.trimmingWhitespace() }
      guard !parts.isEmpty, !parts.contains(where: \.isEmpty) else {
        throw AIGovError.invalidValue(
          field: rawValue, value: value,
          expected: "a comma-separated list of at least one of: \(Discipline.acceptedTerms)")
      }
      let disciplines = try parts.map { try Discipline.parse($0, field: rawValue) }
      return Set(disciplines).sorted().map(\.rawValue).joined(separator: ",")
    case .minAggregationSize:
      return try Self.integer(value, 2...1_000_000, field: rawValue)
    case .unstatedGroupSize:
      return try Severity.parse(value, field: rawValue).rawValue
    case .companyName, .ownershipStatement, .dataSharingStatement, .limitationsStatement,
      .complianceStatement, .securityStatement, .contractStatement:
      let text = value.trimmingWhitespace()
      try statementField?.check(text)
      return text
    case .reviewGraceDays:
      return try Self.integer(value, 0...3650, field: rawValue)
    case .monitoredCategories:
      let parts = value.split(separator: ",").map { $0.trimmingWhitespace() }
      let categories = Set(try parts.map { try FeatureCategory.parse($0, field: rawValue) })
      return FeatureCategory.allCases.filter(categories.contains).map(\.rawValue)
        .joined(separator: ",")
    case .keyAdministrators:
      let parts = value.split(separator: ",").map { $0.trimmingWhitespace().lowercased() }
      for part in parts where part.utf8.count != 64 || !part.allSatisfy(\.isHexDigit) {
        throw AIGovError.invalidValue(
          field: rawValue, value: part,
          expected: "SHA-256 key fingerprints of 64 hex digits, comma-separated")
      }
      return Set(parts).sorted().joined(separator: ",")
    }
  }

  private static func integer(_ value: String, _ range: ClosedRange<Int>, field: String) throws
    -> String
  {
    guard let number = Int(value) else {
      throw AIGovError.invalidValue(
        field: field, value: value,
        expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
    }
    try Validation.range(number, range, field: field)
    return String(number)
  }
}

/// A setting changed from its default, as stored and audited.
public struct Setting: Codable, Equatable, Sendable {
  public var name: String
  public var value: String
}

extension Setting: AuditedRecord {
  public static let entity = AuditEntity.setting
  public var auditKey: String { name }

  public func writeFields(to object: inout CanonicalObject) {
    object.string("name", name)
    object.string("value", value)
  }
}

/// A setting's value in force, and whether it is the default.
public struct SettingValue: Codable, Equatable, Sendable {
  public var name: SettingName
  public var value: String
  public var isDefault: Bool

  enum CodingKeys: String, CodingKey {
    case name, value
    case isDefault = "default"
  }
}

/// The settings in force, read once.
public struct GovernanceSettings: Equatable, Sendable {
  public var requiredDisciplines: [Discipline]
  public var minAggregationSize: Int
  /// What `check` reports for data used across accounts with no stated group size.
  public var unstatedGroupSize: Severity
  public var reviewGraceDays: Int
  /// Fingerprints of the keys that may sign the replacement of any reviewer's key.
  public var keyAdministrators: [String]
  /// The categories whose launched features must have a monitoring plan.
  public var monitoredCategories: [FeatureCategory] = []

  /// The settings from their stored values (`value` gives nil for a setting at its default).
  static func parse(_ value: (SettingName) throws -> String?) throws -> GovernanceSettings {
    func text(_ name: SettingName) throws -> String { try value(name) ?? name.defaultValue }
    return GovernanceSettings(
      requiredDisciplines: try text(.requiredDisciplines).split(separator: ",").map {
        try Discipline.parse(String($0), field: SettingName.requiredDisciplines.rawValue)
      },
      minAggregationSize: Int(try text(.minAggregationSize)) ?? 50,
      unstatedGroupSize: Severity(rawValue: try text(.unstatedGroupSize)) ?? .warning,
      reviewGraceDays: Int(try text(.reviewGraceDays)) ?? 0,
      keyAdministrators: try text(.keyAdministrators).split(separator: ",").map(String.init),
      monitoredCategories: try text(.monitoredCategories).split(separator: ",").map {
        try FeatureCategory.parse(String($0), field: SettingName.monitoredCategories.rawValue)
      })
  }
}

extension Registry {
  /// Every setting with its value in force.
  public func settings() throws -> [SettingValue] {
    var stored: [String: String] = [:]
    try database.forEachRow("SELECT name, value FROM settings", cached: true) { row in
      stored[try row.text("name")] = try row.text("value")
    }
    return SettingName.allCases.map { name in
      SettingValue(
        name: name, value: stored[name.rawValue] ?? name.defaultValue,
        isDefault: stored[name.rawValue] == nil)
    }
  }

  /// The value in force of one setting.
  public func setting(_ name: SettingName) throws -> String {
    try database.queryOne(
      "SELECT value FROM settings WHERE name = ?", [name.rawValue], cached: true)?
      .optionalText("value") ?? name.defaultValue
  }

  /// The settings as the rules use them.
  public func governanceSettings() throws -> GovernanceSettings {
    try GovernanceSettings.parse { name in
      try database.queryOne(
        "SELECT value FROM settings WHERE name = ?", [name.rawValue], cached: true)?
        .optionalText("value")
    }
  }

  /// Changes a setting; the change is audited. Rounds already open keep the disciplines they were
  /// opened with.
  @discardableResult
  public func changeSetting(_ name: SettingName, to value: String) throws -> Edited<Setting> {
    let normalized = try name.normalized(value)
    return try database.transaction {
      let before = Setting(name: name.rawValue, value: try setting(name))
      let after = Setting(name: name.rawValue, value: normalized)
      guard before != after else { return Edited(before: before, after: after) }
      let stored = try database.queryOne(
        "SELECT name, value FROM settings WHERE name = ?", [name.rawValue])
      try database.execute(
        "INSERT INTO settings (name, value) VALUES (?1, ?2) "
          + "ON CONFLICT (name) DO UPDATE SET value = ?2", [name.rawValue, normalized])
      try recordEvent(
        .settingUpdate, before: stored == nil ? nil : before, after: after)
      return Edited(before: before, after: after)
    }
  }
}
