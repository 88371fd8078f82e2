import AIGovKit
import Foundation
import Testing

/// The server tells the company's webhooks what happened: a receiver the test runs on loopback
/// checks every message's Standard Webhooks signature, refuses the first delivery of one message
/// so that it is retried, and logs what it took.
@Suite(.serialized) struct WebhookTests {
  static let secret = "whsec_" + Data((0..<24).map { UInt8($0 * 7 % 251) }).base64EncodedString()

  /// The receiver: Python's standard library only. It prints its port, then one JSON line per
  /// request to the log: the message id, its type, whether the signature and timestamp were
  /// right, and the status it answered.
  static let receiver = #"""
    import base64, hashlib, hmac, http.server, json, sys, time
    secret, log = sys.argv[1], sys.argv[2]
    key = base64.b64decode(secret[len('whsec_'):])
    refused = set()
    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers['content-length']))
            mid, stamp = self.headers['webhook-id'], self.headers['webhook-timestamp']
            expected = base64.b64encode(hmac.new(
                key, f'{mid}.{stamp}.'.encode() + body, hashlib.sha256).digest()).decode()
            signatures = [s.split(',', 1)[1] for s in self.headers['webhook-signature'].split()
                          if s.startswith('v1,')]
            valid = any(hmac.compare_digest(expected, s) for s in signatures)
            fresh = abs(time.time() - int(stamp)) < 300
            kind = json.loads(body)['type']
            status = 200 if valid and fresh else 401
            if status == 200 and kind == 'review.waiting' and mid not in refused:
                refused.add(mid)
                status = 500
            with open(log, 'a') as out:
                out.write(json.dumps({'id': mid, 'type': kind, 'valid': valid, 'fresh': fresh,
                                      'status': status, 'body': json.loads(body)}) + '\n')
            self.send_response(status)
            self.end_headers()
        def log_message(self, *args):
            pass
    server = http.server.HTTPServer(('127.0.0.1', 0), Receiver)
    print(server.server_address[1], flush=True)
    server.serve_forever()
    """#

  @Test func everyWebhookIsSignedRetriedAndLogged() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-webhooks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = folder.appendingPathComponent("receiver.py")
    try Data(Self.receiver.utf8).write(to: script)
    let log = folder.appendingPathComponent("received.jsonl")
    let portFile = folder.appendingPathComponent("port")
    _ = FileManager.default.createFile(atPath: portFile.path, contents: nil)
    let receiver = Process()
    receiver.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    receiver.arguments = ["python3", script.path, Self.secret, log.path]
    receiver.standardOutput = try FileHandle(forWritingTo: portFile)
    try receiver.run()
    defer {
      // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
      kill(receiver.processIdentifier, SIGKILL)
      receiver.waitUntilExit()
    }
    var port = ""
    for _ in 0..<100 where port.isEmpty {
      usleep(50_000)
      port = ((try? String(contentsOf: portFile, encoding: .utf8)) ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(!port.isEmpty)

    let server = try ServerUnderTest(
      arguments: ["--webhook-interval", "0.2", "--webhook-retry-scale", "0"]
    ) { registry in
      try registry.addWebhook(
        url: "http://127.0.0.1:\(port)/hooks", events: WebhookEvent.allCases, withinDays: 30,
        secret: Self.secret)
    }
    let dana = ["AIGOV_SERVER": server.url, "AIGOV_TOKEN": try server.token(for: "dana")]
    let opened = try server.aigov(["review", "open", "review-summaries"], environment: dana)
    #expect(opened.status == 0, "\(opened.stderr)")
    // A change made on the file by the command line is told as well.
    let registry = try Registry.open(
      path: server.path, actor: "aisha", clock: { ServerUnderTest.now })
    try registry.openIncident(
      IncidentDraft(
        reference: "INC-9001", title: "Summaries quoted the wrong product",
        category: .inaccurateOutput,
        severity: .medium, occurredAt: "2026-11-21T08:00:00Z", features: ["review-summaries"]))

    var received: [[String: Any]] = []
    for _ in 0..<150 {
      received = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n")
        .compactMap {
          try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
      let types = Set(
        received.filter { $0["status"] as? Int == 200 }.compactMap { $0["type"] as? String })
      if types.isSuperset(of: ["review.waiting", "incident.opened", "deadline.near"]) { break }
      usleep(100_000)
    }
    #expect(!received.isEmpty, "\(server.log)")
    for message in received {
      #expect(message["valid"] as? Bool == true && message["fresh"] as? Bool == true, "\(message)")
    }
    let review = received.filter { $0["type"] as? String == "review.waiting" }
    #expect(review.map { $0["status"] as? Int } == [500, 200], "\(review)")
    #expect(Set(review.compactMap { $0["id"] as? String }).count == 1)
    let incident = try #require(received.first { $0["type"] as? String == "incident.opened" })
    let data = (incident["body"] as? [String: Any])?["data"] as? [String: Any]
    #expect(data?["reference"] as? String == "INC-9001")
    #expect(received.contains { $0["type"] as? String == "deadline.near" })

    // The delivery log says the same: the review's message took two attempts.
    // (The server records an attempt once the receiver has answered it.)
    var logged = try #require(try registry.webhookMessages().first { $0.type == .reviewWaiting })
    for _ in 0..<50 where logged.status == "pending" {
      usleep(100_000)
      logged = try #require(try registry.webhookMessages().first { $0.type == .reviewWaiting })
    }
    #expect(logged.attempts == 2 && logged.status == "delivered" && logged.lastResult == "HTTP 200")
    #expect(try registry.verify().isIntact)

    // Each person's own list and calendar feed, with their token; the meetings' page.
    let priya = try server.token(for: "priya")
    let feed = try server.request("GET", "/api/todo.ics", token: priya)
    let calendar = String(decoding: feed.body, as: UTF8.self)
    #expect(feed.status == 200 && calendar.hasPrefix("BEGIN:VCALENDAR\r\n"))
    #expect(calendar.contains("UID:action-action/5-priya@127.0.0.1"), "\(calendar)")
    let list = try server.request("GET", "/api/todo", token: priya)
    #expect(
      (try ServerUnderTest.json(list) as? [String: Any])?["person"] as? String == "priya")
    let meetings = try server.request("GET", "/api/meetings", token: priya)
    #expect((try ServerUnderTest.json(meetings) as? [Any])?.count == 2)
    let page = String(
      decoding: try server.request("GET", "/meetings", token: priya).body, as: UTF8.self)
    #expect(page.contains("Meeting 2, 2026-10-08, reviewing 2026-Q3"))
    let mine = String(
      decoding: try server.request("GET", "/todo", token: priya).body, as: UTF8.self)
    #expect(mine.contains("What Priya Raman owes"))
  }

  @Test func aSecretOrAURLChangedBehindAigovsBackIsNamed() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-webhooks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("aigov.sqlite").path
    _ = try SampleInventory.builtIn().build(
      at: path, replacing: false, clock: { ServerUnderTest.now })
    let registry = try Registry.open(path: path, actor: "dana", clock: { ServerUnderTest.now })
    let webhook = try registry.addWebhook(
      url: "https://hooks.example.com/aigov", events: [.checkError], secret: Self.secret)
    let trail = try registry.auditTrail.events(AuditFilter(entity: "webhook"))
    #expect(trail.count == 1 && !(trail[0].after ?? "").contains(Self.secret))
    #expect((trail[0].after ?? "").contains(webhook.secretSHA256))
    #expect(try registry.verify().isIntact)
    try Database(path: path, mode: .existing).execute(
      "UPDATE webhooks SET secret = ?",
      ["whsec_" + Data(repeating: 1, count: 24).base64EncodedString()])
    #expect(try registry.verify().recordProblems.contains { "\($0)".contains("webhook") })
    #expect(
      StandardWebhook.retryDelay(after: 1) == 5 && StandardWebhook.retryDelay(after: 7) == 36_000)
    #expect(StandardWebhook.retryDelay(after: 8) == nil)
    // The specification's own example: its secret, id, timestamp and body give its signature.
    #expect(
      StandardWebhook.signature(
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp: 1_614_265_330, body: #"{"test": 2432232314}"#)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
  }
}
