import AIGovKit
import MCP

/// JSON Schemas (draft 2020-12) of the tools' arguments and answers, written as MCP values.
enum JSONSchema {
  static func object(
    _ properties: [String: Value], required: [String] = [], description: String? = nil,
    closed: Bool = false
  ) -> Value {
    var schema: [String: Value] = [
      "type": "object", "properties": .object(properties),
      "required": .array(required.map(Value.string)),
    ]
    if let description { schema["description"] = .string(description) }
    // Arguments are closed: a name the tool does not know is refused, never ignored.
    if closed { schema["additionalProperties"] = false }
    return .object(schema)
  }

  static func string(_ description: String? = nil, maxLength: Int? = nil) -> Value {
    var schema: [String: Value] = ["type": "string"]
    if let description { schema["description"] = .string(description) }
    if let maxLength { schema["maxLength"] = .int(maxLength) }
    return .object(schema)
  }

  static func terms<T: Vocabulary>(_ type: T.Type, _ description: String? = nil) -> Value {
    var schema: [String: Value] = [
      "type": "string", "enum": .array(T.allCases.map { .string($0.rawValue) }),
    ]
    if let description { schema["description"] = .string(description) }
    return .object(schema)
  }

  static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil)
    -> Value
  {
    var schema: [String: Value] = ["type": "integer"]
    if let description { schema["description"] = .string(description) }
    if let minimum { schema["minimum"] = .int(minimum) }
    if let maximum { schema["maximum"] = .int(maximum) }
    return .object(schema)
  }

  static let boolean: Value = ["type": "boolean"]
  /// Any JSON value: a field's value before or after a change, which may be of any type.
  static let anyValue: Value = [:]

  static func array(_ items: Value) -> Value { ["type": "array", "items": items] }

  /// `schema`, or null.
  static func nullable(_ schema: Value) -> Value { ["anyOf": [schema, ["type": "null"]]] }

  // MARK: Records, as AIGovKit encodes them

  static let key = string("A key: lowercase letters, digits and hyphens.", maxLength: 64)

  /// A feature, as its fields are described (`Feature.fields`).
  static let feature = record(Feature.fields)

  /// A feature as a search lists it: the fields its short answer carries.
  static let featureSummary = record(Feature.fields.filter(\.isInSummary))

  /// A record of the described fields: those that are never absent are required.
  static func record(_ fields: [FieldDescription]) -> Value {
    extended(fields, [:], required: [])
  }

  /// AIGovKit's JSON value as an MCP value.
  static func value(_ json: JSONValue) -> Value {
    switch json {
    case .null: .null
    case .bool(let flag): .bool(flag)
    case .integer(let number): .int(number)
    case .number(let number): .double(number)
    case .string(let text): .string(text)
    case .array(let items): .array(items.map(value))
    case .object(let members): .object(members.mapValues(value))
    }
  }

  static let provider = object(
    [
      "key": key, "name": string(), "kind": terms(ProviderKind.self),
      "subprocessor_listed": boolean, "dpa": terms(DPAStatus.self),
      "dpa_signed_on": string(), "dpa_reference": string(), "no_training": boolean,
      "retention_days": integer(
        "Days it keeps the data; 0 is zero retention; absent: unknown.",
        minimum: 0),
      "regions": string(), "served_through": key, "notes": string(),
      "created_at": string(), "updated_at": string(), "version": integer(minimum: 1),
    ],
    required: [
      "key", "name", "kind", "subprocessor_listed", "dpa", "no_training", "regions", "notes",
      "version",
    ])

  static let mitigation = object(
    [
      "id": integer(minimum: 1), "risk_id": integer(minimum: 1), "title": string(),
      "description": string(), "kind": terms(MitigationKind.self),
      "status": terms(MitigationStatus.self), "evidence": string(), "owner": string(),
      "due_on": string(), "public_statement": string(), "control": string(),
      "version": integer(minimum: 1),
    ],
    required: ["id", "title", "kind", "status", "owner"])

  static let risk = object(
    [
      "id": integer(minimum: 1), "feature": key, "title": string(), "description": string(),
      "category": terms(RiskCategory.self), "likelihood": integer(minimum: 1, maximum: 5),
      "impact": integer(minimum: 1, maximum: 5), "score": integer(minimum: 1, maximum: 25),
      "level": terms(RiskLevel.self), "status": terms(RiskStatus.self), "owner": string(),
      "residual_likelihood": integer(minimum: 1, maximum: 5),
      "residual_impact": integer(minimum: 1, maximum: 5), "version": integer(minimum: 1),
      "taxonomy": string("Risk taxonomy entries, FRAMEWORK:ID separated by commas."),
    ],
    required: [
      "id", "feature", "title", "category", "likelihood", "impact", "score", "level", "status",
      "owner",
    ])

  static let riskRecord = object(
    ["risk": risk, "mitigations": array(mitigation)], required: ["risk", "mitigations"])

  static let signOff = object(
    [
      "id": integer(minimum: 1), "round": integer(minimum: 1), "feature": key,
      "discipline": terms(Discipline.self), "decision": terms(Decision.self),
      "reviewer": string(), "comment": string(), "signed_at": string(),
      "key_fingerprint": string(), "signature": string(), "content_hash": string(),
    ],
    required: ["discipline", "decision", "reviewer", "signed_at"])

  static let round = object(
    [
      "number": integer(minimum: 1), "kind": terms(RoundKind.self),
      "status": terms(RoundStatus.self), "content_hash": string(),
      "required_disciplines": array(terms(Discipline.self)), "opened_at": string(),
      "opened_by": string(), "closed_at": string(), "closed_by": string(),
      "close_reason": string(),
    ],
    required: ["number", "kind", "status", "content_hash", "required_disciplines", "opened_at"])

  static let monitoringPlan = object(
    [
      "id": integer(minimum: 1), "feature": key, "metric": string(),
      "kind": terms(MonitoringKind.self), "direction": terms(MetricDirection.self),
      "threshold": string(), "unit": string(), "cadence_days": integer(minimum: 1),
      "owner": string(), "method": string(), "evidence": string(),
      "status": terms(MonitoringStatus.self),
    ],
    required: ["id", "feature", "metric", "kind", "cadence_days", "owner", "status"])

  static let monitoringResult = object(
    [
      "id": integer(minimum: 1), "plan_id": integer(minimum: 1), "measured_at": string(),
      "value": string(), "passed": boolean, "evidence": string(), "note": string(),
    ],
    required: ["id", "plan_id", "measured_at", "passed"])

  static let incidentRecord = object(
    [
      "incident": object(
        [
          "id": integer(minimum: 1), "reference": string(), "title": string(),
          "summary": string(), "category": terms(IncidentCategory.self),
          "severity": terms(IncidentSeverity.self), "occurred_at": string(),
          "aware_at": string(), "customer_impact": string(),
          "serious_kind": terms(SeriousIncidentKind.self), "personal_data_breach": boolean,
          "authority_reported_at": string(), "breach_reported_at": string(),
          "status": terms(IncidentStatus.self), "cause": string(),
          "corrective_action": string(), "closed_at": string(), "hold_override": string(),
          "features": array(key), "risks": array(integer(minimum: 1)),
          "version": integer(minimum: 1),
        ],
        required: [
          "reference", "title", "category", "severity", "occurred_at", "aware_at", "status",
          "features", "risks",
        ]),
      "deadlines": array(
        object(
          [
            "regime": string(), "due": string(), "reported_at": string(),
            "standing": string(),
          ], required: ["regime", "due", "standing"])),
    ], required: ["incident", "deadlines"])

  static let finding = object(
    [
      "feature": key, "rule": terms(CheckRule.self), "severity": terms(Severity.self),
      "message": string(), "fix": string(), "remedies": array(remedy), "control": key,
      "exception": integer(minimum: 1), "framework": key,
    ],
    required: ["feature", "rule", "severity", "message", "fix", "remedies"])

  /// One way out of a finding: an action on the inventory, named, with the records it acts on.
  static let remedy = object(
    [
      "purpose": string(),
      "action": object(
        [
          "action": string(
            "What to do: open-review, sign-off, set-status, complete-mitigation, "
              + "agree-provider-terms and the like. The person who may do it does it; this "
              + "server only reads."),
          "feature": key, "provider": string(), "mitigation": integer(minimum: 1),
          "risk": integer(minimum: 1), "incident": string(), "categories": array(string()),
          "size": integer(minimum: 1), "discipline": terms(Discipline.self),
          "status": terms(FeatureStatus.self), "metric": string(),
          "kind": terms(MonitoringKind.self), "regime": string(), "control": key,
          "rule": terms(CheckRule.self), "framework": key, "setting": string(),
        ], required: ["action"]),
    ], required: ["action"])

  /// An exception: the described fields and the keys the record names its rows by.
  static let exception = extended(
    ControlException.fields,
    [
      "feature": key, "control": key, "accepted_by": string(),
      "signed_message": string("The bytes the reviewer signed: canonical JSON."),
    ], required: ["feature", "accepted_by", "signed_message"])

  /// A control with the live features in its scope.
  static let controlCoverage = extended(
    Control.fields,
    [
      "scope": array(string()), "scope_words": string(),
      "features": array(
        object(
          [
            "feature": key, "name": string(), "status": terms(FeatureStatus.self),
            "contradiction": string(), "exception": exception,
          ], required: ["feature", "name", "status"])),
      "evidence": array(extended(Evidence.fields, ["links": array(string())], required: ["links"])),
    ], required: ["scope", "scope_words", "features", "evidence"])

  /// How many requirements stand each way.
  static let statusCounts = object(
    [
      "met": integer(minimum: 0), "partly_met": integer(minimum: 0),
      "not_met": integer(minimum: 0), "not_assessed": integer(minimum: 0),
      "not_applicable": integer(minimum: 0),
    ], required: ["met", "partly_met", "not_met", "not_assessed", "not_applicable"])

  /// One requirement's standing, with the controls and evidence behind it.
  static let requirementStanding = object(
    [
      "requirement": string(), "cited": string(), "title": string(),
      "status": terms(RequirementStatus.self), "why": string(),
      "controls": array(
        object(
          [
            "control": key, "relationship": terms(MappingRelationship.self),
            "rationale": string(), "holds": boolean, "gap": string(),
          ], required: ["control", "relationship", "rationale", "holds"])),
      "evidence": array(integer(minimum: 1)), "applies_from": string(),
    ], required: ["requirement", "cited", "title", "status", "why", "controls", "evidence"])

  /// A framework's standing: for the company, or feature by feature.
  static let frameworkAssessment = object(
    [
      "framework": key, "title": string(), "version": string(), "source": string(),
      "licence": string(), "assessed": string(), "counts": statusCounts,
      "requirements": array(requirementStanding),
      "features": array(
        object(
          [
            "feature": key, "name": string(), "status": terms(FeatureStatus.self),
            "role": string(), "tier": terms(EUAIActTier.self), "annex_iii": string(),
            "counts": statusCounts, "requirements": array(requirementStanding),
          ], required: ["feature", "name", "status", "tier", "counts", "requirements"])),
    ],
    required: [
      "framework", "title", "version", "source", "licence", "assessed", "counts", "requirements",
      "features",
    ])

  /// A record of the described fields and more.
  static func extended(
    _ fields: [FieldDescription], _ more: [String: Value], required: [String]
  ) -> Value {
    object(
      Dictionary(uniqueKeysWithValues: fields.map { ($0.name, value($0.jsonSchema())) })
        .merging(more) { $1 },
      required: fields.filter { !$0.isOptional }.map(\.name) + required)
  }

  static let page = string(
    "Where the next page starts: pass it back as `cursor`. Absent on the last page.")
}
