import AIGovKit
import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The web pages: server-rendered HTML that reads without JavaScript. Every stored value goes
/// through `h`, which escapes it for HTML and drops what could hide text.
struct Pages: Sendable {
  var inventory: ServedInventory
  var servesTLS: Bool

  func add(to router: Router<ServeContext>) {
    router.get("login", use: loginForm)
    router.post("login", use: login)
    router.post("logout", use: logout)
    router.get("", use: inventoryPage)
    router.get("features/:key", use: featurePage)
    router.get("features/:key/sign", use: signPage)
    router.get("reviews", use: reviewMatrix)
    router.get("decisions", use: decisions)
    router.get("meetings", use: meetingsPage)
    router.get("todo", use: todoPage)
    router.get("reports/quarterly", use: quarterly)
    router.get("public", use: publicPage)
  }

  // MARK: Signing in

  @Sendable func loginForm(_ request: Request, context: ServeContext) async throws -> Response {
    Self.page(
      title: "Sign in", person: nil, formToken: nil,
      body: """
        <h1>Sign in</h1>
        <p>Paste the access token you were given (<code>aigov token create YOUR-HANDLE</code> \
        makes one). It stays in this browser as a cookie that scripts cannot read.</p>
        <form method="post" action="/login" class="stack">
        <label for="token">Access token</label>
        <input id="token" name="token" type="password" autocomplete="off" required>
        <button type="submit">Sign in</button>
        </form>
        """)
  }

  @Sendable func login(_ request: Request, context: ServeContext) async throws -> Response {
    // Another site's form must not sign this browser in as someone else (login CSRF).
    if let refusal = Self.crossSiteRefusal(request) { throw refusal }
    let form = try await Self.form(request, context: context)
    let token = form["token"] ?? ""
    guard (try await inventory.read { try $0.holder(presenting: token) }) != nil else {
      throw APIError(
        .unauthorized, "the token is not one this server knows, or it was revoked")
    }
    var response = Response(status: .seeOther, headers: [.location: "/"])
    response.setCookie(
      Cookie(
        name: AccessMiddleware.sessionCookie, value: token, maxAge: 8 * 3600, path: "/",
        secure: reachedOverHTTPS(request),
        httpOnly: true, sameSite: .strict))
    return response
  }

  /// Why a request came from another site, by what the browser says of it: `Sec-Fetch-Site`
  /// where the browser sends it (every current one does), else an `Origin` that is not this
  /// server; nil for a request from this site or from a client that is no browser (which sends
  /// neither). `Origin` alone does not decide where `Sec-Fetch-Site` is sent: under this server's
  /// `Referrer-Policy: no-referrer` a browser sends `Origin: null` for its own forms.
  static func crossSiteRefusal(_ request: Request) -> APIError? {
    if let site = request.headers[HTTPField.Name("Sec-Fetch-Site")!] {
      guard ["same-origin", "none"].contains(site.lowercased()) else {
        return APIError(
          .forbidden, "sign-in from another site (Sec-Fetch-Site: \(site)) is refused")
      }
      return nil
    }
    if let origin = request.headers[HTTPField.Name("Origin")!] {
      let authority = (request.head.authority ?? "").lowercased()
      guard let url = URL(string: origin), let host = url.host,
        (host + (url.port.map { ":\($0)" } ?? "")).lowercased() == authority
      else {
        return APIError(
          .forbidden,
          "sign-in from another site (Origin: \(UntrustedText.visibleOnOneLine(origin))) is "
            + "refused")
      }
    }
    return nil
  }

  @Sendable func logout(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    try await Self.checkFormToken(request, context: context)
    var response = Response(status: .seeOther, headers: [.location: "/login"])
    response.setCookie(
      Cookie(
        name: AccessMiddleware.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true,
        sameSite: .strict))
    return response
  }

  // MARK: Reading

