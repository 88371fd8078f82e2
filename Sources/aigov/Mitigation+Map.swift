import AIGovKit
import ArgumentParser

extension AIGov.Mitigation {
  struct Map: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "map",
      abstract: "Say which requirement of a framework assessed per feature a mitigation answers.",
      discussion: """
        A mitigation answers a requirement for its own feature only, as a company control does \
        for every feature in its scope ('aigov control map'); it holds once it is implemented \
        or verified with current evidence linked to it ('aigov evidence add ... --mitigation \
        ID'). --relationship: equal, superset, subset or intersects; only equal and superset \
        can meet a requirement alone. Mapping the same requirement again \
        replaces the earlier mapping.
        """)

    @Argument(help: "The mitigation's number.")
    var id: Int
    @OptionGroup var mapping: AIGov.Control.MappingOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let recorded = try global.openRegistry().mapMitigation(id, mapping.mapping)
      try output.emit(recorded)
      Console.note(
        "mitigation \(id) answers \(mapping.mapping.target) (\(recorded.relationship.rawValue))")
    }
  }

  struct Unmap: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unmap", abstract: "Remove a mitigation's mapping to a framework requirement.")

    @Argument(help: "The mitigation's number.")
    var id: Int
    @OptionGroup var target: AIGov.Control.RequirementOptions
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.openRegistry().unmapMitigation(
        id, framework: target.framework, requirement: target.requirement)
      Console.note(
        "mitigation \(id) no longer answers \(target.framework) \(target.requirement)")
    }
  }
}
