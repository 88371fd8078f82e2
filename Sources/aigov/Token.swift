import AIGovKit
import ArgumentParser

extension AIGov {
  struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "token",
      abstract: "Give people access tokens for 'aigov serve', list them, and revoke them.",
      discussion: """
        A token stands for one person: every change made with it is recorded as that person's, \
        and a reviewer signs only as themselves. Its text is printed once, when it is made; the \
        database keeps only its SHA-256. Making and revoking a token are audited.
        """,
      subcommands: [Create.self, List.self, Revoke.self])
  }
}

extension AIGov.Token {
  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create",
      abstract: "Make a token for a person and print it, once.",
      discussion: """
        Give the printed text to the person through a channel you trust; they pass it to \
        'aigov --server URL' as $AIGOV_TOKEN, or sign in with it in the browser.
        """)

    @Argument(help: "The person: their reviewer handle, or the name the trail records for them.")
    var person: String
    @Option(help: ArgumentHelp("What the token is for, e.g. 'Legal laptop'.", valueName: "text"))
    var label: String = ""
    @Flag(help: "Let the person read, and change nothing (an auditor's token).")
    var readOnly = false
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let issued = try global.openRegistry().createAccessToken(
        for: person, label: label, access: readOnly ? .read : .write)
      try output.emit(IssuedTokenOutput(issued)) {
        Console.output(issued.secret + "\n", styled: false)
        Console.note(
          "made \(readOnly ? "read-only " : "")access token \(issued.token.id) for "
            + "'\(issued.token.person)'; it is shown only now: revoke it with 'aigov token revoke "
            + "\(issued.token.id)'")
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the tokens made, revoked ones included.")

    @Option(help: ArgumentHelp("Only this person's tokens.", valueName: "person"))
    var person: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let tokens = try global.openRegistryForReading().accessTokens(person: person)
      try output.emit(tokens) {
        guard !tokens.isEmpty else { return Console.note("no access tokens made") }
        var table = TextTable("ID", "PERSON", "ACCESS", "LABEL", "MADE", "BY", "REVOKED")
        for token in tokens {
          table.append([
            String(token.id), token.person, token.access.rawValue, token.label, token.createdAt,
            token.createdBy,
            token.revokedAt.map { "\($0) by \(token.revokedBy ?? "")" } ?? "",
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Revoke: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revoke",
      abstract: "Revoke a token: a running server refuses it from the next request.")

    @Argument(help: "The token's id, as 'aigov token list' shows it.")
    var id: Int
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let token = try global.openRegistry().revokeAccessToken(id)
      try output.emit(token) {
        Console.note("revoked access token \(token.id) of '\(token.person)'")
      }
    }
  }
}

/// `token create --format json`: the record and, this once, the token's text.
struct IssuedTokenOutput: Encodable {
  var token: AccessToken
  var secret: String

  init(_ issued: IssuedAccessToken) {
    token = issued.token
    secret = issued.secret
  }

  enum CodingKeys: String, CodingKey {
    case token
    case secret = "token_text"
  }
}
