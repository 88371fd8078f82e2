// aigov-bench: times the release `aigov` binary, as whole processes, against the `sqlite3` shell
// doing the equivalent work on the same database file, and prints the ratios.
//
//   swift build -c release --static-swift-stdlib && .build/release/aigov-bench
//     [--sizes 1000,10000,100000] [--runs 11] [--report-features 10000]
//     [--exchange-features 10000,100000] [--verify-events 1000000] [--keep FOLDER]
//
// It ends with one table: every budget of the design, measured against its baseline in this run,
// met or missed by how much.

import AIGovKit
import Foundation

let options = BenchOptions(CommandLine.arguments.dropFirst())
let aigov = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
  .deletingLastPathComponent().appendingPathComponent("aigov").path
guard FileManager.default.isExecutableFile(atPath: aigov) else {
  fail(
    "no aigov binary beside aigov-bench at \(aigov); run: swift build -c release "
      + "--static-swift-stdlib")
}
guard let sqlite3 = findExecutable("sqlite3") else {
  fail("the sqlite3 shell is the baseline and is not installed; run: apt-get install -y sqlite3")
}
#if DEBUG
  note("warning: this is a debug build; run 'swift run -c release aigov-bench' for real figures")
#endif

let folder =
  options.keep.map { URL(fileURLWithPath: $0) }
  ?? FileManager.default.temporaryDirectory.appendingPathComponent("aigov-bench-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { if options.keep == nil { try? FileManager.default.removeItem(at: folder) } }

print("aigov-bench: median of \(options.runs) runs per command (fewer for whole-database ones);")
print("each row compares the aigov process with the sqlite3 shell doing the same work.\n")
print(Report.header)

/// Every budget measured in this run, printed together at the end.
var budgets: [Budget] = []

for size in options.sizes {
  let path = folder.appendingPathComponent("bench-\(size).sqlite").path
  let build = try measureSeconds { try SyntheticInventory(features: size).build(at: path) }
  let events = try eventCount(at: path)
  note(
    "built \(size) features (\(events) audit events) in \(String(format: "%.1f", build)) s "
      + "(\(Int(Double(size) / build)) features/s through AIGovKit)")
  // The sqlite3 shell's inserts go to a copy: rows written behind aigov's back are exactly what
  // audit verify exists to catch.
  let rawCopy = folder.appendingPathComponent("bench-\(size)-sqlite3.sqlite").path
  try FileManager.default.copyItem(atPath: path, toPath: rawCopy)
  let middle = "feature-\(size / 2)"
  let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
  let heavyRuns = max(3, options.runs / 3)
  var counter = 0
  var rawCounter = 0
  let comparisons: [Comparison] = [
    Comparison(
      name: "feature add", runs: options.runs,
      aigov: {
        counter += 1
        return [
          "feature", "add", "added-\(counter)", "--name", "Added \(counter)", "--category",
          "automation", "--processing-mode", "account-only", "--purpose", "bench", "--owner",
          "bench",
        ]
      },
      sqlite: {
        rawCounter += 1
        return [
          rawCopy,
          "INSERT INTO features (key, name, purpose, category, processing_mode, owner, "
            + "human_oversight, customer_facing, customer_control, trains_models, created_at, "
            + "updated_at) VALUES ('raw-\(rawCounter)', 'Raw', 'bench', 'automation', 'account-only', "
            + "'bench', 'human-in-the-loop', 0, 'always-on', 0, '2026-01-01T00:00:00Z', "
            + "'2026-01-01T00:00:00Z');",
        ]
      }),
    Comparison(
      name: "feature show", runs: options.runs,
      aigov: { ["feature", "show", middle] },
      sqlite: {
        [
          path,
          "SELECT * FROM features WHERE key = '\(middle)'; "
            + "SELECT category FROM feature_data_categories WHERE feature_id = "
            + "(SELECT id FROM features WHERE key = '\(middle)'); "
            + "SELECT p.*, fp.model FROM feature_providers fp JOIN providers p ON p.id = "
            + "fp.provider_id JOIN features f ON f.id = fp.feature_id WHERE f.key = '\(middle)'; "
            + "SELECT r.* FROM risks r JOIN features f ON f.id = r.feature_id "
            + "WHERE f.key = '\(middle)'; "
            + "SELECT m.* FROM mitigations m JOIN risks r ON r.id = m.risk_id JOIN features f "
            + "ON f.id = r.feature_id WHERE f.key = '\(middle)';",
        ]
      }),
    Comparison(
      name: "feature list --format json", runs: heavyRuns,
      aigov: { ["feature", "list", "--format", "json"] },
      sqlite: {
        [
          "-json", path,
          "SELECT f.*, (SELECT json_group_array(category) FROM feature_data_categories c "
            + "WHERE c.feature_id = f.id) AS data_categories FROM features f ORDER BY key;",
        ]
      }),
    Comparison(
      name: "audit verify", runs: heavyRuns,
      aigov: { ["audit", "verify"] },
      sqlite: {
        [path, SyntheticInventory.hashEveryEvent]
      }),
  ]
  var measured: [String: (ours: Measurement, theirs: Measurement)] = [:]
  for comparison in comparisons {
    let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    measured[comparison.name] = (ours, theirs)
    print(Report.row(size: size, events: events, name: comparison.name, ours: ours, theirs: theirs))
  }
  // The single-record budget is set at 100,000 features: judged at the largest size measured.
  guard size == options.sizes.max() else { continue }
  let startUp = try measureRuns(
    aigov, runs: options.runs, label: "--version", arguments: { ["--version"] }, environment: env)
  for name in ["feature show", "feature add"] {
    guard let (ours, theirs) = measured[name] else { continue }
    budgets.append(
      Budget(
        name: "\(name), \(size) features", measured: Report.milliseconds(ours.seconds),
        baseline: "sqlite3 " + Report.milliseconds(theirs.seconds), limit: "3x sqlite3",
        ratio: ours.seconds / theirs.seconds / 3, peakKilobytes: ours.peakKilobytes,
        why: "start-up alone ('aigov --version') takes \(Report.milliseconds(startUp.seconds)): "
          + "loading the binary and parsing the command line"))
  }
}

// The quarterly report: a year of history, the report of its third quarter in each format.
let reportFeatures = options.reportFeatures
if reportFeatures > 0 {
  let path = folder.appendingPathComponent("year-\(reportFeatures).sqlite").path
  let build = try measureSeconds { try YearOfHistory(features: reportFeatures).build(at: path) }
  let events = try eventCount(at: path)
  note(
    "built \(reportFeatures) features with a year of history (\(events) audit events) in "
      + String(format: "%.1f", build) + " s")
  let env = [
    "AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1", "AIGOV_NOW": "2026-12-15T00:00:00Z",
  ]
  // The baseline rebuilds the features as they stood at the quarter's end from the trail and
  // counts them by status: the first step of the report, in SQL alone.
  let baseline = [
    path,
    "SELECT after ->> '$.status', count(*) FROM audit_events WHERE seq IN (SELECT max(seq) "
      + "FROM audit_events WHERE at < '2026-10-01' AND entity = 'feature' GROUP BY entity_key) "
      + "GROUP BY 1; SELECT after FROM audit_events WHERE at >= '2026-07-01' "
      + "AND at < '2026-10-01';",
  ]
  var slowest = 0.0
  var slowestPeak = 0
  for format in ReportFormat.allCases {
    let comparison = Comparison(
      name: "report quarterly --format \(format.rawValue)", runs: max(3, options.runs / 3),
      aigov: { ["report", "quarterly", "--quarter", "2026-Q3", "--format", format.rawValue] },
      sqlite: { baseline })
    let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    if ours.seconds > slowest { (slowest, slowestPeak) = (ours.seconds, ours.peakKilobytes) }
    print(
      Report.row(
        size: reportFeatures, events: events, name: comparison.name, ours: ours, theirs: theirs))
  }
  budgets.append(
    Budget(
      name: "report quarterly (slowest format), \(reportFeatures) features",
      measured: Report.milliseconds(slowest), baseline: "", limit: "0.5 s",
      ratio: slowest / 0.5, peakKilobytes: slowestPeak,
      why: "the report rebuilds each feature's state at the quarter's start and end from the "
        + "trail, and every event of the quarter"))
}

// Exchange: export and import of a whole synthetic inventory.
var exportPeaks: [(size: Int, kilobytes: Int)] = []
for size in options.exchangeSizes {
  let path = folder.appendingPathComponent("exchange-\(size).sqlite").path
  let build = try measureSeconds { try SyntheticInventory(features: size).build(at: path) }
  note("built \(size) features for the exchange rows in \(String(format: "%.1f", build)) s")
  let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
  var run = 0
  func freshFolder(_ label: String) -> String {
    run += 1
    let made = folder.appendingPathComponent("\(label)-\(size)-\(run)").path
    try? FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
    return made
  }
  let runs = max(3, options.runs / 3)
  for format in ExchangeFormat.allCases {
    // The same rows, table by table, written by the sqlite3 shell in its own CSV or JSON mode.
    let comparison = Comparison(
      name: "export --format \(format.rawValue)", runs: runs,
      aigov: {
        let target = freshFolder("aigov-\(format.rawValue)")
        try? FileManager.default.removeItem(atPath: target)
        return ["export", "--format", format.rawValue, "--output", target]
      },
      sqlite: {
        let target = freshFolder("sqlite3-\(format.rawValue)")
        var arguments = [path, format == .csv ? ".mode csv" : ".mode json", ".headers on"]
        for table in ExchangeTable.all + [ExchangeTable.inventory] {
          arguments += [".once \(target)/\(table.name).\(format.rawValue)", table.selectSQL + ";"]
        }
        return arguments
      })
    let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    print(Report.row(size: size, events: 0, name: comparison.name, ours: ours, theirs: theirs))
    if format == .csv {
      exportPeaks.append((size, ours.peakKilobytes))
      if size == options.exchangeSizes.max() {
        budgets.append(
          Budget(
            name: "export --format csv, \(size) features",
            measured: Report.milliseconds(ours.seconds),
            baseline: "sqlite3 " + Report.milliseconds(theirs.seconds), limit: "1.5x sqlite3",
            ratio: ours.seconds / theirs.seconds / 1.5, peakKilobytes: ours.peakKilobytes,
            why: "every value is checked for the spreadsheet-formula guard and hashed"))
      }
    }
  }
  // Import: the features with their data categories and providers, as an export holds them,
  // into a new database; the baseline is the sqlite3 shell's .import of the features file.
  let source = freshFolder("source")
  try? FileManager.default.removeItem(atPath: source)
  _ = try spawn(aigov, ["export", "--format", "csv", "--output", source], environment: env)
  let featuresOnly = freshFolder("features-only")
  for table in ["providers", "features", "feature_data_categories", "feature_providers"] {
    try FileManager.default.copyItem(
      atPath: "\(source)/\(table).csv", toPath: "\(featuresOnly)/\(table).csv")
  }
  for (name, input) in [
    ("import features (merge)", featuresOnly), ("import whole export (restore)", source),
  ] {
    let comparison = Comparison(
      name: name, runs: runs,
      aigov: { ["import", input, "--db", freshFolder("import") + "/new.sqlite"] },
      sqlite: {
        [
          freshFolder("sqlite3-import") + "/new.sqlite",
          ".import --csv \(source)/features.csv features",
        ]
      })
    let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
    let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
    print(Report.row(size: size, events: 0, name: comparison.name, ours: ours, theirs: theirs))
    if size == options.exchangeSizes.max() {
      budgets.append(
        Budget(
          name: "\(name), \(size) features", measured: String(format: "%.2f s", ours.seconds),
          baseline: "", limit: "5 s", ratio: ours.seconds / 5, peakKilobytes: ours.peakKilobytes,
          why: name.contains("restore")
            ? "the whole export is read into memory, inserted row by row with its audit trail, "
              + "then verified before it commits"
            : "each feature is matched by its key and written with its audit event"))
    }
  }
}
if let smallest = exportPeaks.min(by: { $0.size < $1.size }),
  let largest = exportPeaks.max(by: { $0.size < $1.size }), largest.size > smallest.size
{
  budgets.append(
    Budget(
      name: "export memory, \(smallest.size) to \(largest.size) features",
      measured: "\(largest.kilobytes / 1024) MiB", baseline: "\(smallest.kilobytes / 1024) MiB",
      limit: "flat (within 25%)",
      ratio: Double(largest.kilobytes) / Double(max(1, smallest.kilobytes)) / 1.25,
      peakKilobytes: largest.kilobytes, why: "rows are held in memory instead of streamed"))
}

// audit verify of a trail of a million events: chain, signatures and reconciliation.
if options.verifyEvents > 0 {
  let features = Int(
    (Double(options.verifyEvents) / SyntheticInventory.eventsPerFeature).rounded(.up))
  let path = folder.appendingPathComponent("verify-\(features).sqlite").path
  let build = try measureSeconds { try SyntheticInventory(features: features).build(at: path) }
  let events = try eventCount(at: path)
  note("built \(features) features (\(events) audit events) in \(String(format: "%.1f", build)) s")
  let env = ["AIGOV_DB": path, "AIGOV_ACTOR": "bench", "NO_COLOR": "1"]
  let comparison = Comparison(
    name: "audit verify", runs: max(3, options.runs / 3), aigov: { ["audit", "verify"] },
    sqlite: { [path, SyntheticInventory.hashEveryEvent] })
  let ours = try comparison.measure(aigov, arguments: comparison.aigov, environment: env)
  let theirs = try comparison.measure(sqlite3, arguments: comparison.sqlite, environment: env)
  print(
    Report.row(size: features, events: events, name: comparison.name, ours: ours, theirs: theirs))
  let scan = try measureRuns(
    sqlite3, runs: max(3, options.runs / 3), label: "reading every event",
    arguments: { [path, SyntheticInventory.readEveryEvent] }, environment: env)
  let why =
    "sqlite3 alone takes \(Report.milliseconds(scan.seconds)) to read every event once; "
    + "reconciling every record looks up its latest event by key"
  budgets.append(
    Budget(
      name: "audit verify, \(events) events", measured: Report.milliseconds(ours.seconds),
      baseline: "", limit: "1 s", ratio: ours.seconds, peakKilobytes: ours.peakKilobytes, why: why))
  budgets.append(
    Budget(
      name: "audit verify, \(events) events", measured: Report.milliseconds(ours.seconds),
      baseline: "sqlite3 hashing " + Report.milliseconds(theirs.seconds), limit: "1x sqlite3",
      ratio: ours.seconds / theirs.seconds, peakKilobytes: ours.peakKilobytes, why: why))
}

print("\n" + Report.budgetTable(budgets))

print(
  """

  'audit verify' is the whole proof: the hash chain, the reconciliation of every record of every
  table with its latest event, and every sign-off's signature; the sqlite3 baseline only hashes
  the events. Every hundredth feature carries a review round with five sign-offs, one signed.
  'peak' is the aigov process's maximum resident memory. A budget's ratio is its measure divided
  by its limit: 1.00 or less is met.
  """)

// MARK: - Measuring

/// One command measured both ways.
struct Comparison {
  var name: String
  var runs: Int
  var aigov: () -> [String]
  var sqlite: () -> [String]

  /// The median wall time and the largest peak memory over `runs` runs.
  func measure(_ executable: String, arguments: () -> [String], environment: [String: String])
    throws -> Measurement
  {
    try measureRuns(
      executable, runs: runs, label: name, arguments: arguments, environment: environment)
  }
}

/// The median wall time and the largest peak memory of `runs` runs of one command.
func measureRuns(
  _ executable: String, runs: Int, label: String, arguments: () -> [String],
  environment: [String: String]
) throws -> Measurement {
  var times: [Double] = []
  var peak = 0
  for _ in 0..<runs {
    let run = try spawn(executable, arguments(), environment: environment)
    guard run.status == 0 else {
      fail("\(executable) for '\(label)' exited with status \(run.status)")
    }
    times.append(run.seconds)
    peak = max(peak, run.peakKilobytes)
  }
  return Measurement(seconds: times.sorted()[times.count / 2], peakKilobytes: peak)
}

struct Measurement {
  var seconds: Double
  var peakKilobytes: Int
}

struct ProcessRun {
  var status: Int32
  var seconds: Double
  var peakKilobytes: Int
}

/// Runs a process with its output sent to /dev/null; returns its wall time and peak memory.
func spawn(_ executable: String, _ arguments: [String], environment: [String: String]) throws
  -> ProcessRun
{
  var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var merged = ProcessInfo.processInfo.environment
  merged.merge(environment) { $1 }
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    for pointer in argv + envp { free(pointer) }
  }
  var pid: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
  guard code == 0 else { fail("cannot start \(executable): error \(code)") }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  return ProcessRun(status: exitStatus, seconds: seconds, peakKilobytes: Int(usage.ru_maxrss))
}

