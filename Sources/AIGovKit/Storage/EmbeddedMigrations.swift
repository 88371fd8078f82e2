/// The top-level `Migrations/*.sql` files, compiled into the binary so that it runs alone.
///
/// Every file must be listed here and in `Package.swift`; a test checks that none is forgotten.
enum EmbeddedMigrations {
  static let all: [Migration] = [
    Migration(
      version: 1, name: "V0001__initial.sql",
      sql: String(decoding: PackageResources.V0001__initial_sql, as: UTF8.self)),
    Migration(
      version: 2, name: "V0002__governance.sql",
      sql: String(decoding: PackageResources.V0002__governance_sql, as: UTF8.self)),
    Migration(
      version: 3, name: "V0003__exchange.sql",
      sql: String(decoding: PackageResources.V0003__exchange_sql, as: UTF8.self)),
    Migration(
      version: 4, name: "V0004__key_proof.sql",
      sql: String(decoding: PackageResources.V0004__key_proof_sql, as: UTF8.self)),
    Migration(
      version: 5, name: "V0005__disclosure.sql",
      sql: String(decoding: PackageResources.V0005__disclosure_sql, as: UTF8.self)),
    Migration(
      version: 6, name: "V0006__after_launch.sql",
      sql: String(decoding: PackageResources.V0006__after_launch_sql, as: UTF8.self)),
    Migration(
      version: 7, name: "V0007__access_tokens.sql",
      sql: String(decoding: PackageResources.V0007__access_tokens_sql, as: UTF8.self)),
    Migration(
      version: 8, name: "V0008__administrators_proof.sql",
      sql: String(decoding: PackageResources.V0008__administrators_proof_sql, as: UTF8.self)),
    Migration(
      version: 9, name: "V0009__documentation_url.sql",
      sql: String(decoding: PackageResources.V0009__documentation_url_sql, as: UTF8.self)),
  ]
}
