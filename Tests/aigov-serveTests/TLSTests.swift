import AIGovKit
import Crypto
import Foundation
import SwiftASN1
import Testing
import X509

/// A certificate authority made for one test, and a server certificate it issued for the given
/// names (127.0.0.1 by default), each written as a PEM file.
struct TestCertificateAuthority {
  let folder: URL
  var authority: String { folder.appendingPathComponent("ca.pem").path }
  var certificate: String { folder.appendingPathComponent("server.pem").path }
  var key: String { folder.appendingPathComponent("server.key.pem").path }

  init(names: [GeneralName] = [.ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]) throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let now = Date()
    let authorityKey = P256.Signing.PrivateKey()
    let authorityName = try DistinguishedName { CommonName("aigov test authority") }
    let authority = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: .init(authorityKey.publicKey),
      notValidBefore: now - 3600, notValidAfter: now + 3600, issuer: authorityName,
      subject: authorityName, signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
        Critical(KeyUsage(keyCertSign: true))
      }, issuerPrivateKey: .init(authorityKey))
    let serverKey = P256.Signing.PrivateKey()
    let server = try Certificate(
      version: .v3, serialNumber: .init(), publicKey: .init(serverKey.publicKey),
      notValidBefore: now - 3600, notValidAfter: now + 3600, issuer: authorityName,
      subject: try DistinguishedName { CommonName("aigov test server") },
      signatureAlgorithm: .ecdsaWithSHA256,
      extensions: try Certificate.Extensions {
        Critical(BasicConstraints.notCertificateAuthority)
        try ExtendedKeyUsage([.serverAuth])
        SubjectAlternativeNames(names)
      }, issuerPrivateKey: .init(authorityKey))
    try authority.serializeAsPEM().pemString.write(
      toFile: self.authority, atomically: true, encoding: .utf8)
    try server.serializeAsPEM().pemString.write(
      toFile: certificate, atomically: true, encoding: .utf8)
    try serverKey.pemRepresentation.write(toFile: key, atomically: true, encoding: .utf8)
  }

  func remove() {
    try? FileManager.default.removeItem(at: folder)
  }
}

@Suite struct TLSTests {
  @Test func theCommandLineWorksThroughATLSServerItsCertificateAuthorityVouchesFor() throws {
    let authority = try TestCertificateAuthority()
    defer { authority.remove() }
    let server = try ServerUnderTest(arguments: [
      "--tls-certificate", authority.certificate, "--tls-key", authority.key,
    ])
    #expect(server.url.hasPrefix("https://127.0.0.1:"))
    let trusted = [
      "AIGOV_TOKEN": try server.token(for: "dana"), "SSL_CERT_FILE": authority.authority,
    ]

    for command in [
      ["feature", "list"], ["feature", "show", "email-ai", "--format", "json"],
      ["review", "status", "--format", "json"], ["report", "public", "--format", "markdown"],
    ] {
      let through = try server.aigov(command + ["--server", server.url], environment: trusted)
      let local = try server.aigov(command + ["--db", server.path])
      #expect(through.status == 0, "\(command): \(through.stderr)")
      #expect(through.stdout == local.stdout, "\(command)")
    }

    // A change travels too, and lands in the trail as one made on the file would.
    let opened = try server.aigov(
      ["review", "open", "review-summaries", "--server", server.url], environment: trusted)
    #expect(opened.status == 0, "\(opened.stderr)")
    let status = try server.aigov(
      ["review", "status", "review-summaries", "--format", "json", "--db", server.path])
    #expect(status.stdout.contains("\"open\""), "\(status.stdout)")
    #expect(try server.aigov(["audit", "verify", "--db", server.path]).status == 0)

    // A browser that signs in over the server's own TLS gets a cookie sent over HTTPS only.
    let login = try run(
      ServerUnderTest.binary("aigov-https"),
      ["--server", server.address.origin, "--timeout", "10"],
      input: Data(
        ("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
          + "application/x-www-form-urlencoded\r\n\r\ntoken=\(try server.token(for: "dana"))").utf8),
      environment: ["SSL_CERT_FILE": authority.authority])
    #expect(login.stdout.hasPrefix("HTTP/1.1 303"), "\(login.stdout)\(login.stderr)")
    let cookie = login.stdout.split(separator: "\r\n").first {
      $0.lowercased().hasPrefix("set-cookie:")
    }
    #expect(cookie?.contains("Secure") == true, "\(cookie ?? "no cookie")")
  }

