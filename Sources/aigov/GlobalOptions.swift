import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// The options every command takes: which database, who acts, what time it is, colour.
struct GlobalOptions: ParsableArguments {
  /// The help of `--db`, which a command that takes no other global option shares.
  static let databaseHelp = ArgumentHelp(
    "The database file (default: $AIGOV_DB, else ./aigov.sqlite).", valueName: "path")

  @Option(help: databaseHelp)
  var db: String?

  @Option(
    help: ArgumentHelp(
      "Who is acting, as recorded in the audit trail (default: $AIGOV_ACTOR, else your login "
        + "name).", valueName: "name"))
  var actor: String?

  @Option(
    help: ArgumentHelp(
      "The time to record, e.g. 2026-11-22T09:30:00Z or 2026-11-22 (default: $AIGOV_NOW, else "
        + "the system clock).", valueName: "time"))
  var now: String?

  @Flag(
    help: ArgumentHelp(
      "Record the time of --now even when it is more than a day ahead of this machine's clock or "
        + "before the trail's newest event ('aigov audit verify' names an event whose time goes "
        + "back)."))
  var trustNow = false

  @Option(help: "Colour in text output: auto, always or never (auto honours NO_COLOR and TERM).")
  var color: ColorChoice = .auto

  /// The process environment's value for `name`; reads the one variable, not the whole block.
  static func environment(_ name: String) -> String? {
    if let context = CommandContext.current { return context.environment[name] }
    return getenv(name).map { String(cString: $0) }
  }

  func validate() throws {
    try Self.validate(now: now)

    if let actor, actor.allSatisfy(\.isWhitespace) {
      throw ValidationError("invalid --actor '' (expected a name)")
    }
  }

  /// Refuses a `--now` (or `$AIGOV_NOW`) that is not a time.
  static func validate(now: String?) throws {
    let expected =
      "(expected a time like 2026-11-22T09:30:00Z or a day like 2026-11-22, in the years "
      + "\(Timestamp.years.lowerBound) to \(Timestamp.years.upperBound))"
    if let now, Timestamp.parse(now) == nil {
      throw ValidationError("invalid --now '\(now)' \(expected)")
    }
    if now == nil, let text = environment("AIGOV_NOW"), !text.isEmpty, Timestamp.parse(text) == nil
    {
      throw ValidationError("invalid AIGOV_NOW '\(text)' \(expected)")
    }
  }

  /// How far ahead of this machine's clock --now may be without --trust-now: a day, for time
  /// zones and clocks a little off.
  static let clockTolerance: TimeInterval = 86_400

  /// The database path from --db, $AIGOV_DB, or the default.
  var databasePath: String { Self.databasePath(db) }

  /// The database path from `db` (--db), else $AIGOV_DB, else the default.
  static func databasePath(_ db: String?) -> String {
    if let db { return db }
    if let path = environment("AIGOV_DB"), !path.isEmpty { return path }
    return "aigov.sqlite"
  }

  /// The acting person from --actor, $AIGOV_ACTOR, or the login name.
  var actorName: String {
    if let actor { return actor }
    if let name = Self.environment("AIGOV_ACTOR"), !name.isEmpty { return name }
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
      return String(cString: name)
    }
    return Self.environment("USER") ?? "unknown"
  }

  /// The fixed time of --now or $AIGOV_NOW, when one is given.
  var fixedTime: Date? { (now ?? Self.environment("AIGOV_NOW")).flatMap { Timestamp.parse($0) } }

  /// The one clock of this run: the fixed time of --now or $AIGOV_NOW, else the system clock.
  var clock: () -> Date { Self.clock(now: now) }

  /// The clock of --now (`now`), else of $AIGOV_NOW, else the system's.
  static func clock(now: String?) -> () -> Date {
    let fixed = (now ?? environment("AIGOV_NOW")).flatMap { Timestamp.parse($0) }
    if let fixed { return { fixed } }
    return { Date() }
  }

  /// Opens the database (it must exist unless `create`) and brings its schema up to date.
  func openRegistry(create: Bool = false) throws -> Registry {
    try refuseServer()
    try checkClockForWriting()
    return try Registry.open(path: databasePath, create: create, actor: actorName, clock: clock)
      .allowing(ChangeOptions(acceptsTimeBeforeTrail: trustNow))
  }

  /// Refuses to record a --now (or $AIGOV_NOW) more than a day ahead of this machine's clock,
  /// unless --trust-now: one change dated far ahead would make every honest change after it go
  /// back in time. Reading at a time in the future (a report as of then) is no change.
  func checkClockForWriting() throws {
    guard !trustNow, let text = now ?? Self.environment("AIGOV_NOW"),
      let time = Timestamp.parse(text), time.timeIntervalSinceNow > Self.clockTolerance
    else { return }
    throw Failure(
      status: .usage,
      message: "--now '\(text)' is more than a day ahead of this machine's clock "
        + "(\(Timestamp.format(Date()))); pass --trust-now if the clock is wrong and the time "
        + "given is right")
  }

  /// Opens the database (it must exist) to read it only: nothing is written, created or changed.
  func openRegistryForReading() throws -> Registry {
    try refuseServer()
    return try Registry.openForReading(path: databasePath, actor: actorName, clock: clock)
  }

  /// Runs a change and then tells the person which reviews it voided, if it was material. The
  /// notices wait until the change has landed.
  func reportingVoidedReviews<T>(
    _ registry: Registry, despite hold: IncidentHoldOption, _ change: (Registry) throws -> T
  ) throws -> T {
    let outcome = try registry.changing(despiteIncident: hold.despiteIncident, change)
    for voided in outcome.voidedReviews {
      let rounds = voided.rounds.map { "round \($0)" }.joined(separator: " and ")
      let reopened = voided.newRound.map { "; it is back in review as round \($0)" } ?? ""
      Console.warning(
        "material change to '\(voided.featureKey)' (\(voided.changes.joined(separator: ", "))): "
          + "voided \(rounds) with \(voided.signOffCount) sign-off"
          + "\(voided.signOffCount == 1 ? "" : "s")\(reopened)")
    }
    return outcome.value
  }

  /// Reads a file named on the command line as UTF-8 text.
  static func readInputFile(_ path: String) throws -> String {
    String(decoding: try readInputBytes(path), as: UTF8.self)
  }

  /// Reads a file named on the command line, as it is.
  static func readInputBytes(_ path: String) throws -> Data {
    guard FileManager.default.fileExists(atPath: path) else {
      throw InputFileError(path: path, problem: "no such file", isMissing: true)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputFileError(path: path, problem: "it cannot be read", isMissing: false)
    }
    return data
  }

  /// Writes a new file named on the command line; one that is there already is left alone.
  static func writeNewFile(_ path: String, bytes: [UInt8]) throws {
    do {
      try Data(bytes).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
    } catch {
      throw Failure(
        status: .failure,
        message: "cannot write '\(path)': "
          + (FileManager.default.fileExists(atPath: path)
            ? "a file is there already; choose a new name" : "check that its folder exists"))
    }
  }

  /// Whether text output may use colour on stdout.
  var usesColor: Bool {
    switch color {
    case .always: true
    case .never: false
    case .auto:
      CommandContext.current == nil && isatty(STDOUT_FILENO) == 1
        && (Self.environment("NO_COLOR") ?? "").isEmpty
        && Self.environment("TERM") != "dumb"
    }
  }
}

enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
  case auto, always, never
}

/// `--format text|json`, for commands that print data: the one place that chooses between them.
/// A command hands over what it prints as one value, and how people read it.
struct FormatOption: ParsableArguments {
  @Option(help: "Output format: text (a table for people) or json (sorted keys, for scripts).")
  var format: OutputFormat = .text

  /// Prints `value` as JSON for scripts, else as `text` words it for people (nothing on
  /// standard output when it says nothing; notes go to standard error either way).
  func emit<Value: Encodable>(_ value: Value, text: () throws -> Void = {}) throws {
    switch format {
    case .json: try Console.json(value)
    case .text: try text()
    }
  }

  /// As `emit(_:text:)`, for a list of records that write their own JSON.
  func emit<Element: PrettyJSONEncodable>(_ values: [Element], text: () throws -> Void = {}) throws
  {
    switch format {
    case .json: try Console.json(values)
    case .text: try text()
    }
  }

  /// Prints the elements `each` yields as one JSON array, streamed as they come, else as `text`
  /// words the whole list.
  func emit<Element: Encodable>(
    streaming each: ((Element) throws -> Void) throws -> Void, text: ([Element]) throws -> Void
  ) throws {
    try emit(streaming: each, stream: JSONArrayStream<Element>(), text: text)
  }

  /// As `emit(streaming:text:)`, for elements that write their own JSON.
  func emit<Element: PrettyJSONEncodable>(
    streaming each: ((Element) throws -> Void) throws -> Void, text: ([Element]) throws -> Void
  ) throws {
    try emit(
      streaming: each, stream: JSONArrayStream<Element>(object: { $0.prettyJSON }), text: text)
  }

  private func emit<Element: Encodable>(
    streaming each: ((Element) throws -> Void) throws -> Void, stream: JSONArrayStream<Element>,
    text: ([Element]) throws -> Void
  ) throws {
    switch format {
    case .json:
      var stream = stream
      try each { try stream.append($0) }
      try stream.finish()
    case .text:
      var all: [Element] = []
      try each { all.append($0) }
      try text(all)
    }
  }
}

enum OutputFormat: String, CaseIterable, ExpressibleByArgument {
  case text, json
}

/// `--meeting N`: the meeting that decided a change, which the reason the trail keeps then cites.
struct MeetingOption: ParsableArguments {
  @Option(help: "The meeting that decided it (its number): the reason then cites the meeting.")
  var meeting: Int?

  /// `reason` followed by the meeting's citation, or the citation alone; `reason` as it is when
  /// no meeting is named.
  func citing(_ reason: String?, in registry: Registry) throws -> String? {
    guard let meeting else { return reason }
    let citation = "decided at " + (try registry.meetingCitation(meeting))
    return reason.map { "\($0) (\(citation))" } ?? citation
  }
}

/// The reason to make a material change while a feature's serious incident is unreported.
struct IncidentHoldOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Make a material change even though a serious incident of the feature is not yet "
        + "reported to the authority; the incident records the reason.", valueName: "reason"))
  var despiteIncident: String?
}
