import AIGovKit
import Foundation

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
  /// Features in the database the server is loaded on (beside datasette); 0 leaves it out.
  var serveFeatures = 10_000
  /// Features in the database backed up and replicated; 0 leaves it out.
  var recoveryFeatures = 10_000

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
      case "--serve-features":
        guard let value = arguments.next(), let count = Int(value), count >= 0 else {
          fail("invalid --serve-features (expected a number of features, 0 to leave it out)")
        }
        serveFeatures = count
      case "--recovery-features":
        guard let value = arguments.next(), let count = Int(value), count >= 0 else {
          fail("invalid --recovery-features (expected a number of features, 0 to leave it out)")
        }
        recoveryFeatures = count
      case "--keep":
        guard let value = arguments.next() else { fail("--keep needs a folder") }
        keep = value
      case "-h", "--help":
        print(
          "usage: aigov-bench [--sizes 1000,10000,100000] [--runs 11] [--report-features 10000] "
            + "[--exchange-features 10000,100000] [--verify-events 1000000] "
            + "[--serve-features 10000] [--recovery-features 10000] [--keep FOLDER]")
        exit(0)
      default:
        fail(
          "unknown argument '\(argument)' (expected --sizes, --runs, --report-features, "
            + "--exchange-features, --verify-events, --serve-features, --recovery-features or "
            + "--keep)")
      }
    }
  }
}

/// How many audit events the database at `path` holds.
func eventCount(at path: String) throws -> Int {
  try Registry.open(path: path, actor: "bench", clock: Date.init).auditTrail.head()?.seq ?? 0
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

/// What every part of the benchmark runs with: its options, the two binaries it compares, and
/// the folder its databases go in.
struct BenchRun {
  let options: BenchOptions
  /// The release `aigov` binary beside the benchmark.
  let aigov: String
  /// The `sqlite3` shell, the baseline.
  let sqlite3: String
  let folder: URL
}
