/// What the person taking the minutes states: the meeting, its decisions and its actions.
public struct MeetingDraft: Equatable, Sendable {
  public var heldOn: String
  public var quarter: String
  public var attendees: [String]
  public var notes: String?
  public var decisions: [MeetingDecision] = []
  public var actions: [ActionDraft] = []

  public init(heldOn: String, quarter: String, attendees: [String], notes: String? = nil) {
    self.heldOn = heldOn
    self.quarter = quarter
    self.attendees = attendees
    self.notes = notes
  }
}

extension Registry {
  /// Every meeting, oldest first, with its decisions.
  public func meetings() throws -> [Meeting] {
    var decisions = try meetingDecisions()
    return try database.query(
      "SELECT \(Meeting.table.selectList()) FROM meetings ORDER BY held_on, id", cached: true
    ).map { row in
      var meeting = try Meeting.table.record(at: row)
      meeting.decisions = decisions.removeValue(forKey: meeting.id) ?? []
      return meeting
    }
  }

  public func meeting(_ id: Int) throws -> Meeting {
    guard
      let row = try database.queryOne(
        "SELECT \(Meeting.table.selectList()) FROM meetings WHERE id = ?", [id], cached: true)
    else { throw AIGovError.notFound(entity: "meeting", key: String(id)) }
    var meeting = try Meeting.table.record(at: row)
    meeting.decisions = try meetingDecisions(of: id)[id] ?? []
    return meeting
  }

  /// Every meeting's decisions, by meeting.
  func meetingDecisionsByMeeting() throws -> [Int: [MeetingDecision]] {
    try meetingDecisions()
  }

  private func meetingDecisions(of meeting: Int? = nil) throws -> [Int: [MeetingDecision]] {
    var decisions: [Int: [MeetingDecision]] = [:]
    try database.forEachRow(
      "SELECT meeting_id, item, decision, note, until FROM meeting_decisions "
        + (meeting == nil ? "" : "WHERE meeting_id = \(meeting!) ")
        + "ORDER BY meeting_id, position"
    ) { row in
      decisions[try row.integer("meeting_id"), default: []].append(
        MeetingDecision(
          item: try row.text("item"),
          decision: try DecisionKind.parse(try row.text("decision")),
          note: try row.text("note"), until: row.optionalText("until")))
    }
    return decisions
  }

  /// The actions meetings gave out (of one meeting, or owed by one person, when given), by
  /// number.
  public func meetingActions(meeting: Int? = nil, owner: String? = nil) throws -> [MeetingAction] {
    var conditions: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let meeting {
      conditions.append("meeting_id = ?")
      arguments.append(meeting)
    }
    if let owner {
      conditions.append("owner = ?")
      arguments.append(owner)
    }
    return try database.query(
      "SELECT \(MeetingAction.table.selectList()) FROM meeting_actions"
        + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        + " ORDER BY id", arguments
    ).map(MeetingAction.table.record(at:))
  }

  public func meetingAction(_ id: Int) throws -> MeetingAction {
    guard
      let row = try database.queryOne(
        "SELECT \(MeetingAction.table.selectList()) FROM meeting_actions WHERE id = ?", [id])
    else { throw AIGovError.notFound(entity: "action", key: String(id)) }
    return try MeetingAction.table.record(at: row)
  }

  /// The latest meeting held before `day` that reviewed a quarter before `quarter`: the one
  /// whose actions the report of `quarter` opens with.
  public func meeting(before quarter: Quarter, heldBy day: String) throws -> Meeting? {
    guard
      let id = try database.scalarInteger(
        "SELECT id FROM meetings WHERE quarter < ? AND held_on <= ? "
          + "ORDER BY held_on DESC, id DESC LIMIT 1", [quarter.description, day])
    else { return nil }
    return try meeting(id)
  }

