/// The public page as Markdown, for a docs site or a help centre.
public struct PublicDisclosureMarkdown: DocumentRenderer {
  public init() {}

  public func render(_ page: PublicDisclosure) -> String {
    let text = UntrustedText.markdown
    var lines = ["# \(text(page.title))", "", page.introduction, ""]
    let summary = page.dataUseSummary(text)
    if !summary.isEmpty {
      lines += ["## Your data at a glance", ""] + summary.map { "- \($0)" } + [""]
    }
    if page.sections.isEmpty { lines += [PublicDisclosure.noFeatures, ""] }
    for section in page.sections {
      lines += ["## \(PublicDisclosure.heading(section.category))", ""]
      for feature in section.features { lines += Self.feature(feature) }
    }
    if !page.internalUses.isEmpty {
      lines += [
        "## \(PublicDisclosure.internalUsesHeading)", "",
        PublicDisclosure.internalUsesIntroduction, "",
      ]
      for feature in page.internalUses { lines += Self.feature(feature) }
    }
    if !page.thirdParties.isEmpty {
      lines += [
        "## Third parties", "",
        "| " + PublicDisclosure.thirdPartyColumns.joined(separator: " | ") + " |",
        "|" + String(repeating: "---|", count: PublicDisclosure.thirdPartyColumns.count),
      ]
      for party in page.thirdParties {
        lines.append(
          "| " + PublicDisclosure.thirdPartyCells(party, text).joined(separator: " | ") + " |")
      }
      lines.append("")
    }
    if !page.commitments.isEmpty {
      lines += [
        "## \(PublicDisclosure.commitmentsHeading)", "",
        PublicDisclosure.commitmentsIntroduction, "",
      ]
      for commitment in page.commitments {
        lines.append(
          "- \(text(commitment.statement)) "
            + "_\(PublicDisclosure.commitmentScope(commitment, text))_")
      }
      lines.append("")
    }
    let governance = page.governanceStatement
    if !governance.isEmpty {
      lines += [
        "## \(PublicDisclosure.governanceHeading)", "", governance.joined(separator: " "), "",
      ]
    }
    let frameworks = page.frameworkSentences(text).map { "- \($0)" }
    for section in StatementSection.allCases {
      let statements = page.statements.filter { $0.section == section }
      let documents = section == .contract ? page.documents ?? [] : []
      let extra = section == .law ? frameworks : []
      guard !statements.isEmpty || !extra.isEmpty || !documents.isEmpty else { continue }
      lines += ["## \(section.heading)", ""]
      for statement in statements {
        if statement.title != section.heading { lines += ["### \(text(statement.title))", ""] }
        lines += [StatementText(statement.body).markdown, ""]
      }
      if !extra.isEmpty { lines += extra + [""] }
      if !documents.isEmpty {
        lines +=
          documents.map { link in
            link.isFollowable
              ? "- [\(text(link.words))](<\(link.url)>)"
              : "- \(text(link.words)): \(text(link.url))"
          } + [""]
      }
    }
    lines.append("_\(page.footer)_")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func feature(_ feature: PublicDisclosure.DisclosedFeature) -> [String] {
    let text = UntrustedText.markdown
    return [
      "### \(text(feature.name))", "", text(feature.purpose), "",
    ]
      + PublicDisclosure.facts(feature, text).map { "- **\($0.label):** \($0.words)" }
      + (feature.links ?? []).map { link in
        // Only a URL the field accepts is a link: its characters end no destination early.
        link.isFollowable
          ? "- [\(text(link.words))](<\(link.url)>)"
          : "- \(text(link.words)): \(text(link.url))"
      } + [""]
  }
}
