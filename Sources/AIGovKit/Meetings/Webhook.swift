import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A receiver the company registers for the events people act on: `aigov serve` posts each
/// event to it, signed as the Standard Webhooks specification describes, and retries with
/// backoff until the receiver answers 2xx.
public struct Webhook: Equatable, Sendable {
  public var id: Int
  public var url: String
  /// The kinds of event it takes.
  public var events: [WebhookEvent]
  /// How many days ahead a deadline is announced.
  public var withinDays: Int
  /// `whsec_` and the base64 key the messages are signed with. Never in the trail or an export.
  public var secret: String
  public var status: WebhookStatus
  public var createdAt: String
  public var updatedAt: String
  public var version: Int
}

/// What a webhook is told of.
public enum WebhookEvent: String, Vocabulary {
  /// A review round opened: sign-offs wait for its disciplines.
  case reviewWaiting = "review.waiting"
  /// A deadline a person owes falls within the webhook's days.
  case deadlineNear = "deadline.near"
  /// An incident was opened.
  case incidentOpened = "incident.opened"
  /// `aigov check` finds an error it did not find before.
  case checkError = "check.error"
  public static let termName = "webhook event"
}

public enum WebhookStatus: String, Vocabulary {
  case active, removed
  public static let termName = "webhook status"
}

extension Webhook: TableRecord, VersionedRecord {
  public static let entity = AuditEntity.webhook
  public var auditKey: String { String(id) }

  /// The secret's SHA-256, which the trail keeps in its place: a secret swapped behind aigov's
  /// back no longer matches it.
  public var secretSHA256: String { CanonicalJSON.hex(SHA256.hash(data: Array(secret.utf8))) }

  var extraFields: [(name: String, value: ExtraField)] {
    [("secret_sha256", .value(.text(secretSHA256)))]
  }

  /// Its JSON and its audit record: everything but the secret, which only its hash stands for.
  public func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: FieldKey.self)
    try Self.table.encodeFields(of: self, to: &values)
    try values.encode(secretSHA256, forKey: FieldKey("secret_sha256"))
  }
}

extension Webhook {
  static let table = RecordTable<Webhook>(
    name: "webhooks", alias: "w",
    columns: [
      .id({ $0.id }, { $0.id = $1 }),
      .text("url", { $0.url }, { $0.url = $1 }),
      RecordColumn(
        exchange: .text("events"), role: .content, auditField: "events",
        value: { .text($0.events.map(\.rawValue).joined(separator: ",")) },
        read: { webhook, value in
          webhook.events = try value.text(column: "events").split(separator: ",").map {
            try WebhookEvent.parse(String($0))
          }
        }),
      .integer("within_days", { $0.withinDays }, { $0.withinDays = $1 }),
      RecordColumn(
        exchange: .text("secret"), role: .content, auditField: nil,
        value: { .text($0.secret) },
        read: { $0.secret = try $1.text(column: "secret") }),
      .term("status", { $0.status }, { $0.status = $1 }),
      .text("created_at", { $0.createdAt }, { $0.createdAt = $1 }, role: .createdAt),
      .text("updated_at", { $0.updatedAt }, { $0.updatedAt = $1 }, role: .updatedAt),
      .integer("version", { $0.version }, { $0.version = $1 }, role: .version),
    ],
    empty: {
      Webhook(
        id: 0, url: "", events: [], withinDays: 7, secret: "", status: .active, createdAt: "",
        updatedAt: "", version: 0)
    })
}

/// One message queued for a webhook, and how its delivery went.
public struct WebhookMessage: Codable, Equatable, Sendable {
  public var id: Int
  public var webhook: Int
  /// The `webhook-id` header: the same on every attempt, so a receiver can drop a repeat.
  public var messageID: String
  public var type: WebhookEvent
  /// The JSON body, as signed.
  public var payload: String
  public var createdAt: String
  public var attempts: Int
  public var nextAttempt: String?
  public var status: String
  public var lastResult: String?
  public var deliveredAt: String?