func measureSeconds(_ body: () throws -> Void) throws -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

// MARK: - Report

enum Report {
  static let header = [
    pad("features", 9), pad("command", 36), pad("aigov", 11), pad("sqlite3", 11), pad("ratio", 7),
    "aigov peak",
  ].joined()

  static func row(size: Int, events: Int, name: String, ours: Measurement, theirs: Measurement)
    -> String
  {
    [
      pad(String(size), 9), pad(name, 36), pad(milliseconds(ours.seconds), 11),
      pad(milliseconds(theirs.seconds), 11),
      pad(String(format: "%.2fx", ours.seconds / theirs.seconds), 7),
      "\(ours.peakKilobytes / 1024) MiB",
    ].joined()
  }

  /// Every budget in one table, each met or missed by how much, and why for those missed.
  static func budgetTable(_ budgets: [Budget]) -> String {
    guard !budgets.isEmpty else { return "no budget was measured (see --help)" }
    var lines = [
      "budgets (DESIGN section 9), measured in this run:",
      [
        pad("budget", 48), pad("aigov", 12), pad("baseline", 26), pad("limit", 19),
        pad("ratio", 7), pad("peak", 9), "verdict",
      ].joined(),
    ]
    for budget in budgets {
      lines.append(
        [
          pad(budget.name, 48), pad(budget.measured, 12), pad(budget.baseline, 26),
          pad(budget.limit, 19), pad(String(format: "%.2f", budget.ratio), 7),
          pad("\(budget.peakKilobytes / 1024) MiB", 9), budget.verdict,
        ].joined())
    }
    let missed = budgets.filter { $0.ratio > 1 }
    if !missed.isEmpty { lines.append("why the missed ones miss:") }
    for budget in missed { lines.append("  \(budget.name): \(budget.why)") }
    return lines.joined(separator: "\n")
  }

