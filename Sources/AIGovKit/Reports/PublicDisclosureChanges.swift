/// What a reader of an earlier public page would find changed on the current one: each feature,
/// third party, commitment and statement added, removed or changed, with the parts that changed.
public struct PublicDisclosureChanges: Codable, Equatable, Sendable {
  /// The day of the earlier page (its last second).
  public var since: String
  /// When each page last changed.
  public var fromUpdatedAt: String?
  public var toUpdatedAt: String?
  public var changes: [Change]

  public struct Change: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable {
      case added, removed, changed
    }
    public var kind: Kind
    /// What it is: `feature`, `internal use`, `third party`, `commitment`, `statement`,
    /// `governance`, `company name`.
    public var subject: String
    public var name: String
    /// For a change: the parts that changed, in words.
    public var parts: [String]
  }

  enum CodingKeys: String, CodingKey {
    case since
    case fromUpdatedAt = "from_updated_at"
    case toUpdatedAt = "to_updated_at"
    case changes
  }

  public init(since: String, from earlier: PublicDisclosure, to later: PublicDisclosure) {
    self.since = since
    fromUpdatedAt = earlier.updatedAt
    toUpdatedAt = later.updatedAt
    var changes: [Change] = []
    func compare<T>(
      _ subject: (T) -> String, _ name: (T) -> String, _ before: [T], _ after: [T],
      parts: (T, T) -> [String]
    ) {
      let old = Dictionary(before.map { (name($0), $0) }, uniquingKeysWith: { first, _ in first })
      let new = Dictionary(after.map { (name($0), $0) }, uniquingKeysWith: { first, _ in first })
      for key in Set(old.keys).union(new.keys).sorted(by: byName) {
        switch (old[key], new[key]) {
        case (nil, let added?):
          changes.append(Change(kind: .added, subject: subject(added), name: key, parts: []))
        case (let removed?, nil):
          changes.append(Change(kind: .removed, subject: subject(removed), name: key, parts: []))
        case (let removed?, let added?):
          let changed = parts(removed, added)
          if !changed.isEmpty {
            changes.append(
              Change(kind: .changed, subject: subject(added), name: key, parts: changed))
          }
        default: break
        }
      }
    }
    func differs<T: Equatable>(_ a: T, _ b: T, _ label: String) -> [String] {
      a == b ? [] : [label]
    }
    if earlier.accountSwitch != later.accountSwitch {
      changes.append(
        Change(
          kind: .changed, subject: "account-wide AI switch",
          name: later.accountSwitch.map { $0.available ? "available" : "none" } ?? "not stated",
          parts: []))
    }
    if earlier.neverProcessed != later.neverProcessed {
      changes.append(
        Change(
          kind: .changed, subject: "data never processed",
          name: (later.neverProcessed ?? []).map(\.rawValue).joined(separator: ", "), parts: []))
    }
    if earlier.company != later.company {
      changes.append(
        Change(
          kind: .changed, subject: "company name", name: later.company ?? "(none)", parts: []))
    }
    func featureParts(
      _ a: PublicDisclosure.DisclosedFeature, _ b: PublicDisclosure.DisclosedFeature
    )
      -> [String]
    {
      differs(a.category, b.category, "category") + differs(a.purpose, b.purpose, "what it does")
        + differs(a.audience, b.audience, "audience")
        + differs(a.servingUse, b.servingUse, "serving use")
        + differs(a.trainingUse, b.trainingUse, "training use")
        + differs(a.minGroupSize, b.minGroupSize, "group size")
        + differs(a.finalSay, b.finalSay, "final say")
        + differs(a.customerControl, b.customerControl, "control")
        + differs(a.thirdParties, b.thirdParties, "third parties")
        + differs(a.dataCategories, b.dataCategories, "data it uses")
        + differs(
          [a.adaptation?.rawValue, a.adaptationConsent?.rawValue],
          [b.adaptation?.rawValue, b.adaptationConsent?.rawValue], "adaptation")
        + differs(a.providerChoice, b.providerChoice, "provider choice")
        + differs(a.accountSwitch, b.accountSwitch, "account-wide switch")
        + differs(
          [
            a.keptData?.rawValue, a.keptWhere, a.keptDeletion?.rawValue,
            a.keptDays.map(String.init),
          ],
          [
            b.keptData?.rawValue, b.keptWhere, b.keptDeletion?.rawValue,
            b.keptDays.map(String.init),
          ],
          "what it keeps")
    }
    compare(
      { $0.audience == .internal ? "internal use" : "feature" }, \.name, earlier.listedFeatures,
      later.listedFeatures, parts: featureParts)
    func partyParts(_ a: PublicDisclosure.ThirdParty, _ b: PublicDisclosure.ThirdParty)
      -> [String]
    {
      differs(a.dpa, b.dpa, "DPA") + differs(a.noTraining, b.noTraining, "training term")
        + differs(a.retentionDays, b.retentionDays, "retention")
        + differs(a.regions, b.regions, "regions")
        + differs(a.subprocessorListed, b.subprocessorListed, "subprocessor list")
    }
    compare(
      { _ in "third party" }, { $0.name + ($0.servedThrough.map { " through \($0)" } ?? "") },
      earlier.thirdParties, later.thirdParties, parts: partyParts)
    compare(
      { _ in "commitment" }, \.statement, earlier.commitments, later.commitments,
      parts: { differs($0.features, $1.features, "features it applies to") })
    compare(
      { _ in "statement" }, \.title, earlier.statements, later.statements,
      parts: {
        differs($0.body, $1.body, "wording") + differs($0.section, $1.section, "section")
      })
    compare(
      { _ in "document" }, \.words, earlier.documents ?? [], later.documents ?? [],
      parts: { differs($0.url, $1.url, "link") })
    compare(
      { _ in "framework" }, \.title, earlier.frameworks ?? [], later.frameworks ?? [],
      parts: {
        differs($0.version, $1.version, "version") + differs($0.counts, $1.counts, "status")
      })
    let governance =
      differs(
        earlier.governance.approvedByAll, later.governance.approvedByAll, "approving disciplines")
      + differs(
        earlier.governance.longestReviewIntervalDays, later.governance.longestReviewIntervalDays,
        "review interval")
      + differs(earlier.governance.oldestReview, later.governance.oldestReview, "oldest review")
      + differs(
        earlier.governance.highRisksMitigated, later.governance.highRisksMitigated,
        "high risks mitigated")
    if !governance.isEmpty {
      changes.append(
        Change(
          kind: .changed, subject: "governance", name: PublicDisclosure.governanceHeading,
          parts: governance))
    }
    self.changes = changes
  }

  /// One change in words, for the renderers.
  static func line(_ change: Change) -> String {
    switch change.kind {
    case .added: "Added \(change.subject): \(change.name)"
    case .removed: "Removed \(change.subject): \(change.name)"
    case .changed:
      change.parts.isEmpty
        ? "Changed \(change.subject): \(change.name)"
        : "Changed \(change.subject): \(change.name) (\(change.parts.joined(separator: ", ")))"
    }
  }

  var heading: String { "Changes to the public AI page since \(since)" }

  var summary: String {
    let from = fromUpdatedAt.map { "last changed \($0.prefix(10))" } ?? "with no change recorded"
    let to = toUpdatedAt.map { "last changed \($0.prefix(10))" } ?? "with no change recorded"
    return changes.isEmpty
      ? "The page of \(since) (\(from)) and today's page (\(to)) say the same."
      : "From the page of \(since) (\(from)) to today's page (\(to)):"
  }
}

/// The changes as Markdown: a heading, a summary and one bullet per change.
public struct PublicDisclosureChangesMarkdown: DocumentRenderer {
  public init() {}

  public func render(_ changes: PublicDisclosureChanges) -> String {
    let text = UntrustedText.markdown
    var lines = ["# \(changes.heading)", "", changes.summary, ""]
    lines += changes.changes.map { "- \(text(PublicDisclosureChanges.line($0)))" }
    return lines.joined(separator: "\n") + (changes.changes.isEmpty ? "" : "\n") + "\n"
  }
}

/// The changes as one HTML page.
public struct PublicDisclosureChangesHTML: DocumentRenderer {
  public init() {}

  public func render(_ changes: PublicDisclosureChanges) -> String {
    let text = UntrustedText.html
    var body = ["<h1>\(text(changes.heading))</h1>", "<p>\(text(changes.summary))</p>"]
    if !changes.changes.isEmpty {
      body.append("<ul>")
      body += changes.changes.map { "<li>\(text(PublicDisclosureChanges.line($0)))</li>" }
      body.append("</ul>")
    }
    return HTMLPage.document(
      title: changes.heading, style: PublicDisclosureHTML.style, body: body)
  }
}
