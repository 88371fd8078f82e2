import AIGovKit
import ArgumentParser

extension AIGov.Audit {
  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log",
      abstract: "Show the audit trail, oldest first.")

    @Option(
      help: "Only events about this kind of record.")
    var entity: AuditEntity?
    @Option(help: "Only events about this record (a feature's key, a risk's number, ...).")
    var key: String?
    @Option(help: "Only the newest N events.")
    var last: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if let last, last < 1 {
        throw ValidationError("invalid --last '\(last)' (expected a positive number of events)")
      }
    }

    func run() throws {
      let events = try global.openRegistry().auditTrail.events(
        AuditFilter(entity: entity?.rawValue, entityKey: key, limit: last))
      if output.isJSON { return try Console.json(try events.map(AuditEventOutput.init)) }
      guard !events.isEmpty else { return Console.note("no audit events match") }
      var table = TextTable("SEQ", "AT", "ACTOR", "ACTION", "RECORD", "HASH")
      for event in events {
        table.append([
          String(event.seq), event.at, event.actor, event.action,
          "\(event.entity) \(event.entityKey)", String(event.hash.prefix(12)),
        ])
      }
      Console.output(table.render(color: global.usesColor), styled: global.usesColor)
    }
  }
}

/// An audit event for JSON output, with `before` and `after` as JSON objects rather than text.
struct AuditEventOutput: Encodable {
  var event: AuditEvent
  var before: JSONValue?
  var after: JSONValue?

  init(_ event: AuditEvent) throws {
    self.event = event
    before = try event.before.map(JSONValue.init(parsing:))
    after = try event.after.map(JSONValue.init(parsing:))
  }

  enum CodingKeys: String, CodingKey {
    case seq, at, actor, action, entity
    case entityKey = "entity_key"
    case before, after
    case prevHash = "prev_hash"
    case hash
  }

  func encode(to encoder: any Encoder) throws {
    var values = encoder.container(keyedBy: CodingKeys.self)
    try values.encode(event.seq, forKey: .seq)
    try values.encode(event.at, forKey: .at)
    try values.encode(event.actor, forKey: .actor)
    try values.encode(event.action, forKey: .action)
    try values.encode(event.entity, forKey: .entity)
    try values.encode(event.entityKey, forKey: .entityKey)
    try values.encode(before, forKey: .before)
    try values.encode(after, forKey: .after)
    try values.encode(event.prevHash, forKey: .prevHash)
    try values.encode(event.hash, forKey: .hash)
  }
}
