/// One way out of a finding or a missing step: why, in a few words, and the action on the
/// inventory that does it. The action is data; each front end words it for its own people: the
/// command line as a command (`commandLine`), the site in plain words with a link where the site
/// can do it (`plainWords`), and the MCP server passes it on as it is.
public struct Remedy: Codable, Equatable, Sendable {
  /// Why this step, in a few words ("finish it"); nil where the action says it all.
  public var purpose: String?
  public var action: RemedyAction

  public init(_ purpose: String, _ action: RemedyAction) {
    self.purpose = purpose
    self.action = action
  }

  /// A remedy whose action says it all.
  public init(_ action: RemedyAction) {
    purpose = nil
    self.action = action
  }

  /// The remedies as one line of the command line's words: one remedy as "purpose: command",
  /// several as "purpose (command), or purpose (command)".
  public static func commandLine(_ remedies: [Remedy]) -> String {
    guard remedies.count > 1 else {
      guard let remedy = remedies.first else { return "" }
      return (remedy.purpose.map { "\($0): " } ?? "") + remedy.action.commandLine
    }
    return remedies.map { remedy in
      remedy.purpose.map { "\($0) (\(remedy.action.commandLine))" } ?? remedy.action.commandLine
    }.joined(separator: ", or ")
  }

  /// The remedies in plain words, for people who are not at a terminal.
  public static func plainWords(_ remedies: [Remedy]) -> String {
    remedies.map { remedy in
      remedy.purpose.map { "\($0): \(remedy.action.plainWords)" } ?? remedy.action.plainWords
    }.joined(separator: "; or ")
  }
}

/// What a person does to the inventory to clear a finding. Each case names the record it acts
/// on, so that a front end can word it, and link to where it is done.
public enum RemedyAction: Equatable, Sendable {
  /// Stop processing these data categories, and record that on the feature.
  case removeDataCategories(feature: String, [DataCategory])
  /// Agree a DPA, a no-training term and zero retention with a provider, and record them.
  case agreeProviderTerms(provider: String)
  case unlinkProvider(feature: String, provider: String)
  /// State the smallest group the feature aggregates accounts into; nil when the person chooses.
  case setMinGroupSize(feature: String, Int?)
  case completeMitigation(Int)
  case withdrawPublicStatement(mitigation: Int)
  case addMitigation(risk: Int)
  case requireHumanReview(feature: String)
  case openReview(feature: String)
  /// Approve the feature in its open round, as a reviewer of the discipline.
  case signOff(feature: String, Discipline)
  /// Move the feature to a status (suspending it takes a reason).
  case setStatus(feature: String, FeatureStatus)
  case listSubprocessor(provider: String)
  case assessEUTier(feature: String)
  /// State the feature's fields that read `not-stated` (their names in JSON).
  case stateClaims(feature: String, [String])
  case planMonitoring(feature: String)
  case recordMonitoringResult(feature: String, metric: String, MonitoringKind)
  /// Record when an incident's report under a regime was made.
  case recordIncidentReport(incident: String, ReportingDeadline.Regime)
  case closeIncident(String)
  /// Register a new feature (what replaces a retired one).
  case addFeature
  /// Accept, for the feature until a day and with the reason, what a control does not cover of
  /// it or what a rule finds about it: signed by a reviewer of the discipline that owns it.
  case acceptException(feature: String, control: String?, rule: CheckRule?)
  /// Give a control a scope that leaves the feature out.
  case narrowControlScope(control: String)
  /// Record evidence, current and linked to the control, that it is in place.
  case addEvidence(control: String)
  /// Mark a mitigation planned: it is not in place for the feature until its control is.
  case planMitigation(Int)
  /// Map a company control to a requirement of the framework (or record that it does not
  /// apply).
  case mapControl(framework: String)
  /// Reword a company statement (a `public.*` setting) so that it claims no more than the
  /// records back.
  case rewordStatement(statement: String)
  /// Set a setting to a value that promises no more than the records hold.
  case changeSetting(setting: String, value: String)

