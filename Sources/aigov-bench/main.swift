// aigov-bench: times the release `aigov` binary, as whole processes, against the `sqlite3` shell
// doing the equivalent work on the same database file, and prints the ratios; and tool calls to
// the read-only MCP server `aigov-mcp`, in a running server and as a whole process.
//
//   swift build -c release --static-swift-stdlib && .build/release/aigov-bench
//     [--sizes 1000,10000,100000] [--runs 11] [--report-features 10000]
//     [--exchange-features 10000,100000] [--verify-events 1000000] [--serve-features 10000]
//     [--recovery-features 10000] [--keep FOLDER]
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
// The databases are built afresh: an earlier run's would be added to, or refused, part way.
if let keep = options.keep, let left = try? FileManager.default.contentsOfDirectory(atPath: keep),
  !left.isEmpty
{
  fail(
    "--keep folder '\(keep)' is not empty (expected a new or empty folder to build the "
      + "databases in)")
}
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { if options.keep == nil { try? FileManager.default.removeItem(at: folder) } }

print("aigov-bench: median of \(options.runs) runs per command (fewer for whole-database ones);")
print("each row compares the aigov process with the sqlite3 shell doing the same work.\n")
print(Report.header)

let run = BenchRun(options: options, aigov: aigov, sqlite3: sqlite3, folder: folder)
/// Every budget measured in this run, printed together at the end.
var budgets: [Budget] = []
for size in options.sizes { budgets += try run.singleRecordCommands(size: size) }
if options.reportFeatures > 0 {
  budgets += try run.quarterlyReport(features: options.reportFeatures)
}
budgets += try run.exchange()
if options.verifyEvents > 0 { budgets += try run.auditVerify() }
if options.serveFeatures > 0 { budgets += try run.serve(features: options.serveFeatures) }
if options.recoveryFeatures > 0 { try run.recovery(features: options.recoveryFeatures) }

print("\n" + Report.budgetTable(budgets))

print(
  """

  'audit verify' is the whole proof: the hash chain, the reconciliation of every record of every
  table with its latest event, and every sign-off's signature; the sqlite3 baseline only hashes
  the events. Every hundredth feature carries a review round with five sign-offs, one signed.
  'peak' is the aigov process's maximum resident memory. A budget's ratio is its measure divided
  by its limit: 1.00 or less is met.
  """)