  static func milliseconds(_ seconds: Double) -> String {
    String(format: "%.1f ms", seconds * 1000)
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
  }
}

/// A budget of the design, as measured: `ratio` is the measure divided by the limit.
struct Budget {
  var name: String
  var measured: String
  var baseline: String
  var limit: String
  var ratio: Double
  var peakKilobytes: Int
  /// Where the time goes, shown when the budget is missed.
  var why: String

  var verdict: String {
    ratio <= 1 ? "met" : "missed by " + String(format: "%.0f%%", (ratio - 1) * 100)
  }
}

// MARK: - Synthetic data

/// A database of `features` synthetic features, each with two providers, three risks and two
/// mitigations, and every hundredth approved in a review round by five reviewers (one signing with
/// a key), built through AIGovKit so that the audit trail is real.
struct SyntheticInventory {
  var features: Int

  /// Audit events per feature: its creation, two provider links, three risks and two mitigations,
  /// and for every hundredth a review round of five sign-offs and an approval.
  static let eventsPerFeature = 8.09

  /// The sqlite3 baseline of `audit verify`: a hash over every event's fields, in order.
  static let hashEveryEvent =
    "SELECT count(sha3(prev_hash || action || actor || coalesce(after, '') || "
    + "coalesce(before, '') || at || entity || entity_key || seq, 256)) "
    + "FROM (SELECT * FROM audit_events ORDER BY seq);"

