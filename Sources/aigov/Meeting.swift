import AIGovKit
import ArgumentParser

extension AIGov {
  struct Meeting: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "meeting",
      abstract: "Record the review meeting's minutes, and the actions it gave out.",
      discussion: """
        A meeting reviews a quarter's report: its decisions name the report's items \
        (review/KEY, risk/12, incident/REF, monitoring/KEY/METRIC, check/KEY/RULE, action/4), \
        and its actions have an owner and a due day. Minutes are never edited; an action is later \
        marked done or dropped. The next quarter's report opens with the actions and their \
        state. A change a meeting decided (a suspension) cites it with \
        'aigov feature set-status ... --meeting N'.
        """,
      subcommands: [Record.self, List.self, Show.self, Actions.self, Done.self, Drop.self])
  }
}

extension AIGov.Meeting {
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "record", abstract: "Record a meeting as it was held.",
      discussion: """
        Example:
          aigov meeting record --held 2026-10-08 --quarter 2026-Q3 \\
            --attendee dana --attendee priya --attendee aisha \\
            --decision "review/churn-predictor approve: Open the review this month" \\
            --decision "risk/12 accept-exception until 2026-12-31: Filter ships in Q4" \\
            --action "marcus by 2026-10-31 for risk/12: Ship the PII filter"
        """)

    @Option(help: "The day it was held, YYYY-MM-DD.")
    var held: String
    @Option(help: "The quarter it reviewed, YYYY-QN.")
    var quarter: String
    @Option(help: "Who attended (repeat for each person): a handle or a name.")
    var attendee: [String] = []
    @Option(
      help: ArgumentHelp(
        "A decision taken (repeat): 'ITEM DECISION[ until YYYY-MM-DD]: NOTE'.",
        discussion: "DECISION is one of "
          + DecisionKind.allCases.map(\.rawValue).joined(separator: ", ") + "."))
    var decision: [String] = []
    @Option(help: "An action given out (repeat): 'OWNER by YYYY-MM-DD[ for ITEM]: WHAT'.")
    var action: [String] = []
    @Option(help: "What else the minutes say.")
    var notes: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      var draft = MeetingDraft(heldOn: held, quarter: quarter, attendees: attendee, notes: notes)
      draft.decisions = try decision.map(MeetingLines.decision)
      draft.actions = try action.map(MeetingLines.action)
      let (meeting, actions) = try global.openRegistry().recordMeeting(draft)
      try output.emit(MeetingMinutes(meeting: meeting, actions: actions))
      Console.note(
        "recorded meeting \(meeting.id) of \(meeting.heldOn) (\(meeting.quarter)): "
          + "\(meeting.decisions.count) decisions, \(actions.count) actions")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the meetings, oldest first.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistryForReading()
      let meetings = try registry.meetings()
      let actions = Dictionary(grouping: try registry.meetingActions(), by: \.meeting)
      try output.emit(meetings) {
        guard !meetings.isEmpty else { return Console.note("no meetings") }
        let today = String(Timestamp.format(global.clock()).prefix(10))
        var table = TextTable("#", "HELD", "QUARTER", "DECISIONS", "ACTIONS", "ATTENDEES")
        for meeting in meetings {
          let standing = (actions[meeting.id] ?? []).map { $0.standing(on: today) }
          table.append([
            String(meeting.id), meeting.heldOn, meeting.quarter, String(meeting.decisions.count),
            MeetingLines.tally(standing), meeting.attendees.joined(separator: ", "),
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show", abstract: "Show a meeting's minutes and its actions.")

    @Argument(help: "The meeting's number.")
    var id: Int
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistryForReading()
      let meeting = try registry.meeting(id)
      let actions = try registry.meetingActions(meeting: id)
      try output.emit(MeetingMinutes(meeting: meeting, actions: actions)) {
        let today = String(Timestamp.format(global.clock()).prefix(10))
        var lines = [
          "Meeting \(meeting.id), held \(meeting.heldOn), reviewing \(meeting.quarter)",
          "  attended: \(meeting.attendees.joined(separator: ", ").visibleOnOneLine)",
        ]
        if let notes = meeting.notes { lines += ["", notes.visible] }
        lines += ["", "Decisions:"]
        lines += meeting.decisions.isEmpty ? ["  none"] : meeting.decisions.map(MeetingLines.line)
        lines += ["", "Actions:"]
        lines += actions.isEmpty ? ["  none"] : actions.map { MeetingLines.line($0, on: today) }
        Console.output(lines.joined(separator: "\n"), styled: false)
      }
    }
  }

  struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "actions", abstract: "List the actions meetings gave out, with their state.")

    @Option(help: "Only the actions this person owes.")
    var owner: String?
    @Flag(help: "Only the actions still open (late ones included).")
    var open = false
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let actions = try global.openRegistryForReading().meetingActions(owner: owner)
        .filter { !open || $0.status == .open }
      try output.emit(actions) {
        guard !actions.isEmpty else { return Console.note("no actions") }
        let today = String(Timestamp.format(global.clock()).prefix(10))
        var table = TextTable("#", "MEETING", "OWNER", "DUE", "STATE", "ITEM", "WHAT")
        for action in actions {
          table.append([
            String(action.id), String(action.meeting), action.owner, action.dueOn,
            action.standing(on: today).rawValue, action.item ?? "", action.title,
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Done: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "done", abstract: "Mark an action done.")

    @Argument(help: "The action's number.")
    var id: Int
    @Option(help: "The day it was done, YYYY-MM-DD (default: today).")
    var on: String?
    @Option(help: "What was done.")
    var note: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try AIGov.Meeting.close(id, as: .done, note: note, on: on, output: output, global: global)
    }
  }

  struct Drop: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "drop", abstract: "Drop an action, saying why.")

    @Argument(help: "The action's number.")
    var id: Int
    @Option(help: "Why it is dropped.")
    var note: String
    @Option(help: "The day it was dropped, YYYY-MM-DD (default: today).")
    var on: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try AIGov.Meeting.close(id, as: .dropped, note: note, on: on, output: output, global: global)
    }
  }

  /// Marks an action done or dropped, and says so.
  static func close(
    _ id: Int, as status: ActionStatus, note: String?, on day: String?, output: FormatOption,
    global: GlobalOptions
  ) throws {
    let edited = try global.openRegistry().closeAction(id, as: status, note: note, on: day)
    try output.emit(edited.after)
    Console.note("action \(id) \(status.rawValue) on \(edited.after.closedOn ?? "")")
  }
}