  /// Records a meeting's minutes and the actions it gave out, in one change.
  @discardableResult
  public func recordMeeting(_ draft: MeetingDraft) throws -> (Meeting, [MeetingAction]) {
    try database.transaction {
      let today = String(now.prefix(10))
      try Validation.day(draft.heldOn, field: "held on")
      if draft.heldOn > today {
        throw AIGovError.invalidValue(
          field: "held on", value: draft.heldOn,
          expected: "the day the meeting was held, today (\(today)) or before")
      }
      guard let quarter = Quarter(draft.quarter),
        quarter.firstDay <= draft.heldOn
      else {
        throw AIGovError.invalidValue(
          field: "quarter", value: draft.quarter,
          expected: "the quarter the meeting reviewed, written YYYY-QN, begun by \(draft.heldOn)")
      }
      let attendees = draft.attendees.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
      guard !attendees.isEmpty else {
        throw AIGovError.invalidValue(
          field: "attendees", value: "", expected: "at least one person who attended")
      }
      for attendee in attendees {
        try TextField.meetingAttendee.check(attendee)
        if attendee.contains(",") {
          throw AIGovError.invalidValue(
            field: "attendee", value: attendee, expected: "one person, without a comma")
        }
      }
      for decision in draft.decisions { try Self.check(decision, heldOn: draft.heldOn) }
      for action in draft.actions { try Self.check(action, heldOn: draft.heldOn) }
      let notes = draft.notes?.trimmingWhitespace()
      var meeting = Meeting(
        id: 0, heldOn: draft.heldOn, quarter: quarter.description, attendees: attendees,
        notes: notes?.isEmpty == false ? notes : nil, createdAt: now,
        decisions: draft.decisions.map {
          var decision = $0
          decision.note = decision.note.trimmingWhitespace()
          return decision
        })
      try Meeting.table.checkTexts(meeting)
      meeting.id = try insert(meeting, into: Meeting.table)
      for (position, decision) in meeting.decisions.enumerated() {
        try database.execute(
          "INSERT INTO meeting_decisions (meeting_id, position, item, decision, note, until) "
            + "VALUES (?, ?, ?, ?, ?, ?)",
          [
            meeting.id, position + 1, decision.item, decision.decision.rawValue, decision.note,
            decision.until,
          ])
      }
      try recordEvent(.meetingRecord, before: nil, after: meeting)
      var actions: [MeetingAction] = []
      for draft in draft.actions {
        var action = MeetingAction(
          id: 0, meeting: meeting.id, item: draft.item,
          title: draft.title.trimmingWhitespace(), owner: draft.owner.trimmingWhitespace(),
          dueOn: draft.dueOn, status: .open, closedOn: nil, note: nil, createdAt: now,
          updatedAt: now, version: 1)
        action.id = try insert(action, into: MeetingAction.table)
        try recordEvent(.meetingActionCreate, before: nil, after: action)
        actions.append(action)
      }
      return (meeting, actions)
    }
  }

  /// Marks an open action done or dropped, on `day` (today when nil), with a note (which a
  /// dropped action needs: why).
  @discardableResult
  public func closeAction(
    _ id: Int, as status: ActionStatus, note: String?, on day: String? = nil
  ) throws -> Edited<MeetingAction> {
    try database.transaction {
      let before = try meetingAction(id)
      guard status != .open else {
        throw AIGovError.invalidValue(
          field: "status", value: status.rawValue, expected: "done or dropped")
      }
      guard before.status == .open else {
        throw AIGovError.invalidValue(
          field: "action", value: String(id),
          expected: "an open action; it was \(before.status.rawValue) on \(before.closedOn ?? "")")
      }
      let today = String(now.prefix(10))
      let closed = day ?? today
      try Validation.day(closed, field: "on")
      let held = try meeting(before.meeting).heldOn
      guard closed <= today, closed >= held else {
        throw AIGovError.invalidValue(
          field: "on", value: closed,
          expected: "a day from the meeting's (\(held)) to today (\(today))")
      }
      let text = note?.trimmingWhitespace()
      if status == .dropped, text?.isEmpty != false {
        throw AIGovError.invalidValue(
          field: "note", value: "", expected: "why the action is dropped")
      }
      var after = before
      after.status = status
      after.closedOn = closed
      after.note = text?.isEmpty == false ? text : nil
      try MeetingAction.table.checkTexts(after)
      guard try saveEdit(&after, from: before, in: MeetingAction.table) else {
        return Edited(before: before, after: before)
      }
      try recordEvent(.meetingActionUpdate, before: before, after: after)
      return Edited(before: before, after: after)
    }
  }

  /// How a change made on a meeting's decision cites it: `meeting 2 (2026-10-08)`.
  public func meetingCitation(_ id: Int) throws -> String {
    "meeting \(id) (\(try meeting(id).heldOn))"
  }

  static func check(_ decision: MeetingDecision, heldOn: String) throws {
    try DecisionItemKind.check(decision.item)
    try TextField.meetingDecisionNote.check(decision.note)
    try Validation.nonEmpty(decision.note, field: "decision")
    try Validation.day(decision.until, field: "until")
    if let until = decision.until, until < heldOn {
      throw AIGovError.invalidValue(
        field: "until", value: until, expected: "a day on or after the meeting's, \(heldOn)")
    }
    if [.acceptException, .reschedule].contains(decision.decision), decision.until == nil {
      throw AIGovError.invalidValue(
        field: "decision", value: "\(decision.item) \(decision.decision.rawValue)",
        expected: "its last day: ITEM \(decision.decision.rawValue) until YYYY-MM-DD: NOTE")
    }
  }

  static func check(_ action: ActionDraft, heldOn: String) throws {
    if let item = action.item { try DecisionItemKind.check(item) }
    try TextField.actionTitle.check(action.title)
    try TextField.actionOwner.check(action.owner)
    try Validation.nonEmpty(action.title, field: "action")
    try Validation.nonEmpty(action.owner, field: "action owner")
    try Validation.day(action.dueOn, field: "action due")
    if action.dueOn < heldOn {
      throw AIGovError.invalidValue(
        field: "action due", value: action.dueOn,
        expected: "a day on or after the meeting's, \(heldOn)")
    }
  }
}

/// A meeting with the actions it gave out, as `meeting show` and the API write them.
public struct MeetingMinutes: Encodable, Sendable {
  public var meeting: Meeting
  public var actions: [MeetingAction]

  public init(meeting: Meeting, actions: [MeetingAction]) {
    self.meeting = meeting
    self.actions = actions
  }
}