  /// Reading every event once, every byte of it, and nothing else: the floor of any check.
  static let readEveryEvent =
    "SELECT sum(length(CAST(before AS BLOB)) + length(CAST(after AS BLOB)) + length(hash)) "
    + "FROM audit_events;"

  func build(at path: String) throws {
    let fixed = Date(timeIntervalSince1970: 1_795_000_000)
    let registry = try Registry.open(path: path, create: true, actor: "bench", clock: { fixed })
    let signingKey = SigningKey()
    let reviewers: [(String, Discipline)] = [
      ("rev-product", .product), ("rev-engineering", .engineering), ("rev-legal", .legal),
      ("rev-privacy", .privacy), ("rev-security", .security),
    ]
    try registry.database.transaction {
      for (handle, discipline) in reviewers {
        try registry.addReviewer(
          handle: handle, name: handle, email: "\(handle)@example.com", disciplines: [discipline],
          publicKey: discipline == .legal ? signingKey.publicKey : nil)
      }
      for key in ["llm-a", "llm-b", "platform"] {
        var provider = ProviderDraft(key: key, name: key.uppercased(), kind: .llm)
        provider.noTraining = true
        provider.retentionDays = 0
        try registry.addProvider(provider)
      }
    }
    var next = 0
    while next < features {
      let end = min(features, next + 5_000)
      try registry.database.transaction {
        for index in next..<end {
          let key = "feature-\(index)"
          try addSyntheticFeature(index, to: registry, launchable: false)
          if index % 100 == 0 {
            try registry.openReview(key)
            for (handle, discipline) in reviewers {
              try Registry(database: registry.database, actor: handle, clock: { fixed }).signOff(
                key, discipline: nil, decision: .approve,
                key: discipline == .legal ? signingKey : nil)
            }
          }
        }
      }
      next = end
    }
  }
}

