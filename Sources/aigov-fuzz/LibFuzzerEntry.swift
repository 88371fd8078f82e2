#if FUZZING
  #if canImport(Glibc)
    import Glibc
  #endif

  /// libFuzzer's driver, for a program that has its own `main` (SwiftPM gives every executable
  /// one).
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
  ) -> CInt

  /// One input, from libFuzzer.
  func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    LibFuzzerEntry.target.run(bytes)
    return 0
  }

  /// Built with `-sanitize=fuzzer -DFUZZING`: hands the command line to libFuzzer, which feeds
  /// inputs to the target that `AIGOV_FUZZ_TARGET` names.
  @main
  enum LibFuzzerEntry {
    static func main() {
      _ = target
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      let status = runFuzzerDriver(&argc, &argv, fuzzOneInput)
      exit(status)
    }

    /// The target this run fuzzes, from `AIGOV_FUZZ_TARGET`.
    static let target: FuzzTarget = {
      let name = getenv("AIGOV_FUZZ_TARGET").map { String(cString: $0) } ?? ""
      guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        fatalError("set AIGOV_FUZZ_TARGET to one of: \(names)")
      }
      return target
    }()
  }
#endif
