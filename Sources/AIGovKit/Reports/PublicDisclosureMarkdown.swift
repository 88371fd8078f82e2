/// The public disclosure as Markdown, for a docs site or a help centre.
public struct PublicDisclosureMarkdown: DocumentRenderer {
  public init() {}

  public func render(_ disclosure: PublicDisclosure) -> String {
    let text = UntrustedText.markdown
    var lines = ["# \(PublicDisclosure.title)", "", PublicDisclosure.introduction, ""]
    if disclosure.sections.isEmpty { lines += [PublicDisclosure.noFeatures, ""] }
    for section in disclosure.sections {
      lines += ["## \(PublicDisclosure.heading(section.category))", ""]
      for feature in section.features {
        lines += ["### \(text(feature.name))", "", text(feature.purpose), ""]
        lines.append("- **Your data:** \(PublicDisclosure.dataUse(feature))")
        lines.append("- **Model training:** \(PublicDisclosure.training(feature.trainsModels))")
        lines.append("- **Human review:** \(PublicDisclosure.humanReview(feature.humanOversight))")
        lines.append("- **Your control:** \(PublicDisclosure.control(feature.customerControl))")
        if feature.providers.isEmpty {
          lines.append("- **Third parties:** none; it runs on our own systems.")
        } else {
          lines.append("- **Third parties:**")
          for provider in feature.providers {
            lines.append("  - \(text(provider.name)) \(PublicDisclosure.terms(provider)).")
          }
        }
        lines.append("")
      }
    }
    lines += ["## AI subprocessors", ""]
    if disclosure.subprocessors.isEmpty {
      lines += [PublicDisclosure.noSubprocessors, ""]
    } else {
      lines += [
        "| Subprocessor | Regions | Training on your data | Retention |", "|---|---|---|---|",
      ]
      for subprocessor in disclosure.subprocessors {
        let terms = subprocessor.terms
        lines.append(
          "| \(text(subprocessor.name)) | \(text(subprocessor.regions.isEmpty ? "-" : subprocessor.regions)) | "
            + PublicDisclosure.trainingTerm(terms.noTraining) + " | "
            + PublicDisclosure.retention(terms.retentionDays) + " |")
      }
      lines.append("")
    }
    lines.append("_Generated from the AI inventory on \(disclosure.generatedAt)._")
    return lines.joined(separator: "\n") + "\n"
  }

}
