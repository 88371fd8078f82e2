import Crypto
import Foundation
import Testing

@testable import AIGovKit

/// Evidence: stored by its SHA-256 and never edited; a reviewer attests it with their key; check
/// names a control in place without current evidence, and audit verify names a stored file whose
/// bytes changed behind aigov's back.
@Suite struct EvidenceTests {
  static let contract = Array("Section 4.2: no training on customer data.\n".utf8)

  /// The governance fixture with one control in place.
  static func withControl() throws -> GovernanceFixture {
    let fixture = try GovernanceFixture()
    var control = ControlDraft(
      key: "provider-terms", title: "Contracts bar providers from training", kind: .contractual,
      discipline: .legal, owner: "Elena")
    control.status = .inPlace
    control.reviewIntervalDays = 365
    try fixture.registry.addControl(control)
    return fixture
  }

  static func draft(expiresOn: String? = "2027-11-01") -> EvidenceDraft {
    var draft = EvidenceDraft(
      title: "OpenAI DPA", kind: .contract, collectedOn: "2026-11-01", providedBy: "Elena")
    draft.content = contract
    draft.fileName = "dpa.txt"
    draft.expiresOn = expiresOn
    draft.links = ["control:provider-terms"]
    return draft
  }

  @Test func aControlInPlaceNeedsCurrentEvidence() throws {
    let fixture = try Self.withControl()
    let registry = fixture.registry
    func finding() throws -> Finding? {
      try registry.check().findings.first { $0.rule == .controlEvidence }
    }
    #expect(
      try finding()?.message == "control 'provider-terms' is in place but it has no evidence")
    #expect(try finding()?.subject == "control provider-terms")
    let expired = try registry.addEvidence(Self.draft(expiresOn: "2026-11-20"))
    #expect(
      try finding()?.message
        == "control 'provider-terms' is in place but its latest evidence, #\(expired.id), expired "
        + "on 2026-11-20")
    let current = try registry.addEvidence(Self.draft(), revising: expired.id)
    #expect(try finding() == nil)
    #expect(current.revises == expired.id && current.sha256 == expired.sha256)
    // The same bytes are stored once.
    #expect(try registry.database.scalarInteger("SELECT count(*) FROM evidence_files") == 1)
    #expect(try registry.evidenceContent(current.id) == Self.contract)
    #expect(try registry.verify().isIntact)
  }

  @Test func evidenceIsRefusedWithTheDatabaseAsItWas() throws {
    let fixture = try Self.withControl()
    var wrongHash = Self.draft()
    wrongHash.sha256 = String(repeating: "0", count: 64)
    let digest = CanonicalJSON.hex(SHA256.hash(data: Self.contract))
    try fixture.expectRefusal(
      .invalidValue(
        field: "sha256", value: wrongHash.sha256!, expected: "the file's SHA-256, \(digest)")
    ) { try fixture.registry.addEvidence(wrongHash) }
    var tooLarge = Self.draft()
    tooLarge.content = [UInt8](repeating: 0x41, count: EvidenceDraft.maximumSize + 1)
    try fixture.expectRefusal(
      .invalidValue(
        field: "evidence file", value: "\(EvidenceDraft.maximumSize + 1) bytes",
        expected: "at most \(EvidenceDraft.maximumSize) bytes")
    ) { try fixture.registry.addEvidence(tooLarge) }
    var nowhere = Self.draft()
    nowhere.links = ["control:nowhere"]
    try fixture.expectRefusal(.notFound(entity: "control", key: "nowhere")) {
      try fixture.registry.addEvidence(nowhere)
    }
    var byURL = Self.draft()
    byURL.content = nil
    byURL.url = "javascript:alert(1)"
    byURL.sha256 = digest
    #expect(throws: AIGovError.self) { try fixture.registry.addEvidence(byURL) }
    #expect(try fixture.registry.evidence().isEmpty)
  }

  @Test func aSignedAttestationVerifiesAndAChangedFileOrAForgedOneIsNamed() throws {
    let fixture = try Self.withControl()
    let registry = fixture.registry
    let evidence = try registry.addEvidence(Self.draft())
    let attestation = try fixture.acting(as: "elena").attestEvidence(
      evidence.id, key: fixture.elenaKey)
    let signature = try #require(attestation.signature.flatMap { Data(base64Encoded: $0) })
    #expect(
      fixture.elenaKey.publicKey.isValidSignature(Array(signature), for: attestation.signedMessage))
    #expect(try registry.verify().isIntact)

    // The stored bytes swapped with sqlite3: named by audit verify.
    try fixture.tamper(
      """
      DROP TRIGGER evidence_files_no_update;
      UPDATE evidence_files SET content = X'00';
      """)
    let swapped = try registry.verify()
    #expect(
      swapped.chain.problems.contains {
        $0.hasPrefix("evidence #\(evidence.id)'s stored file no longer matches its SHA-256")
      }, "\(swapped.problems)")
    #expect(swapped.chain.problems.contains { $0.contains("evidence_files_no_update") })
  }

  @Test func anAttestationInAReviewersNameWithoutTheirKeyIsNamedByTheReplay() throws {
    let fixture = try Self.withControl()
    let registry = fixture.registry
    let evidence = try registry.addEvidence(Self.draft())
    try fixture.tamper(
      """
      INSERT INTO evidence_attestations (evidence_id, reviewer_id, discipline, attested_at,
        key_fingerprint, signature)
      VALUES (\(evidence.id), (SELECT id FROM reviewers WHERE handle = 'elena'), 'legal',
        '2026-11-22T10:00:00Z', NULL, NULL)
      """)
    let forged = try #require(try registry.attestations(evidence: evidence.id).first)
    let seq = try Forger(fixture: fixture).append(
      .evidenceAttest, before: nil, after: forged, actor: "elena")
    try expectNamed(registry, event: seq, "breaks a rule")
  }

  /// An export carries each stored file under evidence/, named by its SHA-256 and listed in
  /// SHA256SUMS; a restore brings it back, and refuses bytes that do not hash to their name.
  @Test func storedFilesTravelWithAnExportAndARestore() throws {
    let fixture = try Self.withControl()
    let evidence = try fixture.registry.addEvidence(Self.draft())
    for format in [ExchangeFormat.csv, .json] {
      let folder = fixture.directory.url.appendingPathComponent("export-\(format.rawValue)")
      try fixture.registry.export(to: folder, format: format, toolVersion: "test")
      let stored = folder.appendingPathComponent("evidence/\(evidence.sha256)")
      #expect(try Data(contentsOf: stored) == Data(Self.contract))
      let sums = try String(
        contentsOf: folder.appendingPathComponent("SHA256SUMS"), encoding: .utf8)
      #expect(sums.contains("\(evidence.sha256)  evidence/\(evidence.sha256)\n"))
      let restored = try makeRegistry(
        in: fixture.directory, name: "restored-\(format.rawValue).sqlite")
      _ = try restored.importExport(from: folder.path)
      #expect(try restored.evidenceContent(evidence.id) == Self.contract)
      #expect(try restored.verify().isIntact)
      // A file whose bytes were swapped is refused, and nothing is restored.
      try Data("swapped".utf8).write(to: stored)
      let target = try makeRegistry(in: fixture.directory, name: "target-\(format.rawValue).sqlite")
      #expect(throws: ImportRefused.self) { try target.importExport(from: folder.path) }
      #expect(try target.evidence().isEmpty)
    }
  }

  /// The page names a commitment's evidence only when the company chooses to, and only evidence
  /// still current.
  @Test func thePageNamesTheEvidenceBehindACommitmentWhenAsked() throws {
    let fixture = try Self.withControl()
    let registry = fixture.registry
    var statement = ControlChanges()
    statement.set("public_statement", "Our providers may not train on your data.")
    try registry.editControl("provider-terms", statement)
    try fixture.launchEmailAI()
    try registry.addEvidence(Self.draft())
    // Collected later, but expired: never shown.
    var expired = Self.draft(expiresOn: "2026-11-15")
    expired.collectedOn = "2026-11-10"
    expired.kind = .document
    try registry.addEvidence(expired)
    func shown() throws -> PublicDisclosure.ShownEvidence? {
      try registry.publicDisclosureContent().commitments.first { $0.control == "provider-terms" }?
        .evidence
    }
    #expect(try shown() == nil)
    try registry.changeSetting(.showEvidence, to: "yes")
    #expect(try shown() == .init(kind: .contract, collectedOn: "2026-11-01"))
    let commitment = try #require(
      try registry.publicDisclosureContent().commitments.first { $0.control == "provider-terms" })
    #expect(
      PublicDisclosure.commitmentScope(commitment, { $0 }).hasSuffix(
        "in our inventory, with a contract collected on 2026-11-01."))
  }
}
