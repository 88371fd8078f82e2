import AIGovKit
import Foundation
import HTTPTypes
import Hummingbird

/// The JSON API: what the inventory holds, and the changes people make day to day. Every
/// answer is what the matching command prints with `--format json`.
struct API: Sendable {
  var inventory: ServedInventory

  func add(to router: Router<ServeContext>) {
    let api = router.group("api")
    api.get("me", use: me)
    api.get("features", use: features)
    api.get("features/:key", use: feature)
    api.get("features/:key/review", use: review)
    api.post("features/:key/reviews", use: openReview)
    api.post("features/:key/sign-offs/draft", use: draftSignOff)
    api.post("features/:key/sign-offs", use: signOff)
    api.post("features/:key/status", use: setStatus)
    api.get("providers", use: providers)
    api.get("providers/:key", use: provider)
    api.get("risks", use: risks)
    api.get("mitigations", use: mitigations)
    api.get("reviewers", use: reviewers)
    api.get("reviews", use: reviewStatus)
    api.get("incidents", use: incidents)
    api.get("controls", use: controls)
    api.get("exceptions", use: exceptions)
    api.get("evidence", use: evidence)
    api.get("frameworks", use: frameworks)
    api.get("frameworks/:key", use: framework)
    api.get("statements", use: statements)
    api.get("meetings", use: meetings)
    api.get("todo", use: todo)
    api.get("todo.ics", use: todoCalendar)
    api.get("check", use: check)
    api.get("trail", use: trail)
    api.get("reports/quarterly", use: quarterlyReport)
    api.get("reports/public", use: publicPage)
    api.get("reports/frameworks", use: frameworkReport)
    addEdits(to: router)
  }

  /// Each path and the methods it answers: any other method is a 405 that says which.
  static let routes: [(String, [HTTPRequest.Method])] = [
    ("me", [.get]), ("features", [.get]), ("features/:key", [.get, .patch]),
    ("features/:key/risks", [.post]),
    ("features/:key/review", [.get]), ("features/:key/reviews", [.post]),
    ("features/:key/sign-offs/draft", [.post]), ("features/:key/sign-offs", [.post]),
    ("features/:key/status", [.post]), ("providers", [.get]), ("providers/:key", [.get]),
    ("risks", [.get]), ("mitigations", [.get]), ("reviewers", [.get]), ("reviews", [.get]),
    ("incidents", [.get]), ("controls", [.get]), ("exceptions", [.get]),
    ("evidence", [.get]), ("frameworks", [.get]), ("frameworks/:key", [.get]),
    ("statements", [.get]), ("meetings", [.get]), ("todo", [.get]), ("todo.ics", [.get]),
    ("check", [.get]), ("trail", [.get]), ("reports/quarterly", [.get]),
    ("reports/public", [.get]), ("reports/frameworks", [.get]),
  ]

