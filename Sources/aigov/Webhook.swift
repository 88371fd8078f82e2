import AIGovKit
import ArgumentParser

extension WebhookEvent: ExpressibleByArgument {}

extension AIGov {
  struct Webhook: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "webhook",
      abstract: "Register the receivers 'aigov serve' tells of the events people act on.",
      discussion: """
        Events: review.waiting (a round opened: sign-offs wait), deadline.near (a deadline a \
        person owes falls within --within days), incident.opened, check.error (a check error \
        not found before). 'aigov serve' posts each as JSON, signed as the Standard Webhooks \
        specification describes (webhook-id, webhook-timestamp and webhook-signature: \
        HMAC-SHA256 with the secret), and retries a failed delivery after 5 seconds, 5 and 30 \
        minutes, 2, 5, 10 and 10 hours. A chat tool's incoming webhook is one such receiver.
        """,
      subcommands: [Add.self, List.self, Remove.self, Log.self])
  }
}

extension AIGov.Webhook {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Register a receiver; prints its secret once.",
      discussion: """
        Example:
          aigov webhook add https://hooks.example.com/aigov --event review.waiting \\
            --event deadline.near --within 7
        """)

    @Argument(help: "The receiver's http or https URL.")
    var url: String
    @Option(
      help:
        "An event it takes (repeat): review.waiting, deadline.near, incident.opened, check.error.")
    var event: [WebhookEvent] = []
    @Option(help: "How many days ahead a deadline is announced (1-365, default 7).")
    var within = 7
    @Option(help: "The secret to sign with, whsec_BASE64 (default: a new one, printed).")
    var secret: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let webhook = try global.openRegistry().addWebhook(
        url: url, events: event, withinDays: within, secret: secret)
      try output.emit(webhook) {
        Console.output(webhook.secret, styled: false)
      }
      Console.note(
        "registered webhook \(webhook.id) for "
          + webhook.events.map(\.rawValue).joined(separator: ", ")
          + "; give the receiver the secret above (it is not shown again)")
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the receivers, without their secrets.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let webhooks = try global.openRegistryForReading().webhooks()
      try output.emit(webhooks) {
        guard !webhooks.isEmpty else { return Console.note("no webhooks") }
        var table = TextTable("#", "STATUS", "EVENTS", "WITHIN", "URL")
        for webhook in webhooks {
          table.append([
            String(webhook.id), webhook.status.rawValue,
            webhook.events.map(\.rawValue).joined(separator: ","), "\(webhook.withinDays) days",
            webhook.url,
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove", abstract: "Stop posting to a receiver (its log stays).")

    @Argument(help: "The webhook's number.")
    var id: Int
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.openRegistry().removeWebhook(id)
      Console.note("removed webhook \(id)")
    }
  }

  struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "log", abstract: "The delivery log: each message, its attempts and result.")

    @Option(help: "Only this webhook's messages.")
    var webhook: Int?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let messages = try global.openRegistryForReading().webhookMessages(webhook: webhook)
      try output.emit(messages) {
        guard !messages.isEmpty else { return Console.note("no messages") }
        var table = TextTable("#", "HOOK", "TYPE", "STATUS", "ATTEMPTS", "LAST", "ID")
        for message in messages {
          table.append([
            String(message.id), String(message.webhook), message.type.rawValue, message.status,
            String(message.attempts), message.lastResult ?? "", message.messageID,
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }
}