  @Sendable func inventoryPage(_ request: Request, context: ServeContext) async throws
    -> Response
  {
    let person = try context.requirePerson()
    let filter = try API.featureFilter(request, emptyIsAny: true)
    let features = try await inventory.read { try $0.features(filter) }
    func options<T: Vocabulary>(_ name: String, _ type: T.Type, _ chosen: T?) -> String {
      "<label>\(name)<select name=\"\(name)\"><option value=\"\">any</option>"
        + T.allCases.map { term in
          "<option\(term == chosen ? " selected" : "")>\(h(term.rawValue))</option>"
        }.joined() + "</select></label>"
    }
    let rows = features.map { feature in
      "<tr><td><a href=\"/features/\(h(feature.key))\">\(h(feature.name))</a><br>"
        + "<code>\(h(feature.key))</code></td>"
        + "<td><span class=\"status \(h(feature.status.rawValue))\">"
        + "\(h(feature.status.rawValue))</span></td><td>\(h(feature.category.rawValue))</td>"
        + "<td>\(h(feature.audience.rawValue))</td><td>\(h(feature.owner))</td></tr>"
    }
    return Self.page(
      title: "Inventory", person: person, formToken: context.formToken,
      body: """
        <h1>Inventory</h1>
        <form method="get" action="/" class="filters">
        \(options("category", FeatureCategory.self, filter.category))
        \(options("status", FeatureStatus.self, filter.status))
        \(options("audience", Audience.self, filter.audience))
        <label>text<input name="text" value="\(h(filter.text ?? ""))"></label>
        <button type="submit">Filter</button>
        </form>
        <p>\(features.count) feature\(features.count == 1 ? "" : "s")</p>
        \(Self.table(["Feature", "Status", "Category", "Audience", "Owner"], rows))
        """)
  }

  @Sendable func featurePage(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    let key = try context.parameter("key")
    let (document, history) = try await inventory.read { registry in
      (
        try registry.featureDocument(key),
        try registry.auditTrail.events(AuditFilter(entity: "feature", entityKey: key, limit: 50))
      )
    }
    return Self.page(
      title: document.record.feature.name, person: person, formToken: context.formToken,
      body: FeatureSection(document: document, history: history, person: person).html)
  }

  @Sendable func signPage(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    let key = try context.parameter("key")
    let (feature, reviewer, status) = try await inventory.read { registry in
      (
        try registry.feature(key), try registry.reviewers().first { $0.handle == person },
        try registry.reviewStatus(key).first
      )
    }
    let round = status?.round.flatMap { $0.status == .open ? $0 : nil }
    var body = "<h1>Sign off: \(h(feature.name))</h1>"
    guard context.mayWrite else {
      body += "<p class=\"refused\">The token of '\(h(person))' reads only, so cannot sign off.</p>"
      return Self.page(title: "Sign off", person: person, formToken: context.formToken, body: body)
    }
    guard let reviewer else {
      body +=
        "<p class=\"refused\">'\(h(person))' is not a registered reviewer, so cannot sign off.</p>"
      return Self.page(title: "Sign off", person: person, formToken: context.formToken, body: body)
    }
    guard let round else {
      body += "<p class=\"refused\">'\(h(key))' has no open review round to sign.</p>"
      return Self.page(title: "Sign off", person: person, formToken: context.formToken, body: body)
    }
    let disciplines = reviewer.disciplines.filter { round.requiredDisciplines.contains($0) }
    let serverURL = origin(request)
    body += """
      <p>Round \(round.number) of <code>\(h(key))</code>, opened \(h(round.openedAt)) by \
      \(h(round.openedBy)). Your decision is signed here, in this browser, with your private key \
      (Ed25519, the PKCS#8 PEM file 'aigov reviewer keygen' wrote); the key is read by this \
      page and never sent. The server checks the signature against your registered key \
      (\(h(String(reviewer.keyInForce?.fingerprint.prefix(16) ?? "none")))...).</p>
      <form id="sign-form" class="stack" data-feature="\(h(key))" data-form-token="\(h(context.formToken ?? ""))">
      <label for="discipline">Discipline</label>
      <select id="discipline" name="discipline">\(disciplines.map { "<option>\(h($0.rawValue))</option>" }.joined())</select>
      <label for="decision">Decision</label>
      <select id="decision" name="decision">\(Decision.allCases.map { "<option>\(h($0.rawValue))</option>" }.joined())</select>
      <label for="comment">Comment (needed to reject or to request changes)</label>
      <textarea id="comment" name="comment" rows="3"></textarea>
      <label for="key">Your private key file</label>
      <input id="key" name="key" type="file" accept=".pem,.key">
      <button type="submit" id="sign">Sign and record</button>
      </form>
      <noscript><p class="refused">Signing in the browser needs JavaScript. Sign from your \
      machine instead (below).</p></noscript>
      <p id="sign-unsupported" class="refused" hidden>This browser cannot sign with Ed25519 \
      keys (Web Crypto). Sign from your machine instead (below).</p>
      <p id="sign-result" role="status"></p>
      <h2>The message signed</h2>
      <pre id="sign-message">(shown once the key is read)</pre>
      <h2>Or from your machine</h2>
      <pre>aigov --server \(h(serverURL)) review sign \(h(key)) --discipline \(h(disciplines.first?.rawValue ?? "DISCIPLINE")) --decision approve --key YOUR-KEY.pem</pre>
      <script src="/static/sign.js"></script>
      """
    return Self.page(title: "Sign off", person: person, formToken: context.formToken, body: body)
  }