/// The one-line forms of a decision and an action, read from the command line and printed.
enum MeetingLines {
  /// `ITEM DECISION[ until YYYY-MM-DD]: NOTE`.
  static func decision(_ text: String) throws -> MeetingDecision {
    let expected =
      "'ITEM DECISION[ until YYYY-MM-DD]: NOTE', such as 'risk/12 accept-exception until "
      + "2026-12-31: Filter ships in Q4'"
    guard let colon = text.firstIndex(of: ":") else {
      throw AIGovError.invalidValue(field: "decision", value: text, expected: expected)
    }
    let head = text[..<colon].split(separator: " ").map(String.init)
    let note = String(text[text.index(after: colon)...]).trimmingWhitespace()
    guard head.count == 2 || (head.count == 4 && head[2] == "until") else {
      throw AIGovError.invalidValue(field: "decision", value: text, expected: expected)
    }
    return MeetingDecision(
      item: head[0], decision: try DecisionKind.parse(head[1], field: "decision"), note: note,
      until: head.count == 4 ? head[3] : nil)
  }

  /// `OWNER by YYYY-MM-DD[ for ITEM]: WHAT`.
  static func action(_ text: String) throws -> ActionDraft {
    let expected =
      "'OWNER by YYYY-MM-DD[ for ITEM]: WHAT', such as 'marcus by 2026-10-31 for risk/12: Ship "
      + "the filter'"
    guard let colon = text.firstIndex(of: ":") else {
      throw AIGovError.invalidValue(field: "action", value: text, expected: expected)
    }
    let head = text[..<colon].split(separator: " ").map(String.init)
    let title = String(text[text.index(after: colon)...]).trimmingWhitespace()
    guard head.count == 3 || (head.count == 5 && head[3] == "for"), head[1] == "by" else {
      throw AIGovError.invalidValue(field: "action", value: text, expected: expected)
    }
    return ActionDraft(
      title: title, owner: head[0], dueOn: head[2], item: head.count == 5 ? head[4] : nil)
  }

  static func line(_ decision: MeetingDecision) -> String {
    "  \(decision.item.visibleOnOneLine): \(decision.decision.rawValue)"
      + (decision.until.map { " until \($0)" } ?? "") + " — \(decision.note.visibleOnOneLine)"
  }

  static func line(_ action: MeetingAction, on day: String) -> String {
    "  #\(action.id) \(action.owner.visibleOnOneLine) by \(action.dueOn) "
      + "[\(action.standing(on: day).rawValue)]"
      + (action.item.map { " for \($0.visibleOnOneLine)" } ?? "")
      + ": \(action.title.visibleOnOneLine)"
      + (action.note.map { " (\($0.visibleOnOneLine))" } ?? "")
  }

  /// `3 (1 late, 2 done)`.
  static func tally(_ standing: [ActionStanding]) -> String {
    guard !standing.isEmpty else { return "0" }
    let counts = Dictionary(grouping: standing, by: { $0 }).mapValues(\.count)
    let order: [ActionStanding] = [.late, .open, .done, .doneLate, .dropped]
    return "\(standing.count) ("
      + order.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
      .joined(separator: ", ") + ")"
  }
}
