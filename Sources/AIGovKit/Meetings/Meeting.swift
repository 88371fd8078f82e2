/// The minutes of a review meeting, as held: the day, the quarter it reviewed, who attended, its
/// notes, and each decision it took on an item of the report's "Needs a decision" list. Minutes
/// are recorded once and never edited; the actions the meeting gave out are records of their
/// own (`MeetingAction`), since they are later done or dropped.
public struct Meeting: Equatable, Sendable {
  public var id: Int
  /// The day it was held, YYYY-MM-DD.
  public var heldOn: String
  /// The quarter it reviewed: `2026-Q3`.
  public var quarter: String
  /// Who attended: handles or names, in the order given.
  public var attendees: [String]
  public var notes: String?
  public var createdAt: String
  /// Each decision it took, in the order taken.
  public var decisions: [MeetingDecision]
}

/// One decision a meeting took on one item.
public struct MeetingDecision: Codable, Equatable, Sendable {
  /// The item, as the report names it: `review/kb-search`, `risk/12`, `incident/INC-7`.
  public var item: String
  public var decision: DecisionKind
  /// What was decided, in words.
  public var note: String
  /// For an exception or a new date: its last day, YYYY-MM-DD.
  public var until: String?

  public init(item: String, decision: DecisionKind, note: String, until: String? = nil) {
    self.item = item
    self.decision = decision
    self.note = note
    self.until = until
  }

  /// Writes the decisions as the audit trail holds them, in order.
  static func write(_ decisions: [Self], to object: inout CanonicalObject) {
    object.objects("decisions", decisions) { decision, object in
      object.term("decision", decision.decision)
      object.string("item", decision.item)
      object.string("note", decision.note)
      object.string("until", decision.until)
    }
  }
}

/// What a meeting is asked to decide of an item, and what it decides.
public enum DecisionKind: String, Vocabulary {
  /// Approve a new review of the feature.
  case approve
  /// Suspend the feature until the item is resolved.
  case suspend
  /// Accept the gap with an exception until a day.
  case acceptException = "accept-exception"
  /// Name the person who owns the item.
  case assignOwner = "assign-owner"
  /// Fund (or hold to its date) the mitigation that lowers a risk.
  case fundMitigation = "fund-mitigation"
  /// Make a report that falls due.
  case report
  /// Give an action that is late a new day.
  case reschedule
  /// Leave it to the next meeting.
  case `defer`
  /// Nothing more to decide: the item is resolved.
  case close
  public static let termName = "decision"

  /// What the meeting is asked, in words.
  public var asked: String {
    switch self {
    case .approve: "approve a review"
    case .suspend: "suspend the feature"
    case .acceptException: "accept an exception until a date"
    case .assignOwner: "assign an owner"
    case .fundMitigation: "fund a mitigation"
    case .report: "make the report due"
    case .reschedule: "set a new date or drop it"
    case .defer: "defer it"
    case .close: "close it"
    }
  }
}

/// The kinds of item a decision or an action may name, as the report writes them before the `/`.
public enum DecisionItemKind: String, Vocabulary {
  case review, risk, mitigation, incident, monitoring, check, action, feature, control, framework
  public static let termName = "item kind"

  /// Checks an item's name: a kind, a slash, and what it names.
  static func check(_ item: String, field: String = "item") throws {
    let parts = item.split(separator: "/", maxSplits: 1).map(String.init)
    guard parts.count == 2, Self(rawValue: parts[0]) != nil, !parts[1].isEmpty,
      item.utf8.count <= 200, !item.contains(where: { $0.isWhitespace || $0.isNewline })
    else {
      throw AIGovError.invalidValue(
        field: field, value: item,
        expected: "KIND/NAME as the report names it (review/kb-search, risk/12, "
          + "incident/INC-7), KIND one of " + allCases.map(\.rawValue).joined(separator: ", "))
    }
  }
}

/// Something a meeting asked a person to do by a day.
public struct MeetingAction: Equatable, Sendable {
  public var id: Int
  /// The meeting that gave it out.
  public var meeting: Int
  /// The item it answers, when it answers one.
  public var item: String?
  public var title: String
  /// Who owes it: a handle or a name.
  public var owner: String
  /// The day it is due, YYYY-MM-DD.
  public var dueOn: String
  public var status: ActionStatus
  /// The day it was done or dropped.
  public var closedOn: String?
  /// Why it was dropped, or what was done.
  public var note: String?
  public var createdAt: String
  public var updatedAt: String
  public var version: Int

  /// Its state on `day`: done (by then), dropped, late (due before it and still open) or open.
  public func standing(on day: String) -> ActionStanding {
    if let closedOn, closedOn <= day {
      return status == .dropped ? .dropped : (closedOn <= dueOn ? .done : .doneLate)
    }
    return dueOn < day ? .late : .open
  }
}