  @Sendable func reviewMatrix(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    let statuses = try await inventory.read { try $0.reviewStatus() }
    let disciplines = Discipline.allCases
    let rows = statuses.map { status in
      var cells = [
        "<a href=\"/features/\(h(status.featureKey))\">\(h(status.featureName))</a>",
        "<span class=\"status \(h(status.status.rawValue))\">\(h(status.status.rawValue))</span>",
        status.round.map { "\($0.number) \(h($0.status.rawValue))" } ?? "none",
      ]
      for discipline in disciplines {
        guard let entry = status.decisions.first(where: { $0.discipline == discipline }) else {
          cells.append("<span class=\"muted\">not required</span>")
          continue
        }
        if let signOff = entry.signOff {
          cells.append(
            "<span class=\"decision \(h(signOff.decision.rawValue))\">"
              + "\(h(signOff.decision.rawValue))</span><br><small>\(h(signOff.reviewer))"
              + "\(signOff.signature == nil ? "" : ", signed")</small>")
        } else {
          cells.append("<span class=\"muted\">awaiting</span>")
        }
      }
      return "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
    }
    return Self.page(
      title: "Reviews", person: person, formToken: context.formToken,
      body: "<h1>Review matrix</h1><p>Each live feature's latest round and the latest decision "
        + "of each discipline in it.</p>"
        + Self.table(
          ["Feature", "Status", "Round"] + disciplines.map(\.rawValue.capitalized), rows))
  }

  @Sendable func decisions(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    let report = try await inventory.read { try $0.check() }
    // Each finding is prose: a block of its own reads at any width.
    let findings = report.findings.map { finding in
      "<li class=\"finding\"><p><span class=\"severity \(h(finding.severity.rawValue))\">"
        + "\(h(finding.severity.rawValue))</span> "
        + (finding.feature.isEmpty
          ? h(finding.subject)
          : "<a href=\"/features/\(h(finding.feature))\">\(h(finding.feature))</a>")
        + " "
        + "<code>\(h(finding.rule.rawValue))</code></p><p>\(h(finding.message))</p>"
        + "<p><small>what to do: \(Self.remedies(finding.remedies))</small></p></li>"
    }
    return Self.page(
      title: "Needs a decision", person: person, formToken: context.formToken,
      body: "<h1>Needs a decision</h1><p>What check finds in \(report.featuresChecked) live "
        + "features: \(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), "
        + "\(report.warningCount) warning\(report.warningCount == 1 ? "" : "s").</p>"
        + (findings.isEmpty
          ? "<p class=\"muted\">None.</p>"
          : "<ul class=\"findings\">" + findings.joined(separator: "\n") + "</ul>"))
  }

