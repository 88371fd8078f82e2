/// The public disclosure as one self-contained HTML page: inline CSS, no scripts, nothing fetched,
/// readable on screen and on paper.
public struct PublicDisclosureHTML: DocumentRenderer {
  public init() {}

  public func render(_ disclosure: PublicDisclosure) -> String {
    let text = UntrustedText.html
    var body: [String] = [
      "<header>", "<h1>\(PublicDisclosure.title)</h1>",
      "<p class=\"intro\">\(text(PublicDisclosure.introduction))</p>", "</header>",
    ]
    if disclosure.sections.isEmpty { body.append("<p>\(PublicDisclosure.noFeatures)</p>") }
    for section in disclosure.sections {
      body.append("<section>")
      body.append("<h2>\(PublicDisclosure.heading(section.category))</h2>")
      for feature in section.features {
        body.append("<article>")
        body.append("<h3>\(text(feature.name))</h3>")
        body.append("<p>\(text(feature.purpose))</p>")
        body.append("<dl>")
        body.append("<dt>Your data</dt><dd>\(PublicDisclosure.dataUse(feature))</dd>")
        body.append(
          "<dt>Model training</dt><dd>\(PublicDisclosure.training(feature.trainsModels))</dd>")
        body.append(
          "<dt>Human review</dt><dd>\(PublicDisclosure.humanReview(feature.humanOversight))</dd>")
        body.append(
          "<dt>Your control</dt><dd>\(PublicDisclosure.control(feature.customerControl))</dd>")
        if feature.providers.isEmpty {
          body.append("<dt>Third parties</dt><dd>None; it runs on our own systems.</dd>")
        } else {
          body.append("<dt>Third parties</dt><dd><ul>")
          for provider in feature.providers {
            body.append(
              "<li><strong>\(text(provider.name))</strong> \(PublicDisclosure.terms(provider)).</li>"
            )
          }
          body.append("</ul></dd>")
        }
        body += ["</dl>", "</article>"]
      }
      body.append("</section>")
    }
    body += ["<section>", "<h2>AI subprocessors</h2>"]
    if disclosure.subprocessors.isEmpty {
      body.append("<p>\(PublicDisclosure.noSubprocessors)</p>")
    } else {
      body.append(
        "<table><thead><tr><th>Subprocessor</th><th>Regions</th><th>Training on your data</th>"
          + "<th>Retention</th></tr></thead><tbody>")
      for subprocessor in disclosure.subprocessors {
        let terms = subprocessor.terms
        body.append(
          "<tr><td>\(text(subprocessor.name))</td><td>\(text(subprocessor.regions))</td><td>"
            + PublicDisclosure.trainingTerm(terms.noTraining) + "</td><td>"
            + PublicDisclosure.retention(terms.retentionDays) + "</td></tr>")
      }
      body.append("</tbody></table>")
    }
    body.append("</section>")
    body.append(
      "<footer>Generated from the AI inventory on \(text(disclosure.generatedAt)).</footer>")
    return HTMLPage.document(title: PublicDisclosure.title, style: Self.style, body: body)
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
    article { border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.2rem;
      margin: 0 0 1rem; break-inside: avoid; }
    dl { display: grid; grid-template-columns: 9rem 1fr; gap: .3rem 1rem; margin: .6rem 0 0; }
    dt { font-weight: 600; color: var(--muted); }
    dd { margin: 0; }
    dd ul { margin: 0; padding-left: 1.1rem; }
    table { width: 100%; border-collapse: collapse; font-size: .95rem; }
    th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line);
      vertical-align: top; }
    th { background: #eef1f5; }
    footer { margin-top: 2rem; color: var(--muted); font-size: .85rem; }
    @media print {
      @page { size: A4; margin: 18mm 16mm; }
      body { background: #fff; font-size: 11pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; }
      article { border-color: #bbb; }
    }
    """
}
