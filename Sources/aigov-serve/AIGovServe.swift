import AIGovKit
import ArgumentParser
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// The HTTP API and web pages over one database. `aigov serve` starts it.
@main
struct AIGovServe: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "aigov-serve",
    abstract: "Serve the aigov inventory to the team: a JSON API and web pages.",
    discussion: """
      Every request names its person: an access token made with 'aigov token create' (as \
      'Authorization: Bearer', or the browser's sign-in), or, with --identity-header, the \
      header a single-sign-on proxy in front of the server sets. Usually started as \
      'aigov serve'.
      """,
    version: "\(ToolRelease.version) (database schema version \(Registry.migrator.latestVersion))")

  @Option(
    help: ArgumentHelp(
      "The database file (default: $AIGOV_DB, else ./aigov.sqlite).", valueName: "path"))
  var db: String?

  @Option(help: ArgumentHelp("The address and port to listen on.", valueName: "host:port"))
  var listen: String = "127.0.0.1:8080"

  @Option(
    help: ArgumentHelp(
      "Trust this request header as the person's name, set by a single-sign-on proxy in front "
        + "of the server (off by default; only where nothing else can reach the server).",
      valueName: "name"))
  var identityHeader: String?

  @Option(
    help: ArgumentHelp(
      "Serve as of this time, e.g. 2026-11-22T09:30:00Z (default: $AIGOV_NOW, else the system "
        + "clock at each request).", valueName: "time"))
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

  @Option(help: .hidden)
  var webhookRetryScale: Double = 1

  func validate() throws {
    if let problem = ServerStartup.nowProblem(now) { throw ValidationError(problem) }
    if let problem = ServerStartup.tlsProblem(certificate: tlsCertificate, key: tlsKey) {
      throw ValidationError(problem)
    }
    guard webhookInterval >= 0.05, webhookInterval <= 86_400 else {
      throw ValidationError(
        "invalid --webhook-interval '\(webhookInterval)' (expected 0.05 to 86400 seconds)")
    }
    guard webhookRetryScale >= 0 else {
      throw ValidationError("invalid --webhook-retry-scale (expected 0 or more)")
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

  func run() async throws {
    let path = ServerStartup.databasePath(db)
    let fixedTime = ServerStartup.fixedTime(now)
    let address = ListenAddress(listen)!
    let inventory: ServedInventory
    do {
      inventory = try ServedInventory(path: path, fixedTime: fixedTime)
    } catch {
      Self.fail(error)
    }
    let site = Site(
      inventory: inventory,
      identityHeader: identityHeader.flatMap { HTTPField.Name($0) },
      servesTLS: tlsCertificate != nil)
    let http: HTTPServerBuilder = .http1(configuration: .init(idleTimeout: .seconds(30)))
    let server: HTTPServerBuilder
    if let tlsCertificate, let tlsKey {
      do {
        server = try .tls(
          http, tlsConfiguration: Self.tlsConfiguration(certificate: tlsCertificate, key: tlsKey))
      } catch let error as TLSFileProblem {
        FileHandle.standardError.write(Data("aigov-serve: \(error.message)\n".utf8))
        Foundation.exit(error.status)
      }
    } else {
      server = http
    }
    let scheme = tlsCertificate == nil ? "http" : "https"
    let application = Application(
      router: site.router(),
      server: server,
      configuration: .init(
        address: .hostname(address.host, port: address.port), serverName: "aigov"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? address.port
        FileHandle.standardError.write(
          Data(
            "aigov-serve: serving '\(path)' on \(scheme)://\(address.host):\(port)/\n".utf8))
      },
      logger: Self.quietLogger())
    let dispatcher = Task {
      await WebhookDispatcher(
        inventory: inventory, interval: webhookInterval, retryScale: webhookRetryScale
      ).run()
    }
    try await application.runService()
    dispatcher.cancel()
    FileHandle.standardError.write(Data("aigov-serve: stopped\n".utf8))
  }

  /// The server's side of TLS from two PEM files, each refused in words that name it.
  static func tlsConfiguration(certificate: String, key: String) throws -> TLSConfiguration {
    func read<T>(_ path: String, _ what: String, _ load: () throws -> T) throws -> T {
      guard FileManager.default.isReadableFile(atPath: path) else {
        throw TLSFileProblem(
          message: "cannot read the \(what) '\(path)' (expected a PEM file this user can read)",
          status: 66)
      }
      do {
        return try load()
      } catch {
        throw TLSFileProblem(
          message: "the \(what) '\(path)' is not one (expected a PEM file)", status: 65)
      }
    }
    let chain = try read(certificate, "TLS certificate") {
      try NIOSSLCertificate.fromPEMFile(certificate)
    }
    guard !chain.isEmpty else {
      throw TLSFileProblem(
        message: "the TLS certificate '\(certificate)' holds no certificate (expected a PEM file)",
        status: 65)
    }
    let privateKey = try read(key, "TLS key") { try NIOSSLPrivateKey(file: key, format: .pem) }
    return TLSConfiguration.makeServerConfiguration(
      certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(privateKey))
  }

  struct TLSFileProblem: Error {
    var message: String
    var status: Int32
  }

  /// Errors and warnings only: a request is not worth a line.
  static func quietLogger() -> Logger {
    var logger = Logger(label: "aigov-serve")
    logger.logLevel = .warning
    return logger
  }

  /// Ends the process for a database it cannot serve, with the statuses aigov uses.
  static func fail(_ error: any Error) -> Never {
    FileHandle.standardError.write(Data("aigov-serve: \(error)\n".utf8))
    Foundation.exit(ServerStartup.exitStatus(for: error))
  }
}