  @Test func aServerThisMachineCannotVerifyIsRefusedAndNothingIsSent() throws {
    let authority = try TestCertificateAuthority()
    defer { authority.remove() }
    let server = try ServerUnderTest(arguments: [
      "--tls-certificate", authority.certificate, "--tls-key", authority.key,
    ])
    let token = try server.token(for: "dana")
    let before = try server.digest()
    let port = server.address.port
    let cases: [([String], [String: String], String)] = [
      // The system's trust store knows nothing of the test's authority.
      (
        ["review", "open", "review-summaries", "--server", server.url],
        ["AIGOV_TOKEN": token, "SSL_CERT_FILE": ""], "its TLS certificate is not trusted"
      ),
      (
        ["feature", "list", "--server", server.url],
        ["AIGOV_TOKEN": token, "SSL_CERT_FILE": authority.folder.appendingPathComponent("x").path],
        "cannot read SSL_CERT_FILE"
      ),
      // Plain HTTP to the TLS port.
      (
        ["review", "open", "review-summaries", "--server", "http://127.0.0.1:\(port)"],
        ["AIGOV_TOKEN": token], "if it serves TLS, use https://"
      ),
    ]
    for (arguments, environment, message) in cases {
      let refused = try server.aigov(arguments, environment: environment)
      #expect(refused.status == 69, "\(arguments): \(refused.stderr)")
      #expect(refused.stderr.hasPrefix("error: cannot reach the aigov server at "))
      #expect(refused.stderr.contains(message), "\(refused.stderr)")
      #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }
    #expect(try server.digest() == before)

    // A certificate the authority issued for another host.
    let elsewhere = try TestCertificateAuthority(names: [.dnsName("elsewhere.example")])
    defer { elsewhere.remove() }
    let impostor = try ServerUnderTest(arguments: [
      "--tls-certificate", elsewhere.certificate, "--tls-key", elsewhere.key,
    ])
    let impostorToken = try impostor.token(for: "dana")
    let impostorBefore = try impostor.digest()
    for host in ["127.0.0.1", "localhost"] {
      let refused = try impostor.aigov(
        [
          "review", "open", "review-summaries", "--server",
          "https://\(host):\(impostor.address.port)",
        ],
        environment: ["AIGOV_TOKEN": impostorToken, "SSL_CERT_FILE": elsewhere.authority])
      #expect(refused.status == 69, "\(host): \(refused.stderr)")
      #expect(
        refused.stderr.contains("its TLS certificate does not name this host"), "\(refused.stderr)")
    }
    #expect(try impostor.digest() == impostorBefore)
  }

  @Test func aServerRefusesTLSFilesItCannotUseNamingThem() throws {
    let authority = try TestCertificateAuthority()
    defer { authority.remove() }
    let database = authority.folder.appendingPathComponent("aigov.sqlite").path
    _ = try SampleInventory.builtIn().build(
      at: database, replacing: false, clock: { ServerUnderTest.now })
    let missing = authority.folder.appendingPathComponent("missing.pem").path
    let cases: [([String], Int32, String)] = [
      (
        ["--tls-certificate", missing, "--tls-key", authority.key], 66,
        "cannot read the TLS certificate '\(missing)'"
      ),
      (
        ["--tls-certificate", authority.key, "--tls-key", authority.key], 65,
        "the TLS certificate '\(authority.key)' is not one"
      ),
      (
        ["--tls-certificate", authority.certificate, "--tls-key", authority.certificate], 65,
        "the TLS key '\(authority.certificate)' is not one"
      ),
      (
        ["--tls-certificate", authority.certificate], 64,
        "--tls-certificate and --tls-key go together"
      ),
    ]
    for (arguments, status, message) in cases {
      let refused = try run(
        ServerUnderTest.binary("aigov"),
        ["serve", "--db", database, "--listen", "127.0.0.1:0"] + arguments)
      #expect(refused.status == status, "\(arguments): \(refused.stderr)")
      #expect(refused.stderr.contains(message), "\(refused.stderr)")
    }
  }
}
