import AIGovKit
import ArgumentParser

extension AIGov {
  struct Control: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "control",
      abstract: "Record the company's own controls: measures kept for every feature in a scope.",
      discussion: """
        A control is recorded once and covers every live feature in its scope: every feature, \
        or those matching the terms given (--scope category:generative --scope \
        audience:customers; a feature matches when it matches one term of each dimension \
        named). Its claim, when it states one, is tested against each feature in scope, and \
        'aigov check' names a feature that contradicts it unless an exception accepts the gap \
        ('aigov exception add'). Scope dimensions: \
        \(ControlScopeDimensions.help).
        """,
      subcommands: [Add.self, Edit.self, List.self, Show.self, Map.self, Unmap.self])
  }
}

/// The dimensions a scope term may name, for help.
enum ControlScopeDimensions {
  static let help =
    "category, audience, serving, training, provider-kind (their terms as features state them) "
    + "and feature (a feature's key)"
}

/// The facts of a control that adding states and an edit may change.
struct ControlFactOptions: ParsableArguments {
  @Option(help: "A short title.")
  var title: String?
  @Option(name: .customLong("description"), help: "What it is and how it works.")
  var summary: String?
  @Option(help: "How it works: technical, process or contractual.")
  var kind: ControlKind?
  @Option(help: "The discipline that owns it; its reviewers accept its exceptions.")
  var discipline: Discipline?
  @Option(help: "Who is accountable for it.")
  var owner: String?
  @Option(help: "How often it is reviewed, in days (default for a new control: 365).")
  var reviewEveryDays: Int?
  @Option(help: "How far it has got: planned, in-place or retired.")
  var status: ControlStatus?
  @Option(
    help: ArgumentHelp(
      "What it promises of every feature in scope, which check tests ('' clears it).",
      valueName: "claim"))
  var claim: String?
  @Option(
    help: "What the company tells the public about it: on the public page while it is in place.")
  var publicStatement: String?
  @Option(
    name: .customLong("scope"),
    help: ArgumentHelp(
      "A term of the features it covers, dimension:value (repeat for more; none: every "
        + "feature).", valueName: "term"))
  var scope: [String] = []