/// What a person states of an action when a meeting is recorded.
public struct ActionDraft: Equatable, Sendable {
  public var title: String
  public var owner: String
  public var dueOn: String
  public var item: String?

  public init(title: String, owner: String, dueOn: String, item: String? = nil) {
    self.title = title
    self.owner = owner
    self.dueOn = dueOn
    self.item = item
  }
}

public enum ActionStatus: String, Vocabulary {
  case open, done, dropped
  public static let termName = "action status"
}

/// An action's state on a given day, as the next report tells it.
public enum ActionStanding: String, Codable, Sendable {
  case done
  case doneLate = "done-late"
  case dropped, late, open
}

extension Meeting {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension Meeting: TableRecord {
  public static let entity = AuditEntity.meeting
  public var auditKey: String { String(id) }

  var extraFields: [(name: String, value: ExtraField)] {
    let decisions = self.decisions
    return [
      ("attendees", .texts(attendees)),
      ("decisions", .objects { MeetingDecision.write(decisions, to: &$0) }),
    ]
  }

  mutating func readExtraFields(from values: KeyedDecodingContainer<FieldKey>) throws {
    attendees = try values.decode([String].self, forKey: FieldKey("attendees"))
    decisions = try values.decode([MeetingDecision].self, forKey: FieldKey("decisions"))
  }

  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try Self.table.encodeFields(of: self, to: &values)
    try values.encode(attendees, forKey: FieldKey("attendees"))
    try values.encode(decisions, forKey: FieldKey("decisions"))
  }
}

extension TextField {
  public static let meetingAttendee = TextField("meeting", "attendee", .one, 100)
  public static let meetingNotes = TextField("meeting", "notes", .many, 10_000)
  public static let meetingDecisionNote = TextField("meeting", "decision", .one, 1_000)
  public static let actionTitle = TextField("action", "title", .one, 300)
  public static let actionOwner = TextField("action", "owner", .one, 100)
  public static let actionNote = TextField("action", "note", .one, 1_000)
}

extension Meeting {
  /// The `meetings` table; its decisions are rows of `meeting_decisions`, its attendees one
  /// text of names joined by `, `.
  static let table = RecordTable<Meeting>(
    name: "meetings", alias: "m",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .text("held_on", { $0.heldOn }, { $0.heldOn = $1 })
        .described("The day it was held, YYYY-MM-DD.").required,
      .text("quarter", { $0.quarter }, { $0.quarter = $1 })
        .described("The quarter it reviewed, such as 2026-Q3.").required,
      RecordColumn(
        exchange: .text("attendees"), role: .content, auditField: nil,
        value: { .text($0.attendees.joined(separator: ", ")) },
        read: {
          $0.attendees = try $1.text(column: "attendees").components(separatedBy: ", ")
        }),
      .optionalText("notes", { $0.notes }, { $0.notes = $1 }, .meetingNotes)
        .described("What else the minutes say."),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
    ],
    empty: {
      Meeting(
        id: 0, heldOn: "", quarter: "", attendees: [], notes: nil, createdAt: "", decisions: [])
    })
}

extension MeetingAction {
  /// Every field of its JSON that a column holds, described.
  public static let fields: [FieldDescription] = table.fieldDescriptions
}

extension MeetingAction: TableRecord, VersionedRecord {
  public static let entity = AuditEntity.meetingAction
  public var auditKey: String { String(id) }
}

extension MeetingAction {
  static let table = RecordTable<MeetingAction>(
    name: "meeting_actions", alias: "ma",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      RecordColumn(
        exchange: .integer("meeting_id"), role: .content, auditField: "meeting",
        value: { .integer(Int64($0.meeting)) },
        read: { $0.meeting = try $1.integer(column: "meeting_id") }),
      .optionalText("item", { $0.item }, { $0.item = $1 })
        .described("The item of the report it answers: review/kb-search, risk/12."),
      .text("title", { $0.title }, { $0.title = $1 }, .actionTitle)
        .described("What is to be done.").required,
      .text("owner", { $0.owner }, { $0.owner = $1 }, .actionOwner)
        .described("Who owes it: a handle or a name.").required,
      .text("due_on", { $0.dueOn }, { $0.dueOn = $1 })
        .described("The day it is due, YYYY-MM-DD.").required,
      .term("status", { $0.status }, { $0.status = $1 })
        .described("open, done or dropped."),
      .optionalText("closed_on", { $0.closedOn }, { $0.closedOn = $1 })
        .described("The day it was done or dropped."),
      .optionalText("note", { $0.note }, { $0.note = $1 }, .actionNote)
        .described("What was done, or why it was dropped."),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      MeetingAction(
        id: 0, meeting: 0, item: nil, title: "", owner: "", dueOn: "", status: .open,
        closedOn: nil, note: nil, createdAt: "", updatedAt: "", version: 0)
    })
}
