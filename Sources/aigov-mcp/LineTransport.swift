import AIGovKit
import Foundation
import Logging
import MCP

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// MCP's stdio transport: one JSON-RPC message per line on standard input, one per line on
/// standard output.
///
/// Standard input is read with blocking reads on a thread of its own, so a message is handled as
/// soon as its line ends, and the descriptors keep the blocking mode they were handed (another
/// process may share them). A line longer than `maximumMessageBytes` is never held: it is
/// skipped to its end and answered with a JSON-RPC error, so a client cannot make the server hold
/// an unbounded message in memory. When standard input ends, the messages stop only once every
/// request read has been answered (or `drainSeconds` have passed), so that requests piped in and
/// followed by the end of input are all answered.
actor LineTransport: Transport {
  nonisolated let logger = Logger(
    label: "aigov.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })

  /// The longest message read: far more than any request to this server needs.
  static let maximumMessageBytes = 16 << 20
  /// How long answers are awaited once input has ended.
  static let drainSeconds = 30

  private let input: Int32
  private let exchange: PendingAnswers
  private let messages: AsyncThrowingStream<Data, any Error>
  private var reader: Thread?

  init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
    self.input = input
    let (messages, continuation) = AsyncThrowingStream<Data, any Error>.makeStream()
    self.messages = messages
    exchange = PendingAnswers(output: output, continuation: continuation)
  }

  func connect() async throws {
    guard reader == nil else { return }
    let thread = Thread { [input, exchange] in
      LineReader(descriptor: input, exchange: exchange).run()
      Thread.sleep(forTimeInterval: TimeInterval(LineTransport.drainSeconds))
      exchange.finish()
    }
    thread.name = "aigov-mcp stdin"
    reader = thread
    thread.start()
  }

  func disconnect() async {
    exchange.finish()
  }

  func send(_ data: Data) async throws {
    try exchange.send(data)
  }

  func receive() -> AsyncThrowingStream<Data, any Error> {
    messages
  }
}

/// The messages read and the answers written: how many requests await an answer, and whether
/// input has ended.
final class PendingAnswers: @unchecked Sendable {
  private let output: Int32
  private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
  private let lock = NSLock()
  private var awaiting = 0
  private var inputEnded = false
  private var finished = false

  init(output: Int32, continuation: AsyncThrowingStream<Data, any Error>.Continuation) {
    self.output = output
    self.continuation = continuation
  }

  /// Hands a message read to the server.
  func received(_ message: Data) {
    lock.withLock { awaiting += Self.requests(in: message) }
    continuation.yield(message)
  }

  /// Writes a message and its newline, one writer at a time. Stored text can hold what a
  /// terminal would act on: it leaves as JSON escapes.
  func send(_ message: Data) throws {
    var bytes = [UInt8](UntrustedText.json(message))
    bytes.append(UInt8(ascii: "\n"))
    try lock.withLock {
      var offset = 0
      while offset < bytes.count {
        let written = bytes.withUnsafeBytes {
          writeBytes(output, $0.baseAddress! + offset, $0.count - offset)
        }
        if written < 0 {
          if errno == EINTR { continue }
          throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
        }
        offset += written
      }
      awaiting = max(0, awaiting - Self.answers(in: message))
    }
    finishIfDrained()
  }

  /// Answers a message that was not handed to the server, as the transport's own.
  func answerUnread(_ answer: Data) throws {
    lock.withLock { awaiting += 1 }
    try send(answer)
  }

  /// Input has ended: the messages stop once every request read is answered.
  func inputDidEnd() {
    lock.withLock { inputEnded = true }
    finishIfDrained()
  }

  func finish() {
    let finishing = lock.withLock {
      defer { finished = true }
      return !finished
    }
    if finishing { continuation.finish() }
  }

  private func finishIfDrained() {
    let drained = lock.withLock { inputEnded && awaiting == 0 }
    if drained { finish() }
  }

  /// How many answers a message read calls for: one per request (a message with a method and an
  /// id), and one for a message that is not JSON-RPC at all, which is answered with an error.
  static func requests(in message: Data) -> Int {
    guard let parsed = try? JSONSerialization.jsonObject(with: message) else { return 1 }
    let items = (parsed as? [Any]) ?? [parsed]
    if items.isEmpty { return 1 }
    return items.reduce(0) { count, item in
      guard let object = item as? [String: Any] else { return count + 1 }
      return count + (object["method"] != nil && object["id"] != nil ? 1 : 0)
    }
  }

  /// How many answers a message written carries: a response, or a batch of them.
  static func answers(in message: Data) -> Int {
    guard let parsed = try? JSONSerialization.jsonObject(with: message) else { return 0 }
    let items = (parsed as? [Any]) ?? [parsed]
    return items.reduce(0) { count, item in
      guard let object = item as? [String: Any], object["method"] == nil,
        object["result"] != nil || object["error"] != nil
      else { return count }
      return count + 1
    }
  }
}

/// Splits standard input into lines and hands each on as a message.
private struct LineReader {
  var descriptor: Int32
  var exchange: PendingAnswers

  func run() {
    var pending: [UInt8] = []
    var skipping = false
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      var start = 0
      while start < count {
        let newline = buffer[start..<count].firstIndex(of: UInt8(ascii: "\n"))
        let end = newline ?? count
        if !skipping {
          if pending.count + (end - start) > LineTransport.maximumMessageBytes {
            skipping = true
            pending = []
          } else {
            pending += buffer[start..<end]
          }
        }
        guard let newline else { break }
        if skipping {
          skipping = false
          refuseOversizedMessage()
        } else if pending.contains(where: { !isWhitespace($0) }) {
          exchange.received(Data(pending))
        }
        pending.removeAll(keepingCapacity: true)
        start = newline + 1
      }
    }
    if skipping {
      refuseOversizedMessage()
    } else if pending.contains(where: { !isWhitespace($0) }) {
      exchange.received(Data(pending))
    }
    exchange.inputDidEnd()
  }

  private func isWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }

  /// Answers a message too long to read. Its id is unknown, so the error has a null id, as
  /// JSON-RPC asks.
  private func refuseOversizedMessage() {
    let message =
      "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"message "
      + "longer than \(LineTransport.maximumMessageBytes) bytes; it was not read\"}}"
    try? exchange.answerUnread(Data(message.utf8))
  }
}

/// The system's `write`, which `PendingAnswers.send` is not named after but keeps beside it.
private func writeBytes(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