  /// The claim given: nil when not given, .some(nil) when cleared.
  func parsedClaim() throws -> ControlClaim?? {
    guard let claim else { return nil }
    if claim.isEmpty { return .some(nil) }
    guard let parsed = ControlClaim(rawValue: claim) else {
      throw AIGovError.invalidValue(
        field: "claim", value: claim,
        expected: "one of " + ControlClaim.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return .some(parsed)
  }
}

extension AIGov.Control {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Record a company control.")

    @Argument(help: "A unique key: 2-64 lowercase letters, digits and dashes.")
    var key: String
    @OptionGroup var facts: ControlFactOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      var missing: [String] = []
      if facts.title == nil { missing.append("--title") }
      if facts.kind == nil { missing.append("--kind") }
      if facts.discipline == nil { missing.append("--discipline") }
      if facts.owner == nil { missing.append("--owner") }
      if !missing.isEmpty {
        throw ValidationError("a control needs \(missing.joined(separator: ", "))")
      }
    }

    func run() throws {
      var draft = ControlDraft(
        key: key, title: facts.title ?? "", kind: facts.kind ?? .process,
        discipline: facts.discipline ?? .product, owner: facts.owner ?? "")
      draft.description = facts.summary ?? ""
      draft.reviewIntervalDays = facts.reviewEveryDays ?? draft.reviewIntervalDays
      draft.status = facts.status ?? .planned
      draft.claim = try facts.parsedClaim() ?? nil
      draft.publicStatement = facts.publicStatement
      draft.scope = try ControlScope(terms: facts.scope)
      let control = try global.openRegistry().addControl(draft)
      try output.emit(control)
      Console.note("added control \(control.key), covering \(control.scope.words())")
    }
  }

  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit", abstract: "Change a control; only the options given change.",
      discussion: """
        --scope replaces the whole scope with the terms given; --every-feature makes it cover \
        every feature. An empty --claim or --public-statement clears it.
        """)

    @Argument(help: "The control's key.")
    var key: String
    @OptionGroup var facts: ControlFactOptions
    @Flag(help: "Cover every feature (clears the scope).")
    var everyFeature = false
    @Option(help: "Refuse the change unless the control is still at this version.")
    var expectedVersion: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func changes() throws -> ControlChanges {
      var changes = ControlChanges()
      changes.set("title", facts.title)
      changes.set("description", facts.summary)
      changes.set("kind", facts.kind)
      changes.set("discipline", facts.discipline)
      changes.set("owner", facts.owner)
      changes.set("review_interval_days", facts.reviewEveryDays)
      changes.set("status", facts.status)
      if let claim = try facts.parsedClaim() { changes.set("claim", claim?.rawValue ?? "") }
      changes.set("public_statement", facts.publicStatement)
      return changes
    }

    func validate() throws {
      if everyFeature && !facts.scope.isEmpty {
        throw ValidationError("give --scope or --every-feature, not both")
      }
      // The values are checked when the command runs, so that a wrong one is bad data (65).
      let given: [Any?] = [
        facts.title, facts.summary, facts.kind, facts.discipline, facts.owner,
        facts.reviewEveryDays, facts.status, facts.claim, facts.publicStatement,
      ]
      if given.allSatisfy({ $0 == nil }) && facts.scope.isEmpty && !everyFeature {
        throw ValidationError("nothing to change: give at least one option, e.g. --status")
      }
    }

    func run() throws {
      let scope: ControlScope? =
        everyFeature
        ? .everyFeature : facts.scope.isEmpty ? nil : try ControlScope(terms: facts.scope)
      let edit = try global.openRegistry().editControl(
        key, try changes(), scope: scope, expectedVersion: expectedVersion)
      try Console.reportEdit(
        edit, format: output, name: "control \(key)", updated: edit.after.status.rawValue)
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List the company's controls with their scope and the features they cover.")

    @Option(help: "Only controls in this status.")
    var status: ControlStatus?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let coverage = try global.openRegistryForReading().controlCoverage(status: status)
      try output.emit(coverage) {
        guard !coverage.isEmpty else { return Console.note("no controls match") }
        var table = TextTable(
          "KEY", "TITLE", "STATUS", "DISCIPLINE", "OWNER", "CLAIM", "SCOPE", "COVERS", "GAPS")
        table.style = { column, text in column == 2 ? TermStyle.status(text) : nil }
        for entry in coverage {
          let control = entry.control
          table.append([
            control.key, control.title, control.status.rawValue, control.discipline.rawValue,
            control.owner, control.claim?.rawValue ?? "", control.scope.words(),
            String(entry.features.count), String(entry.exceptions.count),
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a control, the features it covers and how each stands against its claim.")

    @Argument(help: "The control's key.")
    var key: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistryForReading()
      guard let entry = try registry.controlCoverage(key: key).first else { return }
      try output.emit(entry) {
        let control = entry.control
        var lines = [
          "\(control.title) (\(control.key), version \(control.version))",
          "  status:      \(control.status.rawValue)",
          "  kind:        \(control.kind.rawValue)",
          "  owned by:    \(control.discipline.rawValue), \(control.owner)",
          "  reviewed:    every \(control.reviewIntervalDays) days",
          "  scope:       \(control.scope.words())",
          "  claim:       "
            + (control.claim.map { "\($0.rawValue): \($0.summary)" } ?? "none"),
          "  public:      "
            + (control.publicStatement.map {
              $0 + (control.publishedStatement == nil ? " (not in place: not published)" : "")
            }
              ?? "none"),
        ]
        if !control.description.isEmpty { lines.append("  description: \(control.description)") }
        lines.append("features covered (\(entry.features.count)):")
        for covered in entry.features {
          var line = "  \(covered.feature) (\(covered.status.rawValue))"
          if let contradiction = covered.contradiction {
            line += ": " + contradiction
          }
          if let exception = covered.exception {
            line +=
              "; exception #\(exception.id) until \(exception.until) by \(exception.acceptedBy): "
              + exception.notCovered
          }
          lines.append(line)
        }
        if entry.features.isEmpty { lines.append("  none") }
        if !control.mappings.isEmpty {
          lines.append("answers (\(control.mappings.count)):")
          for mapping in control.mappings {
            lines.append(
              "  \(mapping.framework) \(mapping.requirement) (\(mapping.relationship.rawValue)): "
                + mapping.rationale)
          }
        }
        Console.output(lines.joined(separator: "\n"))
      }
    }
  }

  /// Which requirement of which framework.
  struct RequirementOptions: ParsableArguments {
    @Option(help: "The framework's key (see 'aigov framework list').")
    var framework: String
    @Option(help: "The requirement's identifier (see 'aigov framework show KEY').")
    var requirement: String
  }

  /// A requirement, and how and why a control or a mitigation answers it.
  struct MappingOptions: ParsableArguments {
    @OptionGroup var target: RequirementOptions
    @Option(help: "equal, superset, subset or intersects.")
    var relationship: MappingRelationship
    @Option(help: "Why it answers the requirement.")
    var rationale: String

    var mapping: RequirementMapping {
      RequirementMapping(
        framework: target.framework, requirement: target.requirement,
        relationship: relationship, rationale: rationale)
    }
  }

  struct Map: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "map",
      abstract: "Say which framework requirement a control answers, how, and why.",
      discussion: """
        --relationship says how the control stands to the requirement: equal (it is the \
        requirement), superset (it does all of it and more), subset (it does part of it) or \
        intersects (they overlap). Only equal and superset can meet a requirement alone. \
        Mapping the same requirement again replaces the earlier mapping.
        """)

    @Argument(help: "The control's key.")
    var key: String
    @OptionGroup var mapping: MappingOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let edit = try global.openRegistry().mapControl(key, mapping.mapping)
      try Console.reportEdit(
        edit, format: output, name: "control \(key)",
        updated: "answers \(mapping.mapping.target)")
    }
  }

  struct Unmap: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unmap", abstract: "Remove a control's mapping to a framework requirement.")

    @Argument(help: "The control's key.")
    var key: String
    @OptionGroup var target: RequirementOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let edit = try global.openRegistry().unmapControl(
        key, framework: target.framework, requirement: target.requirement)
      try Console.reportEdit(
        edit, format: output, name: "control \(key)",
        updated: "no longer answers \(target.framework) \(target.requirement)")
    }
  }
}

