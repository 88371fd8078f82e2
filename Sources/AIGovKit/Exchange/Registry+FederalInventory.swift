#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension Registry {
  /// Imports the US federal AI use-case inventory (2025 template) from a CSV file: every row
  /// becomes a feature (see `FederalInventory` for the mapping), every cell is kept with it, and
  /// the vendors become providers. All or nothing, as every import.
  public func importFederalInventory(
    from path: String, options: ImportOptions = ImportOptions(),
    progress: ((ExchangeProgress) -> Void)? = nil
  ) throws -> ImportReport {
    let name = URL(fileURLWithPath: path).lastPathComponent
    let bytes: [UInt8]
    switch ImportSource.readRegularFile(path) {
    case .success(let read): bytes = read
    case .failure(let problem):
      var report = ImportReport(mode: .merge, dryRun: options.dryRun)
      report.problems.append(ImportProblem(file: name, reason: problem.reason))
      throw ImportRefused(report: report)
    }
    return try importFederalInventory(
      fileNamed: name, bytes: bytes, options: options, progress: progress)
  }

  /// Imports the federal inventory from the bytes of a CSV file called `name`.
  public func importFederalInventory(
    fileNamed name: String, bytes: [UInt8], options: ImportOptions = ImportOptions(),
    progress: ((ExchangeProgress) -> Void)? = nil
  ) throws -> ImportReport {
    var report = ImportReport(mode: .merge, dryRun: options.dryRun)
    let incoming = FederalInventory.read(bytes, file: name)
    report.files[name] = incoming.features.count
    report.notes = incoming.notes
    report.problems = incoming.problems
    guard report.problems.isEmpty else { throw ImportRefused(report: report) }
    return try merge(incoming, report: report, options: options, progress: progress)
  }

  /// Writes every feature as a row of the federal template into a new CSV file (UTF-8 with a
  /// byte-order mark, as the template comes). A feature imported with the profile gives back each
  /// cell it came with, but for the fields changed here since; any other feature fills the
  /// columns that map to its fields. Gives the number of rows.
  @discardableResult
  public func exportFederalInventory(to path: String) throws -> Int {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    if FileManager.default.fileExists(atPath: url.path) {
      throw AIGovError.refused(.cannotCreateFile(path: url.path, reason: "File exists"))
    }
    return try StagedOutput.file(url) { staging in
      let file = try ExportFile(
        name: staging.lastPathComponent, in: staging.deletingLastPathComponent(),
        shownAs: url.lastPathComponent)
      var writer = CSVWriter()
      try file.write([0xEF, 0xBB, 0xBF])
      writer.record(FederalInventory.columns)
      try database.readTransaction {
        let features = try database.query("SELECT key FROM features ORDER BY id").map {
          try $0.text("key")
        }
        for key in features {
          let state = try featureState(key)
          let providerNames = try database.query(
            """
            SELECT DISTINCT p.name FROM feature_providers fp JOIN providers p ON p.id = fp.provider_id
            JOIN features f ON f.id = fp.feature_id WHERE f.key = ? ORDER BY p.name
            """, [key], cached: true
          ).map { try $0.text("name") }
          let cells = FederalInventory.cells(of: state, providerNames: providerNames)
          writer.record(FederalInventory.columns.map { cells[$0] ?? "" })
          file.rowCount += 1
          if writer.bytes.count >= 1 << 16 { try file.write(writer.take()) }
        }
      }
      try file.write(writer.take())
      _ = try file.finish()
      return file.rowCount
    }
  }
}