  /// A 405 naming the methods a known path answers, for a request whose method it does not.
  static func methodNotAllowed(_ request: Request) -> APIError? {
    let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: false)
    guard segments.count >= 3, segments[0].isEmpty, segments[1] == "api" else { return nil }
    for (path, allowed) in routes {
      let pattern = path.split(separator: "/")
      guard pattern.count == segments.count - 2,
        zip(pattern, segments.dropFirst(2)).allSatisfy({ $0 == $1 || ($0 == ":key" && !$1.isEmpty) }
        ),
        !allowed.contains(request.method)
      else { continue }
      let allow = allowed.map(\.rawValue).joined(separator: ", ")
      let shown = "/api/" + path.replacingOccurrences(of: ":key", with: "{key}")
      return APIError(
        .methodNotAllowed,
        "\(request.method.rawValue) is not how \(shown) is used (it answers \(allow))",
        allow: allow)
    }
    return nil
  }

  // MARK: Reading

  @Sendable func me(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    let reviewer = try await inventory.read { registry in
      try registry.reviewers().first { $0.handle == person }
    }
    return .json(Me(person: person, reviewer: reviewer))
  }

  @Sendable func features(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let filter = try Self.featureFilter(request)
    return .json(try await inventory.read { try $0.features(filter) })
  }

  static func featureFilter(_ request: Request, emptyIsAny: Bool = false) throws -> FeatureFilter {
    FeatureFilter(
      category: try request.term("category", FeatureCategory.self, emptyIsAny: emptyIsAny),
      audience: try request.term("audience", Audience.self, emptyIsAny: emptyIsAny),
      status: try request.term("status", FeatureStatus.self, emptyIsAny: emptyIsAny),
      providerKey: request.query("provider"), owner: request.query("owner"),
      servingUse: try request.term("serving", ServingUse.self, emptyIsAny: emptyIsAny),
      trainingUse: try request.term("training", TrainingUse.self, emptyIsAny: emptyIsAny),
      text: request.query("text"))
  }

  @Sendable func feature(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let key = try context.parameter("key")
    return .json(try await inventory.read { try $0.featureDocument(key) })
  }

  @Sendable func review(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let key = try context.parameter("key")
    return .json(try await inventory.read { try $0.review(key) })
  }

  @Sendable func providers(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    return .json(try await inventory.read { try $0.providers() })
  }

  @Sendable func provider(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let key = try context.parameter("key")
    return .json(try await inventory.read { try $0.providerRecord(key) })
  }

  @Sendable func risks(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let filter = RiskFilter(
      featureKey: request.query("feature"),
      category: try request.term("category", RiskCategory.self),
      status: try request.term("status", RiskStatus.self),
      minimumLevel: try request.term("min-level", RiskLevel.self))
    return .json(try await inventory.read { try $0.risks(filter) })
  }

  @Sendable func mitigations(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    var risk: Int?
    if let text = request.query("risk") {
      guard let number = Int(text), number > 0 else {
        throw APIError(.badRequest, "invalid risk '\(text)' (expected a risk's number)")
      }
      risk = number
    }
    var published: Bool?
    if let text = request.query("public") {
      guard let flag = ["true": true, "false": false][text] else {
        throw APIError(.badRequest, "invalid public '\(text)' (expected true or false)")
      }
      published = flag
    }
    let filter = MitigationFilter(
      featureKey: request.query("feature"), riskID: risk,
      status: try request.term("status", MitigationStatus.self),
      kind: try request.term("kind", MitigationKind.self), owner: request.query("owner"),
      hasPublicStatement: published)
    return .json(try await inventory.read { try $0.mitigations(filter) })
  }

  @Sendable func reviewers(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    return .json(try await inventory.read { try $0.reviewers() })
  }

  @Sendable func reviewStatus(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let key = request.query("feature")
    return .json(try await inventory.read { try $0.reviewStatus(key) })
  }

  @Sendable func incidents(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let feature = request.query("feature")
    let status = try request.term("status", IncidentStatus.self)
    return .json(try await inventory.read { try $0.incidents(featureKey: feature, status: status) })
  }

  @Sendable func controls(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let status = try request.term("status", ControlStatus.self)
    return .json(try await inventory.read { try $0.controlCoverage(status: status) })
  }

  @Sendable func exceptions(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let feature = request.query("feature")
    return .json(try await inventory.read { try $0.exceptions(featureKey: feature) })
  }

  @Sendable func evidence(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let control = request.query("control")
    return .json(
      try await inventory.read { try $0.evidence(supporting: control.map { "control:\($0)" }) })
  }

  @Sendable func statements(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    return .json(try await inventory.read { try $0.statements() })
  }

  /// Every meeting with the actions it gave out, oldest first: what `meeting show` prints with
  /// `--format json`, for each meeting.
  @Sendable func meetings(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    return .json(
      try await inventory.read { registry in
        let actions = Dictionary(grouping: try registry.meetingActions(), by: \.meeting)
        return try registry.meetings().map {
          MeetingMinutes(meeting: $0, actions: actions[$0.id] ?? [])
        }
      })
  }

  /// What the signed-in person owes, each with its day: `aigov todo --format json`.
  @Sendable func todo(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    return .json(try await inventory.read { try $0.todo(for: person) })
  }

  /// The signed-in person's dates as an iCalendar feed, for their calendar: `aigov todo --ics`.
  @Sendable func todoCalendar(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requirePerson()
    let host = request.head.authority.map { String($0.prefix { $0 != ":" }) } ?? "aigov.invalid"
    let todo = try await inventory.read { try $0.todo(for: person) }
    return .bytes(
      Array(TodoCalendar(todo, domain: host.isEmpty ? "aigov.invalid" : host).text.utf8),
      type: "text/calendar; charset=utf-8")
  }

  @Sendable func frameworks(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    return .json(try await inventory.read { try $0.frameworks().map(FrameworkListing.init) })
  }

  @Sendable func framework(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let key = try context.parameter("key")
    return .json(
      try await inventory.read { registry in
        guard let framework = try registry.frameworks().first(where: { $0.key == key }) else {
          throw AIGovError.notFound(entity: "framework", key: key)
        }
        return FrameworkListing(framework, withRequirements: true)
      })
  }

  @Sendable func frameworkReport(_ request: Request, context: ServeContext) async throws
    -> Response
  {
    _ = try context.requirePerson()
    let format = try ReportFormat.from(request)
    let key = request.query("framework")
    let report = try await inventory.read { try $0.frameworkReport(framework: key) }
    return try format.response(
      report, markdown: FrameworkReportMarkdown(), html: FrameworkReportHTML())
  }

  @Sendable func check(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    return .json(try await inventory.read { try $0.check() })
  }

  @Sendable func trail(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    var limit = 100
    if let text = request.parameter("limit") {
      guard let value = Int(text), (1...10_000).contains(value) else {
        throw APIError(.badRequest, "invalid limit '\(text)' (expected 1 to 10000 events)")
      }
      limit = value
    }
    let filter = AuditFilter(
      entity: try request.term("entity", AuditEntity.self)?.rawValue,
      entityKey: request.query("key"), limit: limit)
    return .json(
      try await inventory.read { registry in
        try registry.auditTrail.events(filter).map(ExpandedAuditEvent.init)
      })
  }

  @Sendable func quarterlyReport(_ request: Request, context: ServeContext) async throws
    -> Response
  {
    _ = try context.requirePerson()
    let format = try ReportFormat.from(request)
    let quarter = try Self.quarter(request, now: inventory.fixedTime ?? Date())
    var depth = 4
    if let text = request.parameter("trend_quarters") {
      guard let number = Int(text), (0...8).contains(number) else {
        throw APIError(.badRequest, "invalid trend_quarters '\(text)' (expected 0 to 8)")
      }
      depth = number
    }
    let trendQuarters = depth
    let report = try await inventory.read { registry in
      try registry.quarterlyReport(
        quarter, toolVersion: ToolRelease.version, trendQuarters: trendQuarters)
    }
    return try format.response(
      report, markdown: QuarterlyReportMarkdown(), html: QuarterlyReportHTML())
  }

  static func quarter(_ request: Request, now: Date) throws -> Quarter {
    guard let text = request.parameter("quarter") else { return Quarter(containing: now) }
    guard let quarter = Quarter(text) else {
      throw APIError(
        .badRequest, "invalid quarter '\(text)' (expected a year and quarter like 2026-Q3)")
    }
    return quarter
  }

  @Sendable func publicPage(_ request: Request, context: ServeContext) async throws -> Response {
    _ = try context.requirePerson()
    let format = try ReportFormat.from(request)
    var time = inventory.fixedTime
    if let text = request.parameter("at") {
      guard let parsed = Timestamp.parse(text) else {
        throw APIError(
          .badRequest, "invalid at '\(text)' (expected a time like 2026-11-22T09:30:00Z)")
      }
      time = parsed
    }
    let asOf = time
    let page = try await inventory.read { registry in
      try asOf.map { try registry.publicDisclosure(asOf: $0) } ?? registry.publicDisclosure()
    }
    return try format.response(
      page, markdown: PublicDisclosureMarkdown(), html: PublicDisclosureHTML())
  }

  // MARK: Changing

  @Sendable func openReview(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requireWriter()
    let key = try context.parameter("key")
    let round = try await inventory.write(as: person) { try $0.openReview(key) }
    return .json(round, status: .created)
  }

  @Sendable func draftSignOff(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requireWriter()
    let key = try context.parameter("key")
    let asked = try await request.decodeJSON(DecisionRequest.self, context: context)
    let draft = try await inventory.write(as: person) { registry in
      try registry.draftSignOff(
        key, discipline: asked.discipline, decision: asked.decision, comment: asked.comment ?? "")
    }
    return .json(
      SignOffDraft(signOff: draft, message: String(decoding: draft.signedMessage, as: UTF8.self)))
  }

  @Sendable func signOff(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requireWriter()
    let key = try context.parameter("key")
    let signed = try await request.decodeJSON(SignedDecisionRequest.self, context: context)
    let outcome = try await inventory.write(as: person) { registry in
      try registry.signOff(
        key, discipline: signed.discipline, decision: signed.decision,
        comment: signed.comment ?? "",
        signed: SignedDecision(
          round: signed.round, contentHash: signed.contentHash, signedAt: signed.signedAt,
          signature: signed.signature))
    }
    return .json(outcome, status: .created)
  }

  @Sendable func setStatus(_ request: Request, context: ServeContext) async throws -> Response {
    let person = try context.requireWriter()
    let key = try context.parameter("key")
    let change = try await request.decodeJSON(StatusRequest.self, context: context)
    let feature = try await inventory.write(as: person) { registry in
      try registry.setStatus(key, to: change.status, reason: change.reason)
    }
    return .json(feature)
  }
}

