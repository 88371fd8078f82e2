#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where an aigov server is: `http://host[:port][/prefix]` or `https://…`.
public struct ServerAddress: Equatable, Sendable, CustomStringConvertible {
  /// Whether the server is reached over TLS (`https://`).
  public var secure: Bool
  public var host: String
  public var port: UInt16
  /// The path the server is mounted at behind a proxy, without a trailing slash ("" at the root).
  public var prefix: String

  /// Reads a URL; nil for anything but `http://` or `https://` with a host.
  public init?(_ url: String) {
    if url.hasPrefix("https://") {
      secure = true
    } else if url.hasPrefix("http://") {
      secure = false
    } else {
      return nil
    }
    var rest = url.dropFirst(secure ? "https://".count : "http://".count)
    let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
    let authority = rest[..<authorityEnd]
    rest = rest[authorityEnd...]
    var host = authority
    var port: UInt16 = secure ? 443 : 80
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { return nil }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") {
        guard let value = UInt16(after.dropFirst()) else { return nil }
        port = value
      } else if !after.isEmpty {
        return nil
      }
    } else if authority.contains("]") {
      return nil
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[..<colon]
      guard let value = UInt16(authority[authority.index(after: colon)...]) else { return nil }
      port = value
    }
    guard !host.isEmpty, !host.contains("@"), rest.allSatisfy({ $0 != "?" && $0 != "#" }) else {
      return nil
    }
    self.host = String(host)
    self.port = port
    var prefix = String(rest)
    while prefix.hasSuffix("/") { prefix.removeLast() }
    self.prefix = prefix
  }

  public var description: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    let defaultPort: UInt16 = secure ? 443 : 80
    return
      "\(secure ? "https" : "http")://\(shownHost)\(port == defaultPort ? "" : ":\(port)")\(prefix)"
  }

  /// The URL of the server's root, without its path prefix: what a TLS connection is opened to.
  public var origin: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    return "\(secure ? "https" : "http")://\(shownHost):\(port)"
  }
}

/// A server's answer: its status, headers (names in lower case) and body.
public struct HTTPAnswer: Sendable {
  public var status: Int
  public var headers: [String: String]
  public var body: [UInt8]
}

/// Why a server could not be asked.
public struct HTTPExchangeError: Error, Equatable, Sendable, CustomStringConvertible {
  public var server: String
  public var problem: String
  public var description: String { "cannot reach the aigov server at \(server): \(problem)" }
}

/// One HTTP/1.1 request and its answer over a new connection, with POSIX sockets: the CLI
/// reaches a server without a networking library. A server reached over TLS is asked through
/// `aigov-https`, shipped beside aigov, which carries the TLS library, so that aigov itself
/// keeps its start-up time and its short list of libraries.
public enum HTTPExchange {
  /// The largest answer read: the biggest report of a large inventory fits many times over.
  public static let maximumAnswerBytes = 512 << 20

