/// Where an incoming record came from, so that a problem with it names the file and line.
struct Origin: Sendable {
  var file: String
  var line: Int?
  var row: Int?

  init(file: String, line: Int? = nil, row: Int? = nil) {
    self.file = file
    self.line = line
    self.row = row
  }

  init(_ row: TableRow, in file: TableFile) {
    self.init(file: file.file, line: row.line, row: row.row)
  }

  func problem(
    field: String? = nil, _ reason: String, remedy: ImportProblem.Remedy? = nil
  ) -> ImportProblem {
    ImportProblem(file: file, line: line, row: row, field: field, reason: reason, remedy: remedy)
  }
}

/// A provider as a file states it, before it is added to the inventory.
struct IncomingProvider {
  var origin: Origin
  var provider: Provider
}

/// A feature as a file states it, with what belongs to it, before it is added to the inventory.
/// Its status is the one the file gives; the import decides what it becomes here.
struct IncomingFeature {
  var origin: Origin
  var state: FeatureState
  var risks: [IncomingRisk] = []
}

struct IncomingRisk {
  var origin: Origin
  var risk: Risk
  var mitigations: [IncomingMitigation] = []
}

struct IncomingMitigation {
  var origin: Origin
  var mitigation: Mitigation
}

/// The records an import adds or changes, whichever format they came in.
struct IncomingInventory {
  var providers: [IncomingProvider] = []
  var features: [IncomingFeature] = []
  var problems: [ImportProblem] = []
  var notes: [String] = []
}