extension FederalInventory {
  /// The cells of a feature's row.
  static func cells(of state: FeatureState, providerNames: [String]) -> [String: String] {
    let feature = state.feature
    var cells: [String: String] = [:]
    for attribute in state.attributes where attribute.name.hasPrefix(prefix) {
      cells[String(attribute.name.dropFirst(prefix.count))] = attribute.value
    }
    let imported = !cells.isEmpty
    let derived = imported ? derive(cells, key: feature.key).0 : nil
    func set(_ column: String, _ value: String, unless same: Bool) {
      if !(imported && same) { cells[column] = value }
    }
    if !imported { cells["id"] = feature.key }
    set("use_case_name", feature.name, unless: derived?.name == feature.name)
    set("problem_solved", feature.purpose, unless: derived?.purpose == feature.purpose)
    set("benefits", feature.description, unless: derived?.description == feature.description)
    let stage =
      switch feature.status {
      case .proposed, .inReview, .approved: "Pre-deployment"
      case .launched: "Deployed"
      case .suspended, .retired: "Retired"
      }
    set("development_stage", stage, unless: derived?.status == feature.status)
    let classification =
      switch feature.category {
      case .agentic: "Agentic AI"
      case .generative: "Generative AI"
      case .predictive: "Classical ML"
      case .automation: "Other"
      }
    set("classification", classification, unless: derived?.category == feature.category)
    set(
      "is_high_impact", feature.euAIActTier == .high ? "High-impact" : "Not High-impact",
      unless: derived?.tier == feature.euAIActTier)
    let personal = feature.dataCategories.contains(.customerPersonalData)
    set("has_pii", personal ? "Yes" : "No", unless: derived?.personalData == personal)
    set("contact_email", feature.owner, unless: derived?.owner == feature.owner)
    set("agency_bureau", feature.team ?? "", unless: derived?.team == feature.team)
    let vendor = vendor(cells)
    let sameVendors = providerNames == (vendor.map { [$0] } ?? [])
    set("vendor_name", providerNames.joined(separator: "; "), unless: sameVendors)
    return cells
  }