/// A year of an inventory's life, 2026 from January to mid-December, in the order it happened:
/// `features` features added evenly through the first three quarters and a half, each with two
/// providers, three risks and two mitigations; every tenth reviewed by five reviewers (one
/// signing) and launched a week after it was added; every fiftieth gaining a third provider (a
/// material change) later on; and a provider's terms changing in the third quarter.
struct YearOfHistory {
  var features: Int

  func build(at path: String) throws {
    final class Clock {
      var now = Timestamp.parse("2026-01-02T09:00:00Z")!
    }
    let clock = Clock()
    let registry = try Registry.open(path: path, create: true, actor: "dana", clock: { clock.now })
    let signingKey = SigningKey()
    let reviewers = Discipline.allCases.map { discipline in
      (discipline, Registry(database: registry.database, actor: "rev-\(discipline)") { clock.now })
    }
    try registry.database.transaction {
      for (discipline, reviewer) in reviewers {
        try registry.addReviewer(
          handle: reviewer.actor, name: reviewer.actor, email: "\(reviewer.actor)@example.com",
          disciplines: [discipline], publicKey: discipline == .legal ? signingKey.publicKey : nil)
      }
      for key in ["llm-a", "llm-b", "llm-c", "platform"] {
        var provider = ProviderDraft(key: key, name: key.uppercased(), kind: .llm)
        provider.noTraining = true
        provider.retentionDays = 0
        provider.dpaSignedOn = "2025-06-01"
        provider.subprocessorListed = true
        try registry.addProvider(provider)
      }
    }
    let start = clock.now
    let step = 300 * 86_400 / Double(max(1, features))
    var next = 0
    var termsChanged = false
    while next < features {
      let end = min(features, next + 2_000)
      try registry.database.transaction {
        for index in next..<end {
          clock.now = start.addingTimeInterval(Double(index) * step)
          try addSyntheticFeature(index, to: registry, launchable: true)
          // About a week after a feature was added (240 features on): its review and launch.
          let reviewed = index - 240
          if reviewed >= 0, reviewed % 10 == 0 {
            let key = "feature-\(reviewed)"
            try registry.openReview(key)
            for (discipline, reviewer) in reviewers {
              try reviewer.signOff(
                key, discipline: nil, decision: .approve,
                key: discipline == .legal ? signingKey : nil)
            }
            if try registry.risksBlockingLaunch(key).isEmpty {
              try registry.setStatus(key, to: .launched)
            }
          }
          let changed = index - 500
          if changed >= 0, changed % 50 == 0 {
            try registry.linkProvider(
              featureKey: "feature-\(changed)", providerKey: "llm-c", model: "model-c",
              purpose: "summaries")
          }
          if !termsChanged, clock.now >= Timestamp.parse("2026-08-01T00:00:00Z")! {
            var terms = ProviderChanges()
            terms.retentionDays = 30
            try registry.editProvider("llm-b", terms)
            termsChanged = true
          }
        }
      }
      next = end
    }
  }
}

