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
  @main
  enum FuzzReplay {
    static func fail(_ message: String, status: Int32) -> Never {
      let line = Array((message + "\n").utf8)
      _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
      exit(status)
    }

    static func main() {
      let arguments = Array(CommandLine.arguments.dropFirst())
      guard arguments.count >= 3, let target = FuzzTarget(rawValue: arguments[1]) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        fail("usage: aigov-fuzz seed|replay \(names) FOLDER|FILE...", status: 64)
      }
      do {
        switch arguments[0] {
        case "seed":
          let count = try FuzzSeeds.write(target, into: arguments[2])
          print("wrote \(count) seeds for \(target.rawValue) into '\(arguments[2])'")
        case "replay":
          for path in arguments.dropFirst(2) {
            target.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            print("\(path): no finding")
          }
        default:
          fail("error: unknown action '\(arguments[0])' (expected seed or replay)", status: 64)
        }
      } catch {
        fail("error: \(error)", status: 66)
      }
    }
  }
#endif
