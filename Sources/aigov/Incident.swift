import AIGovKit
import ArgumentParser

extension AIGov {
  struct Incident: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "incident",
      abstract: "Record what went wrong with features after launch, its reports and its cause.",
      discussion: """
        A serious incident (EU AI Act Art. 73) is reported to the authority within 15 days of \
        awareness, 10 where a person died, 2 for a widespread infringement; a personal-data \
        breach (GDPR Art. 33) within 72 hours. Until the authority is told of a serious \
        incident, a material change to its features is refused unless made with \
        --despite-incident REASON.
        """,
      subcommands: [Open.self, Update.self, Close.self, List.self, Show.self])
  }
}

/// The facts of an incident that opening states and an update may change.
struct IncidentFactOptions: ParsableArguments {
  @Option(help: "What happened, in one line.")
  var title: String?
  @Option(help: "What happened, in full.")
  var summary: String?
  @Option(help: "What kind of thing went wrong.")
  var category: IncidentCategory?
  @Option(help: "How badly.")
  var severity: IncidentSeverity?
  @Option(help: ArgumentHelp("When it happened.", valueName: "time"))
  var occurredAt: String?
  @Option(
    help: ArgumentHelp("When the company became aware of it (default: now).", valueName: "time"))
  var awareAt: String?
  @Option(help: "What customers saw or lost.")
  var customerImpact: String?
  @Option(
    help: ArgumentHelp(
      "A serious incident under the EU AI Act, and which kind sets its deadline: general 15 "
        + "days, death 10, widespread 2.", valueName: "kind"))
  var serious: SeriousIncidentKind?
  @Flag(help: "It is a personal-data breach (GDPR Art. 33).")
  var personalDataBreach = false
}

