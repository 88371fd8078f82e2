import AIGovKit
import Foundation
import Testing

/// The server as the team reaches it: the real `aigov-serve` on a port, asked over HTTP, and
/// the real `aigov` pointed at it with `--server`.
@Suite struct ServeTests {
  @Test func everyRequestNamesAPersonWithATokenThatStillHolds() throws {
    let server = try ServerUnderTest()
    let anonymous = try server.request("GET", "/api/features")
    #expect(anonymous.status == 401)
    #expect(anonymous.headers["content-type"]?.hasPrefix("application/json") == true)
    #expect(ServerUnderTest.message(anonymous).contains("Authorization: Bearer"))
    let unknown = try server.request(
      "GET", "/api/features", token: "aigov_" + String(repeating: "A", count: 43))
    #expect(unknown.status == 401)
    let malformed = try server.request(
      "GET", "/api/features", headers: [("Authorization", "Basic ZGFuYTp4")])
    #expect(malformed.status == 401)
    #expect(ServerUnderTest.message(malformed).contains("expected 'Bearer TOKEN'"))
    // A page without a person sends the browser to sign in.
    let page = try server.request("GET", "/")
    #expect(page.status == 303)
    #expect(page.headers["location"] == "/login")

    let token = try server.token(for: "dana")
    let me = try server.request("GET", "/api/me", token: token)
    #expect(me.status == 200)
    #expect((try ServerUnderTest.json(me) as? [String: Any])?["person"] as? String == "dana")
    // Revoked while the server runs: refused from the next request.
    let registry = try Registry.open(
      path: server.path, actor: "dana", clock: { ServerUnderTest.now })
    let id = try #require(try registry.accessTokens(person: "dana").last?.id)
    try registry.revokeAccessToken(id)
    #expect(try server.request("GET", "/api/me", token: token).status == 401)
    // A read-only token reads, and changes nothing.
    let auditor = try registry.createAccessToken(for: "auditor", access: .read).secret
    #expect(try server.request("GET", "/api/check", token: auditor).status == 200)
    let change = try server.request(
      "POST", "/api/features/review-summaries/reviews", token: auditor)
    #expect(change.status == 403)
    #expect(ServerUnderTest.message(change).contains("reads only"))
    // Both are in the trail, with the hash and never the text.
    let events = try registry.auditTrail.events(AuditFilter(entity: "access-token"))
    #expect(
      events.map(\.action) == [
        "access-token.create", "access-token.revoke", "access-token.create",
      ])
    #expect(events.allSatisfy { !($0.after ?? "").contains(token) })
  }

  @Test func theActorOfAChangeIsTheTokensPersonNeverAFieldOfTheRequest() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let opened = try server.request(
      "POST", "/api/features/review-summaries/reviews", token: token,
      json: ["actor": "mallory", "opened_by": "mallory"])
    #expect(opened.status == 201, "\(ServerUnderTest.message(opened))")
    let registry = try Registry.openReadOnly(path: server.path, clock: { ServerUnderTest.now })
    let last = try #require(try registry.auditTrail.events(AuditFilter(limit: 2)).last)
    #expect(last.actor == "dana")
    #expect(try registry.review("review-summaries").rounds.last?.round.openedBy == "dana")
  }

  @Test func aReviewerSignsOnlyAsThemselvesWithTheirRegisteredKey() throws {
    let server = try ServerUnderTest { try $0.openReview("review-summaries") }
    let elena = try server.token(for: "elena")
    let draftAnswer = try server.request(
      "POST", "/api/features/review-summaries/sign-offs/draft", token: elena,
      json: ["decision": "approve"])
    #expect(draftAnswer.status == 200, "\(ServerUnderTest.message(draftAnswer))")
    let draft = try #require(try ServerUnderTest.json(draftAnswer) as? [String: Any])
    let signOff = try #require(draft["signoff"] as? [String: Any])
    let message = try #require(draft["message"] as? String)
    #expect(signOff["reviewer"] as? String == "elena")
    #expect(signOff["discipline"] as? String == "legal")

    func signed(_ keyName: String, _ text: String) throws -> String {
      let pem = try String(
        contentsOf: ServerUnderTest.packageRoot.appendingPathComponent(
          "Fixtures/sample-keys/\(keyName).key.pem"), encoding: .utf8)
      let key = try SigningKey(pem: pem)
      var decision = try JSONDecoder().decode(
        SignOff.self, from: JSONSerialization.data(withJSONObject: signOff))
      decision.comment = text
      return try decision.signedDecision(with: key).signature
    }
    func post(_ changes: [String: Any], token: String? = nil) throws -> HTTPAnswer {
      var body: [String: Any] = [
        "decision": "approve", "round": signOff["round_number"]!,
        "content_hash": signOff["content_hash"]!, "signed_at": signOff["signed_at"]!,
        "signature": try signed("elena", ""),
      ]
      body.merge(changes) { $1 }
      return try server.request(
        "POST", "/api/features/review-summaries/sign-offs", token: token ?? elena, json: body)
    }
    let (jordan, priya) = (try server.token(for: "jordan"), try server.token(for: "priya"))
    let draftText = try #require(signOff["signed_at"] as? String)
    let draftTime = try #require(Timestamp.parse(draftText))
    let ahead = Timestamp.format(draftTime.addingTimeInterval(120))
    let before = try server.digest()
    let refusals: [(HTTPAnswer, Int, String)] = [
      (try post(["signature": try signed("jordan", "")]), 409, "does not verify"),
      (try post(["signature": "bm90IGEgc2lnbmF0dXJl"]), 409, "does not verify"),
      (try post(["comment": "a different comment"]), 409, "does not verify"),
      (try post(["round": 7]), 409, "signed for round 7"),
      (try post(["signed_at": "2026-11-22T09:00:00Z"]), 409, "not within the 300 seconds before"),
      // Dated ahead of the server's clock: refused, so that no one can hold the trail.
      (try post(["signed_at": ahead]), 409, "not within the 300 seconds before"),
      (try post(["signed_at": "yesterday"]), 400, "invalid signed_at 'yesterday'"),
      (try post(["discipline": "privacy"]), 403, "does not hold the privacy discipline"),
      (try post(["discipline": "privacy"], token: jordan), 409, "does not verify"),
      (try post([:], token: priya), 403, "separation of duties"),
    ]
    for (answer, status, words) in refusals {
      #expect(answer.status == status, "\(ServerUnderTest.message(answer))")
      #expect(ServerUnderTest.message(answer).contains(words), "\(ServerUnderTest.message(answer))")
    }
    #expect(try server.digest() == before, "a refused sign-off changed the database")

    #expect(message.contains("\"reviewer\":\"elena\""))
    let recorded = try post([:])
    #expect(recorded.status == 201, "\(ServerUnderTest.message(recorded))")
    // The same signed decision again: recorded once, answered as the first.
    let once = try server.digest()
    let again = try post([:])
    #expect(again.status == 201, "\(ServerUnderTest.message(again))")
    #expect(try server.digest() == once, "a repeated signed decision was recorded twice")
    let first = try #require(try ServerUnderTest.json(recorded) as? [String: Any])
    let second = try #require(try ServerUnderTest.json(again) as? [String: Any])
    #expect(
      (first["signoff"] as? [String: Any])?["id"] as? Int
        == (second["signoff"] as? [String: Any])?["id"] as? Int)
    let verify = try server.aigov(["audit", "verify", "--db", server.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }

  @Test func aDecisionOvertakenByAnotherChangeIsSignedAgain() throws {
    let server = try ServerUnderTest(onTheClock: true) { try $0.openReview("review-summaries") }
    let elena = try server.token(for: "elena")
    let draft = try #require(
      try ServerUnderTest.json(
        try server.request(
          "POST", "/api/features/review-summaries/sign-offs/draft", token: elena,
          json: ["decision": "approve"])) as? [String: Any])
    var signOff = try JSONDecoder().decode(
      SignOff.self, from: JSONSerialization.data(withJSONObject: draft["signoff"]!))
    // Another change lands after the draft's time and before the decision.
    let later = Date().addingTimeInterval(30)
    _ = try Registry.open(path: server.path, actor: "dana", clock: { later })
      .createAccessToken(for: "sam")
    let pem = try String(
      contentsOf: ServerUnderTest.packageRoot.appendingPathComponent(
        "Fixtures/sample-keys/elena.key.pem"), encoding: .utf8)
    signOff.comment = ""
    let signed = try signOff.signedDecision(with: try SigningKey(pem: pem))
    let late = try server.request(
      "POST", "/api/features/review-summaries/sign-offs", token: elena,
      json: [
        "decision": "approve", "round": signed.round, "content_hash": signed.contentHash,
        "signed_at": signed.signedAt, "signature": signed.signature,
      ])
    #expect(late.status == 409)
    let error = (try ServerUnderTest.json(late) as? [String: Any])?["error"] as? [String: Any]
    #expect(error?["retry"] as? Bool == true, "\(error ?? [:])")
  }

  @Test func aBadRequestGetsAFourHundredNamingTheProblemAndChangesNothing() throws {
    let server = try ServerUnderTest { try $0.openReview("review-summaries") }
    let token = try server.token(for: "elena")
    let before = try server.digest()
    let draft = "/api/features/review-summaries/sign-offs/draft"
    let cases: [(HTTPAnswer, Int, String)] = [
      (
        try server.request(
          "POST", draft, token: token, body: Array("{\"decision\":".utf8),
          headers: [("Content-Type", "application/json")]), 400, "not the JSON expected"
      ),
      (
        try server.request("POST", draft, token: token, json: ["comment": "x"]), 400,
        "missing 'decision'"
      ),
      (
        try server.request("POST", draft, token: token, json: ["decision": "maybe"]), 400,
        "decision"
      ),
      (try server.request("POST", draft, token: token), 400, "no body"),
      (
        try server.request(
          "POST", draft, token: token,
          json: ["decision": "approve", "comment": String(repeating: "x", count: 70_000)]), 413,
        "larger than 65536 bytes"
      ),
      (try server.request("GET", "/api/features/nope", token: token), 404, "no feature 'nope'"),
      (
        try server.request("GET", "/api/features?status=lost", token: token), 400,
        "invalid status 'lost'"
      ),
      (try server.request("GET", "/api/trail?limit=0", token: token), 400, "invalid limit '0'"),
      (
        try server.request("GET", "/api/reports/quarterly?quarter=2026-Q9", token: token), 400,
        "invalid quarter '2026-Q9'"
      ),
      (
        try server.request("GET", "/api/reports/public?format=pdf", token: token), 400,
        "invalid format 'pdf'"
      ),
      (
        try server.request(
          "POST", "/api/features/review-summaries/status", token: token,
          json: ["status": "approved"]), 409, "approved only by a review round"
      ),
    ]
    for (answer, status, words) in cases {
      #expect(answer.status == status, "\(answer.status): \(ServerUnderTest.message(answer))")
      #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true)
      #expect(ServerUnderTest.message(answer).contains(words), "\(ServerUnderTest.message(answer))")
    }
    #expect(try server.digest() == before)
  }

  @Test func theGovernanceLeadEditsAFeatureAndAddsARiskAsThemselves() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let before = try server.digest()
    let refused: [(HTTPAnswer, Int, String)] = [
      (
        try server.request("PATCH", "/api/features/customer-agent", token: token, json: [:]), 400,
        "changes nothing"
      ),
      (
        try server.request(
          "PATCH", "/api/features/customer-agent", token: token,
          json: ["team": "Agents Two", "expected_version": 1]), 409, "version"
      ),
      (
        try server.request(
          "PATCH", "/api/features/customer-agent", token: token,
          json: ["team": "x", "despite_incident": "a\u{1B}b"]), 400,
        "invalid incident hold override"
      ),
      (
        try server.request(
          "PATCH", "/api/features/customer-agent", token: token, json: ["audience": "everyone"]),
        400, "audience"
      ),
      (
        try server.request(
          "POST", "/api/features/customer-agent/risks", token: token,
          json: ["title": "t", "category": "privacy", "likelihood": 6, "impact": 1, "owner": "o"]),
        400, "invalid likelihood '6'"
      ),
    ]
    for (answer, status, words) in refused {
      #expect(answer.status == status, "\(answer.status): \(ServerUnderTest.message(answer))")
      #expect(ServerUnderTest.message(answer).contains(words), "\(ServerUnderTest.message(answer))")
    }
    #expect(try server.digest() == before)

    // A material change to an approved feature voids its approval, as feature edit does.
    let edited = try server.request(
      "PATCH", "/api/features/customer-agent", token: token,
      json: ["add_data_categories": ["behavioral"]])
    #expect(edited.status == 200, "\(ServerUnderTest.message(edited))")
    let answer = try #require(try ServerUnderTest.json(edited) as? [String: Any])
    #expect(answer["changed"] as? Bool == true)
    let voided = try #require((answer["voided"] as? [[String: Any]])?.first)
    #expect(voided["rounds"] as? [Int] == [3])
    let risk = try server.request(
      "POST", "/api/features/customer-agent/risks", token: token,
      json: [
        "title": "Replies quote another shopper's order", "category": "privacy", "likelihood": 2,
        "impact": 4, "owner": "priya",
      ])
    #expect(risk.status == 201, "\(ServerUnderTest.message(risk))")
    let registry = try Registry.openReadOnly(path: server.path, clock: { ServerUnderTest.now })
    let events = try registry.auditTrail.events(AuditFilter(limit: 6))
    #expect(events.allSatisfy { $0.actor == "dana" }, "\(events.map(\.actor))")
    #expect(events.contains { $0.action == "risk.create" })
    let verify = try server.aigov(["audit", "verify", "--db", server.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }

  @Test func aChangeFromABrowserCarriesThePagesFormToken() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let refused = try server.request(
      "POST", "/login", body: Array("token=nope".utf8),
      headers: [("Content-Type", "application/x-www-form-urlencoded")])
    #expect(refused.status == 401)
    #expect(String(decoding: refused.body, as: UTF8.self).contains("not one this server knows"))
    // Another site's form cannot sign this browser in, even with a good token.
    let form = [("Content-Type", "application/x-www-form-urlencoded")]
    for crossSite in [
      [("Sec-Fetch-Site", "cross-site")], [("Sec-Fetch-Site", "same-site")],
      [("Origin", "https://evil.example")], [("Origin", "null")],
    ] {
      let forced = try server.request(
        "POST", "/login", body: Array("token=\(token)".utf8), headers: form + crossSite)
      #expect(forced.status == 403, "\(crossSite)")
      #expect(forced.headers["set-cookie"] == nil, "\(crossSite)")
    }
    // This server's own form, as a browser sends it under no-referrer, signs in.
    let own = try server.request(
      "POST", "/login", body: Array("token=\(token)".utf8),
      headers: form + [("Sec-Fetch-Site", "same-origin"), ("Origin", "null")])
    #expect(own.status == 303)
    let login = try server.request(
      "POST", "/login", body: Array("token=\(token)".utf8),
      headers: [("Content-Type", "application/x-www-form-urlencoded")])
    #expect(login.status == 303)
    let setCookie = try #require(login.headers["set-cookie"])
    #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
    let cookie = ("Cookie", String(setCookie.prefix { $0 != ";" }))
    let page = try server.request("GET", "/", headers: [cookie])
    #expect(page.status == 200)
    let html = String(decoding: page.body, as: UTF8.self)
    let formToken = try #require(
      html.firstMatch(of: /name="form_token" value="([0-9a-f]{64})"/)?.1)

    let before = try server.digest()
    let path = "/api/features/review-summaries/reviews"
    let forged = try server.request("POST", path, headers: [cookie])
    #expect(forged.status == 403)
    #expect(ServerUnderTest.message(forged).contains("form token"))
    let wrong = try server.request(
      "POST", path, headers: [cookie, ("X-AIGov-Form-Token", String(repeating: "0", count: 64))])
    #expect(wrong.status == 403)
    let logout = try server.request("POST", "/logout", headers: [cookie])
    #expect(logout.status == 403)
    #expect(try server.digest() == before)
    let made = try server.request(
      "POST", path, headers: [cookie, ("X-AIGov-Form-Token", String(formToken))])
    #expect(made.status == 201, "\(ServerUnderTest.message(made))")
  }

  @Test func pagesEscapeEveryStoredValueAndRunNoCodeButTheirOwn() throws {
    let hostile = "<script>alert(1)</script> | =cmd & \"q\""
    let server = try ServerUnderTest { registry in
      var changes = FeatureChanges()
      changes.set("name", hostile)
      changes.set("description", "line one\n<img src=x onerror=alert(2)>\n| =cmd")
      _ = try registry.editFeature("review-summaries", changes)
    }
    let token = try server.token(for: "dana")
    let login = try server.request(
      "POST", "/login", body: Array("token=\(token)".utf8),
      headers: [("Content-Type", "application/x-www-form-urlencoded")])
    let cookie = ("Cookie", String((login.headers["set-cookie"] ?? "").prefix { $0 != ";" }))
    for path in ["/", "/features/review-summaries", "/reviews", "/decisions"] {
      let page = try server.request("GET", path, headers: [cookie])
      let html = String(decoding: page.body, as: UTF8.self)
      #expect(page.status == 200, "\(path)")
      #expect(!html.contains("<script>alert"), "\(path)")
      #expect(!html.contains("<img src=x"), "\(path)")
      #expect(!html.contains("\u{1B}"), "\(path)")
      #expect(
        page.headers["content-security-policy"]
          == "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
      #expect(page.headers["x-content-type-options"] == "nosniff")
      #expect(page.headers["x-frame-options"] == "DENY")
      if path != "/reviews" && path != "/decisions" {
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; | =cmd &amp; &quot;q&quot;"))
      }
    }
    // A report is a page of its own: its inline style is allowed by hash, and nothing else.
    let report = try server.request("GET", "/public", headers: [cookie])
    let policy = try #require(report.headers["content-security-policy"])
    #expect(policy.contains("style-src 'sha256-"))
    #expect(!policy.contains("unsafe") && !policy.contains("script-src"))
  }

  /// The mitigations are listed as the command line lists them, with the same filters; a
  /// filter the server cannot read is a 400 naming it.
  @Test func mitigationsAreListedAsTheCommandLineListsThem() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "sam")
    let answer = try server.request(
      "GET", "/api/mitigations?feature=email-ai&public=true", token: token)
    #expect(answer.status == 200)
    let listed = try #require(try ServerUnderTest.json(answer) as? [[String: Any]])
    let registry = try Registry.open(
      path: server.path, actor: "sam", clock: { ServerUnderTest.now })
    let expected = try registry.mitigations(
      MitigationFilter(featureKey: "email-ai", hasPublicStatement: true))
    #expect(!expected.isEmpty)
    #expect(listed.map { $0["id"] as? Int } == expected.map(\.mitigation.id))
    #expect(listed.allSatisfy { $0["feature"] as? String == "email-ai" })
    for (query, status, words) in [
      ("risk=x", 400, "invalid risk 'x'"), ("public=maybe", 400, "invalid public 'maybe'"),
      ("status=done", 400, "done"), ("feature=nope", 404, "no feature 'nope'"),
    ] {
      let refused = try server.request("GET", "/api/mitigations?\(query)", token: token)
      #expect(refused.status == status, "\(query)")
      #expect(
        ServerUnderTest.message(refused).contains(words), "\(ServerUnderTest.message(refused))")
    }
  }

  /// The frameworks and the report on them answer as `framework list`, `framework show` and
  /// `report frameworks` print them.
  @Test func frameworksAndTheirReportAreServed() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "sam")
    let registry = try Registry.open(
      path: server.path, actor: "sam", clock: { ServerUnderTest.now })
    let list = try server.request("GET", "/api/frameworks", token: token)
    #expect(list.status == 200)
    let listed = try #require(try ServerUnderTest.json(list) as? [[String: Any]])
    #expect(listed.map { $0["key"] as? String } == (try registry.frameworks()).map(\.key))
    let one = try server.request("GET", "/api/frameworks/iso-iec-42001", token: token)
    let framework = try #require(try ServerUnderTest.json(one) as? [String: Any])
    #expect(
      (framework["requirements"] as? [[String: Any]])?.contains { $0["id"] as? String == "A.4.5" }
        == true)
    let missing = try server.request("GET", "/api/frameworks/nope", token: token)
    #expect(missing.status == 404)
    #expect(ServerUnderTest.message(missing).contains("nope"))

    let report = try server.request(
      "GET", "/api/reports/frameworks?framework=iso-iec-42001&format=json", token: token)
    #expect(report.status == 200)
    let answered = try #require(try ServerUnderTest.json(report) as? [String: Any])
    let frameworks = try #require(answered["frameworks"] as? [[String: Any]])
    #expect(frameworks.map { $0["framework"] as? String } == ["iso-iec-42001"])
    let markdown = try server.request(
      "GET", "/api/reports/frameworks?framework=iso-iec-42001", token: token)
    #expect(String(decoding: markdown.body, as: UTF8.self).contains("Statement of Applicability"))
    let unknown = try server.request(
      "GET", "/api/reports/frameworks?framework=nope", token: token)
    #expect(unknown.status == 400)
    #expect(ServerUnderTest.message(unknown).contains("invalid framework 'nope'"))
  }

  /// The site words each finding's remedy for a person at a browser, with the command beside it.
  @Test func theDecisionsPageWordsEachRemedyInPlainWords() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let login = try server.request(
      "POST", "/login", body: Array("token=\(token)".utf8),
      headers: [("Content-Type", "application/x-www-form-urlencoded")])
    let cookie = ("Cookie", String((login.headers["set-cookie"] ?? "").prefix { $0 != ";" }))
    let html = String(
      decoding: try server.request("GET", "/decisions", headers: [cookie]).body, as: UTF8.self)
    #expect(
      html.contains(
        "what to do: open a periodic review: open a review round "
          + "<code>aigov review open support-assistant</code>"))
    #expect(
      html.contains(
        "finish it: mark mitigation #8 implemented <code>aigov mitigation edit 8 --status "
          + "implemented</code>; or withdraw the statement: clear mitigation #8&#39;s public "
          + "statement"))
    #expect(!html.contains("fix: "))
  }

  @Test func theCommandLineReadsAServerAsItReadsTheFile() throws {
    let server = try ServerUnderTest()
    let remote = ["AIGOV_SERVER": server.url, "AIGOV_TOKEN": try server.token(for: "sam")]
    let commands: [[String]] = [
      ["feature", "show", "customer-agent"], ["feature", "show", "email-ai", "--format", "json"],
      ["feature", "list", "--status", "launched"], ["feature", "list", "--format", "json"],
      ["feature", "list", "--text", "send time & more"],
      ["review", "status"], ["review", "status", "email-ai"],
      ["review", "status", "--format", "json"], ["check"], ["check", "--format", "json"],
      ["report", "quarterly", "--quarter", "2026-Q3"],
      ["report", "quarterly", "--quarter", "2026-Q2", "--format", "html"],
      ["report", "public"], ["report", "public", "--format", "json"],
      ["report", "public", "--changes-since", "2026-06-02"],
      ["feature", "show", "nope"],
    ]
    for command in commands {
      let local = try server.aigov(command + ["--db", server.path])
      let through = try server.aigov(command, environment: remote)
      #expect(through.status == local.status, "\(command): \(through.stderr)")
      #expect(through.stdout == local.stdout, "\(command)")
      #expect(through.stderr == local.stderr, "\(command)")
    }
  }

  @Test func theCommandLineRefusesWhatItCannotDoThroughAServer() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let cases: [([String], [String: String], Int32, String)] = [
      (
        ["feature", "retire", "email-ai"], ["AIGOV_TOKEN": token, "AIGOV_SERVER": server.url], 64,
        "works on a database file"
      ),
      (
        ["--server", server.url, "feature", "retire", "email-ai"], ["AIGOV_TOKEN": token], 64,
        "Unknown option '--server'"
      ),
      (["feature", "list", "--server", "https://:443"], [:], 64, "expected a URL like"),
      (["feature", "list", "--server", "ftp://x"], [:], 64, "expected a URL like"),
      (["feature", "list", "--server", "http://[::1"], [:], 64, "expected a URL like"),
      (["feature", "list", "--server", "http://h]:80"], [:], 64, "expected a URL like"),
      (
        ["feature", "list", "--server", "http://127.0.0.1:9"], ["AIGOV_TOKEN": token], 69,
        "cannot reach the aigov server"
      ),
      (["feature", "list", "--server", server.url], ["AIGOV_TOKEN": ""], 64, "set AIGOV_TOKEN"),
      (
        ["review", "sign", "email-ai", "--decision", "approve", "--server", server.url],
        ["AIGOV_TOKEN": token], 64, "signed on this machine"
      ),
      (
        ["review", "open", "nope", "--server", server.url], ["AIGOV_TOKEN": token], 1,
        "no feature 'nope'"
      ),
    ]
    let before = try server.digest()
    for (arguments, environment, status, words) in cases {
      let outcome = try server.aigov(arguments, environment: environment)
      #expect(outcome.status == status, "\(arguments): \(outcome.stderr)")
      #expect(outcome.stderr.contains(words), "\(arguments): \(outcome.stderr)")
      if outcome.stderr.hasPrefix("error:") {
        #expect(outcome.stderr.split(separator: "\n").count <= 2, "\(outcome.stderr)")
      }
    }
    #expect(try server.digest() == before)
  }

  @Test func aProxysIdentityHeaderIsTrustedOnlyWhenAsked() throws {
    let trusting = try ServerUnderTest(arguments: ["--identity-header", "X-Remote-User"])
    let me = try trusting.request("GET", "/api/me", headers: [("X-Remote-User", "elena")])
    #expect((try ServerUnderTest.json(me) as? [String: Any])?["person"] as? String == "elena")
    let control = try trusting.request(
      "GET", "/api/me", headers: [("X-Remote-User", "ele\u{7}na")])
    #expect(control.status == 400)
    #expect(try trusting.request("GET", "/api/me").status == 401)
    // A change named by the header needs the form token, as a cookie's does.
    let change = try trusting.request(
      "POST", "/api/features/review-summaries/reviews", headers: [("X-Remote-User", "dana")])
    #expect(change.status == 403)
    // The header says who, not what: with the page's form token, dana reads only until she
    // holds a token that writes.
    let page = try trusting.request("GET", "/", headers: [("X-Remote-User", "dana")])
    let html = String(decoding: page.body, as: UTF8.self)
    let formToken = try #require(
      html.firstMatch(of: /name="form_token" value="([^"]+)"/).map { String($0.1) })
    let asDana = [("X-Remote-User", "dana"), ("X-AIGov-Form-Token", formToken)]
    let before = try trusting.digest()
    let readOnly = try trusting.request(
      "POST", "/api/features/review-summaries/reviews", headers: asDana)
    #expect(readOnly.status == 403, "\(ServerUnderTest.message(readOnly))")
    #expect(ServerUnderTest.message(readOnly).contains("reads only"))
    #expect(try trusting.digest() == before)
    _ = try trusting.token(for: "dana")
    let granted = try trusting.request(
      "POST", "/api/features/review-summaries/reviews", headers: asDana)
    #expect(granted.status == 201, "\(ServerUnderTest.message(granted))")

    let plain = try ServerUnderTest()
    #expect(
      try plain.request("GET", "/api/me", headers: [("X-Remote-User", "elena")]).status == 401)
  }

  @Test func concurrentWritersLoseNothingAndSigtermStopsCleanly() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let features = try Registry.openReadOnly(path: server.path, clock: { ServerUnderTest.now })
      .reviewStatus().filter { $0.status == .launched && $0.round?.status != .open }
      .map(\.featureKey)
    func count(_ action: String) throws -> Int {
      let log = try server.aigov(["audit", "log", "--db", server.path, "--format", "json"])
      let events = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]]
      return (events ?? []).filter { $0["action"] as? String == action }.count
    }
    let (roundsBefore, settingsBefore) = (try count("review.open"), try count("setting.update"))
    // Periodic reviews opened side by side through the server, and reads among them, while the
    // command line writes to the same file.
    let statuses = Mutex<[Int]>([])
    DispatchQueue.concurrentPerform(iterations: features.count + 8) { index in
      if index < features.count {
        let answer = try? server.request(
          "POST", "/api/features/\(features[index])/reviews", token: token)
        statuses.withLock { $0.append(answer?.status ?? 0) }
      } else if index % 2 == 0 {
        let answer = try? server.request("GET", "/api/check", token: token)
        statuses.withLock { $0.append(answer?.status == 200 ? 201 : answer?.status ?? 0) }
      } else {
        let outcome = try? server.aigov(
          [
            "config", "set", "check.review-grace-days", String(index), "--db", server.path,
            "--actor", "dana",
          ])
        statuses.withLock { $0.append(outcome?.status == 0 ? 201 : 0) }
      }
    }
    #expect(statuses.withLock { $0 }.allSatisfy { $0 == 201 }, "\(statuses.withLock { $0 })")
    #expect(server.stop(SIGTERM) == 0)
    #expect(server.log.contains("stopped"))
    let verify = try server.aigov(["audit", "verify", "--db", server.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
    // Every change landed, each once.
    #expect(try count("review.open") == roundsBefore + features.count)
    #expect(try count("setting.update") == settingsBefore + 4)
  }

  @Test func aKilledServerLeavesTheDatabaseWhole() throws {
    let server = try ServerUnderTest()
    let token = try server.token(for: "dana")
    let features = try Registry.openReadOnly(path: server.path, clock: { ServerUnderTest.now })
      .features().filter { $0.status == .launched }.map(\.key)
    DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
      kill(server.process.processIdentifier, SIGKILL)
    }
    DispatchQueue.concurrentPerform(iterations: features.count) { index in
      _ = try? server.request("POST", "/api/features/\(features[index])/reviews", token: token)
    }
    server.process.waitUntilExit()
    #expect(server.process.terminationReason == .uncaughtSignal)
    let verify = try server.aigov(["audit", "verify", "--db", server.path])
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
  }

  @Test func theServerRefusesADatabaseItCannotWriteAndSaysWhy() throws {
    let server = try ServerUnderTest()
    #expect(server.stop() == 0)
    let serve = ServerUnderTest.binary("aigov-serve").path
    let outcome: ProcessOutcome
    if getuid() == 0 {
      // As root every file is writable: the server runs as nobody, who cannot write root's file.
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: server.folder.path)
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o644], ofItemAtPath: server.path)
      outcome = try run(
        URL(fileURLWithPath: "/usr/bin/setpriv"),
        [
          "--reuid=65534", "--regid=65534", "--clear-groups", serve, "--db", server.path,
          "--listen", "127.0.0.1:0",
        ])
    } else {
      try FileManager.default.setAttributes(
        [.posixPermissions: 0o444], ofItemAtPath: server.path)
      outcome = try run(
        URL(fileURLWithPath: serve), ["--db", server.path, "--listen", "127.0.0.1:0"])
    }
    #expect(outcome.status == 73, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("cannot write the file"), "\(outcome.stderr)")
    #expect(outcome.stderr.split(separator: "\n").count == 1)
  }

  @Test func theOpenAPIDocumentIsServedAndNamesTheVocabulariesAsTheCodeDoes() throws {
    let server = try ServerUnderTest()
    let served = try server.request("GET", "/openapi.json")
    #expect(served.status == 200)
    let file = try Data(
      contentsOf: ServerUnderTest.packageRoot.appendingPathComponent(
        "Sources/aigov-serve/Assets/openapi.json"))
    #expect(Data(served.body) == file)
    let document = try #require(try JSONSerialization.jsonObject(with: file) as? [String: Any])
    let schemas = try #require(
      (document["components"] as? [String: Any])?["schemas"] as? [String: Any])
    func terms(_ schema: String, _ property: String) -> [String]? {
      let object = schemas[schema] as? [String: Any]
      let properties = object?["properties"] as? [String: Any]
      return (properties?[property] as? [String: Any])?["enum"] as? [String]
    }
    #expect(terms("Feature", "status") == FeatureStatus.allCases.map(\.rawValue))
    #expect(terms("Feature", "category") == FeatureCategory.allCases.map(\.rawValue))
    #expect(terms("Feature", "audience") == Audience.allCases.map(\.rawValue))
    #expect(terms("SignOff", "discipline") == Discipline.allCases.map(\.rawValue))
    #expect(terms("SignOff", "decision") == Decision.allCases.map(\.rawValue))
    let paths = try #require(document["paths"] as? [String: Any])
    let parameters =
      (paths["/api/risks"] as? [String: Any]).flatMap {
        ($0["get"] as? [String: Any])?["parameters"] as? [[String: Any]]
      } ?? []
    let risk = parameters.first { $0["name"] as? String == "category" }
    #expect(
      (risk?["schema"] as? [String: Any])?["enum"] as? [String]
        == RiskCategory.allCases.map(\.rawValue))
  }
}

/// A lock around a value, for the tests' threads.
final class Mutex<Value>: @unchecked Sendable {
  private var value: Value
  private let lock = NSLock()
  init(_ value: Value) { self.value = value }
  func withLock<T>(_ body: (inout Value) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&value)
  }
}