  /// The meetings, newest first: minutes, decisions and where each action stands today.
  @Sendable func meetingsPage(_ request: Request, context: ServeContext) async throws
    -> Response
  {
    let person = try context.requirePerson()
    let today = String(Timestamp.format(inventory.fixedTime ?? Date()).prefix(10))
    let minutes = try await inventory.read { registry in
      let actions = Dictionary(grouping: try registry.meetingActions(), by: \.meeting)
      return try registry.meetings().reversed().map {
        MeetingMinutes(meeting: $0, actions: actions[$0.id] ?? [])
      }
    }
    let blocks = minutes.map { entry in
      let meeting = entry.meeting
      return "<section class=\"meeting\"><h2>Meeting \(meeting.id), \(h(meeting.heldOn)), "
        + "reviewing \(h(meeting.quarter))</h2>"
        + "<p class=\"muted\">Attended: \(h(meeting.attendees.joined(separator: ", ")))</p>"
        + (meeting.notes.map { "<p>\(h($0))</p>" } ?? "")
        + "<h3>Decisions</h3>"
        + (meeting.decisions.isEmpty
          ? "<p class=\"muted\">None.</p>"
          : "<ul>"
            + meeting.decisions.map {
              "<li><code>\(h($0.item))</code> <strong>\(h($0.decision.rawValue))</strong>"
                + ($0.until.map { " until \(h($0))" } ?? "") + ": \(h($0.note))</li>"
            }.joined() + "</ul>")
        + "<h3>Actions</h3>"
        + Self.table(
          ["#", "What", "Owner", "Due", "State"],
          entry.actions.map {
            Self.row([
              String($0.id), h($0.title), h($0.owner), h($0.dueOn),
              h($0.standing(on: today).rawValue),
            ])
          }) + "</section>"
    }
    return Self.page(
      title: "Meetings", person: person, formToken: context.formToken,
      body: "<h1>Review meetings</h1><p>Minutes are recorded with <code>aigov meeting record"
        + "</code>; an action is closed with <code>aigov meeting done N</code>.</p>"
        + (blocks.isEmpty ? "<p class=\"muted\">No meeting is recorded.</p>" : blocks.joined()))
  }

  /// What the signed-in person owes, each with its day, and their calendar feed.
  @Sendable func todoPage(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    let todo = try await inventory.read { try $0.todo(for: person) }
    return Self.page(
      title: "My list", person: person, formToken: context.formToken,
      body: "<h1>What \(h(todo.name ?? person)) owes</h1><p>As of \(h(todo.asOf)). The dates "
        + "are also a calendar feed: <code>/api/todo.ics</code>, with your token "
        + "(<code>aigov todo --ics</code> writes the same).</p>"
        + Self.table(
          ["Due", "Kind", "What", "Do"],
          todo.entries.map {
            Self.row([
              h($0.due ?? "—") + ($0.overdue ? " <strong>overdue</strong>" : ""),
              h($0.kind.rawValue), h($0.title), "<code>\(h($0.command))</code>",
            ])
          }))
  }

  /// A finding's ways out in plain words, each linked to the page that does it where the site
  /// can (a sign-off), with the command that does it from a terminal.
  static func remedies(_ remedies: [Remedy]) -> String {
    remedies.map { remedy in
      var words = h(remedy.purpose.map { "\($0): " } ?? "") + h(remedy.action.plainWords)
      if case .signOff(let key, _) = remedy.action {
        words = "<a href=\"/features/\(h(key))/sign\">\(words)</a>"
      }
      return words + " <code>\(h(remedy.action.commandLine))</code>"
    }.joined(separator: "; or ")
  }

  @Sendable func quarterly(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let quarter = try API.quarter(request, now: inventory.fixedTime ?? Date())
    let html = try await inventory.read { registry in
      QuarterlyReportHTML().render(
        try registry.quarterlyReport(quarter, toolVersion: ToolRelease.version))
    }
    return Self.standaloneDocument(html)
  }

  @Sendable func publicPage(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let html = try await inventory.read { registry in
      PublicDisclosureHTML().render(try registry.publicDisclosure())
    }
    return Self.standaloneDocument(html)
  }

  // MARK: Building pages

