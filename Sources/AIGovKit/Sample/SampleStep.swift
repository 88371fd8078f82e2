/// One dated step of the sample's year of governance, as the fixture writes it.
public struct SampleStep: Decodable, Sendable {
  public var at: String
  /// Who takes the step; the governance lead when the fixture names nobody.
  public var actor: String?
  public var action: Action

  public enum Action: Sendable {
    case openReview(feature: String)
    /// Each reviewer approves for their discipline; `jordan/privacy` names the discipline of a
    /// reviewer who holds several.
    case approve(feature: String, by: [String])
    case sign(feature: String, discipline: Discipline?, decision: Decision, comment: String)
    case setStatus(feature: String, status: FeatureStatus, reason: String?)
    case linkProvider(feature: String, provider: String, model: String, purpose: String)
    case editMitigation(ref: String, status: MitigationStatus)
    case listProvider(provider: String)
    case setGroupSize(feature: String, size: Int)
    case config(name: SettingName, value: String)
    /// A mitigation answers a requirement of a framework assessed feature by feature.
    case mapMitigation(ref: String, RequirementMapping)
    /// A company statement on the public page.
    case statement(CompanyStatement)
    /// A review meeting's minutes and actions.
    case meeting(MeetingDraft)
    /// An action of a meeting done or dropped, by its number.
    case closeAction(Int, ActionStatus, note: String?)
  }

  enum CodingKeys: String, CodingKey {
    case at, actor
    case action = "do"
    case feature, by, discipline, decision, comment, status, reason, provider, model, purpose
    case mitigation, name, value, framework, requirement, relationship, rationale
    case key, section, title, body, position
    case minGroupSize = "min_group_size"
    case held, quarter, attendees, decisions, actions, note
    case actionNumber = "action"
  }

  /// An action as the fixture writes it.
  private struct SampleAction: Decodable {
    var owner: String
    var due: String
    var item: String?
    var title: String
  }

  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    at = try values.decode(String.self, forKey: .at)
    actor = try values.decodeIfPresent(String.self, forKey: .actor)
    func text(_ key: CodingKeys) throws -> String { try values.decode(String.self, forKey: key) }
    switch try text(.action) {
    case "open-review": action = .openReview(feature: try text(.feature))
    case "approve":
      action = .approve(
        feature: try text(.feature), by: try values.decode([String].self, forKey: .by))
    case "sign":
      action = .sign(
        feature: try text(.feature),
        discipline: try values.decodeIfPresent(Discipline.self, forKey: .discipline),
        decision: try values.decode(Decision.self, forKey: .decision),
        comment: try values.decodeIfPresent(String.self, forKey: .comment) ?? "")
    case "set-status":
      action = .setStatus(
        feature: try text(.feature), status: try values.decode(FeatureStatus.self, forKey: .status),
        reason: try values.decodeIfPresent(String.self, forKey: .reason))
    case "link-provider":
      action = .linkProvider(
        feature: try text(.feature), provider: try text(.provider), model: try text(.model),
        purpose: try text(.purpose))
    case "edit-mitigation":
      action = .editMitigation(
        ref: try text(.mitigation),
        status: try values.decode(MitigationStatus.self, forKey: .status))
    case "list-provider": action = .listProvider(provider: try text(.provider))
    case "set-group-size":
      action = .setGroupSize(
        feature: try text(.feature), size: try values.decode(Int.self, forKey: .minGroupSize))
    case "config":
      action = .config(
        name: try values.decode(SettingName.self, forKey: .name), value: try text(.value))
    case "map-mitigation":
      action = .mapMitigation(
        ref: try text(.mitigation),
        RequirementMapping(
          framework: try text(.framework), requirement: try text(.requirement),
          relationship: try values.decode(MappingRelationship.self, forKey: .relationship),
          rationale: try text(.rationale)))
    case "statement":
      action = .statement(
        CompanyStatement(
          key: try text(.key), section: try values.decode(StatementSection.self, forKey: .section),
          title: try text(.title), body: try text(.body),
          position: try values.decodeIfPresent(Int.self, forKey: .position) ?? 100))
    case "meeting":
      var draft = MeetingDraft(
        heldOn: try text(.held), quarter: try text(.quarter),
        attendees: try values.decode([String].self, forKey: .attendees),
        notes: try values.decodeIfPresent(String.self, forKey: .note))
      draft.decisions = try values.decode([MeetingDecision].self, forKey: .decisions)
      draft.actions = try values.decode([SampleAction].self, forKey: .actions).map {
        ActionDraft(title: $0.title, owner: $0.owner, dueOn: $0.due, item: $0.item)
      }
      action = .meeting(draft)
    case "close-action":
      action = .closeAction(
        try values.decode(Int.self, forKey: .actionNumber),
        try values.decode(ActionStatus.self, forKey: .status),
        note: try values.decodeIfPresent(String.self, forKey: .note))
    case let other:
      throw DecodingError.dataCorruptedError(
        forKey: .action, in: values, debugDescription: "unknown sample step '\(other)'")
    }
  }

  /// The number of the mitigation the fixture calls `ref`.
  private static func mitigation(_ ref: String, in mitigations: [String: Int]) throws -> Int {
    guard let id = mitigations[ref] else {
      throw AIGovError.notFound(entity: "mitigation", key: ref)
    }
    return id
  }

  /// Takes the step through `registry`, whose actor and clock are the step's.
  func replay(into registry: Registry, mitigations: [String: Int]) throws {
    switch action {
    case .openReview(let feature):
      try registry.openReview(feature)
    case .approve(let feature, let reviewers):
      for entry in reviewers {
        let parts = entry.split(separator: "/").map(String.init)
        let reviewer = Registry(
          database: registry.database, actor: parts[0], clock: registry.clock)
        try reviewer.signOff(
          feature, discipline: try parts.dropFirst().first.map { try Discipline.parse($0) },
          decision: .approve, key: try SampleKeys.key(for: parts[0]))
      }
    case .sign(let feature, let discipline, let decision, let comment):
      try registry.signOff(
        feature, discipline: discipline, decision: decision, comment: comment,
        key: try SampleKeys.key(for: registry.actor))
    case .setStatus(let feature, let status, let reason):
      try registry.setStatus(feature, to: status, reason: reason)
    case .linkProvider(let feature, let provider, let model, let purpose):
      try registry.linkProvider(
        featureKey: feature, providerKey: provider, model: model, purpose: purpose)
    case .editMitigation(let ref, let status):
      var changes = MitigationChanges()
      changes.set("status", status)
      try registry.editMitigation(try Self.mitigation(ref, in: mitigations), changes)
    case .mapMitigation(let ref, let mapping):
      try registry.mapMitigation(try Self.mitigation(ref, in: mitigations), mapping)
    case .config(let name, let value):
      try registry.changeSetting(name, to: value)
    case .statement(let statement):
      try registry.addStatement(statement)
    case .meeting(let draft):
      try registry.recordMeeting(draft)
    case .closeAction(let id, let status, let note):
      try registry.closeAction(id, as: status, note: note)
    case .listProvider(let provider):
      var changes = ProviderChanges()
      changes.subprocessorListed = true
      try registry.editProvider(provider, changes)
    case .setGroupSize(let feature, let size):
      var changes = FeatureChanges()
      changes.set("min_group_size", size)
      try registry.editFeature(feature, changes)
    }
  }
}
