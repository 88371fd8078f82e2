extension IncomingInventory {
  /// The inventory records that aigov's own table files hold: providers, features with their data
  /// categories, provider links and attributes, risks and mitigations. Rows are tied together by
  /// the ids of the files they came from; the ids here will be new.
  init(_ source: ImportSource) throws {
    var providerKeys: [Int64: String] = [:]
    if let file = source.table("providers") {
      for row in file.rows {
        let value = RowReader(row: row, table: file.table)
        providerKeys[value.integer("id")] = value.text("key")
        providers.append(
          IncomingProvider(
            origin: Origin(row, in: file),
            provider: try value.record(Provider.table)))
      }
    }
    var featureIndex: [Int64: Int] = [:]
    if let file = source.table("features") {
      for row in file.rows {
        let value = RowReader(row: row, table: file.table)
        featureIndex[value.integer("id")] = features.count
        let feature = try value.record(Feature.table)
        features.append(
          IncomingFeature(
            origin: Origin(row, in: file), state: FeatureState(feature: feature, providers: [])))
      }
    }
    func owner(_ id: Int64, _ row: TableRow, _ file: TableFile, column: String) -> Int? {
      guard let index = featureIndex[id] else {
        problems.append(
          Origin(row, in: file).problem(
            field: column, "names feature \(id), which the import's features file does not hold"))
        return nil
      }
      return index
    }
    if let file = source.table("feature_data_categories") {
      for row in file.rows {
        let value = RowReader(row: row, table: file.table)
        guard let index = owner(value.integer("feature_id"), row, file, column: "feature_id")
        else { continue }
        features[index].state.feature.dataCategories.append(
          DataCategory(rawValue: value.text("category"))!)
      }
    }
    if let file = source.table("feature_providers") {
      for row in file.rows {
        let value = RowReader(row: row, table: file.table)
        guard let index = owner(value.integer("feature_id"), row, file, column: "feature_id")
        else { continue }
        guard let provider = providerKeys[value.integer("provider_id")] else {
          problems.append(
            Origin(row, in: file).problem(
              field: "provider_id",
              "names provider \(value.integer("provider_id")), which the import's providers "
                + "file does not hold"))
          continue
        }
        features[index].state.providers.append(
          FeatureProviderLink(
            provider: provider, model: value.text("model"), purpose: value.text("purpose")))
      }
    }
    if let file = source.table("feature_attributes") {
      for row in file.rows {
        let value = RowReader(row: row, table: file.table)
        guard let index = owner(value.integer("feature_id"), row, file, column: "feature_id")
        else { continue }
        features[index].state.attributes.append(
          FeatureAttribute(name: value.text("name"), value: value.text("value")))
      }
    }
    var riskPlace: [Int64: (feature: Int, risk: Int)] = [:]
    if let file = source.table("risks") {
      for row in file.rows {
        let value = RowReader(row: row, table: file.table)
        guard let index = owner(value.integer("feature_id"), row, file, column: "feature_id")
        else { continue }
        riskPlace[value.integer("id")] = (index, features[index].risks.count)
        features[index].risks.append(
          IncomingRisk(
            origin: Origin(row, in: file),
            risk: try value.record(Risk.table) {
              // The file's numbers are of another database; the new ones come on insert.
              $0.id = 0
              $0.featureKey = features[index].state.feature.key
            }))
      }
    }
    if let file = source.table("mitigations") {
      for row in file.rows {
        let value = RowReader(row: row, table: file.table)
        guard let place = riskPlace[value.integer("risk_id")] else {
          problems.append(
            Origin(row, in: file).problem(
              field: "risk_id",
              "names risk \(value.integer("risk_id")), which the import's risks file does not "
                + "hold"))
          continue
        }
        features[place.feature].risks[place.risk].mitigations.append(
          IncomingMitigation(
            origin: Origin(row, in: file),
            mitigation: try value.record(Mitigation.table) {
              $0.id = 0
              $0.riskID = 0
            }))
      }
    }
    let carried = [
      "providers", "features", "feature_data_categories", "feature_providers",
      "feature_attributes", "risks", "mitigations",
    ]
    let left = source.tables.map(\.table.name).filter { !carried.contains($0) }
    if !left.isEmpty {
      notes.append(
        "not merged: \(left.joined(separator: ", ")); reviews, sign-offs, reviewers, settings, "
          + "monitoring, incidents and the audit trail of another database are not carried into "
          + "one with its own trail (restore a whole export into a new database to keep them)")
    }
  }
}

/// Reads one row's values by column name; the values were checked against their columns when
/// the file was read, so a vocabulary column holds one of its terms.
struct RowReader {
  let row: TableRow
  let table: ExchangeTable

  private func value(_ name: String) -> DatabaseValue {
    guard let index = table.columns.firstIndex(where: { $0.name == name }) else {
      preconditionFailure("\(table.name) has no column \(name)")
    }
    return row.values[index]
  }

  func text(_ name: String) -> String {
    if case .text(let text) = value(name) { return text }
    return ""
  }

  func integer(_ name: String) -> Int64 {
    if case .integer(let integer) = value(name) { return integer }
    return 0
  }

  /// The row as a record of `table`, whose file has the record's columns in order, with
  /// `adjust` applied.
  func record<Record>(
    _ table: RecordTable<Record>, _ adjust: (inout Record) -> Void = { _ in }
  ) throws -> Record {
    assert(
      self.table.columns.map(\.name) == table.columns.map(\.name),
      "the \(self.table.name) file holds \(table.name)'s columns in order")
    var record = try table.record(values: row.values)
    adjust(&record)
    return record
  }
}
