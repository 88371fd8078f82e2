extension Registry {
  /// Records every record as it stands, one `<entity>.baseline` event each, when a database whose
  /// trail began under schema version 1 is brought to version 2.
  ///
  /// Version 1 recorded some changes in other shapes (a provider link as its own event, say), so
  /// its trail cannot be compared record by record with the tables. From the baseline on it can:
  /// `audit verify` reconciles every record with its latest event, the baseline included. The
  /// chain still proves that the version-1 events themselves were not changed.
  func recordBaseline() throws {
    guard try database.scalarInteger("SELECT count(*) FROM audit_events") ?? 0 > 0 else { return }
    for provider in try providers() {
      try recordEvent(.providerBaseline, before: nil, after: provider)
    }
    for reviewer in try reviewers() {
      try recordEvent(.reviewerBaseline, before: nil, after: reviewer)
    }
    for key in try database.query("SELECT key FROM features ORDER BY key").map({
      try $0.text("key")
    }) {
      try recordEvent(.featureBaseline, before: nil, after: try featureState(key))
    }
    for risk in try database.query(
      "SELECT \(Risk.table.selectList("r")), f.key AS feature_key FROM risks r JOIN features f ON f.id = r.feature_id "
        + "ORDER BY r.id"
    ).map(Self.risk(from:)) {
      try recordEvent(.riskBaseline, before: nil, after: risk)
    }
    for mitigation in try database.query(
      "SELECT \(Mitigation.table.selectList()) FROM mitigations ORDER BY id"
    ).map(
      Self.mitigation(from:))
    {
      try recordEvent(.mitigationBaseline, before: nil, after: mitigation)
    }
  }
}