  /// A page of the site, with its navigation.
  static func page(title: String, person: String?, formToken: String?, body: String) -> Response {
    let navigation =
      person.map { person in
        """
        <nav><a href="/">Inventory</a><a href="/reviews">Reviews</a>\
        <a href="/decisions">Needs a decision</a><a href="/meetings">Meetings</a>\
        <a href="/todo">My list</a><a href="/reports/quarterly">Quarterly review</a>\
        <a href="/public">Public page</a>\
        <form method="post" action="/logout" class="signout">\
        <input type="hidden" name="form_token" value="\(h(formToken ?? ""))">\
        <span>\(h(person))</span> <button type="submit">Sign out</button></form></nav>
        """
      } ?? ""
    let html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(h(title)) · aigov</title>
      <link rel="stylesheet" href="/static/aigov.css">
      </head>
      <body>
      <header><span class="brand">aigov</span>\(navigation)</header>
      <main>
      \(body)
      </main>
      </body>
      </html>

      """
    return .bytes(Array(html.utf8), type: "text/html; charset=utf-8")
  }

  /// A report that is a document of its own, with its style inline: the policy allows exactly
  /// that style, by its hash, and nothing else.
  static func standaloneDocument(_ html: String) -> Response {
    var hashes: [String] = []
    var rest = html[...]
    while let open = rest.range(of: "<style>"),
      let close = rest.range(
        of: "</style>", range: open.upperBound..<rest.endIndex)
    {
      let style = rest[open.upperBound..<close.lowerBound]
      hashes.append(
        "'sha256-" + Data(SHA256.hash(data: Array(style.utf8))).base64EncodedString() + "'")
      rest = rest[close.upperBound...]
    }
    var response = Response.bytes(Array(html.utf8), type: "text/html; charset=utf-8")
    response.headers[.contentSecurityPolicy] =
      "default-src 'none'; style-src \(hashes.isEmpty ? "'none'" : hashes.joined(separator: " ")); "
      + "img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    return response
  }

  static func errorPage(_ error: APIError) -> Response {
    var response = page(
      title: "\(error.status.code) \(error.status.reasonPhrase)", person: nil, formToken: nil,
      body: "<h1>\(error.status.code) \(h(error.status.reasonPhrase))</h1>"
        + "<p class=\"refused\">\(h(error.message))</p><p><a href=\"/\">Back to the inventory</a></p>"
    )
    response.status = error.status
    return response
  }

  /// A table row of cells that are HTML already.
  static func row(_ cells: [String]) -> String {
    "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
  }

  static func table(_ header: [String], _ rows: [String]) -> String {
    guard !rows.isEmpty else { return "<p class=\"muted\">None.</p>" }
    return "<div class=\"scroll\"><table><thead><tr>"
      + header.map { "<th>\(h($0))</th>" }.joined() + "</tr></thead><tbody>"
      + rows.joined(separator: "\n") + "</tbody></table></div>"
  }

  /// Whether the person reached the server over HTTPS: this server's own TLS, or a proxy's that
  /// says so.
  func reachedOverHTTPS(_ request: Request) -> Bool {
    servesTLS || request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
  }

  /// The URL the person reached the server at, for the command they would type.
  func origin(_ request: Request) -> String {
    let scheme = reachedOverHTTPS(request) ? "https" : "http"
    let host = request.head.authority ?? "localhost"
    return "\(scheme)://\(host)"
  }

  /// An URL-encoded form, at most the context's limit.
  static func form(_ request: Request, context: ServeContext) async throws -> [String: String] {
    let buffer = try await request.body.collect(upTo: context.maxUploadSize)
    let text = String(decoding: buffer.readableBytesView, as: UTF8.self)
    var fields: [String: String] = [:]
    for pair in text.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return fields
  }

  /// Refuses a form without the page's token: another site could have posted it.
  static func checkFormToken(_ request: Request, context: ServeContext) async throws {
    guard context.needsFormToken else { return }
    let form = try await form(request, context: context)
    guard FormToken.matches(form["form_token"], context.formToken) else {
      throw APIError(
        .forbidden, "the form did not carry this page's form token; reload the page and try again")
    }
  }
}

/// Escapes stored text for HTML.
func h(_ text: String) -> String { UntrustedText.html(text) }
