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
  case launchGate = "check.launch-gate"
  case keyAdministrators = "review.key-administrators"
  case companyName = "public.company-name"
  case showEvidence = "public.show-evidence"
  case ownershipStatement = "public.ownership"
  case dataSharingStatement = "public.data-sharing"
  case limitationsStatement = "public.limitations"
  case complianceStatement = "public.compliance"
  case securityStatement = "public.security"
  case contractStatement = "public.contract"
  case aiSwitch = "public.ai-switch"
  case aiSwitchWho = "public.ai-switch-who"
  case aiSwitchEffect = "public.ai-switch-effect"
  case neverProcessed = "public.never-processed"
  case privacyPolicyURL = "public.privacy-policy-url"
  case termsURL = "public.terms-url"
  case dpaURL = "public.dpa-url"
  case subprocessorsURL = "public.subprocessors-url"
  public static let termName = "setting"

  public var defaultValue: String {
    switch self {
    case .requiredDisciplines: Discipline.allCases.map(\.rawValue).joined(separator: ",")
    case .minAggregationSize: "50"
    case .unstatedGroupSize: Severity.warning.rawValue
    case .reviewGraceDays: "0"
    case .launchGate: Self.launchGateCheck
    case .showEvidence: "no"
    case .aiSwitch: AISwitch.notStated.rawValue
    case .aiSwitchEffect: AISwitchEffect.featuresOff.rawValue
    case .aiSwitchWho, .neverProcessed, .privacyPolicyURL, .termsURL, .dpaURL, .subprocessorsURL:
      ""
    case .monitoredCategories, .keyAdministrators, .companyName, .ownershipStatement,
      .dataSharingStatement,
      .limitationsStatement, .complianceStatement, .securityStatement, .contractStatement:
      ""
    }
  }

  /// The launch gate that refuses every error `check` would report about the feature launched.
  public static let launchGateCheck = "check"
  /// The launch gate of databases from before schema 11: an approval in force and the high and
  /// critical risks mitigated, nothing more.
  public static let launchGateApproval = "approval"

  /// The company statements, in the order the public page carries them.
  public static let publicStatements: [SettingName] = [
    .ownershipStatement, .dataSharingStatement, .limitationsStatement, .complianceStatement,
    .securityStatement, .contractStatement,
  ]

  /// The company's documents the public page links to, with the words of each link.
  public static let documentLinks: [(SettingName, String)] = [
    (.privacyPolicyURL, "Privacy policy"), (.termsURL, "Terms of service"),
    (.dpaURL, "Data processing agreement"), (.subprocessorsURL, "Subprocessor list"),
  ]

  /// The text a statement setting accepts.
  private var statementField: TextField? {
    switch self {
    case .companyName, .aiSwitchWho: TextField("setting", rawValue, .one, 200)
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
    case .showEvidence:
      "whether the public page names, under each company commitment, the kind and day of the "
        + "evidence behind it (yes or no)"
    case .ownershipStatement:
      "public page: who owns what customers put into the AI and what it produces"
    case .dataSharingStatement:
      "public page: what the company never does with customer data and AI providers"
    case .limitationsStatement: "public page: what AI output can get wrong, and who checks it"
    case .complianceStatement: "public page: how features are evaluated against law and standards"
    case .securityStatement: "public page: the security programme that protects AI-related data"
    case .contractStatement: "public page: how the page relates to the customer's contract"
    case .aiSwitch:
      "public page: whether one switch turns AI off for a whole account: not-stated, none, or "
        + "available"
    case .aiSwitchWho: "public page: who may use that switch (\"an account administrator\")"
    case .aiSwitchEffect:
      "public page: what the switch does: features-off (the features that state it turn off) or "
        + "no-ai-data (no data of the account reaches any AI third party); check holds the "
        + "features to it"
    case .privacyPolicyURL: "public page: the https URL of the privacy policy it links to"
    case .termsURL: "public page: the https URL of the terms of service it links to"
    case .dpaURL: "public page: the https URL of the data processing agreement it links to"
    case .subprocessorsURL: "public page: the https URL of the subprocessor list it links to"
    case .neverProcessed:
      "public page: kinds of data the company never processes with AI (data categories, "
        + "comma-separated); check holds every live feature to it"
    case .reviewGraceDays:
      "days past a periodic review's due date before check warns that it is overdue"
    case .monitoredCategories:
      "categories whose launched features must have a monitoring plan (comma-separated; empty "
        + "for none)"
    case .keyAdministrators:
      "fingerprints of the keys that may sign a reviewer's key replacement besides their own key "
        + "(comma-separated; empty for none)"
    case .launchGate:
      "what a launch must pass besides its approval and mitigated risks: check (no error check "
        + "reports about the feature launched, unless an exception accepts it) or approval "
        + "(nothing more, as before schema 11)"
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
    case .privacyPolicyURL, .termsURL, .dpaURL, .subprocessorsURL:
      let url = value.trimmingWhitespace()
      if !url.isEmpty, TextField.httpsURLProblem(in: url) != nil {
        throw AIGovError.invalidValue(
          field: rawValue, value: url,
          expected: "an https URL, such as https://example.com/privacy, or empty for none")
      }
      return url
    case .aiSwitch: return try AISwitch.parse(value, field: rawValue).rawValue
    case .aiSwitchEffect: return try AISwitchEffect.parse(value, field: rawValue).rawValue
    case .neverProcessed:
      let parts = value.split(separator: ",").map { $0.trimmingWhitespace() }
      let categories = Set(try parts.map { try DataCategory.parse($0, field: rawValue) })
      return categories.sorted().map(\.rawValue).joined(separator: ",")
    case .companyName, .ownershipStatement, .dataSharingStatement, .limitationsStatement,
      .complianceStatement, .securityStatement, .contractStatement, .aiSwitchWho:
      let text = value.trimmingWhitespace()
      try statementField?.check(text)
      return text
    case .reviewGraceDays:
      return try Self.integer(value, 0...3650, field: rawValue)
    case .showEvidence:
      guard ["yes", "no"].contains(value) else {
        throw AIGovError.invalidValue(field: rawValue, value: value, expected: "yes or no")
      }
      return value
    case .launchGate:
      let choices = [Self.launchGateCheck, Self.launchGateApproval]
      guard choices.contains(value) else {
        throw AIGovError.invalidValue(
          field: rawValue, value: value, expected: "one of " + choices.joined(separator: ", "))
      }
      return value
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

/// Whether the company states one switch that turns AI off for a whole account.
public enum AISwitch: String, Vocabulary {
  case notStated = "not-stated"
  case none, available
  public static let termName = "AI switch"
}

/// What the account-wide AI switch does: turns off the features that state it does, or stops
/// every flow of the account's data to an AI third party.
public enum AISwitchEffect: String, Vocabulary {
  case featuresOff = "features-off"
  case noAIData = "no-ai-data"
  public static let termName = "AI switch effect"
}

/// A setting changed from its default, as stored and audited.
public struct Setting: Codable, Equatable, Sendable {
  public var name: String
  public var value: String
  /// For the key administrators: the fingerprint of the key that signed the change
  /// (`AdministratorsStatement`), that key as SubjectPublicKeyInfo PEM, and the signature in
  /// base64. Nil for every other setting, and for the first administrators named before any
  /// reviewer had a key.
  public var endorsedBy: String?
  public var endorsingKey: String?
  public var endorsement: String?

  public init(
    name: String, value: String, endorsedBy: String? = nil, endorsingKey: String? = nil,
    endorsement: String? = nil
  ) {
    self.name = name
    self.value = value
    self.endorsedBy = endorsedBy
    self.endorsingKey = endorsingKey
    self.endorsement = endorsement
  }

  enum CodingKeys: String, CodingKey {
    case name, value
    case endorsedBy = "endorsed_by"
    case endorsingKey = "endorsing_key"
    case endorsement
  }
}

extension Setting: AuditedRecord {
  public static let entity = AuditEntity.setting
  public var auditKey: String { name }

  public func writeFields(to object: inout CanonicalObject) {
    object.string("endorsed_by", endorsedBy)
    object.string("endorsement", endorsement)
    object.string("endorsing_key", endorsingKey)
    object.string("name", name)
    object.string("value", value)
  }
}

/// The statement that the key administrators change from `replaced` to `administrators` (each the
/// setting's stored value: fingerprints, comma-separated): canonical JSON, signed by a key
/// administrator's key as proof that the change was meant by one of them. An auditor rebuilds the
/// bytes from the setting's event and checks the signature with any Ed25519 tool.
public struct AdministratorsStatement: Equatable, Sendable {
  public var administrators: String
  public var replaced: String

  public init(administrators: String, replaced: String) {
    self.administrators = administrators
    self.replaced = replaced
  }

  /// The bytes signed.
  public var bytes: [UInt8] {
    var object = CanonicalObject()
    object.string("administrators", administrators)
    object.string("purpose", "aigov: name the key administrators")
    object.string("replaced", replaced)
    return object.finish()
  }
}

extension GovernanceRules {
  /// Why `new` may not replace the key administrators `current` (each the stored value); nil
  /// when it may. The first administrators are named before any reviewer has a key
  /// (`keysRegistered` false), which needs no proof; from then on, a change needs the
  /// `AdministratorsStatement` signed by a key administrator's key, carried in `new`. Otherwise
  /// whoever holds the file could name their own key and replace any reviewer's with it.
  static func administratorsChangeRefusal(current: String, new: Setting, keysRegistered: Bool)
    -> Refusal?
  {
    let administrators = current.split(separator: ",").map(String.init)
    guard !administrators.isEmpty else {
      return keysRegistered ? .administratorsFixedOnceKeysExist : nil
    }
    guard let signer = new.endorsedBy, let pem = new.endorsingKey, let signature = new.endorsement
    else {
      return .administratorsChangeNeedsProof(administrators: administrators)
    }
    guard administrators.contains(signer) else {
      return .administratorsEndorsedByStranger(signer: signer)
    }
    let statement = AdministratorsStatement(administrators: new.value, replaced: current)
    guard let key = try? ReviewerPublicKey(pem: pem), key.fingerprint == signer,
      let bytes = Data(base64Encoded: signature),
      key.isValidSignature(Array(bytes), for: statement.bytes)
    else {
      return .administratorsEndorsementInvalid(signer: signer)
    }
    return nil
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
  /// What the company states of an account-wide AI switch, and what it does.
  public var aiSwitch: AISwitch = .notStated
  public var aiSwitchEffect: AISwitchEffect = .featuresOff
  /// The kinds of data the company states it never processes with AI.
  public var neverProcessed: [DataCategory] = []

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
      },
      aiSwitch: try AISwitch.parse(try text(.aiSwitch), field: SettingName.aiSwitch.rawValue),
      aiSwitchEffect: try AISwitchEffect.parse(
        try text(.aiSwitchEffect), field: SettingName.aiSwitchEffect.rawValue),
      neverProcessed: try text(.neverProcessed).split(separator: ",").map {
        try DataCategory.parse(String($0), field: SettingName.neverProcessed.rawValue)
      })
  }
}

