import AIGovKit
import ArgumentParser

extension AIGov {
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "serve",
      abstract: "Serve the inventory to the team: a JSON API and web pages over HTTP.",
      discussion: """
        Runs the server 'aigov-serve', found beside this aigov or else on PATH, on the database \
        chosen as for every command. Each person reaches it with an access token ('aigov token \
        create HANDLE'), or through a single-sign-on proxy that names them in a header \
        (--identity-header). Reviewers sign on their own machines: 'aigov --server URL review \
        sign ...', or the sign-off page in the browser, which signs with Web Crypto. The OpenAPI \
        document is at /openapi.json. With --tls-certificate and --tls-key it serves HTTPS \
        itself; the README also shows TLS through a reverse proxy, a systemd unit and backups \
        of the live file. The server stops cleanly on SIGTERM or Ctrl-C.
        """)

    @Option(help: GlobalOptions.databaseHelp)
    var db: String?

    @Option(help: ArgumentHelp("The address and port to listen on.", valueName: "host:port"))
    var listen: String = "127.0.0.1:8080"

    @Option(
      help: ArgumentHelp(
        "Trust this request header as the person's name, as set by a single-sign-on proxy "
          + "(off by default; only where nothing but the proxy can reach the server).",
        valueName: "name"))
    var identityHeader: String?

    @Option(
      help: ArgumentHelp(
        "Serve as of this time, e.g. 2026-11-22T09:30:00Z (default: $AIGOV_NOW, else the clock "
          + "at each request).", valueName: "time"))
    var now: String?

    @Option(help: ArgumentHelp(ServerStartup.tlsCertificateHelp, valueName: "path"))
    var tlsCertificate: String?

    @Option(help: ArgumentHelp(ServerStartup.tlsKeyHelp, valueName: "path"))
    var tlsKey: String?

    @Option(
      help: ArgumentHelp(
        "How often, in seconds, to look for events to post to the webhooks ('aigov webhook').",
        valueName: "seconds"))
    var webhookInterval: Double = 10

    func validate() throws {
      guard webhookInterval >= 0.05, webhookInterval <= 86_400 else {
        throw ValidationError(
          "invalid --webhook-interval '\(webhookInterval)' (expected 0.05 to 86400 seconds)")
      }
      try GlobalOptions.validate(now: now)
      if let problem = ServerStartup.tlsProblem(certificate: tlsCertificate, key: tlsKey) {
        throw ValidationError(problem)
      }
      guard ListenAddress(listen) != nil else {
        throw ValidationError(
          "invalid --listen '\(listen)' (expected a host and port like 127.0.0.1:8080)")
      }
      if let identityHeader, !HeaderName.isValid(identityHeader) {
        throw ValidationError(
          "invalid --identity-header '\(identityHeader)' (expected a header name like "
            + "X-Forwarded-User)")
      }
    }

    func run() throws {
      let path = GlobalOptions.databasePath(db)
      // Opened here first, so that a wrong file is refused with aigov's own words and status;
      // the server itself refuses a file or folder it cannot write (exit 73), saying which.
      _ = try Registry.openReadOnly(path: path, clock: GlobalOptions.clock(now: now))
      var arguments = [
        "--db", path, "--listen", listen, "--webhook-interval", String(webhookInterval),
      ]
      if let identityHeader { arguments += ["--identity-header", identityHeader] }
      if let tlsCertificate, let tlsKey {
        arguments += ["--tls-certificate", tlsCertificate, "--tls-key", tlsKey]
      }
      if let now = now ?? GlobalOptions.environment("AIGOV_NOW") { arguments += ["--now", now] }
      try SiblingExecutable(name: "aigov-serve").replaceProcess(arguments: arguments)
    }
  }
}
