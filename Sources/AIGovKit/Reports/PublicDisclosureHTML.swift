/// The public disclosure as one self-contained HTML page: inline CSS, no scripts, nothing fetched,
/// readable on screen and on paper.
public struct PublicDisclosureHTML: DocumentRenderer {
  public init() {}

  public func render(_ page: PublicDisclosure) -> String {
    let text = UntrustedText.html
    var body: [String] = [
      "<header>", "<h1>\(text(page.title))</h1>",
      "<p class=\"intro\">\(text(page.introduction))</p>", "</header>",
    ]
    let summary = page.dataUseSummary(text)
    if !summary.isEmpty {
      body += ["<section class=\"glance\">", "<h2>Your data at a glance</h2>", "<ul>"]
      body += summary.map { "<li>\($0)</li>" }
      body += ["</ul>", "</section>"]
    }
    if page.sections.isEmpty { body.append("<p>\(PublicDisclosure.noFeatures)</p>") }
    for section in page.sections {
      body += ["<section>", "<h2>\(PublicDisclosure.heading(section.category))</h2>"]
      for feature in section.features { body += Self.feature(feature) }
      body.append("</section>")
    }
    if !page.internalUses.isEmpty {
      body += [
        "<section>", "<h2>\(PublicDisclosure.internalUsesHeading)</h2>",
        "<p>\(PublicDisclosure.internalUsesIntroduction)</p>",
      ]
      for feature in page.internalUses { body += Self.feature(feature) }
      body.append("</section>")
    }
    if !page.thirdParties.isEmpty {
      body += [
        "<section>", "<h2>Third parties</h2>",
        "<table class=\"cards\"><thead><tr>"
          + PublicDisclosure.thirdPartyColumns.map { "<th>\($0)</th>" }.joined()
          + "</tr></thead><tbody>",
      ]
      for party in page.thirdParties {
        let cells = zip(
          PublicDisclosure.thirdPartyColumns, PublicDisclosure.thirdPartyCells(party, text))
        body.append(
          "<tr>" + cells.map { "<td data-label=\"\($0)\">\($1)</td>" }.joined() + "</tr>")
      }
      body += ["</tbody></table>", "</section>"]
    }
    if !page.commitments.isEmpty {
      body += [
        "<section>", "<h2>\(PublicDisclosure.commitmentsHeading)</h2>",
        "<p>\(PublicDisclosure.commitmentsIntroduction)</p>", "<ul class=\"commitments\">",
      ]
      for commitment in page.commitments {
        body.append(
          "<li>\(text(commitment.statement)) <span class=\"scope\">"
            + "\(PublicDisclosure.commitmentScope(commitment, text))</span></li>")
      }
      body += ["</ul>", "</section>"]
    }
    let governance = page.governanceStatement
    if !governance.isEmpty {
      body += [
        "<section>", "<h2>\(PublicDisclosure.governanceHeading)</h2>",
        "<p>\(text(governance.joined(separator: " ")))</p>", "</section>",
      ]
    }
    let sentences = page.frameworkSentences(text)
    let frameworks =
      sentences.isEmpty ? [] : ["<ul>"] + sentences.map { "<li>\($0)</li>" } + ["</ul>"]
    for section in StatementSection.allCases {
      let statements = page.statements.filter { $0.section == section }
      let documents = section == .contract ? page.documents ?? [] : []
      let extra = section == .law ? frameworks : []
      guard !statements.isEmpty || !extra.isEmpty || !documents.isEmpty else { continue }
      body += ["<section>", "<h2>\(section.heading)</h2>"]
      for statement in statements {
        // A statement titled as its section needs no heading of its own.
        if statement.title != section.heading { body.append("<h3>\(text(statement.title))</h3>") }
        body.append(StatementText(statement.body).html)
      }
      body += extra
      if !documents.isEmpty {
        body += ["<ul class=\"documents\">"]
        body += documents.map { link in
          link.isFollowable
            ? "<li><a href=\"\(text(link.url))\" rel=\"noopener noreferrer\">"
              + "\(text(link.words))</a></li>"
            : "<li>\(text(link.words)): \(text(link.url))</li>"
        }
        body.append("</ul>")
      }
      body.append("</section>")
    }
    body.append("<footer>\(text(page.footer))</footer>")
    return HTMLPage.document(title: page.title, style: Self.style, body: body)
  }

  private static func feature(_ feature: PublicDisclosure.DisclosedFeature) -> [String] {
    let text = UntrustedText.html
    return [
      "<article>", "<h3>\(text(feature.name))</h3>", "<p>\(text(feature.purpose))</p>", "<dl>",
    ]
      + PublicDisclosure.facts(feature, text).map { "<dt>\($0.label)</dt><dd>\($0.words)</dd>" }
      + ["</dl>"]
      + (feature.links ?? []).map { link in
        link.isFollowable
          ? "<p><a href=\"\(text(link.url))\" rel=\"noopener noreferrer\">"
            + "\(text(link.words))</a></p>"
          : "<p>\(text(link.words)): \(text(link.url))</p>"
      } + ["</article>"]
  }

  static let style = """
    :root { color-scheme: light; --ink: #1d2430; --muted: #5b6472; --line: #d9dee6; --accent: #2c5d9e; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      color: var(--ink); background: #f6f7f9; }
    main { max-width: 52rem; margin: 0 auto; padding: 2.5rem 1.5rem 3rem; background: #fff; }
    h1 { font-size: 2rem; margin: 0 0 .5rem; }
    h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem;
      border-bottom: 2px solid var(--accent); }
    h3 { font-size: 1.1rem; margin: 0 0 .3rem; }
    .intro { color: var(--muted); }
    a { color: var(--accent); }
    article { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem;
      margin: 0 0 1rem; break-inside: avoid; }
    dl { display: grid; grid-template-columns: 12.5rem 1fr; gap: .3rem 1rem; margin: .6rem 0 0; }
    dt { font-weight: 600; color: var(--muted); }
    dd { margin: 0; }
    dd ul { margin: 0; padding-left: 1.1rem; }
    .glance ul, .commitments { padding-left: 1.2rem; }
    .commitments li { margin: 0 0 .5rem; }
    .scope { color: var(--muted); font-size: .9rem; }
    table { width: 100%; border-collapse: collapse; font-size: .95rem; }
    th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line);
      vertical-align: top; }
    th { background: #eef1f5; }
    footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
    @media (max-width: 40rem) {
      main { padding: 1rem .75rem 2rem; }
      dl { grid-template-columns: 1fr; gap: 0 1rem; }
      dd { margin-bottom: .4rem; }
      dd, code, td { overflow-wrap: anywhere; }
      table.cards, .cards tbody, .cards tr, .cards td { display: block; width: 100%; }
      .cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
        clip-path: inset(50%); }
      .cards tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .8rem;
        padding: .3rem .2rem; }
      .cards td { display: grid; grid-template-columns: 9.5rem 1fr; gap: .6rem;
        border-bottom: none; padding: .25rem .6rem; }
      .cards td::before { content: attr(data-label); font-weight: 600; color: var(--muted); }
    }
    @media print {
      @page { size: A4; margin: 18mm 16mm; }
      body { background: #fff; font-size: 11pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; }
      article { border-color: #bbb; }
    }
    """
}
