import AIGovKit
import ArgumentParser

extension AIGov {
  struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "audit",
      abstract: "Read and verify the tamper-evident audit trail.",
      subcommands: [Log.self, Verify.self])
  }
}

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

  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract:
        "Prove the trail and the inventory: the hash chain, every record, every signature.",
      discussion: """
        Exit 1, naming what broke, when: an event was edited, deleted, inserted or reordered \
        behind aigov's back (the chain); any record of any table differs from its latest event, \
        has no event, or was deleted (reconciliation); or a sign-off's signature does not verify \
        against the key its reviewer had in force when it was made. Record the head hash \
        elsewhere (a report does) and pass it with --head later to also catch a trail that was \
        cut short or rewritten as a whole.
        """)

    @Option(
      name: .customLong("head"),
      help: "A head hash recorded earlier that must still be in the trail (repeatable).")
    var heads: [String] = []
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      let hexDigits = Set("0123456789abcdefABCDEF".utf8)
      for head in heads where head.utf8.count != 64 || !head.utf8.allSatisfy(hexDigits.contains) {
        throw ValidationError(
          "invalid --head '\(head)' (expected a 64-digit SHA-256 hash as 'audit verify' prints it)")
      }
    }

    func run() throws {
      let result = try global.openRegistry().verify(anchors: heads)
      let chain = result.chain
      if output.isJSON {
        try Console.json(result)
      } else if result.isIntact {
        Console.output(
          """
          audit trail intact: \(chain.eventCount) events, head \
          \(chain.headSeq.map(String.init) ?? "-") \(chain.headHash ?? "(empty)")
          records: \(result.recordsChecked) checked, every one as the trail records it
          sign-offs: \(result.signOffsChecked) checked, \(result.signedSignOffs) of them signed, every \
          signature verifies against the key in force when it was made
          """)
      } else {
        let problems = result.problems
        Console.output(
          ([
            "audit trail NOT intact (\(chain.eventCount) events, \(result.recordsChecked) "
              + "records, \(result.signOffsChecked) sign-offs read):"
          ]
            + problems.map { "  " + $0 }).joined(separator: "\n"))
      }
      guard result.isIntact else {
        let problems = result.problems
        let more = problems.count > 1 ? " (and \(problems.count - 1) more: see above)" : ""
        throw Failure(status: .failure, message: "audit trail broken: " + problems[0] + more)
      }
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