  enum CodingKeys: String, CodingKey {
    case id, webhook
    case messageID = "message_id"
    case type, payload
    case createdAt = "created_at"
    case attempts
    case nextAttempt = "next_attempt"
    case status
    case lastResult = "last_result"
    case deliveredAt = "delivered_at"
  }
}

/// Standard Webhooks signing: HMAC-SHA256 over `id.timestamp.body` with the secret's key,
/// written `v1,BASE64`.
public enum StandardWebhook {
  public static func newSecret() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return "whsec_" + Data(bytes).base64EncodedString()
  }

  /// The key a `whsec_` secret holds; nil when it holds none.
  public static func key(_ secret: String) -> SymmetricKey? {
    guard secret.hasPrefix("whsec_"),
      let bytes = Data(base64Encoded: String(secret.dropFirst(6))), bytes.count >= 16
    else { return nil }
    return SymmetricKey(data: bytes)
  }

  public static func signature(
    secret: String, id: String, timestamp: Int, body: String
  ) -> String? {
    guard let key = key(secret) else { return nil }
    let mac = HMAC<SHA256>.authenticationCode(
      for: Array("\(id).\(timestamp).\(body)".utf8), using: key)
    return "v1," + Data(mac).base64EncodedString()
  }

  /// The wait before attempt `attempt + 1`, after `attempt` failed (1-based): the specification's
  /// schedule, 5 seconds, 5 minutes, 30 minutes, 2, 5, 10 and 10 hours, scaled by `scale`; nil
  /// when the attempts are spent.
  public static func retryDelay(after attempt: Int, scale: Double = 1) -> Double? {
    let schedule: [Double] = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000]
    guard attempt >= 1, attempt <= schedule.count else { return nil }
    return schedule[attempt - 1] * scale
  }
}

extension Registry {
  public func webhooks() throws -> [Webhook] {
    try database.query(
      "SELECT \(Webhook.table.selectList()) FROM webhooks ORDER BY id"
    ).map(Webhook.table.record(at:))
  }

  public func webhook(_ id: Int) throws -> Webhook {
    guard
      let row = try database.queryOne(
        "SELECT \(Webhook.table.selectList()) FROM webhooks WHERE id = ?", [id])
    else { throw AIGovError.notFound(entity: "webhook", key: String(id)) }
    return try Webhook.table.record(at: row)
  }