extension AIGov {
  struct Exception: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exception",
      abstract: "Accept a gap for one feature until a day: a control or a check rule.",
      discussion: """
        An exception accepts, for one feature until a day and with the reason, what a company \
        control does not cover of it (--control) or what a check rule finds about it (--rule). \
        A reviewer of the discipline that owns the gap accepts it (a control's own discipline; \
        for a rule, the discipline given), signing with their key when they hold one. While it \
        is in force, check reports the finding as a warning that names it and the feature may \
        launch; the public page states what is not covered. Exceptions are never edited: they \
        end on their day.
        """,
      subcommands: [Add.self, List.self])
  }
}

extension AIGov.Exception {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Accept a gap for one feature until a day, signed.")

    @Argument(help: "The feature's key.")
    var feature: String
    @Option(help: "The company control the feature is not covered by.")
    var control: String?
    @Option(help: "The check rule whose findings about the feature are accepted.")
    var rule: CheckRule?
    @Option(help: "What is not covered, in words the public page may state.")
    var notCovered: String
    @Option(help: "Why the gap is accepted.")
    var reason: String
    @Option(help: ArgumentHelp("The last day it is in force (YYYY-MM-DD).", valueName: "day"))
    var until: String
    @Option(help: "The discipline you accept it for (needed only if you hold more than one).")
    var discipline: Discipline?
    @OptionGroup var decidedAt: MeetingOption
    @OptionGroup var signing: SigningKeyOption
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if (control == nil) == (rule == nil) {
        throw ValidationError("give --control or --rule: the gap an exception accepts")
      }
    }

    func run() throws {
      let registry = try global.openRegistry()
      var draft = ExceptionDraft(
        featureKey: feature, control: control, rule: rule, notCovered: notCovered,
        reason: try decidedAt.citing(reason, in: registry) ?? reason, until: until)
      draft.discipline = discipline
      let exception = try registry.acceptException(draft, key: try signing.load())
      try output.emit(exception) { Console.output(String(exception.id)) }
      Console.note(
        "accepted exception \(exception.id) for '\(feature)' (\(exception.subject)) until "
          + exception.until + (exception.signature == nil ? "" : " (signed)"))
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List exceptions, oldest first, with whether each is in force."
    )

    @Option(help: "Only the exceptions of this feature.")
    var feature: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let exceptions = try global.openRegistryForReading().exceptions(featureKey: feature)
      let today = String(Timestamp.format(global.clock()).prefix(10))
      try output.emit(exceptions) {
        guard !exceptions.isEmpty else { return Console.note("no exceptions") }
        var table = TextTable(
          "ID", "FEATURE", "ACCEPTS", "UNTIL", "IN FORCE", "BY", "DISCIPLINE", "NOT COVERED")
        for exception in exceptions {
          table.append([
            String(exception.id), exception.featureKey, exception.subject, exception.until,
            exception.isInForce(on: today) ? "yes" : "no", exception.acceptedBy,
            exception.discipline.rawValue, exception.notCovered,
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }
}
