#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One request to a server reached over TLS, through `aigov-https`: the request's bytes go to
/// its standard input, the answer's come back on its standard output, and a connection it could
/// not make is one line on its standard error with exit status 69.
enum TLSExchange {
  static let helper = SiblingExecutable(name: "aigov-https")

  static func perform(
    _ request: [UInt8], at server: ServerAddress, timeoutSeconds: Int,
    _ failure: (String) -> HTTPExchangeError
  ) throws -> HTTPAnswer {
    guard let executable = helper.locate() else { throw failure(helper.missing) }
    let outcome: ChildOutcome
    do {
      outcome = try ChildProcess.run(
        executable, ["--server", server.origin, "--timeout", String(timeoutSeconds)],
        input: request, outputLimit: HTTPExchange.maximumAnswerBytes + 64 * 1024,
        errorLimit: 64 * 1024)
    } catch let error as ChildProcess.Failure {
      throw failure(error.problem)
    }
    guard outcome.status == 0 else {
      let said = String(decoding: outcome.error, as: UTF8.self)
        .split(separator: "\n").last.map(String.init)
      throw failure(said ?? "'\(executable)' ended with status \(outcome.status)")
    }
    guard let answer = HTTPExchange.parse(outcome.output) else {
      throw failure("the answer is not HTTP (is the URL the aigov server's?)")
    }
    return answer
  }
}