  /// Registers a receiver; a secret is made when none is given. Its scan starts at the trail's
  /// head: it is told of what happens from now on.
  @discardableResult
  public func addWebhook(
    url: String, events: [WebhookEvent], withinDays: Int = 7, secret: String? = nil
  ) throws -> Webhook {
    try database.transaction {
      guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""),
        parsed.host?.isEmpty == false, url.utf8.count <= 2_000,
        !url.contains(where: { $0.isWhitespace })
      else {
        throw AIGovError.invalidValue(
          field: "url", value: url, expected: "an http or https URL of the receiver")
      }
      guard !events.isEmpty else {
        throw AIGovError.invalidValue(
          field: "event", value: "",
          expected: "at least one of "
            + WebhookEvent.allCases.map(\.rawValue).joined(separator: ", "))
      }
      try Validation.range(withinDays, 1...365, field: "within days")
      let secret = secret ?? StandardWebhook.newSecret()
      guard StandardWebhook.key(secret) != nil else {
        throw AIGovError.invalidValue(
          field: "secret", value: "whsec_…",
          expected: "whsec_ and at least 16 bytes in base64")
      }
      var webhook = Webhook(
        id: 0, url: url,
        events: WebhookEvent.allCases.filter(events.contains), withinDays: withinDays,
        secret: secret, status: .active, createdAt: now, updatedAt: now, version: 1)
      webhook.id = try insert(webhook, into: Webhook.table)
      try recordEvent(.webhookCreate, before: nil, after: webhook)
      try database.execute(
        "INSERT INTO webhook_scan (webhook_id, after_seq) "
          + "VALUES (?, (SELECT coalesce(max(seq), 0) FROM audit_events))", [webhook.id])
      return webhook
    }
  }

  /// Stops posting to a receiver; its messages and their log stay.
  @discardableResult
  public func removeWebhook(_ id: Int) throws -> Webhook {
    try database.transaction {
      let before = try webhook(id)
      guard before.status == .active else { return before }
      var after = before
      after.status = .removed
      _ = try saveEdit(&after, from: before, in: Webhook.table)
      try recordEvent(.webhookRemove, before: before, after: after)
      try database.execute(
        "UPDATE webhook_messages SET status = 'failed', last_result = 'webhook removed' "
          + "WHERE webhook_id = ? AND status = 'pending'", [id])
      return after
    }
  }

  /// The delivery log: every message (of one webhook, when given), newest first.
  public func webhookMessages(webhook: Int? = nil, limit: Int = 100) throws -> [WebhookMessage] {
    try database.query(
      "SELECT * FROM webhook_messages"
        + (webhook == nil ? "" : " WHERE webhook_id = \(webhook!)")
        + " ORDER BY id DESC LIMIT \(max(1, limit))"
    ).map(Self.message(from:))
  }

  static func message(from row: Row) throws -> WebhookMessage {
    WebhookMessage(
      id: try row.integer("id"), webhook: try row.integer("webhook_id"),
      messageID: try row.text("message_id"), type: try WebhookEvent.parse(try row.text("type")),
      payload: try row.text("payload"), createdAt: try row.text("created_at"),
      attempts: try row.integer("attempts"), nextAttempt: row.optionalText("next_attempt"),
      status: try row.text("status"), lastResult: row.optionalText("last_result"),
      deliveredAt: row.optionalText("delivered_at"))
  }

  /// Reads what happened since each active webhook's scan and queues a message for each event it
  /// takes: rounds opened, incidents opened, check errors not found before, and deadlines within
  /// its days (looked for at most once an hour). Returns how many it queued.
  @discardableResult
  public func queueWebhookMessages() throws -> Int {
    let hooks = try webhooks().filter { $0.status == .active }
    guard !hooks.isEmpty else { return 0 }
    return try database.transaction {
      let head = try database.scalarInteger("SELECT coalesce(max(seq), 0) FROM audit_events") ?? 0
      var queued = 0
      var errors: Set<String>?
      var todos: [PersonTodo]?
      let stamp = now
      for hook in hooks {
        guard
          let scan = try database.queryOne(
            "SELECT after_seq, check_errors, deadlines_at FROM webhook_scan WHERE webhook_id = ?",
            [hook.id])
        else { continue }
        let after = try scan.integer("after_seq")
        func queue(_ type: WebhookEvent, _ id: String, _ data: JSONValue) throws {
          guard hook.events.contains(type) else { return }
          let encoder = JSONEncoder()
          encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
          let body = String(
            decoding: try encoder.encode(
              JSONValue.object([
                "type": .string(type.rawValue), "timestamp": .string(stamp), "data": data,
              ])), as: UTF8.self)
          try database.execute(
            """
            INSERT OR IGNORE INTO webhook_messages
              (webhook_id, message_id, type, payload, created_at, next_attempt)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [hook.id, "msg_" + id, type.rawValue, body, stamp, stamp])
          queued += database.changedRowCount
        }
        if head > after {
          try database.forEachRow(
            """
            SELECT seq, action, entity_key, after FROM audit_events
            WHERE seq > ? AND action IN ('review.open', 'incident.open') ORDER BY seq
            """, [after]
          ) { row in
            let record = try JSONValue(parsing: try row.text("after"))
            let key = try row.text("entity_key")
            if try row.text("action") == "review.open" {
              try queue(.reviewWaiting, "review-\(key)", record)
            } else {
              try queue(.incidentOpened, "incident-\(key)", record)
            }
          }
        }
        var seen = Set(
          try scan.text("check_errors").split(separator: "\n").map(String.init))
        if hook.events.contains(.checkError), head > after || seen.isEmpty {
          if errors == nil {
            errors = Set(
              try check().findings.filter { $0.severity == .error }.map {
                "\($0.subject)/\($0.rule.rawValue)"
              })
          }
          for error in errors!.subtracting(seen).sorted() {
            try queue(
              .checkError, "check-\(head)-\(error)",
              .object(["finding": .string(error), "as_of_event": .integer(head)]))
          }
          seen = errors!
        }
        var deadlinesAt = scan.optionalText("deadlines_at")
        if hook.events.contains(.deadlineNear),
          deadlinesAt.flatMap(Timestamp.parse).map({ clock().timeIntervalSince($0) >= 3_600 })
            ?? true
        {
          if todos == nil { todos = try everyonesTodo(horizonDays: 365) }
          let today = String(stamp.prefix(10))
          let until = String(
            Timestamp.format(clock().addingTimeInterval(Double(hook.withinDays) * 86_400))
              .prefix(10))
          for todo in todos! {
            for entry in todo.entries where entry.kind != .signOff {
              guard let due = entry.due, due >= today, due <= until else { continue }
              try queue(
                .deadlineNear,
                "deadline-\(todo.person)-\(entry.kind.rawValue)-\(entry.item)-\(due)",
                .object([
                  "person": .string(todo.person), "kind": .string(entry.kind.rawValue),
                  "item": .string(entry.item), "title": .string(entry.title),
                  "due": .string(due), "command": .string(entry.command),
                ]))
            }
          }
          deadlinesAt = stamp
        }
        try database.execute(
          "UPDATE webhook_scan SET after_seq = ?, check_errors = ?, deadlines_at = ? "
            + "WHERE webhook_id = ?",
          [head, seen.sorted().joined(separator: "\n"), deadlinesAt, hook.id])
      }
      return queued
    }
  }

  /// Every person's list: each reviewer and each owner a record names.
  func everyonesTodo(horizonDays: Int) throws -> [PersonTodo] {
    let people = try database.query(
      """
      SELECT handle AS p FROM reviewers UNION SELECT owner FROM features
      UNION SELECT owner FROM mitigations UNION SELECT owner FROM meeting_actions
      UNION SELECT provided_by FROM evidence ORDER BY p
      """
    ).map { try $0.text("p") }
    return try people.map { try todo(for: $0, horizonDays: horizonDays) }
  }

  /// The messages whose next attempt has come, with their webhook.
  public func dueWebhookMessages() throws -> [(WebhookMessage, Webhook)] {
    let hooks = Dictionary(uniqueKeysWithValues: try webhooks().map { ($0.id, $0) })
    return try database.query(
      "SELECT * FROM webhook_messages WHERE status = 'pending' AND next_attempt <= ? "
        + "ORDER BY id LIMIT 100", [now]
    ).compactMap { row in
      let message = try Self.message(from: row)
      return hooks[message.webhook].map { (message, $0) }
    }
  }

  /// Records one attempt: delivered, or failed with `result` and retried after the schedule's
  /// wait (scaled), until the attempts are spent.
  public func recordWebhookAttempt(
    _ id: Int, delivered: Bool, result: String, retryScale: Double = 1
  ) throws {
    try database.transaction {
      let attempts =
        (try database.scalarInteger(
          "SELECT attempts FROM webhook_messages WHERE id = ?", [id]) ?? 0) + 1
      if delivered {
        try database.execute(
          "UPDATE webhook_messages SET attempts = ?, status = 'delivered', last_result = ?, "
            + "delivered_at = ?, next_attempt = NULL WHERE id = ?", [attempts, result, now, id])
        return
      }
      let next = StandardWebhook.retryDelay(after: attempts, scale: retryScale).map {
        Timestamp.format(clock().addingTimeInterval($0))
      }
      try database.execute(
        "UPDATE webhook_messages SET attempts = ?, status = ?, last_result = ?, next_attempt = ? "
          + "WHERE id = ?", [attempts, next == nil ? "failed" : "pending", result, next, id])
    }
  }
}
