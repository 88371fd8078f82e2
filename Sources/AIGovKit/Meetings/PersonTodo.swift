#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// What one person owes, each with its day: sign-offs waiting for their discipline, periodic
/// reviews of features they own, mitigations and meeting actions they owe, evidence they provided
/// that expires, and incident reports due on features they own.
public struct PersonTodo: Codable, Equatable, Sendable {
  public var person: String
  public var name: String?
  /// The day the list was made, YYYY-MM-DD.
  public var asOf: String
  /// By day, the ones without a day (a sign-off waiting since then) by the day they began.
  public var entries: [Entry]

  public struct Entry: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
      case signOff = "sign-off"
      case review, mitigation, action, evidence
      case incidentReport = "incident-report"
    }
    public var kind: Kind
    /// The record it is about, as minutes name it: `review/kb-search`, `mitigation/12`.
    public var item: String
    public var title: String
    /// The day it is due (or, for a sign-off, the day the round opened); nil when no day is set.
    public var due: String?
    public var overdue: Bool
    /// The command that does it.
    public var command: String
  }

  enum CodingKeys: String, CodingKey {
    case person, name
    case asOf = "as_of"
    case entries
  }
}

extension Registry {
  /// Everything `person` (a reviewer's handle, or an owner as records name them) owes. A person
  /// no record names is refused when `known` (a name given by hand, perhaps misspelt); a person
  /// signed in to the server simply owes nothing.
  public func todo(for person: String, horizonDays: Int = 90, known: Bool = false) throws
    -> PersonTodo
  {
    let today = String(now.prefix(10))
    let horizon = String(
      Timestamp.format(clock().addingTimeInterval(Double(horizonDays) * 86_400)).prefix(10))
    let named =
      try database.scalarInteger(
        """
        SELECT count(*) FROM (
          SELECT handle AS p FROM reviewers UNION SELECT owner FROM features
          UNION SELECT owner FROM risks UNION SELECT owner FROM mitigations
          UNION SELECT owner FROM meeting_actions UNION SELECT provided_by FROM evidence
          UNION SELECT owner FROM monitoring_plans) WHERE p = ?
        """, [person]) ?? 0
    guard named > 0 || !known else {
      throw AIGovError.invalidValue(
        field: "person", value: person,
        expected: "a reviewer's handle, or an owner a record names (see 'aigov reviewer list')")
    }
    var entries: [PersonTodo.Entry] = []
    func add(
      _ kind: PersonTodo.Entry.Kind, _ item: String, _ title: String, _ due: String?,
      _ command: String
    ) {
      entries.append(
        PersonTodo.Entry(
          kind: kind, item: item, title: title, due: due,
          overdue: kind != .signOff && (due.map { $0 < today } ?? false), command: command))
    }
    // Rounds waiting for a discipline the person holds, on features they do not own.
    try database.forEachRow(
      """
      SELECT f.key, f.name, r.number, rd.discipline, substr(r.opened_at, 1, 10) AS opened
      FROM review_rounds r JOIN features f ON f.id = r.feature_id
      JOIN reviewers v ON v.handle = ?
      JOIN reviewer_disciplines rd ON rd.reviewer_id = v.id
      WHERE r.status = 'open' AND f.owner != v.handle
        AND instr(',' || r.required_disciplines || ',', ',' || rd.discipline || ',') > 0
        AND NOT EXISTS (SELECT 1 FROM signoffs s WHERE s.round_id = r.id
                        AND s.discipline = rd.discipline)
      ORDER BY r.opened_at, f.key
      """, [person]
    ) { row in
      let key = try row.text("key")
      let discipline = try row.text("discipline")
      add(
        .signOff, "review/\(key)",
        "Sign off round \(try row.integer("number")) of \(try row.text("name")) for "
          + discipline, try row.text("opened"),
        RemedyAction.signOff(feature: key, try Discipline.parse(discipline)).commandLine)
    }
    try database.forEachRow(
      """
      SELECT key, name, last_reviewed_at, review_interval_days FROM features
      WHERE owner = ? AND status IN ('approved', 'launched') ORDER BY key
      """, [person]
    ) { row in
      let key = try row.text("key")
      let interval = Double(try row.integer("review_interval_days")) * 86_400
      let due = row.optionalText("last_reviewed_at").flatMap(Timestamp.parse).map {
        String(Timestamp.format($0.addingTimeInterval(interval)).prefix(10))
      }
      guard due.map({ $0 <= horizon }) ?? true else { return }
      add(
        .review, "review/\(key)", "Periodic review of \(try row.text("name"))", due,
        RemedyAction.openReview(feature: key).commandLine)
    }
    try database.forEachRow(
      """
      SELECT m.id, m.title, m.due_on, f.key FROM mitigations m JOIN risks r ON r.id = m.risk_id
      JOIN features f ON f.id = r.feature_id
      WHERE m.owner = ? AND m.status IN ('planned', 'in-progress') AND f.status != 'retired'
      ORDER BY m.id
      """, [person]
    ) { row in
      let id = try row.integer("id")
      add(
        .mitigation, "mitigation/\(id)",
        "Mitigation #\(id) of \(try row.text("key")): \(try row.text("title"))",
        row.optionalText("due_on"), RemedyAction.completeMitigation(id).commandLine)
    }
    for action in try meetingActions(owner: person) where action.status == .open {
      add(
        .action, "action/\(action.id)", "Action #\(action.id): \(action.title)", action.dueOn,
        "aigov meeting done \(action.id)")
    }
    try database.forEachRow(
      """
      SELECT id, title, expires_on FROM evidence e
      WHERE provided_by = ? AND expires_on IS NOT NULL AND expires_on <= ?
        AND NOT EXISTS (SELECT 1 FROM evidence later WHERE later.revises = e.id)
      ORDER BY expires_on, id
      """, [person, horizon]
    ) { row in
      let id = try row.integer("id")
      add(
        .evidence, "evidence/\(id)", "Evidence #\(id) expires: \(try row.text("title"))",
        try row.text("expires_on"), "aigov evidence revise \(id) --file FILE --collected-on DAY")
    }
    let owned = Set(
      try database.query("SELECT key FROM features WHERE owner = ?", [person]).map {
        try $0.text("key")
      })
    for incident in try incidents() where incident.status == .open {
      guard !owned.isDisjoint(with: incident.features) else { continue }
      for deadline in IncidentRecord(incident, at: clock()).deadlines
      where ["due", "overdue"].contains(deadline.standing) {
        add(
          .incidentReport, "incident/\(incident.reference)",
          "Report incident \(incident.reference) (\(deadline.regime)): \(incident.title)",
          String(deadline.due.prefix(10)),
          ReportingDeadline.Regime(rawValue: deadline.regime).map {
            RemedyAction.recordIncidentReport(incident: incident.reference, $0).commandLine
          } ?? "aigov incident show \(incident.reference)")
      }
    }
    let name = try database.queryOne("SELECT name FROM reviewers WHERE handle = ?", [person])?
      .optionalText("name")
    return PersonTodo(
      person: person, name: name, asOf: today,
      entries: entries.enumerated().sorted {
        ($0.element.due ?? "", $0.offset) < ($1.element.due ?? "", $1.offset)
      }.map(\.element))
  }
}

