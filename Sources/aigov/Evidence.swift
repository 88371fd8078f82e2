import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension AIGov {
  struct Evidence: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "evidence",
      abstract: "Keep the evidence that controls and mitigations are in place, and attest it.",
      discussion: """
        A piece of evidence is a file stored in the database (named by its SHA-256, at most \
        10 MiB) or a URL with the SHA-256 of the copy the company kept. It is never edited: \
        'evidence revise' records a new piece that names the one it revises. It supports the \
        records it links to (--control, --mitigation, --risk, --incident, --signoff, \
        --monitoring-result), and a reviewer attests it with their key. 'aigov check' names a \
        control in place without current evidence; 'aigov audit verify' names a stored file \
        whose bytes no longer match their hash.
        """,
      subcommands: [Add.self, Revise.self, Link.self, Attest.self, List.self, Show.self])
  }
}

extension EvidenceKind: ExpressibleByArgument {}

/// The records a piece of evidence supports.
struct EvidenceLinkOptions: ParsableArguments {
  @Option(name: .customLong("control"), help: "A company control it supports (its key).")
  var controls: [String] = []
  @Option(name: .customLong("mitigation"), help: "A mitigation it supports (its number).")
  var mitigations: [Int] = []
  @Option(name: .customLong("risk"), help: "A risk it concerns (its number).")
  var risks: [Int] = []
  @Option(name: .customLong("incident"), help: "An incident it concerns (its reference).")
  var incidents: [String] = []
  @Option(name: .customLong("signoff"), help: "A sign-off that rests on it (its number).")
  var signOffs: [Int] = []
  @Option(
    name: .customLong("monitoring-result"), help: "A monitoring result it shows (its number).")
  var results: [Int] = []

  var targets: [String] {
    controls.map { "control:\($0)" } + mitigations.map { "mitigation:\($0)" }
      + risks.map { "risk:\($0)" } + incidents.map { "incident:\($0)" }
      + signOffs.map { "signoff:\($0)" } + results.map { "monitoring-result:\($0)" }
  }
}

/// What a piece of evidence is, for `add` and `revise`.
struct EvidenceFactOptions: ParsableArguments {
  @Option(help: "What it is, in one line.")
  var title: String?
  @Option(help: "document, contract, test-report, log-extract, screenshot or attestation.")
  var kind: EvidenceKind?
  @Option(help: ArgumentHelp("The file to store (at most 10 MiB).", valueName: "path"))
  var file: String?
  @Option(help: "Where it is kept, when it is not stored here (an https URL; give --sha256).")
  var url: String?
  @Option(help: "The SHA-256 of the copy kept (for --url; checked against --file).")
  var sha256: String?
  @Option(help: ArgumentHelp("The first day of the period it proves.", valueName: "day"))
  var periodStart: String?
  @Option(help: ArgumentHelp("The last day of the period it proves.", valueName: "day"))
  var periodEnd: String?
  @Option(help: ArgumentHelp("When it was collected (default: today).", valueName: "day"))
  var collectedOn: String?
  @Option(
    help: ArgumentHelp("When it expires or must be reviewed again.", valueName: "day"))
  var expiresOn: String?
  @Option(help: "Who provided it.")
  var providedBy: String?

  func validateSource() throws {
    if (file == nil) == (url == nil) {
      throw ValidationError("give --file (stored here) or --url with --sha256")
    }
  }

  func draft(today: String, links: [String], fallback: AIGovKit.Evidence? = nil) throws
    -> EvidenceDraft
  {
    var draft = EvidenceDraft(
      title: title ?? fallback?.title ?? "", kind: kind ?? fallback?.kind ?? .document,
      collectedOn: collectedOn ?? today, providedBy: providedBy ?? fallback?.providedBy ?? "")
    if let file {
      draft.content = Array(try GlobalOptions.readInputBytes(file))
      draft.fileName = URL(fileURLWithPath: file).lastPathComponent
    }
    draft.url = url
    draft.sha256 = sha256
    draft.periodStart = periodStart
    draft.periodEnd = periodEnd
    draft.expiresOn = expiresOn
    draft.links = links
    return draft
  }
}

extension AIGov.Evidence {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Record a piece of evidence; prints its number.")