/// Adds synthetic feature `index` (key `feature-<index>`): two providers, three risks, and a
/// mitigation for each of the first two. A `launchable` feature has an assessed EU AI Act tier, a
/// low third risk and mostly implemented mitigations, so that once approved it may launch.
func addSyntheticFeature(_ index: Int, to registry: Registry, launchable: Bool) throws {
  let key = "feature-\(index)"
  var draft = FeatureDraft(
    key: key, name: "Feature \(index)", purpose: "Synthetic feature \(index)",
    category: FeatureCategory.allCases[index % 4],
    processingMode: index % 3 == 0 ? .aggregated : .accountOnly, owner: "owner-\(index % 50)")
  draft.minAggregationSize = index % 3 == 0 ? 100 : nil
  draft.dataCategories = [.behavioral, .purchaseHistory]
  if launchable { draft.euAIActTier = .minimal }
  try registry.addFeature(draft)
  try registry.linkProvider(
    featureKey: key, providerKey: "llm-a", model: "model-a", purpose: "drafting")
  try registry.linkProvider(
    featureKey: key, providerKey: index % 2 == 0 ? "llm-b" : "platform", model: "model-b",
    purpose: "scoring")
  for risk in 0..<3 {
    let low = launchable && risk == 2
    let added = try registry.addRisk(
      featureKey: key,
      RiskDraft(
        title: "Risk \(risk) of \(key)", category: RiskCategory.allCases[risk],
        likelihood: low ? 1 : 1 + (index + risk) % 5, impact: low ? 2 : 1 + (index * 7 + risk) % 5,
        owner: "owner-\(index % 50)"))
    if risk < 2 {
      var mitigation = MitigationDraft(
        title: "Mitigation of risk \(risk)", kind: .technical, owner: "owner")
      if launchable, index % 7 != 0 { mitigation.status = .implemented }
      try registry.addMitigation(riskID: added.id, mitigation)
    }
  }
}