  /// Reads the template's CSV into features and providers, with every problem found. Cells are
  /// taken exactly as the file holds them: an apostrophe at the front of a cell in a file written
  /// elsewhere is its author's text, not aigov's formula guard.
  static func read(_ bytes: [UInt8], file: String) -> IncomingInventory {
    var inventory = IncomingInventory()
    var reader = CSVReader(bytes: bytes)
    do {
      guard let header = try reader.header() else {
        inventory.problems.append(
          ImportProblem(file: file, reason: "is empty (expected a header row)"))
        return inventory
      }
      var seen = Set<String>()
      for name in header.fields where !seen.insert(name).inserted {
        inventory.problems.append(
          ImportProblem(file: file, line: 1, field: name, reason: "the column appears twice"))
      }
      let present = columns.filter(seen.contains)
      guard present.count * 2 >= columns.count else {
        inventory.problems.append(
          ImportProblem(
            file: file, line: 1,
            reason: "is not the 2025 federal AI use-case inventory: its header holds "
              + "\(present.count) of the template's \(columns.count) columns (agency, id, "
              + "use_case_name, ...)"))
        return inventory
      }
      for name in columns where !seen.contains(name) {
        inventory.problems.append(
          ImportProblem(
            file: file, line: 1, field: name,
            reason: "missing column of the 2025 federal template"))
      }
      guard inventory.problems.isEmpty else { return inventory }
      let extra = header.fields.filter { !columns.contains($0) }
      let unmapped = header.fields.filter { !mapped.contains($0) }
      inventory.notes.append(
        "kept with each feature as attributes 'omb-2025.<column>', with no field of their own "
          + "here: \(unmapped.joined(separator: ", "))")
      if !extra.isEmpty {
        inventory.notes.append(
          "columns not in the 2025 template, kept as attributes: \(extra.joined(separator: ", "))")
      }
      inventory.notes.append(
        "the template does not say how data is used, who has the final say on the output or who "
          + "meets it: every feature is recorded serving account-only, training none, audience "
          + "customers, human oversight, final say and customer control not-stated, and each "
          + "vendor with its DPA unknown; correct them with aigov feature edit and aigov provider "
          + "edit")
      var keys = Set<String>()
      var vendors: [String: String] = [:]
      var vendorKeys = Set<String>()
      var number = 0
      var defaulted = (category: 0, stage: 0)
      var shortened = 0
      while let record = try reader.next() {
        number += 1
        let origin = Origin(file: file, line: record.line)
        guard record.fields.count == header.fields.count else {
          inventory.problems.append(
            origin.problem(
              "\(record.fields.count) fields where the header has \(header.fields.count)"))
          continue
        }
        var cells: [String: String] = [:]
        for (name, cell) in zip(header.fields, record.fields) {
          cells[name] = cell
        }
        let agency = slug(cells["agency"] ?? "", limit: 20)
        let id = slug(cells["id"] ?? "", limit: 40)
        let base = slug(
          [agency, id.isEmpty ? "row-\(number)" : id].filter { !$0.isEmpty }.joined(separator: "-"))
        var key = base.count >= 2 ? base : "use-case-row-\(number)"
        if keys.contains(key) { key = slug(String(base.prefix(50))) + "-row-\(number)" }
        keys.insert(key)
        let (derived, problems) = derive(cells, key: key)
        for problem in problems {
          inventory.problems.append(origin.problem(field: problem.column, problem.reason))
        }
        guard let derived else { continue }
        shortened += derived.shortened.count
        if category(cells["classification"] ?? "") == .automation { defaulted.category += 1 }
        if (cells["development_stage"] ?? "").trimmingWhitespace().isEmpty {
          defaulted.stage += 1
        }
        var links: [FeatureProviderLink] = []
        if let vendor = vendor(cells) {
          let providerKey: String
          if let known = vendors[vendor] {
            providerKey = known
          } else {
            var candidate = slug(vendor)
            if candidate.count < 2 { candidate = "vendor-\(vendors.count + 1)" }
            if vendorKeys.contains(candidate) {
              candidate = slug(String(candidate.prefix(56))) + "-\(vendors.count + 1)"
            }
            vendorKeys.insert(candidate)
            vendors[vendor] = candidate
            providerKey = candidate
            inventory.providers.append(
              IncomingProvider(
                origin: origin,
                provider: Provider(
                  key: candidate, name: vendor, kind: .mlPlatform, subprocessorListed: false,
                  dpa: .unknown, dpaSignedOn: nil, dpaReference: nil, noTraining: false,
                  retentionDays: nil, regions: "", servedThrough: nil,
                  notes: "vendor named by the federal AI use-case inventory", createdAt: "",
                  updatedAt: "", version: 1)))
          }
          links.append(FeatureProviderLink(provider: providerKey, model: "", purpose: "vendor"))
        }
        let feature = Feature(
          key: key, name: derived.name, description: derived.description,
          purpose: derived.purpose, category: derived.category, servingUse: .accountOnly,
          trainingUse: .none, minGroupSize: nil, status: derived.status, statusReason: nil,
          owner: derived.owner, team: derived.team, humanOversight: .notStated,
          audience: .customers, finalSay: .notStated, customerControl: .notStated,
          euAIActTier: derived.tier,
          reviewIntervalDays: 365, lastReviewedAt: nil,
          dataCategories: derived.personalData ? [.customerPersonalData] : [], createdAt: "",
          updatedAt: "", version: 1)
        inventory.features.append(
          IncomingFeature(
            origin: origin,
            state: FeatureState(
              feature: feature, providers: links,
              attributes: zip(header.fields, record.fields).map {
                FeatureAttribute(name: prefix + $0.0, value: $0.1)
              })))
      }
      if shortened > 0 {
        inventory.notes.append(
          "\(shortened) cells were longer than the field they set here and were cut, ending in "
            + "'…'; each is kept whole as an attribute")
      }
      if defaulted.category > 0 {
        inventory.notes.append(
          "\(defaulted.category) rows are classified Other or not at all: recorded as automation")
      }
      if defaulted.stage > 0 {
        inventory.notes.append(
          "\(defaulted.stage) rows have no development stage: recorded as proposed")
      }
    } catch {
      inventory.problems.append(ImportProblem(file: file, line: error.line, reason: error.reason))
    }
    return inventory
  }
}