    @OptionGroup var facts: EvidenceFactOptions
    @OptionGroup var links: EvidenceLinkOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      var missing: [String] = []
      if facts.title == nil { missing.append("--title") }
      if facts.kind == nil { missing.append("--kind") }
      if facts.providedBy == nil { missing.append("--provided-by") }
      if !missing.isEmpty {
        throw ValidationError("evidence needs \(missing.joined(separator: ", "))")
      }
      try facts.validateSource()
    }

    func run() throws {
      let today = String(Timestamp.format(global.clock()).prefix(10))
      let evidence = try global.openRegistry().addEvidence(
        try facts.draft(today: today, links: links.targets))
      try output.emit(evidence) { Console.output(String(evidence.id)) }
      Console.note(
        "recorded evidence \(evidence.id) (SHA-256 \(evidence.sha256.prefix(16))...)"
          + (evidence.links.isEmpty ? "" : " for " + evidence.links.joined(separator: ", ")))
    }
  }

  struct Revise: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "revise",
      abstract: "Record a new revision of a piece of evidence; the old one stays as it was.",
      discussion: """
        The revision keeps the title, kind, provider and links of the one it revises unless \
        given; it needs its own file or URL.
        """)

    @Argument(help: "The number of the evidence it revises.")
    var id: Int
    @OptionGroup var facts: EvidenceFactOptions
    @OptionGroup var links: EvidenceLinkOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws { try facts.validateSource() }

    func run() throws {
      let registry = try global.openRegistry()
      let previous = try registry.evidence(id)
      let today = String(Timestamp.format(global.clock()).prefix(10))
      let evidence = try registry.addEvidence(
        try facts.draft(
          today: today, links: Array(Set(previous.links + links.targets)), fallback: previous),
        revising: id)
      try output.emit(evidence) { Console.output(String(evidence.id)) }
      Console.note("recorded evidence \(evidence.id), revising \(id)")
    }
  }

  struct Link: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "link", abstract: "Link a piece of evidence to more records it supports.")

    @Argument(help: "The evidence's number.")
    var id: Int
    @OptionGroup var links: EvidenceLinkOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if links.targets.isEmpty {
        throw ValidationError("nothing to link: give --control, --mitigation or another record")
      }
    }

    func run() throws {
      let evidence = try global.openRegistry().linkEvidence(id, to: links.targets)
      try output.emit(evidence)
      Console.note("evidence \(id) supports " + evidence.links.joined(separator: ", "))
    }
  }

  struct Attest: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "attest",
      abstract: "Attest a piece of evidence as a reviewer, signed with your key.")

    @Argument(help: "The evidence's number.")
    var id: Int
    @Option(help: "The discipline you attest for (needed only if you hold more than one).")
    var discipline: Discipline?
    @OptionGroup var signing: SigningKeyOption
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let attestation = try global.openRegistry().attestEvidence(
        id, discipline: discipline, key: try signing.load())
      try output.emit(attestation)
      Console.note(
        "\(attestation.reviewer) attested evidence \(id) for \(attestation.discipline.rawValue)"
          + (attestation.signature == nil ? "" : " (signed)"))
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list",
      abstract: "List evidence, with what it supports and whether it is current.")

    @Option(help: "Only the evidence of this company control.")
    var control: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let today = String(Timestamp.format(global.clock()).prefix(10))
      let evidence = try global.openRegistryForReading().evidence(
        supporting: control.map { "control:\($0)" })
      try output.emit(evidence) {
        guard !evidence.isEmpty else { return Console.note("no evidence") }
        var table = TextTable(
          "ID", "TITLE", "KIND", "COLLECTED", "EXPIRES", "CURRENT", "SHA-256", "SUPPORTS")
        for item in evidence {
          table.append([
            String(item.id), item.title, item.kind.rawValue, item.collectedOn,
            item.expiresOn ?? "", item.isCurrent(on: today) ? "yes" : "expired",
            String(item.sha256.prefix(16)), item.links.joined(separator: " "),
          ])
        }
        Console.output(table.render(color: global.usesColor), styled: global.usesColor)
      }
    }
  }

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "show",
      abstract: "Show a piece of evidence and its attestations, or write its stored file.")

    @Argument(help: "The evidence's number.")
    var id: Int
    @Option(
      help: ArgumentHelp("Write the stored file here instead (a new file).", valueName: "path"))
    var output: String?
    @OptionGroup var format: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let registry = try global.openRegistryForReading()
      let evidence = try registry.evidence(id)
      if let output {
        guard let content = try registry.evidenceContent(id) else {
          throw AIGovError.invalidValue(
            field: "evidence", value: String(id),
            expected: "evidence stored here; this one is kept at its URL")
        }
        try GlobalOptions.writeNewFile(output, bytes: content)
        return Console.note("wrote evidence \(id) to '\(output)' (SHA-256 \(evidence.sha256))")
      }
      let attestations = try registry.attestations(evidence: id)
      try format.emit(EvidenceDocument(evidence: evidence, attestations: attestations)) {
        var lines = [
          "\(evidence.title) (evidence \(evidence.id))",
          "  kind:         \(evidence.kind.rawValue)",
          "  sha256:       \(evidence.sha256)",
          "  kept:         "
            + (evidence.url
              ?? "stored here as \(evidence.fileName ?? ""), \(evidence.size ?? 0) bytes"),
          "  collected:    \(evidence.collectedOn) by \(evidence.providedBy)",
          "  expires:      \(evidence.expiresOn ?? "never")",
        ]
        if evidence.periodStart != nil || evidence.periodEnd != nil {
          lines.append(
            "  period:       \(evidence.periodStart ?? "...") to \(evidence.periodEnd ?? "...")")
        }
        if let revises = evidence.revises { lines.append("  revises:      evidence \(revises)") }
        lines.append(
          "  supports:     "
            + (evidence.links.isEmpty ? "nothing yet" : evidence.links.joined(separator: ", ")))
        for attestation in attestations {
          lines.append(
            "  attested by \(attestation.reviewer) (\(attestation.discipline.rawValue)) at "
              + attestation.attestedAt + (attestation.signature == nil ? "" : ", signed"))
        }
        Console.output(lines.joined(separator: "\n"))
      }
    }
  }
}

/// A piece of evidence with its attestations, as `evidence show --format json` prints it.
struct EvidenceDocument: Encodable {
  var evidence: AIGovKit.Evidence
  var attestations: [EvidenceAttestation]
}
