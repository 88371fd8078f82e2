/// The top-level `Migrations/*.sql` files, compiled into the binary so that it runs alone.
///
/// Every file must be listed here and in `Package.swift`; a test checks that none is forgotten.
/// Each file's version is the number its name begins with (`V0003__exchange.sql` is 3).
enum EmbeddedMigrations {
  static let all: [Migration] = [
    ("V0001__initial.sql", PackageResources.V0001__initial_sql),
    ("V0002__governance.sql", PackageResources.V0002__governance_sql),
    ("V0003__exchange.sql", PackageResources.V0003__exchange_sql),
    ("V0004__key_proof.sql", PackageResources.V0004__key_proof_sql),
    ("V0005__disclosure.sql", PackageResources.V0005__disclosure_sql),
    ("V0006__after_launch.sql", PackageResources.V0006__after_launch_sql),
    ("V0007__access_tokens.sql", PackageResources.V0007__access_tokens_sql),
    ("V0008__administrators_proof.sql", PackageResources.V0008__administrators_proof_sql),
    ("V0009__documentation_url.sql", PackageResources.V0009__documentation_url_sql),
    ("V0010__stated_claims.sql", PackageResources.V0010__stated_claims_sql),
    ("V0011__company_controls.sql", PackageResources.V0011__company_controls_sql),
    ("V0012__evidence.sql", PackageResources.V0012__evidence_sql),
    ("V0013__mitigation_controls.sql", PackageResources.V0013__mitigation_controls_sql),
    ("V0014__frameworks.sql", PackageResources.V0014__frameworks_sql),
    (
      "V0015__framework_catalogues.sql",
      PackageResources.V0015__framework_catalogues_sql
    ),
    (
      "V0016__risks_and_mitigations_answer_frameworks.sql",
      PackageResources.V0016__risks_and_mitigations_answer_frameworks_sql
    ),
    ("V0017__data_use_words.sql", PackageResources.V0017__data_use_words_sql),
    ("V0018__company_statements.sql", PackageResources.V0018__company_statements_sql),
    ("V0019__meetings.sql", PackageResources.V0019__meetings_sql),
    ("V0020__webhooks.sql", PackageResources.V0020__webhooks_sql),
  ].map { name, bytes in
    Migration(
      version: Int(name.dropFirst().prefix(4))!, name: name,
      sql: String(decoding: bytes, as: UTF8.self))
  }
}