  public static func perform(
    _ method: String, _ target: String, at server: ServerAddress, headers: [(String, String)],
    body: [UInt8]? = nil, timeoutSeconds: Int = 60
  ) throws -> HTTPAnswer {
    func failure(_ problem: String) -> HTTPExchangeError {
      HTTPExchangeError(server: server.description, problem: problem)
    }
    var head = "\(method) \(server.prefix)\(target) HTTP/1.1\r\n"
    head +=
      "Host: \(server.host.contains(":") ? "[\(server.host)]" : server.host):\(server.port)\r\n"
    head += "Connection: close\r\nUser-Agent: aigov/\(ToolRelease.version)\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    if let body { head += "Content-Length: \(body.count)\r\n" }
    head += "\r\n"
    let request = Array(head.utf8) + (body ?? [])
    if server.secure {
      return try TLSExchange.perform(request, at: server, timeoutSeconds: timeoutSeconds, failure)
    }
    let socket = try connect(server, timeoutSeconds: timeoutSeconds, failure)
    defer { close(socket) }
    try send(request, on: socket, failure)

    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      if count == 0 { break }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(
          errno == EAGAIN || errno == EWOULDBLOCK
            ? "no answer within \(timeoutSeconds) seconds" : String(cString: strerror(errno)))
      }
      received += buffer[..<count]
      guard received.count <= maximumAnswerBytes else {
        throw failure("the answer is larger than \(maximumAnswerBytes >> 20) MiB")
      }
    }
    guard !received.isEmpty else {
      throw failure(
        "the server closed the connection without an answer (if it serves TLS, use https://)")
    }
    guard let answer = parse(received) else {
      throw failure("the answer is not HTTP (is the URL the aigov server's?)")
    }
    return answer
  }

  private static func connect(
    _ server: ServerAddress, timeoutSeconds: Int, _ failure: (String) -> HTTPExchangeError
  ) throws -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    #if canImport(Glibc)
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    #else
      hints.ai_socktype = SOCK_STREAM
    #endif
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(server.host, String(server.port), &hints, &list)
    guard status == 0, let first = list else {
      throw failure("cannot resolve '\(server.host)': \(String(cString: gai_strerror(status)))")
    }
    defer { freeaddrinfo(list) }
    var problem = "no address"
    var entry: UnsafeMutablePointer<addrinfo>? = first
    while let address = entry {
      entry = address.pointee.ai_next
      let socket = Glibc.socket(
        address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
      guard socket >= 0 else { continue }
      var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
      setsockopt(
        socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      setsockopt(
        socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      if Glibc.connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
        return socket
      }
      problem = String(cString: strerror(errno))
      close(socket)
    }
    throw failure(problem)
  }

  private static func send(
    _ bytes: [UInt8], on socket: Int32, _ failure: (String) -> HTTPExchangeError
  ) throws {
    var sent = 0
    while sent < bytes.count {
      let count = bytes[sent...].withUnsafeBytes {
        Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw failure(String(cString: strerror(errno)))
      }
      sent += count
    }
  }

  /// Reads the status line, the headers and the body (by its length, in chunks, or to the end).
  static func parse(_ bytes: [UInt8]) -> HTTPAnswer? {
    let separator: [UInt8] = [13, 10, 13, 10]
    guard
      let end = bytes.indices.dropLast(3).first(where: {
        bytes[$0..<$0 + 4].elementsEqual(separator)
      })
    else { return nil }
    let head = String(decoding: bytes[..<end], as: UTF8.self)
    var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
    guard !lines.isEmpty else { return nil }
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1])
    else { return nil }
    var headers: [String: String] = [:]
    for line in lines {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...])
        .trimmingWhitespace()
    }
    var body = Array(bytes[(end + 4)...])
    if headers["transfer-encoding"]?.lowercased() == "chunked" {
      guard let decoded = dechunk(body) else { return nil }
      body = decoded
    } else if let length = headers["content-length"].flatMap({ Int($0) }) {
      guard body.count >= length else { return nil }
      body = Array(body[..<length])
    }
    return HTTPAnswer(status: status, headers: headers, body: body)
  }

  private static func dechunk(_ bytes: [UInt8]) -> [UInt8]? {
    var result: [UInt8] = []
    var index = 0
    while true {
      guard
        let lineEnd = (index..<max(index, bytes.count - 1)).first(where: {
          bytes[$0] == 13 && bytes[$0 + 1] == 10
        })
      else { return nil }
      let sizeText = String(decoding: bytes[index..<lineEnd], as: UTF8.self)
        .prefix { $0 != ";" }.trimmingWhitespace()
      guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
      index = lineEnd + 2
      if size == 0 { return result }
      guard index + size + 2 <= bytes.count else { return nil }
      result += bytes[index..<index + size]
      index += size + 2
    }
  }

  /// Percent-encodes everything but RFC 3986's unreserved characters.
  public static func escape(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        result.append(Character(Unicode.Scalar(byte)))
      default:
        result +=
          "%" + String(byte >> 4, radix: 16, uppercase: true)
          + String(byte & 0xF, radix: 16, uppercase: true)
      }
    }
    return result
  }
}