extension AIGov.Incident {
  struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "open", abstract: "Open an incident on one or more features.")

    @Argument(help: "The company's reference for it, e.g. INC-2291.")
    var reference: String
    @Option(name: .customLong("feature"), help: "A feature it concerns (repeat for more).")
    var features: [String] = []
    @Option(name: .customLong("risk"), help: "The number of a risk it realised (repeat for more).")
    var risks: [Int] = []
    @OptionGroup var facts: IncidentFactOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      var missing: [String] = []
      if features.isEmpty { missing.append("--feature") }
      if facts.title == nil { missing.append("--title") }
      if facts.category == nil { missing.append("--category") }
      if facts.severity == nil { missing.append("--severity") }
      if facts.occurredAt == nil { missing.append("--occurred-at") }
      if !missing.isEmpty {
        throw ValidationError("an incident needs \(missing.joined(separator: ", "))")
      }
    }

    func run() throws {
      var draft = IncidentDraft(
        reference: reference, title: facts.title ?? "", category: facts.category ?? .other,
        severity: facts.severity ?? .low, occurredAt: facts.occurredAt ?? "", features: features)
      draft.awareAt = facts.awareAt
      draft.summary = facts.summary ?? ""
      draft.customerImpact = facts.customerImpact ?? ""
      draft.seriousKind = facts.serious
      draft.personalDataBreach = facts.personalDataBreach
      draft.risks = risks
      let registry = try global.openRegistry()
      let incident = try registry.openIncident(draft)
      let record = IncidentRecord(incident, at: global.clock())
      try output.emit(record) {
        Console.note(
          "opened incident \(incident.reference) on \(incident.features.joined(separator: ", "))")
        for deadline in record.deadlines {
          Console.note("  its " + IncidentText.deadline(deadline))
        }
      }
    }
  }

  struct Update: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "update",
      abstract: "Change what is known of an open incident, or record a report made.",
      discussion: "Only the options given change.")

    @Argument(help: "The incident's reference.")
    var reference: String
    @OptionGroup var facts: IncidentFactOptions
    @Flag(help: "It is not a serious incident after all.")
    var notSerious = false
    @Flag(help: "It is not a personal-data breach after all.")
    var notPersonalDataBreach = false
    @Option(name: .customLong("add-feature"), help: "Another feature it concerns.")
    var addFeatures: [String] = []
    @Option(name: .customLong("remove-feature"), help: "A feature it does not concern.")
    var removeFeatures: [String] = []
    @Option(name: .customLong("add-risk"), help: "Another risk it realised.")
    var addRisks: [Int] = []
    @Option(name: .customLong("remove-risk"), help: "A risk it did not realise.")
    var removeRisks: [Int] = []
    @Option(
      help: ArgumentHelp(
        "When the serious incident was reported to the market surveillance authority.",
        valueName: "time"))
    var authorityReportedAt: String?
    @Option(
      help: ArgumentHelp(
        "When the breach was reported to the supervisory authority.", valueName: "time"))
    var breachReportedAt: String?
    @Option(help: "Refuse the change unless the incident is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if notSerious, facts.serious != nil {
        throw ValidationError("give --serious or --not-serious, not both")
      }
      if notPersonalDataBreach, facts.personalDataBreach {
        throw ValidationError("give --personal-data-breach or --not-personal-data-breach, not both")
      }
      let changes: [Any?] = [
        facts.title, facts.summary, facts.category, facts.severity, facts.occurredAt,
        facts.awareAt, facts.customerImpact, facts.serious, authorityReportedAt, breachReportedAt,
      ]
      let flags = [notSerious, notPersonalDataBreach, facts.personalDataBreach]
      let lists = [
        addFeatures.isEmpty, removeFeatures.isEmpty, addRisks.isEmpty, removeRisks.isEmpty,
      ]
      if changes.allSatisfy({ $0 == nil }), !flags.contains(true), !lists.contains(false) {
        throw ValidationError(
          "nothing to change: give at least one option, e.g. --authority-reported-at")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      let before = try registry.incident(reference)
      let after = try registry.updateIncident(reference, expectedVersion: expectedVersion) {
        incident in
        if let title = facts.title { incident.title = title }
        if let summary = facts.summary { incident.summary = summary }
        if let category = facts.category { incident.category = category }
        if let severity = facts.severity { incident.severity = severity }
        if let occurredAt = facts.occurredAt { incident.occurredAt = occurredAt }
        if let awareAt = facts.awareAt { incident.awareAt = awareAt }
        if let impact = facts.customerImpact { incident.customerImpact = impact }
        if let serious = facts.serious { incident.seriousKind = serious }
        if notSerious { incident.seriousKind = nil }
        if facts.personalDataBreach { incident.personalDataBreach = true }
        if notPersonalDataBreach { incident.personalDataBreach = false }
        for feature in removeFeatures {
          guard incident.features.contains(feature) else {
            throw AIGovError.invalidValue(
              field: "feature", value: feature,
              expected: "one the incident concerns: \(incident.features.joined(separator: ", "))")
          }
        }
        incident.features.removeAll { removeFeatures.contains($0) }
        incident.features += addFeatures
        incident.risks.removeAll { removeRisks.contains($0) }
        incident.risks += addRisks
        if let reported = authorityReportedAt { incident.authorityReportedAt = reported }
        if let reported = breachReportedAt { incident.breachReportedAt = reported }
      }
      let record = IncidentRecord(after, at: global.clock())
      try output.emit(record) {
        Console.note(
          after == before
            ? "incident \(reference) unchanged"
            : "updated incident \(reference) (version \(after.version))")
        for deadline in record.deadlines {
          Console.note("  its " + IncidentText.deadline(deadline))
        }
      }
    }
  }

  struct Close: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "close",
      abstract: "Close an incident with its cause and the corrective action taken.",
      discussion: """
        Record the corrective action through the usual commands too, for example a new risk \
        or mitigation. An incident whose report is still owed stays open.
        """)

    @Argument(help: "The incident's reference.")
    var reference: String
    @Option(help: "Why it happened.")
    var cause: String
    @Option(help: "What was done so that it does not happen again.")
    var correctiveAction: String
    @Option(help: ArgumentHelp("When it was closed (default: now).", valueName: "time"))
    var closedAt: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let incident = try global.openRegistry().closeIncident(
        reference, cause: cause, correctiveAction: correctiveAction, closedAt: closedAt)
      try output.emit(IncidentRecord(incident, at: global.clock())) {
        Console.note("closed incident \(reference)")
      }
    }
  }
}