  /// The action's name in JSON: `open-review`.
  public var name: String {
    switch self {
    case .removeDataCategories: "remove-data-categories"
    case .agreeProviderTerms: "agree-provider-terms"
    case .unlinkProvider: "unlink-provider"
    case .setMinGroupSize: "set-min-group-size"
    case .completeMitigation: "complete-mitigation"
    case .withdrawPublicStatement: "withdraw-public-statement"
    case .addMitigation: "add-mitigation"
    case .requireHumanReview: "require-human-review"
    case .openReview: "open-review"
    case .signOff: "sign-off"
    case .setStatus: "set-status"
    case .listSubprocessor: "list-subprocessor"
    case .assessEUTier: "assess-eu-ai-act-tier"
    case .stateClaims: "state-claims"
    case .planMonitoring: "plan-monitoring"
    case .recordMonitoringResult: "record-monitoring-result"
    case .recordIncidentReport: "record-incident-report"
    case .closeIncident: "close-incident"
    case .addFeature: "add-feature"
    case .acceptException: "accept-exception"
    case .narrowControlScope: "narrow-control-scope"
    case .addEvidence: "add-evidence"
    case .planMitigation: "plan-mitigation"
    case .mapControl: "map-control"
    case .rewordStatement: "reword-statement"
    case .changeSetting: "change-setting"
    }
  }

  /// The feature the action changes, if it changes one.
  public var feature: String? {
    switch self {
    case .removeDataCategories(let key, _), .unlinkProvider(let key, _),
      .setMinGroupSize(let key, _), .requireHumanReview(let key), .openReview(let key),
      .signOff(let key, _), .setStatus(let key, _), .assessEUTier(let key),
      .stateClaims(let key, _),
      .planMonitoring(let key), .recordMonitoringResult(let key, _, _),
      .acceptException(let key, _, _):
      key
    default: nil
    }
  }

  /// The command that does it, with a capitalised word (NAME, DAYS) where the person chooses.
  public var commandLine: String {
    switch self {
    case .removeDataCategories(let key, let categories):
      "aigov feature edit \(key) "
        + categories.map { "--remove-data-category \($0.rawValue)" }.joined(separator: " ")
    case .agreeProviderTerms(let provider):
      "aigov provider edit \(provider) --dpa yes --no-training --retention-days 0"
    case .unlinkProvider(let key, let provider): "aigov feature unlink-provider \(key) \(provider)"
    case .setMinGroupSize(let key, let size):
      "aigov feature edit \(key) --min-group-size \(size.map(String.init) ?? "N")"
    case .completeMitigation(let id): "aigov mitigation edit \(id) --status implemented"
    case .planMitigation(let id): "aigov mitigation edit \(id) --status planned"
    case .mapControl(let framework):
      "aigov control map CONTROL --framework \(framework) --requirement ID "
        + "--relationship equal|superset|subset|intersects --rationale ..."
    case .rewordStatement(let statement): "aigov statement edit \(statement) --body TEXT"
    case .changeSetting(let setting, let value): "aigov config set \(setting) \(value)"
    case .withdrawPublicStatement(let id): "aigov mitigation edit \(id) --public-statement ''"
    case .addMitigation(let risk):
      "aigov mitigation add \(risk) --title TITLE --kind KIND --owner NAME --status implemented"
    case .requireHumanReview(let key):
      "aigov feature edit \(key) --human-oversight human-in-the-loop"
    case .openReview(let key): "aigov review open \(key)"
    case .signOff(let key, let discipline):
      "aigov review sign \(key) --discipline \(discipline.rawValue) --decision approve"
    case .setStatus(let key, let status):
      "aigov feature set-status \(key) \(status.rawValue)"
        + (status == .suspended ? " --reason ..." : "")
    case .listSubprocessor(let provider): "aigov provider edit \(provider) --subprocessor-listed"
    case .assessEUTier(let key): "aigov feature edit \(key) --eu-ai-act-tier minimal|limited|high"
    case .stateClaims(let key, let names):
      "aigov feature edit \(key) "
        + Feature.fields.filter { names.contains($0.name) }.map { field in
          guard case .term(let terms) = field.kind else { return "--\(field.option) VALUE" }
          return "--\(field.option) "
            + terms.filter { $0 != "not-stated" }.joined(separator: "|")
        }.joined(separator: " ")
    case .planMonitoring(let key):
      "aigov monitor plan \(key) --metric NAME --at-least THRESHOLD --every DAYS --owner NAME"
    case .recordMonitoringResult(let key, let metric, let kind):
      "aigov monitor record \(key) --metric \(metric) "
        + (kind == .check ? "--pass|--fail" : "--value V")
    case .recordIncidentReport(let reference, let regime):
      "aigov incident update \(reference) "
        + (regime == .gdprBreach ? "--breach-reported-at" : "--authority-reported-at") + " TIME"
    case .closeIncident(let reference):
      "aigov incident close \(reference) --cause ... --corrective-action ..."
    case .addFeature:
      "aigov feature add KEY "
        + Feature.fields.filter { $0.isRequired && $0.name != "key" }
        .map { "--\($0.option) \($0.option.uppercased())" }
        .joined(separator: " ")
    case .acceptException(let key, let control, let rule):
      "aigov exception add \(key) "
        + (control.map { "--control \($0)" } ?? "--rule \(rule?.rawValue ?? "RULE")")
        + " --not-covered ... --reason ... --until DAY"
    case .narrowControlScope(let control): "aigov control edit \(control) --scope TERM"
    case .addEvidence(let control):
      "aigov evidence add --title TITLE --kind contract|document|test-report --file FILE "
        + "--collected-on DAY "
        + "--provided-by NAME --control \(control)"
    }
  }

