import AIGovKit
import ArgumentParser

extension AIGov {
  struct Framework: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "framework",
      abstract: "Read the frameworks the inventory answers, and say which requirements apply.",
      discussion: """
        aigov ships the catalogues of the EU AI Act, ISO/IEC 42001 Annex A, the NIST AI RMF, \
        and, as taxonomies that risks name, the NIST generative AI profile's risks, the OWASP \
        Top 10 for LLM applications and MITRE ATLAS. A control answers requirements through its \
        mappings ('aigov control map'); a requirement's status is computed, never stored \
        ('aigov report frameworks').

        'aigov framework import FILE' adds a framework of the company's own, or a new version \
        of one the inventory knows, from a catalogue in the documented JSON form (see the \
        README); the mappings and decisions are kept across versions.
        """,
      subcommands: [List.self, Show.self, Import.self, Exclude.self, Include.self])
  }
}

extension AIGov.Framework {
  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the frameworks with their source and version.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let frameworks = try global.openRegistryForReading().frameworks()
      try output.emit(frameworks.map(FrameworkListing.init)) {
        var table = TextTable("KEY", "TITLE", "VERSION", "KIND", "ASSESSED", "REQUIREMENTS")
        for framework in frameworks {
          table.append([
            framework.key, framework.title, framework.version, framework.kind.rawValue,
            framework.kind == .taxonomy
              ? "" : framework.assessed == .feature ? "per feature" : "company",
            String(framework.leaves.count),
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a framework's requirements: identifiers, titles, and whom they bind.")

    @Argument(help: "The framework's key (see 'aigov framework list').")
    var key: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let framework = try global.openRegistryForReading().framework(key)
      try output.emit(FrameworkListing(framework, withRequirements: true)) {
        var lines = [
          "\(framework.title.visibleOnOneLine) (\(framework.key)), \(framework.version.visibleOnOneLine)",
          "  source:   \(framework.source.visibleOnOneLine)",
          "  licence:  \(framework.licence.visibleOnOneLine)",
          "  assessed: "
            + (framework.kind == .taxonomy
              ? "a taxonomy that risks name"
              : framework.assessed == .feature ? "feature by feature" : "for the company"),
        ]
        var depth: [String: Int] = [:]
        for requirement in framework.requirements {
          let level = requirement.parent.map { (depth[$0] ?? 0) + 1 } ?? 0
          depth[requirement.id] = level
          let conditions = RequirementConditions(requirement).words
          lines.append(
            String(repeating: "  ", count: level + 1) + requirement.cited.visibleOnOneLine + "  "
              + requirement.title.visibleOnOneLine
              + (conditions.isEmpty ? "" : "  [\(conditions)]"))
        }
        Console.output(lines.joined(separator: "\n"))
      }
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Add a framework, or a new version of one, from a catalogue file.",
      discussion: """
        The file is a catalogue in the aigov-framework-1 form, read strictly: an unknown key, a \
        missing field, a duplicate identifier or a condition naming no term is refused, and \
        nothing is written. A catalogue whose key the inventory knows replaces that framework \
        from now on (the same key and version twice is refused); the mappings and decisions \
        that name its requirements are kept, and those naming a requirement the new version \
        no longer has are listed here and by 'aigov check'.
        """)

    @Argument(help: "The catalogue file (JSON).")
    var file: String
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let bytes = try GlobalOptions.readInputBytes(file)
      let result = try global.openRegistry().importFramework(Array(bytes))
      try output.emit(result) {
        var lines = [
          "\(result.title.visibleOnOneLine) (\(result.framework)), version "
            + "\(result.version.visibleOnOneLine): \(result.requirements) requirements"
            + (result.replaces.map { ", replacing version \($0.visibleOnOneLine)" } ?? "")
        ]
        func list(_ label: String, _ items: [String]) {
          guard !items.isEmpty else { return }
          lines.append(
            "  \(label): " + items.map(\.visibleOnOneLine).joined(separator: ", "))
        }
        list("added", result.added)
        list("removed", result.removed)
        list("retitled", result.retitled)
        list("answers naming a removed requirement (kept; remap them)", result.orphaned)
        Console.output(lines.joined(separator: "\n"))
      }
      Console.note(
        "imported \(result.framework) \(result.version)"
          + (result.replaces == nil
            ? ""
            : " (\(result.added.count) added, "
              + "\(result.removed.count) removed, \(result.retitled.count) retitled)"))
    }
  }

  /// Says that a requirement does not, or does, apply.
  struct DecisionOptions: ParsableArguments {
    @Argument(help: "The framework's key.")
    var framework: String
    @Argument(help: "The requirement's identifier, as 'aigov framework show' lists it.")
    var requirement: String
    @Option(help: "The feature it is about (a framework assessed per feature needs one).")
    var feature: String?
    @Option(help: "Why: what a Statement of Applicability states.")
    var justification: String

    /// Records the decision and says what it decided.
    func record(applicable: Bool, output: FormatOption, global: GlobalOptions) throws {
      let recorded = try global.openRegistry().decideApplicability(
        framework: framework, requirement: requirement, featureKey: feature,
        applicable: applicable, justification: justification)
      try output.emit(recorded)
      Console.note(
        "\(framework) \(requirement) \(applicable ? "applies" : "does not apply") to "
          + (feature.map { "'\($0)'" } ?? "the company"))
    }
  }

  struct Exclude: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "exclude",
      abstract: "Record that a requirement does not apply, with the justification.")

    @OptionGroup var decision: DecisionOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try decision.record(applicable: false, output: output, global: global)
    }
  }

  struct Include: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "include",
      abstract: "Record that a requirement applies after all, with the justification.")

    @OptionGroup var decision: DecisionOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try decision.record(applicable: true, output: output, global: global)
    }
  }
}

/// A requirement's conditions and date, in words: `provider; high; from 2026-08-02`.
struct RequirementConditions {
  var words: String

  init(_ requirement: Requirement) {
    let conditions = requirement.applicability
    var parts: [String] = []
    if let roles = conditions.roles { parts.append(roles.joined(separator: " or ")) }
    if let tiers = conditions.tiers {
      parts.append(tiers.map(\.rawValue).joined(separator: " or "))
    }
    if let categories = conditions.categories {
      parts.append(categories.map(\.rawValue).joined(separator: " or "))
    }
    if let points = conditions.annexIII { parts.append(points.joined(separator: ", ")) }
    if let day = requirement.appliesFrom { parts.append("from \(day)") }
    words = parts.joined(separator: "; ")
  }
}
