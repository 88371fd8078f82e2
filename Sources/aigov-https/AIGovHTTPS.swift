import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOSSL

#if canImport(Glibc)
  import Glibc
#endif

/// Carries one HTTP/1.1 request from aigov to an aigov server over TLS and brings its answer
/// back: the request's bytes on standard input, the answer's on standard output. The server's
/// certificate is verified against the system's trust store, or against the certificate
/// authorities in $SSL_CERT_FILE when that is set. aigov runs it for `--server https://…`, so
/// that the TLS library lives here and not in aigov.
@main
enum AIGovHTTPS {
  static func main() async {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard
      arguments.count == 4, arguments[0] == "--server", arguments[2] == "--timeout",
      let timeout = Int64(arguments[3]), timeout > 0,
      arguments[1].hasPrefix("https://")
    else {
      fail(
        "usage: aigov-https --server https://HOST:PORT --timeout SECONDS "
          + "(aigov runs it for --server https://…)", status: 64)
    }
    let request = readAll(from: 0)
    guard let parsed = ForwardedRequest(request) else {
      fail("the request on standard input is not HTTP/1.1", status: 65)
    }
    var tls = TLSConfiguration.makeClientConfiguration()
    if let file = getenv("SSL_CERT_FILE").map({ String(cString: $0) }), !file.isEmpty {
      guard access(file, R_OK) == 0 else {
        fail(
          "cannot read SSL_CERT_FILE '\(file)' (expected a PEM file of the certificate "
            + "authorities to trust)", status: 69)
      }
      tls.trustRoots = .file(file)
    }
    var configuration = HTTPClient.Configuration(
      tlsConfiguration: tls, redirectConfiguration: .disallow)
    configuration.timeout = .init(connect: .seconds(min(timeout, 30)), read: .seconds(timeout))
    // One request per run: a connection that fails is said at once, as plain HTTP's is, rather
    // than tried again until the deadline.
    configuration.connectionPool.retryConnectionEstablishment = false
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let status: Int32
    do {
      var outgoing = HTTPClientRequest(url: arguments[1] + parsed.target)
      outgoing.method = HTTPMethod(rawValue: parsed.method)
      for (name, value) in parsed.headers where !ForwardedRequest.hopByHop(name) {
        outgoing.headers.add(name: name, value: value)
      }
      if !parsed.body.isEmpty {
        outgoing.body = .bytes(ByteBuffer(bytes: parsed.body))
      }
      let response = try await client.execute(outgoing, timeout: .seconds(timeout))
      let body = try await response.body.collect(upTo: 512 << 20)
      var head = "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n"
      for (name, value) in response.headers
      where !ForwardedRequest.hopByHop(name) && name.lowercased() != "content-length" {
        head += "\(name): \(value)\r\n"
      }
      head += "Content-Length: \(body.readableBytes)\r\n\r\n"
      writeAll(Array(head.utf8) + Array(buffer: body), to: 1)
      status = 0
    } catch {
      writeAll(Array((problem(error) + "\n").utf8), to: 2)
      status = 69
    }
    try? await client.shutdown()
    exit(status)
  }

  /// A failure in words a person can act on, rather than the TLS library's.
  static func problem(_ error: any Error) -> String {
    let said = String(describing: error)
    if said.contains("CERTIFICATE_VERIFY_FAILED") || said.contains("certificate verify failed") {
      return "its TLS certificate is not trusted by this machine (for a private certificate "
        + "authority, set SSL_CERT_FILE to its certificate's PEM file)"
    }
    if said.contains("ValidateHostname") || said.contains("HostnameImpossibleToMatch") {
      return "its TLS certificate does not name this host"
    }
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout, .readTimeout, .deadlineExceeded:
        return "no answer in time"
      case .remoteConnectionClosed:
        return "the server closed the connection (does it speak TLS on this port?)"
      default: break
      }
    }
    if said.contains("connectionRefused") || said.contains("Connection refused") {
      return "connection refused"
    }
    if let error = error as? NIOSSLError {
      return "the TLS handshake failed (\(error)); does the server speak TLS on this port?"
    }
    return said.filter { !$0.isNewline }
  }

  static func fail(_ message: String, status: Int32) -> Never {
    writeAll(Array("\(message)\n".utf8), to: 2)
    exit(status)
  }

  static func readAll(from descriptor: Int32) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return bytes }
      bytes += buffer[..<count]
    }
  }

  static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }
      sent += count
    }
  }
}

/// The request aigov wrote: its method, target, headers and body.
struct ForwardedRequest {
  var method: String
  var target: String
  var headers: [(String, String)]
  var body: [UInt8]

  init?(_ bytes: [UInt8]) {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard
      let end = bytes.indices.dropLast(3).first(where: {
        bytes[$0..<$0 + 4].elementsEqual(separator)
      })
    else { return nil }
    let lines = String(decoding: bytes[..<end], as: UTF8.self)
      .split(separator: "\r\n", omittingEmptySubsequences: false)
    let requestLine = lines.first?.split(separator: " ") ?? []
    guard requestLine.count == 3, requestLine[1].hasPrefix("/"),
      requestLine[2].hasPrefix("HTTP/1.")
    else { return nil }
    method = String(requestLine[0])
    target = String(requestLine[1])
    var headers: [(String, String)] = []
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let value = line[line.index(after: colon)...].drop { $0 == " " }
      headers.append((String(line[..<colon]), String(value)))
    }
    self.headers = headers
    body = Array(bytes[(end + 4)...])
  }

  /// Headers that belong to one connection, which the client sets for its own.
  static func hopByHop(_ name: String) -> Bool {
    ["host", "connection", "content-length", "transfer-encoding", "keep-alive"]
      .contains(name.lowercased())
  }
}