  /// What to do, in words for someone reading a page rather than typing a command.
  public var plainWords: String {
    switch self {
    case .removeDataCategories(_, let categories):
      "remove " + categories.map(\.rawValue).joined(separator: ", ")
        + " from the feature's data categories"
    case .agreeProviderTerms(let provider):
      "record a DPA in place, a no-training term and zero retention for provider '\(provider)'"
    case .unlinkProvider(_, let provider): "stop sending data to provider '\(provider)'"
    case .setMinGroupSize(_, let size):
      size.map { "set the smallest group to \($0)" } ?? "state the smallest group"
    case .completeMitigation(let id): "mark mitigation #\(id) implemented"
    case .planMitigation(let id):
      "mark mitigation #\(id) planned until its control covers the feature"
    case .mapControl(let framework):
      "map a company control in place to each \(framework) requirement, or record why it does "
        + "not apply"
    case .rewordStatement(let statement):
      "reword the company statement \(statement) so that it names only assessed frameworks"
    case .changeSetting(let setting, let value): "set \(setting) to \(value)"
    case .withdrawPublicStatement(let id): "clear mitigation #\(id)'s public statement"
    case .addMitigation(let risk): "add an implemented mitigation to risk #\(risk)"
    case .requireHumanReview: "set human oversight to human-in-the-loop"
    case .openReview: "open a review round"
    case .signOff(_, let discipline):
      "a \(discipline.rawValue) reviewer who does not own the feature signs an approval"
    case .setStatus(_, let status):
      "set the status to \(status.rawValue)" + (status == .suspended ? ", with a reason" : "")
    case .listSubprocessor(let provider):
      "name provider '\(provider)' on the published subprocessor list"
    case .assessEUTier: "assess the EU AI Act tier (minimal, limited or high)"
    case .stateClaims(_, let names):
      "state its "
        + names.map { $0.replacingUnderscores() }
        .joined(separator: ", ")
    case .planMonitoring: "plan its monitoring: a metric, a threshold, a cadence and an owner"
    case .recordMonitoringResult(_, let metric, _): "record a result for '\(metric)'"
    case .recordIncidentReport(let reference, let regime):
      "record when incident \(reference)'s \(regime.rawValue) report was made"
    case .closeIncident(let reference):
      "close incident \(reference) with its cause and corrective action"
    case .addFeature: "register a new feature"
    case .acceptException(_, let control, let rule):
      "a reviewer of the discipline that owns "
        + (control.map { "control '\($0)'" } ?? "rule \(rule?.rawValue ?? "")")
        + " accepts the gap until a day, with the reason"
    case .narrowControlScope(let control):
      "give control '\(control)' a scope that leaves the feature out"
    case .addEvidence(let control):
      "record current evidence that control '\(control)' is in place, linked to it"
    }
  }
}