extension Registry {
  static let settingColumns = "name, value, endorsed_by, endorsing_key, endorsement"

  static func setting(from row: Row) throws -> Setting {
    Setting(
      name: try row.text("name"), value: try row.text("value"),
      endorsedBy: row.optionalText("endorsed_by"), endorsingKey: row.optionalText("endorsing_key"),
      endorsement: row.optionalText("endorsement"))
  }

  /// Every setting with its value in force.
  public func settings() throws -> [SettingValue] {
    var stored: [String: String] = [:]
    try database.forEachRow("SELECT name, value FROM settings", cached: true) { row in
      stored[try row.text("name")] = try row.text("value")
    }
    let statements = Dictionary(
      try self.statements().map { ($0.key, $0.body) }, uniquingKeysWith: { first, _ in first })
    return SettingName.allCases.map { name in
      // A statement schema 17 kept as a setting reads as its record's body.
      let value = name.legacyStatement.map { statements[$0.key] } ?? stored[name.rawValue]
      return SettingValue(
        name: name, value: value ?? name.defaultValue, isDefault: value == nil)
    }
  }

  /// The value in force of one setting.
  public func setting(_ name: SettingName) throws -> String {
    if let legacy = name.legacyStatement {
      return (try? statement(legacy.key))?.body ?? name.defaultValue
    }
    return try database.queryOne(
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
  ///
  /// The key administrators change only as `GovernanceRules.administratorsChangeRefusal` allows:
  /// once reviewers hold keys, with `endorsement`, the `AdministratorsStatement` signed by a key
  /// administrator's key.
  @discardableResult
  public func changeSetting(
    _ name: SettingName, to value: String, endorsement: KeyEndorsement? = nil
  ) throws -> Edited<Setting> {
    let normalized = try name.normalized(value)
    if name.legacyStatement != nil {
      return try database.transaction { try setLegacyStatement(name, to: normalized) }
    }
    return try database.transaction {
      let stored = try database.queryOne(
        "SELECT \(Self.settingColumns) FROM settings WHERE name = ?", [name.rawValue])
      let before =
        try stored.map(Self.setting(from:))
        ?? Setting(name: name.rawValue, value: name.defaultValue)
      var after = Setting(name: name.rawValue, value: normalized)
      guard before.value != after.value else {
        return Edited(before: before, after: before)
      }
      if name == .keyAdministrators {
        if let endorsement {
          after.endorsedBy = endorsement.signer.fingerprint
          after.endorsingKey = endorsement.signer.pem
          after.endorsement = Data(endorsement.signature).base64EncodedString()
        }
        let keysRegistered = try database.queryOne("SELECT 1 FROM reviewer_keys LIMIT 1") != nil
        if let refusal = GovernanceRules.administratorsChangeRefusal(
          current: before.value, new: after, keysRegistered: keysRegistered)
        {
          throw AIGovError.refused(refusal)
        }
      }
      try database.execute(
        """
        INSERT INTO settings (name, value, endorsed_by, endorsing_key, endorsement)
        VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (name) DO UPDATE SET value = ?2, endorsed_by = ?3, endorsing_key = ?4,
          endorsement = ?5
        """,
        [name.rawValue, normalized, after.endorsedBy, after.endorsingKey, after.endorsement])
      try recordEvent(
        .settingUpdate, before: stored == nil ? nil : before, after: after)
      return Edited(before: before, after: after)
    }
  }
}
