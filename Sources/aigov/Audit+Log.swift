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
      let events = try global.openRegistryForReading().auditTrail.events(
        AuditFilter(entity: entity?.rawValue, entityKey: key, limit: last))
      try output.emit(try events.map(ExpandedAuditEvent.init)) {
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
}
