import AIGovKit
import AsyncHTTPClient
import Foundation
import NIOCore

/// Tells the company's webhooks what happened: every `interval`, queues a message for each new
/// event a webhook takes (`Registry.queueWebhookMessages`), then posts each message that is due,
/// signed as Standard Webhooks describes, and records the attempt; a failure is retried on the
/// specification's schedule, scaled by `retryScale`.
struct WebhookDispatcher: Sendable {
  var inventory: ServedInventory
  var interval: Double
  var retryScale: Double

  func run() async {
    // A receiver that does not answer holds up no other: each message of a tick is posted at
    // once, and a connection is given 5 seconds.
    let client = HTTPClient(
      eventLoopGroupProvider: .singleton,
      configuration: HTTPClient.Configuration(
        timeout: HTTPClient.Configuration.Timeout(connect: .seconds(5), read: .seconds(15))))
    while !Task.isCancelled {
      do {
        try await tick(client)
      } catch {
        FileHandle.standardError.write(Data("aigov-serve: webhooks: \(error)\n".utf8))
      }
      try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
    }
    try? await client.shutdown()
  }

  func tick(_ client: HTTPClient) async throws {
    _ = try await inventory.write(as: "aigov-serve") { try $0.queueWebhookMessages() }
    let due = try await inventory.write(as: "aigov-serve") { try $0.dueWebhookMessages() }
    let outcomes = await withTaskGroup(of: (Int, Bool, String).self) { group in
      for (message, webhook) in due {
        group.addTask {
          let (delivered, result) = await deliver(message, to: webhook, with: client)
          return (message.id, delivered, result)
        }
      }
      var outcomes: [(Int, Bool, String)] = []
      for await outcome in group { outcomes.append(outcome) }
      return outcomes
    }
    let scale = retryScale
    for (id, delivered, result) in outcomes {
      try await inventory.write(as: "aigov-serve") {
        try $0.recordWebhookAttempt(id, delivered: delivered, result: result, retryScale: scale)
      }
    }
  }

  /// Posts one message; whether the receiver took it (2xx), and what it answered.
  func deliver(_ message: WebhookMessage, to webhook: Webhook, with client: HTTPClient) async
    -> (Bool, String)
  {
    let timestamp = Int(Date().timeIntervalSince1970)
    guard
      let signature = StandardWebhook.signature(
        secret: webhook.secret, id: message.messageID, timestamp: timestamp,
        body: message.payload)
    else { return (false, "the webhook's secret holds no key") }
    var request = HTTPClientRequest(url: webhook.url)
    request.method = .POST
    request.headers.add(name: "content-type", value: "application/json")
    request.headers.add(name: "user-agent", value: "aigov/\(ToolRelease.version)")
    request.headers.add(name: "webhook-id", value: message.messageID)
    request.headers.add(name: "webhook-timestamp", value: String(timestamp))
    request.headers.add(name: "webhook-signature", value: signature)
    request.body = .bytes(ByteBuffer(string: message.payload))
    do {
      let response = try await client.execute(request, timeout: .seconds(15))
      let code = Int(response.status.code)
      return ((200..<300).contains(code), "HTTP \(code)")
    } catch {
      return (false, "\(error)".prefix(200).description)
    }
  }
}