/// Who the request's person is, and the reviewer they are, if they are one.
struct Me: Encodable {
  var person: String
  var reviewer: Reviewer?
}

/// A decision asked for, before it is signed.
struct DecisionRequest: RequestBody {
  var discipline: Discipline?
  var decision: Decision
  var comment: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case discipline, decision, comment
  }
  static let keys = names(of: CodingKeys.self)
  static let asks = "a decision"
}

/// The decision as recorded if it were signed now, and the exact text to sign (UTF-8).
struct SignOffDraft: Encodable {
  var signOff: SignOff
  var message: String

  enum CodingKeys: String, CodingKey {
    case signOff = "signoff"
    case message
  }
}

/// A decision signed on the reviewer's own machine.
struct SignedDecisionRequest: RequestBody {
  var discipline: Discipline?
  var decision: Decision
  var comment: String?
  var round: Int
  var contentHash: String
  var signedAt: String
  var signature: String

  enum CodingKeys: String, CodingKey, CaseIterable {
    case discipline, decision, comment, round, signature
    case contentHash = "content_hash"
    case signedAt = "signed_at"
  }
  static let keys = names(of: CodingKeys.self)
  static let asks = "a signed decision"
}

struct StatusRequest: RequestBody {
  var status: FeatureStatus
  var reason: String?

  enum CodingKeys: String, CodingKey, CaseIterable {
    case status, reason
  }
  static let keys = names(of: CodingKeys.self)
  static let asks = "a status change"
}

/// A report's format: Markdown (the default), a standalone HTML page, or the report's data as
/// JSON (what the command line renders itself).
enum ReportFormat: String {
  case markdown, html, json

  static func from(_ request: Request) throws -> ReportFormat {
    guard let text = request.parameter("format") else { return .markdown }
    guard let format = ReportFormat(rawValue: text) else {
      throw APIError(.badRequest, "invalid format '\(text)' (expected markdown, html or json)")
    }
    return format
  }

  func response<Document: Encodable, Markdown: DocumentRenderer, HTML: DocumentRenderer>(
    _ document: Document, markdown: Markdown, html: HTML
  ) throws -> Response where Markdown.Document == Document, HTML.Document == Document {
    switch self {
    case .markdown:
      .bytes(Array(try markdown.render(document).utf8), type: "text/markdown; charset=utf-8")
    case .html: Pages.standaloneDocument(try html.render(document))
    case .json: .json(document)
    }
  }
}
