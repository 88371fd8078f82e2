import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension ExchangeFormat: ExpressibleByArgument {}
extension CycloneDXVersion: ExpressibleByArgument {}

extension AIGov.Export {
  /// What an export writes: a folder of tables in one of the two exchange formats, or one
  /// CycloneDX AI bill of materials.
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case csv, json, cyclonedx

    var exchange: ExchangeFormat? { ExchangeFormat(rawValue: rawValue) }
  }
}

extension AIGov {
  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Export the whole inventory for an auditor: one file per table, and proof of them.",
      discussion: """
        Writes into a new or empty folder: one file per table (features, risks, mitigations, \
        controls, evidence, reviewers, review_rounds, signoffs, settings, audit_events and the \
        rest; the README lists them), the flat one-row-per-feature inventory, every signature \
        with the bytes signed, manifest.json (each \
        file's SHA-256 and row count, the schema and tool versions, the audit chain head) and \
        SHA256SUMS, which 'sha256sum -c SHA256SUMS' checks. The trail's latest signed \
        checkpoint comes along (checkpoint.json, .sig and .pub), and --key signs the manifest \
        (manifest.json.sig, manifest.pub). The files are written beside the folder and moved \
        into place when all are complete: a failed export leaves nothing (exit 70). The same \
        database and --now give the same bytes.

        CSV is RFC 4180 (UTF-8, CRLF, a header row). A cell that a spreadsheet would run as a \
        formula (it begins with =, +, -, @, a tab, a carriage return or NUL, after any \
        apostrophes) gets one apostrophe in front; 'aigov import' takes it off again. An empty \
        field is a missing value, "" an empty text.

        --schemas DIR writes the JSON Schema (2020-12) of every JSON file instead.

        --profile omb-2025 --output FILE writes the US federal AI use-case inventory (2025 \
        template) instead: one row per feature; see the README.

        --format cyclonedx --output FILE writes one CycloneDX AI bill of materials (JSON, \
        CycloneDX 1.6, or 1.7 with --spec-version 1.7): every live feature with its models and \
        their model cards, data categories, providers as services with their data flows, the \
        assessed frameworks as standards, and the approvals as declarations carrying the \
        reviewers' Ed25519 signatures.
        """)

    @Option(help: "csv (the default), json, or cyclonedx (one AI bill of materials).")
    var format: Format?
    @Option(
      help: ArgumentHelp(
        "The CycloneDX version of --format cyclonedx: 1.6 (the default) or 1.7.",
        valueName: "version"))
    var specVersion: CycloneDXVersion?
    @Option(help: ArgumentHelp("The folder to write the export into.", valueName: "DIR"))
    var output: String?
    @Option(
      help: ArgumentHelp("Write the JSON Schemas of the export's files instead.", valueName: "DIR"))
    var schemas: String?
    @Option(
      help: ArgumentHelp(
        "Write one CSV file in a public inventory format instead (--output names the file): "
          + "omb-2025.", valueName: "NAME"))
    var profile: InventoryProfile?
    @Option(
      help: ArgumentHelp(
        "Sign manifest.json with this Ed25519 private key (PKCS#8 PEM): the export then holds "
          + "manifest.json.sig and manifest.pub.", valueName: "file"))
    var key: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      switch (output, schemas) {
      case (nil, nil):
        throw ValidationError("missing --output DIR (the folder to export into), or --schemas DIR")
      case (.some, .some):
        throw ValidationError("give --output or --schemas, not both")
      default:
        break
      }
      if profile != nil, schemas != nil || (format != nil && format != .csv) {
        throw ValidationError(
          "--profile writes one CSV file in that profile's columns; it takes --output FILE, "
            + "without --schemas or --format")
      }
      if format == .cyclonedx, schemas != nil {
        throw ValidationError(
          "--format cyclonedx writes one file: give --output FILE, not --schemas")
      }
      if specVersion != nil, format != .cyclonedx {
        throw ValidationError(
          "--spec-version is the CycloneDX version: it needs --format cyclonedx")
      }
    }

    func run() throws {
      if let schemas {
        let names = try ExchangeSchema.write(
          to: URL(fileURLWithPath: schemas), schemaVersion: Registry.migrator.latestVersion)
        Console.note("wrote \(names.count) JSON Schemas to '\(schemas)'")
        return
      }
      guard let output else { return }
      let registry = try global.openRegistryForReading()
      if profile == .omb2025 {
        let rows = try registry.exportFederalInventory(to: output)
        Console.note("wrote \(rows) use cases in the 2025 federal template to '\(output)'")
        return
      }
      if format == .cyclonedx {
        let version = specVersion ?? .version16
        let features = try registry.exportCycloneDX(
          to: output, version: version, toolVersion: AIGov.toolVersion)
        Console.note(
          "wrote a CycloneDX \(version.rawValue) AI bill of materials of \(features) "
            + "\(features == 1 ? "feature" : "features") to '\(output)'")
        return
      }
      let progress = ProgressLine(verb: "exporting")
      let format = format?.exchange ?? .csv
      let signingKey = try key.map(readPrivateKey)
      let manifest = try registry.export(
        to: URL(fileURLWithPath: output), format: format,
        toolVersion: AIGov.toolVersion, signingKey: signingKey, progress: progress.report)
      progress.finish()
      let rows = manifest.files.first { $0.name == "features.\(format.rawValue)" }?.rows ?? 0
      Console.note(
        "exported \(rows) \(rows == 1 ? "feature" : "features") in \(manifest.files.count) files "
          + "to '\(output)'"
          + (manifest.auditChainHead.map { ", audit trail to event \($0.seq)" } ?? "")
          + "; check it with: cd '\(output)' && sha256sum -c SHA256SUMS"
          + (signingKey == nil
            ? ""
            : " && openssl pkeyutl -verify -pubin -inkey manifest.pub -rawin -in manifest.json "
              + "-sigfile manifest.json.sig"))
    }
  }
}