extension RemedyAction: Codable {
  enum CodingKeys: String, CodingKey {
    case action, feature, provider, mitigation, risk, incident, categories, size, discipline,
      status, metric, kind, regime, fields, control, rule, framework, setting, value, statement
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .action)
    try container.encodeIfPresent(feature, forKey: .feature)
    switch self {
    case .removeDataCategories(_, let categories):
      try container.encode(categories, forKey: .categories)
    case .stateClaims(_, let names): try container.encode(names, forKey: .fields)
    case .agreeProviderTerms(let provider), .unlinkProvider(_, let provider),
      .listSubprocessor(let provider):
      try container.encode(provider, forKey: .provider)
    case .setMinGroupSize(_, let size): try container.encodeIfPresent(size, forKey: .size)
    case .completeMitigation(let id), .withdrawPublicStatement(let id), .planMitigation(let id):
      try container.encode(id, forKey: .mitigation)
    case .addMitigation(let risk): try container.encode(risk, forKey: .risk)
    case .signOff(_, let discipline): try container.encode(discipline, forKey: .discipline)
    case .setStatus(_, let status): try container.encode(status, forKey: .status)
    case .recordMonitoringResult(_, let metric, let kind):
      try container.encode(metric, forKey: .metric)
      try container.encode(kind, forKey: .kind)
    case .recordIncidentReport(let reference, let regime):
      try container.encode(reference, forKey: .incident)
      try container.encode(regime.rawValue, forKey: .regime)
    case .closeIncident(let reference): try container.encode(reference, forKey: .incident)
    case .acceptException(_, let control, let rule):
      try container.encodeIfPresent(control, forKey: .control)
      try container.encodeIfPresent(rule, forKey: .rule)
    case .narrowControlScope(let control), .addEvidence(let control):
      try container.encode(control, forKey: .control)
    case .mapControl(let framework): try container.encode(framework, forKey: .framework)
    case .rewordStatement(let statement): try container.encode(statement, forKey: .statement)
    case .changeSetting(let setting, let value):
      try container.encode(setting, forKey: .setting)
      try container.encode(value, forKey: .value)
    case .requireHumanReview, .openReview, .assessEUTier, .planMonitoring, .addFeature: break
    }
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decode(String.self, forKey: .action)
    func string(_ key: CodingKeys) throws -> String {
      try container.decode(String.self, forKey: key)
    }
    func feature() throws -> String { try string(.feature) }
    switch name {
    case "remove-data-categories":
      self = .removeDataCategories(
        feature: try feature(), try container.decode([DataCategory].self, forKey: .categories))
    case "agree-provider-terms": self = .agreeProviderTerms(provider: try string(.provider))
    case "unlink-provider":
      self = .unlinkProvider(feature: try feature(), provider: try string(.provider))
    case "set-min-group-size":
      self = .setMinGroupSize(
        feature: try feature(), try container.decodeIfPresent(Int.self, forKey: .size))
    case "complete-mitigation":
      self = .completeMitigation(try container.decode(Int.self, forKey: .mitigation))
    case "plan-mitigation":
      self = .planMitigation(try container.decode(Int.self, forKey: .mitigation))
    case "withdraw-public-statement":
      self = .withdrawPublicStatement(
        mitigation: try container.decode(Int.self, forKey: .mitigation))
    case "add-mitigation":
      self = .addMitigation(risk: try container.decode(Int.self, forKey: .risk))
    case "require-human-review": self = .requireHumanReview(feature: try feature())
    case "open-review": self = .openReview(feature: try feature())
    case "sign-off":
      self = .signOff(
        feature: try feature(), try container.decode(Discipline.self, forKey: .discipline))
    case "set-status":
      self = .setStatus(
        feature: try feature(), try container.decode(FeatureStatus.self, forKey: .status))
    case "list-subprocessor": self = .listSubprocessor(provider: try string(.provider))
    case "assess-eu-ai-act-tier": self = .assessEUTier(feature: try feature())
    case "state-claims":
      self = .stateClaims(
        feature: try feature(), try container.decode([String].self, forKey: .fields))
    case "plan-monitoring": self = .planMonitoring(feature: try feature())
    case "record-monitoring-result":
      self = .recordMonitoringResult(
        feature: try feature(), metric: try string(.metric),
        try container.decode(MonitoringKind.self, forKey: .kind))
    case "record-incident-report":
      guard let regime = ReportingDeadline.Regime(rawValue: try string(.regime)) else {
        throw DecodingError.dataCorruptedError(
          forKey: .regime, in: container, debugDescription: "unknown reporting regime")
      }
      self = .recordIncidentReport(incident: try string(.incident), regime)
    case "close-incident": self = .closeIncident(try string(.incident))
    case "add-feature": self = .addFeature
    case "accept-exception":
      self = .acceptException(
        feature: try feature(),
        control: try container.decodeIfPresent(String.self, forKey: .control),
        rule: try container.decodeIfPresent(CheckRule.self, forKey: .rule))
    case "narrow-control-scope": self = .narrowControlScope(control: try string(.control))
    case "add-evidence": self = .addEvidence(control: try string(.control))
    case "map-control": self = .mapControl(framework: try string(.framework))
    case "reword-statement": self = .rewordStatement(statement: try string(.statement))
    case "change-setting":
      self = .changeSetting(setting: try string(.setting), value: try string(.value))
    default:
      throw DecodingError.dataCorruptedError(
        forKey: .action, in: container, debugDescription: "unknown action '\(name)'")
    }
  }
}