/// A person's dates as an iCalendar feed (RFC 5545): one all-day event per dated entry, each with
/// a UID that stays the same as long as the entry does, so a calendar updates rather than
/// duplicates it.
public struct TodoCalendar: Sendable {
  public var todo: PersonTodo
  /// The host the UIDs are scoped to.
  public var domain: String

  public init(_ todo: PersonTodo, domain: String = "aigov.invalid") {
    self.todo = todo
    self.domain = domain
  }

  public var text: String {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//aigov//todo//EN", "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape("aigov: \(todo.name ?? todo.person)"),
    ]
    let stamp = todo.asOf.replacingDashes + "T000000Z"
    for entry in todo.entries {
      guard let due = entry.due, Timestamp.isValidDay(due) else { continue }
      let day = due.replacingDashes
      let next =
        Timestamp.parse(due + "T00:00:00Z").map {
          String(Timestamp.format($0.addingTimeInterval(86_400)).prefix(10)).replacingDashes
        } ?? day
      lines += [
        "BEGIN:VEVENT",
        "UID:" + Self.escape("\(entry.kind.rawValue)-\(entry.item)-\(todo.person)@\(domain)"),
        "DTSTAMP:\(stamp)",
        "DTSTART;VALUE=DATE:\(day)",
        "DTEND;VALUE=DATE:\(next)",
        "SUMMARY:"
          + Self.escape(
            (entry.kind == .signOff ? "Waiting since this day: " : "Due: ") + entry.title),
        "DESCRIPTION:" + Self.escape(entry.command),
        "CATEGORIES:" + Self.escape(entry.kind.rawValue),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.flatMap(Self.fold).joined(separator: "\r\n") + "\r\n"
  }

  /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline escaped; control
  /// characters and bidirectional overrides, which no calendar should show raw, written as
  /// `‹U+XXXX›`.
  public static func escape(_ value: String) -> String {
    var out = ""
    for scalar in UntrustedText.visibleOnOneLine(value).unicodeScalars {
      switch scalar {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A content line folded at 75 octets (RFC 5545 §3.1), never inside a character.
  public static func fold(_ line: String) -> [String] {
    var lines: [String] = []
    var current = ""
    var octets = 0
    for character in line {
      let size = String(character).utf8.count
      let limit = lines.isEmpty ? 75 : 74
      if octets + size > limit {
        lines.append(lines.isEmpty ? current : " " + current)
        current = ""
        octets = 0
      }
      current.append(character)
      octets += size
    }
    lines.append(lines.isEmpty ? current : " " + current)
    return lines
  }
}

extension String {
  fileprivate var replacingDashes: String { split(separator: "-").joined() }
}
