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

  /// Records every feature and provider as schema 5 states it, one `<entity>.upgrade` event each,
  /// when a database with a trail is brought to version 5: their records say the same things in
  /// more words (`Schema4Fields`), so the trail's latest event of each must say them that way too
  /// for `audit verify` to reconcile it. Events before it are read through the same mapping, so
  /// reports of earlier quarters are still rebuilt from the trail, and no approval is voided (the
  /// content hash of what schema 4 could say is unchanged).
  func recordUpgrade() throws {
    for provider in try providers() where try hasTrail(.provider, provider.key) {
      try recordEvent(.providerUpgrade, before: nil, after: provider)
    }
    for key in try database.query("SELECT key FROM features ORDER BY key").map({
      try $0.text("key")
    }) where try hasTrail(.feature, key) {
      try recordEvent(.featureUpgrade, before: nil, after: try featureState(key))
    }
  }

  private func hasTrail(_ entity: AuditEntity, _ key: String) throws -> Bool {
    try database.queryOne(
      "SELECT 1 FROM audit_events WHERE entity = ? AND entity_key = ?", [entity.rawValue, key])
      != nil
  }

  /// Records, when a database with a trail is brought to schema 11, that its launch gate changed
  /// from the approval alone (`approval`) to the gate that follows `check`: the launches before
  /// are judged by the gate they passed, those after by the new one.
  func recordLaunchGateUpgrade() throws {
    guard try database.queryOne("SELECT 1 FROM audit_events LIMIT 1") != nil else { return }
    let name = SettingName.launchGate.rawValue
    let after = Setting(name: name, value: SettingName.launchGateCheck)
    try database.execute(
      "INSERT INTO settings (name, value) VALUES (?, ?)", [name, after.value])
    try recordEvent(
      .settingUpdate, before: Setting(name: name, value: SettingName.launchGateApproval),
      after: after)
  }
}