// MARK: - Options and helpers

struct BenchOptions {
  var sizes = [1_000, 10_000, 100_000]
  var runs = 11
  /// Keep the databases in this folder (for profiling) instead of a temporary one.
  var keep: String?
  /// Features in the year of history the quarterly report is timed on; 0 leaves it out.
  var reportFeatures = 10_000
  /// Inventory sizes the export and import are timed on; empty leaves them out.
  var exchangeSizes = [10_000, 100_000]
  /// Events in the trail `audit verify` is timed on; 0 leaves it out.
  var verifyEvents = 1_000_000

  init(_ arguments: ArraySlice<String>) {
    var arguments = arguments.makeIterator()
    while let argument = arguments.next() {
      switch argument {
      case "--sizes":
        guard let value = arguments.next() else { fail("--sizes needs a value like 1000,10000") }
        let sizes = value.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        guard !sizes.isEmpty else {
          fail("invalid --sizes '\(value)' (expected positive numbers like 1000,10000)")
        }
        self.sizes = sizes
      case "--runs":
        guard let value = arguments.next(), let runs = Int(value), runs > 0 else {
          fail("invalid --runs (expected a positive number)")
        }
        self.runs = runs
      case "--report-features":
        guard let value = arguments.next(), let count = Int(value), count >= 0 else {
          fail("invalid --report-features (expected a number, 0 to leave the report out)")
        }
        reportFeatures = count
      case "--exchange-features":
        guard let value = arguments.next() else {
          fail("--exchange-features needs a value like 10000,100000 (0 to leave them out)")
        }
        exchangeSizes = value.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
      case "--verify-events":
        guard let value = arguments.next(), let count = Int(value), count >= 0 else {
          fail("invalid --verify-events (expected a number of events, 0 to leave it out)")
        }
        verifyEvents = count
      case "--keep":
        guard let value = arguments.next() else { fail("--keep needs a folder") }
        keep = value
      case "-h", "--help":
        print(
          "usage: aigov-bench [--sizes 1000,10000,100000] [--runs 11] [--report-features 10000] "
            + "[--exchange-features 10000,100000] [--verify-events 1000000] [--keep FOLDER]")
        exit(0)
      default:
        fail(
          "unknown argument '\(argument)' (expected --sizes, --runs, --report-features, "
            + "--exchange-features, --verify-events or --keep)")
      }
    }
  }
}

/// How many audit events the database at `path` holds.
func eventCount(at path: String) throws -> Int {
  try Registry.open(path: path, actor: "bench", clock: Date.init)
    .database.scalarInteger("SELECT count(*) FROM audit_events") ?? 0
}

func findExecutable(_ name: String) -> String? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").map { "\($0)/\(name)" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }
}

func note(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

func fail(_ text: String) -> Never {
  note("aigov-bench: error: " + text)
  exit(1)
}
