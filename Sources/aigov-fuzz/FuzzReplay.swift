#if !FUZZING
  #if canImport(FoundationEssentials)
    import FoundationEssentials
  #else
    import Foundation
  #endif
  #if canImport(Glibc)
    import Glibc
  #endif

  /// Without libFuzzer: writes a target's seed corpus from `Fixtures/`, or runs inputs (a crash
  /// the fuzzer found, say) through a target once.
  ///
  ///     aigov-fuzz seed csv corpus/csv
  ///     aigov-fuzz replay csv crash-1234 ...
  ///
  /// Exit status: 0 done; 64 bad usage; 66 an input cannot be read; 70 the seeds cannot be
  /// written. A finding stops the replay where it is, as it stops the fuzzer.
  @main
  enum FuzzReplay {
    static func fail(_ message: String, status: Int32) -> Never {
      let line = Array((message + "\n").utf8)
      _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
      exit(status)
    }

    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      let names = FuzzTarget.allCases.map(\.rawValue)
      guard arguments.count >= 3 else {
        fail(
          "usage: aigov-fuzz seed|replay \(names.joined(separator: "|")) FOLDER|FILE...",
          status: 64)
      }
      guard ["seed", "replay"].contains(arguments[0]) else {
        fail("error: unknown action '\(arguments[0])' (expected seed or replay)", status: 64)
      }
      guard let target = FuzzTarget(rawValue: arguments[1]) else {
        fail(
          "error: unknown target '\(arguments[1])' (expected one of: "
            + "\(names.joined(separator: ", ")))", status: 64)
      }
      if arguments[0] == "seed" {
        do {
          let count = try FuzzSeeds.write(target, into: arguments[2])
          print("wrote \(count) seeds for \(target.rawValue) into '\(arguments[2])'")
        } catch {
          fail(
            "error: cannot write the seeds into '\(arguments[2])' (expected a folder that can be "
              + "created and written to)", status: 70)
        }
        return
      }
      for path in arguments.dropFirst(2) {
        guard let bytes = FileManager.default.contents(atPath: path) else {
          fail("error: cannot read '\(path)' (expected a file the fuzzer wrote)", status: 66)
        }
        target.run(Array(bytes))
        print("\(path): no finding")
      }
    }
  }
#endif
