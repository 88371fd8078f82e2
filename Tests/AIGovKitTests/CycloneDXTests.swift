import Foundation
import Testing

@testable import AIGovKit

/// The AI bill of materials holds what the inventory holds, every reference in it leads
/// somewhere, and every approval in it can be checked from the BOM alone.
@Suite struct CycloneDXTests {
  static func document(_ registry: Registry, _ version: CycloneDXVersion = .version16) throws
    -> [String: Any]
  {
    let text = try registry.cycloneDX(version: version, toolVersion: "test")
    return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// Every `bom-ref` in the document, and every reference to one, wherever they are.
  static func references(in value: Any) -> (defined: [String], used: [String]) {
    var defined: [String] = []
    var used: [String] = []
    func walk(_ value: Any, key: String?) {
      if let object = value as? [String: Any] {
        for (name, child) in object {
          switch name {
          case "bom-ref": defined.append(child as? String ?? "")
          case "ref", "target", "requirement", "assessor", "parent":
            if let text = child as? String { used.append(text) } else { walk(child, key: name) }
          case "dependsOn", "claims", "evidence":
            if let references = child as? [String] {
              used += references
            } else {
              walk(child, key: name)
            }
          default: walk(child, key: name)
          }
        }
      } else if let array = value as? [Any] {
        for child in array { walk(child, key: key) }
      }
    }
    walk(value, key: nil)
    return (defined, used)
  }

  @Test func theSamplesBillOfMaterialsHoldsItsInventory() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let bom = try Self.document(registry)
    #expect(bom["bomFormat"] as? String == "CycloneDX")
    #expect(bom["specVersion"] as? String == "1.6")
    #expect(try Self.document(registry, .version17)["specVersion"] as? String == "1.7")

    let components = try #require(bom["components"] as? [[String: Any]])
    let live = try registry.features().filter { $0.status != .retired }
    let applications = components.filter { $0["type"] as? String == "application" }
    #expect(
      Set(applications.compactMap { $0["bom-ref"] as? String })
        == Set(live.map { "feature/\($0.key)" }))
    // Each model of a feature is a model with a card that names the feature's risks.
    let email = try #require(applications.first { $0["bom-ref"] as? String == "feature/email-ai" })
    let models = try #require(email["components"] as? [[String: Any]])
    #expect(models.allSatisfy { $0["type"] as? String == "machine-learning-model" })
    let card = try #require(models.first?["modelCard"] as? [String: Any])
    let considerations = try #require(card["considerations"] as? [String: Any])
    let risks = try #require(considerations["ethicalConsiderations"] as? [[String: Any]])
    let recorded = try registry.featureRecord("email-ai").risks
    #expect(risks.count == recorded.count && !risks.isEmpty)
    #expect(
      (risks.first?["name"] as? String)?.hasPrefix(try #require(recorded.first).risk.title)
        == true)
    // Every data category used is a data component, every provider used a service.
    let categories = Set(live.flatMap(\.dataCategories).map { "data/\($0.rawValue)" })
    #expect(
      Set(
        components.filter { $0["type"] as? String == "data" }.compactMap {
          $0["bom-ref"] as? String
        })
        == categories)
    let services = try #require(bom["services"] as? [[String: Any]])
    #expect(services.contains { $0["trustZone"] as? String == "internal" })
    #expect(services.contains { ($0["trustZone"] as? String)?.hasPrefix("third party") == true })

    // References: every bom-ref unique, every reference to one defined.
    let (defined, used) = Self.references(in: bom)
    #expect(defined.count == Set(defined).count, "bom-refs repeat")
    let missing = Set(used).subtracting(defined)
    #expect(missing.isEmpty, "\(missing.sorted().prefix(5))")
  }

  /// Every approval's evidence carries the bytes the reviewer signed, the signature and the key:
  /// each verifies, names the feature and its round's content hash, and an altered byte does not.
  @Test func everyApprovalCarriesASignatureThatVerifies() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let bom = try Self.document(registry)
    let declarations = try #require(bom["declarations"] as? [String: Any])
    let evidence = try #require(declarations["evidence"] as? [[String: Any]])
    let signed = evidence.filter {
      ($0["bom-ref"] as? String)?.hasPrefix("evidence/signoff/") == true
    }
    #expect(!signed.isEmpty)
    var verified = 0
    for piece in signed {
      let data = try #require(piece["data"] as? [[String: Any]])
      func content(_ prefix: String) -> String? {
        let item = data.first { ($0["name"] as? String)?.hasPrefix(prefix) == true }
        return (item?["contents"] as? [String: Any]).flatMap {
          ($0["attachment"] as? [String: Any])?["content"] as? String
        }
      }
      guard let message = content("signed message"), let signature = content("Ed25519"),
        let pem = content("public key")
      else { continue }
      let key = try ReviewerPublicKey(pem: pem)
      let bytes = Array(try #require(Data(base64Encoded: signature)))
      #expect(key.isValidSignature(bytes, for: Array(message.utf8)))
      #expect(!key.isValidSignature(bytes, for: Array((message + " ").utf8)))
      verified += 1
    }
    let signedSignOffs = try registry.database.scalarInteger(
      """
      SELECT count(*) FROM signoffs s JOIN review_rounds r ON r.id = s.round_id
      WHERE s.signature IS NOT NULL AND s.decision = 'approve' AND r.status = 'approved'
        AND r.number = (SELECT max(number) FROM review_rounds WHERE feature_id = r.feature_id)
        AND r.feature_id IN (SELECT id FROM features WHERE status != 'retired')
      """)
    #expect(verified == signedSignOffs && verified > 0)
  }

  /// A framework's standing is attested requirement by requirement, with the score its status
  /// gives; the same database and clock give the same bytes.
  @Test func frameworksAreStandardsAndTheirStandingAnAttestation() throws {
    let directory = try TemporaryDirectory()
    let registry = try sampleRegistry(in: directory)
    let text = try registry.cycloneDX(version: .version16, toolVersion: "test")
    #expect(try registry.cycloneDX(version: .version16, toolVersion: "test") == text)
    let bom = try Self.document(registry)
    let standards = try #require(
      (bom["definitions"] as? [String: Any])?["standards"] as? [[String: Any]])
    let names = Set(standards.compactMap { $0["bom-ref"] as? String })
    for framework in try registry.frameworkAssessments() {
      #expect(names.contains("standard/\(framework.framework)"))
    }
    let attestations = try #require(
      (bom["declarations"] as? [String: Any])?["attestations"] as? [[String: Any]])
    let eu = try #require(
      attestations.first { ($0["summary"] as? String)?.hasPrefix("EU AI Act") == true })
    let map = try #require(eu["map"] as? [[String: Any]])
    let art50 = map.filter {
      ($0["requirement"] as? String) == "standard/eu-ai-act/art-50-2"
        && ($0["claims"] as? [String])?.first == "claim/eu-ai-act/art-50-2/brand-voice-ai"
    }
    let assessment = try #require(try registry.frameworkAssessments(framework: "eu-ai-act").first)
    let standing = try #require(
      assessment.features.first { $0.feature == "brand-voice-ai" }?.requirements.first {
        $0.requirement == "art-50-2"
      })
    let conformance = try #require(art50.first?["conformance"] as? [String: Any])
    let expected: Double? =
      switch standing.status {
      case .met: 1
      case .partlyMet: 0.5
      case .notMet: 0
      default: nil
      }
    #expect(conformance["score"] as? Double == expected)
    #expect((conformance["rationale"] as? String)?.hasPrefix(standing.status.words) == true)
  }

  /// Hostile text stays text: JSON escapes what it must, nothing is interpreted.
  @Test func hostileTextIsCarriedAsText() throws {
    let fixture = try GovernanceFixture()
    let hostile = "<script>alert(1)</script> | =cmd \u{1B}[2J \u{202E}evil\nline"
    // Written behind aigov's back, where no text rule refuses it.
    try fixture.tamper(
      "UPDATE features SET purpose = '<script>alert(1)</script> | =cmd ' || char(27) || '[2J ' "
        + "|| char(8238) || 'evil' || char(10) || 'line' WHERE key = 'email-ai'")
    let text = try fixture.registry.cycloneDX(version: .version16, toolVersion: "test")
    #expect(!text.contains("\u{1B}") && !text.contains("\n  line"))
    #expect(text.contains("\\u001b[2J"))
    let bom = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let components = try #require(bom["components"] as? [[String: Any]])
    let email = try #require(components.first { $0["bom-ref"] as? String == "feature/email-ai" })
    let properties = try #require(email["properties"] as? [[String: String]])
    #expect(properties.contains { $0["name"] == "aigov:feature:purpose" && $0["value"] == hostile })
  }
}
