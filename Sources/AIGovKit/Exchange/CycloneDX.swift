import Crypto

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The versions of CycloneDX an AI bill of materials can be written in.
public enum CycloneDXVersion: String, Vocabulary {
  case version16 = "1.6"
  case version17 = "1.7"
  public static let termName = "CycloneDX version"
}

/// The part of CycloneDX (ECMA-424) an AI bill of materials uses, as its JSON schema names it.
/// Every optional left nil is left out of the document.
enum CycloneDX {
  struct BOM: Encodable {
    var schema: String
    var bomFormat = "CycloneDX"
    var specVersion: String
    var serialNumber: String
    var version = 1
    var metadata: Metadata
    var components: [Component]
    var services: [Service]
    var dependencies: [Dependency]
    var definitions: Definitions?
    var declarations: Declarations?

    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case bomFormat, specVersion, serialNumber, version, metadata, components, services
      case dependencies, definitions, declarations
    }
  }

  struct Metadata: Encodable {
    var timestamp: String
    var tools: Tools
    var component: Component
    var properties: [Property]
  }

  struct Tools: Encodable { var components: [Component] }

  struct Property: Encodable, Equatable {
    var name: String
    var value: String
  }

  struct Entity: Encodable {
    var name: String
  }

  struct Contact: Encodable {
    var name: String
    var email: String?
  }

  struct Component: Encodable {
    var type: String
    var bomRef: String?
    var name: String
    var version: String?
    var description: String?
    var supplier: Entity?
    var components: [Component]?
    var modelCard: ModelCard?
    var data: [ComponentData]?
    var properties: [Property]?

    enum CodingKeys: String, CodingKey {
      case type
      case bomRef = "bom-ref"
      case name, version, description, supplier, components, modelCard, data, properties
    }
  }

  struct ModelCard: Encodable {
    var considerations: Considerations
    var quantitativeAnalysis: QuantitativeAnalysis?
    var properties: [Property]?
  }

  struct Considerations: Encodable {
    var users: [String]
    var useCases: [String]
    var technicalLimitations: [String]?
    var ethicalConsiderations: [Risk]?
  }

  struct Risk: Encodable {
    var name: String
    var mitigationStrategy: String?
  }

  struct QuantitativeAnalysis: Encodable { var performanceMetrics: [Metric] }

  struct Metric: Encodable {
    var type: String
    var value: String?
    var slice: String?
  }

  struct ComponentData: Encodable {
    var type: String
    var name: String
    var classification: String?
    var description: String?
  }

  struct Service: Encodable {
    var bomRef: String
    var provider: Entity
    var name: String
    var description: String?
    var trustBoundary: Bool
    var trustZone: String
    var data: [DataFlow]?
    var properties: [Property]

    enum CodingKeys: String, CodingKey {
      case bomRef = "bom-ref"
      case provider, name, description
      case trustBoundary = "x-trust-boundary"
      case trustZone, data, properties
    }
  }

  struct DataFlow: Encodable {
    var flow: String
    var classification: String
    var name: String?
    var description: String?
    var source: [String]?
  }

  struct Dependency: Encodable {
    var ref: String
    var dependsOn: [String]
  }

  struct Definitions: Encodable { var standards: [Standard] }

  struct Standard: Encodable {
    var bomRef: String
    var name: String
    var version: String
    var description: String
    var owner: String?
    var requirements: [Requirement]

    enum CodingKeys: String, CodingKey {
      case bomRef = "bom-ref"
      case name, version, description, owner, requirements
    }
  }

  struct Requirement: Encodable {
    var bomRef: String
    var identifier: String
    var title: String
    var parent: String?

    enum CodingKeys: String, CodingKey {
      case bomRef = "bom-ref"
      case identifier, title, parent
    }
  }

  struct Declarations: Encodable {
    var assessors: [Assessor]
    var attestations: [Attestation]
    var claims: [Claim]
    var evidence: [Evidence]
  }

  struct Assessor: Encodable {
    var bomRef: String
    var thirdParty: Bool
    var organization: Entity

    enum CodingKeys: String, CodingKey {
      case bomRef = "bom-ref"
      case thirdParty, organization
    }
  }

  struct Attestation: Encodable {
    var summary: String
    var assessor: String
    var map: [AttestationMap]
  }

  struct AttestationMap: Encodable {
    var requirement: String
    var claims: [String]
    var conformance: Conformance?
  }

  struct Conformance: Encodable {
    var score: Double?
    var rationale: String
  }

  struct Claim: Encodable {
    var bomRef: String
    var target: String
    var predicate: String
    var reasoning: String?
    var evidence: [String]?

    enum CodingKeys: String, CodingKey {
      case bomRef = "bom-ref"
      case target, predicate, reasoning, evidence
    }
  }

  struct Evidence: Encodable {
    var bomRef: String
    var description: String
    var data: [EvidenceData]
    var created: String
    var expires: String?
    var author: Contact?

    enum CodingKeys: String, CodingKey {
      case bomRef = "bom-ref"
      case description, data, created, expires, author
    }
  }

  struct EvidenceData: Encodable {
    var name: String
    var contents: Contents

    init(name: String, content: String, contentType: String, encoding: String? = nil) {
      self.name = name
      contents = Contents(
        attachment: Attachment(contentType: contentType, encoding: encoding, content: content))
    }
  }

  struct Contents: Encodable { var attachment: Attachment }

  struct Attachment: Encodable {
    var contentType: String
    var encoding: String?
    var content: String
  }
}

extension Registry {
  /// The inventory as a CycloneDX AI bill of materials (JSON): each live feature an application
  /// with its models (machine-learning-model components with model cards: use, users, risks with
  /// their mitigations, monitoring), each data category a data component, each provider a service
  /// with the data flows that reach it, its trust zone and the platform it is reached through; the
  /// frameworks the company assesses, and its sign-off policy, as standards; and the declarations
  /// that attest them: each approval by the reviewers' Ed25519 signatures, each framework's
  /// standing by the controls and evidence behind it.
  ///
  /// A reviewer signs aigov's own message, never the BOM's JSON, so the signatures travel as
  /// evidence (the signed bytes, the signature, the public key) that `openssl` checks, not as JSF
  /// envelopes, which would claim to sign the JSON around them. The same database and clock give
  /// the same bytes: the serial number is derived from the trail's head and the time.
  public func cycloneDX(version: CycloneDXVersion, toolVersion: String) throws -> String {
    try cycloneDXDocument(version: version, toolVersion: toolVersion).text
  }

  /// The BOM's text and how many features it holds.
  private func cycloneDXDocument(version: CycloneDXVersion, toolVersion: String) throws
    -> (text: String, features: Int)
  {
    try database.readTransaction {
      var builder = CycloneDXBuilder(registry: self, version: version, toolVersion: toolVersion)
      return (try builder.document(), builder.featureCount)
    }
  }

  /// Writes `cycloneDX(version:toolVersion:)` to a new file at `path`; returns how many features
  /// it holds. Nothing is left behind when writing fails.
  public func exportCycloneDX(to path: String, version: CycloneDXVersion, toolVersion: String)
    throws -> Int
  {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    if FileManager.default.fileExists(atPath: url.path) {
      throw AIGovError.refused(.cannotCreateFile(path: url.path, reason: "File exists"))
    }
    let (text, features) = try cycloneDXDocument(version: version, toolVersion: toolVersion)
    try StagedOutput.file(url) { staging in
      let file = try ExportFile(
        name: staging.lastPathComponent, in: staging.deletingLastPathComponent(),
        shownAs: url.lastPathComponent)
      try file.write(Array(text.utf8))
      _ = try file.finish()
    }
    return features
  }
}

/// Reads the registry once and assembles the BOM.
struct CycloneDXBuilder {
  let registry: Registry
  let version: CycloneDXVersion
  let toolVersion: String

  private var components: [CycloneDX.Component] = []
  private var dependencies: [CycloneDX.Dependency] = []
  private var claims: [CycloneDX.Claim] = []
  private var evidence: [CycloneDX.Evidence] = []
  private var attestations: [CycloneDX.Attestation] = []
  /// Per provider key, the features that send it data, as data flows.
  private var flows: [String: [CycloneDX.DataFlow]] = [:]
  private var serial = ""
  private(set) var featureCount = 0

  init(registry: Registry, version: CycloneDXVersion, toolVersion: String) {
    self.registry = registry
    self.version = version
    self.toolVersion = toolVersion
  }

  static let inventoryRef = "inventory"
  static let assessorRef = "assessor/company"
  static let signOffStandard = "standard/aigov-sign-off"

  static func featureRef(_ key: String) -> String { "feature/\(key)" }
  static func providerRef(_ key: String) -> String { "provider/\(key)" }
  static func dataRef(_ category: DataCategory) -> String { "data/\(category.rawValue)" }
  static func requirementRef(_ framework: String, _ id: String) -> String {
    "standard/\(framework)/\(id)"
  }

  mutating func document() throws -> String {
    let now = registry.now
    let head = try registry.auditTrail.head()
    serial = Self.serialNumber(head: head?.hash ?? "", now: now)
    let company = try registry.setting(.companyName)
    let limitations = try registry.setting(.limitationsStatement)
    let monitoring = try registry.monitoringStandings()
    var keys: [String: String] = [:]
    for reviewer in try registry.reviewers() {
      for key in reviewer.keys { keys[key.fingerprint] = key.publicKey }
    }
    var emails: [String: String] = [:]
    for reviewer in try registry.reviewers() { emails[reviewer.handle] = reviewer.email }
    var categories = Set<DataCategory>()
    var usedProviders = Set<String>()
    try registry.forEachGovernedFeature { governed in
      let record = governed.record
      featureCount += 1
      categories.formUnion(record.feature.dataCategories)
      usedProviders.formUnion(record.providers.map(\.provider.key))
      addFeature(
        record, monitoring: monitoring[record.feature.key] ?? [],
        limitations: limitations.isEmpty ? nil : limitations)
      addApproval(governed, keys: keys, emails: emails)
    }
    for category in DataCategory.allCases where categories.contains(category) {
      components.append(
        CycloneDX.Component(
          type: "data", bomRef: Self.dataRef(category), name: category.rawValue,
          description: nil,
          data: [
            CycloneDX.ComponentData(
              type: "dataset", name: category.rawValue,
              classification: category.isForbidden ? "special category" : "customer data",
              description: nil)
          ]))
    }
    var services: [CycloneDX.Service] = []
    for provider in try registry.providers() where usedProviders.contains(provider.key) {
      services.append(service(provider))
      dependencies.append(
        CycloneDX.Dependency(
          ref: Self.providerRef(provider.key),
          dependsOn: provider.servedThrough.map { [Self.providerRef($0)] } ?? []))
    }
    let standards = try addFrameworks()
    let bom = CycloneDX.BOM(
      schema: "http://cyclonedx.org/schema/bom-\(version.rawValue).schema.json",
      specVersion: version.rawValue, serialNumber: "urn:uuid:\(serial)",
      metadata: CycloneDX.Metadata(
        timestamp: now,
        tools: CycloneDX.Tools(components: [
          CycloneDX.Component(type: "application", name: "aigov", version: toolVersion)
        ]),
        component: CycloneDX.Component(
          type: "application", bomRef: Self.inventoryRef,
          name: company.isEmpty ? "AI features" : company,
          description: "The AI features the company ships or uses, as its inventory records them"),
        properties: [
          CycloneDX.Property(
            name: "aigov:schema_version", value: String(Registry.migrator.latestVersion))
        ]
          + (head.map {
            [
              CycloneDX.Property(name: "aigov:audit_chain_head_seq", value: String($0.seq)),
              CycloneDX.Property(name: "aigov:audit_chain_head_hash", value: $0.hash),
            ]
          } ?? [])),
      components: components, services: services, dependencies: dependencies,
      definitions: CycloneDX.Definitions(standards: standards),
      declarations: CycloneDX.Declarations(
        assessors: [
          CycloneDX.Assessor(
            bomRef: Self.assessorRef, thirdParty: false,
            organization: CycloneDX.Entity(name: company.isEmpty ? "The company" : company))
        ], attestations: attestations, claims: claims, evidence: evidence))
    return String(decoding: try Registry.exchangeJSON.encode(bom), as: UTF8.self) + "\n"
  }

  /// A version-8 UUID (RFC 9562) from the SHA-256 of the trail's head and the time.
  static func serialNumber(head: String, now: String) -> String {
    var bytes = Array(SHA256.hash(data: Data("aigov-cyclonedx\u{0}\(head)\u{0}\(now)".utf8)))
    bytes[6] = (bytes[6] & 0x0F) | 0x80
    bytes[8] = (bytes[8] & 0x3F) | 0x80
    let hex = CanonicalJSON.hex(bytes.prefix(16))
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
      String(hex.dropFirst(range.lowerBound).prefix(range.count))
    }
    return parts.joined(separator: "-")
  }

  /// The feature's scalar fields as properties, in the words of its JSON.
  static func properties(of feature: Feature) throws -> [CycloneDX.Property] {
    let value = try JSONValue(
      parsing: String(decoding: try JSONEncoder().encode(feature), as: UTF8.self))
    guard case .object(let fields) = value else { return [] }
    return fields.keys.sorted().compactMap { name in
      let text: String
      switch fields[name] {
      case .string(let string)?: text = string
      case .integer(let integer)?: text = String(integer)
      case .bool(let bool)?: text = bool ? "true" : "false"
      case .array(let items)?:
        text = items.compactMap { if case .string(let item) = $0 { item } else { nil } }
          .joined(separator: ", ")
      default: return nil
      }
      return CycloneDX.Property(name: "aigov:feature:\(name)", value: text)
    }
  }

  private mutating func addFeature(
    _ record: FeatureRecord, monitoring: [MonitoringStanding], limitations: String?
  ) {
    let feature = record.feature
    let ref = Self.featureRef(feature.key)
    let risks = record.risks.map { entry in
      CycloneDX.Risk(
        name: "\(entry.risk.title) (\(entry.risk.level.rawValue) \(entry.risk.category.rawValue) "
          + "risk, \(entry.risk.status.rawValue)"
          + (entry.risk.taxonomy.map { "; \($0)" } ?? "") + ")",
        mitigationStrategy: entry.mitigations.isEmpty
          ? nil
          : entry.mitigations.map { "\($0.title) (\($0.status.rawValue))" }
            .joined(separator: "; "))
    }
    let metrics = monitoring.map { standing in
      CycloneDX.Metric(
        type: standing.plan.metric,
        value: standing.latest.map { $0.value ?? ($0.passed ? "passed" : "failed") },
        slice: standing.latest.map { "measured \($0.measuredAt)" } ?? "not yet measured")
    }
    var models: [CycloneDX.Component] = []
    for link in record.providers {
      let modelRef = "\(ref)/model/\(link.provider.key)/\(link.model)"
      models.append(
        CycloneDX.Component(
          type: "machine-learning-model", bomRef: modelRef,
          name: link.model.isEmpty ? "\(link.provider.name) model" : link.model,
          description: link.purpose.isEmpty ? nil : link.purpose,
          supplier: CycloneDX.Entity(name: link.provider.name),
          modelCard: CycloneDX.ModelCard(
            considerations: CycloneDX.Considerations(
              users: [feature.audience.rawValue], useCases: [feature.purpose],
              technicalLimitations: limitations.map { [$0] },
              ethicalConsiderations: risks.isEmpty ? nil : risks),
            quantitativeAnalysis: metrics.isEmpty
              ? nil : CycloneDX.QuantitativeAnalysis(performanceMetrics: metrics),
            properties: [
              CycloneDX.Property(
                name: "aigov:human_oversight", value: feature.humanOversight.rawValue),
              CycloneDX.Property(name: "aigov:final_say", value: feature.finalSay.rawValue),
            ])))
      dependencies.append(
        CycloneDX.Dependency(ref: modelRef, dependsOn: [Self.providerRef(link.provider.key)]))
      flows[link.provider.key, default: []].append(
        CycloneDX.DataFlow(
          flow: "inbound",
          classification: feature.dataCategories.isEmpty
            ? "unstated" : feature.dataCategories.map(\.rawValue).joined(separator: ", "),
          name: feature.name,
          description:
            "\(feature.name) (\(feature.key)) sends \(link.model.isEmpty ? "its" : link.model) "
            + "requests: serving \(feature.servingUse.rawValue), training \(feature.trainingUse.rawValue)",
          source: ["urn:cdx:\(serial)/1#\(ref)"]))
    }
    components.append(
      CycloneDX.Component(
        type: "application", bomRef: ref, name: feature.name,
        description: feature.description.isEmpty ? feature.purpose : feature.description,
        components: models.isEmpty ? nil : models,
        properties: (try? Self.properties(of: feature)) ?? []))
    dependencies.append(
      CycloneDX.Dependency(
        ref: ref,
        dependsOn: models.compactMap(\.bomRef) + feature.dataCategories.map(Self.dataRef)))
  }

  /// The latest round's sign-offs, when it approved the feature: one claim and one piece of
  /// signed evidence per discipline, attested against the sign-off policy.
  private mutating func addApproval(
    _ governed: GovernedFeature, keys: [String: String], emails: [String: String]
  ) {
    guard let latest = governed.rounds.last, latest.round.status == .approved else { return }
    let feature = governed.record.feature
    var map: [CycloneDX.AttestationMap] = []
    for signOff in latest.signOffs where signOff.decision == .approve {
      let claimRef = "claim/signoff/\(signOff.id)"
      let evidenceRef = "evidence/signoff/\(signOff.id)"
      var data = [
        CycloneDX.EvidenceData(
          name: "signed message",
          content: String(decoding: signOff.signedMessage, as: UTF8.self),
          contentType: "text/plain")
      ]
      if let signature = signOff.signature, let fingerprint = signOff.keyFingerprint {
        data.append(
          CycloneDX.EvidenceData(
            name: "Ed25519 signature", content: signature, contentType: "application/octet-stream",
            encoding: "base64"))
        data.append(
          CycloneDX.EvidenceData(
            name: "public key \(fingerprint)", content: keys[fingerprint] ?? "",
            contentType: "application/x-pem-file"))
      }
      evidence.append(
        CycloneDX.Evidence(
          bomRef: evidenceRef,
          description: "\(signOff.discipline.rawValue) sign-off by \(signOff.reviewer) in review "
            + "round \(latest.round.number) of \(feature.key)"
            + (signOff.signature == nil ? ", unsigned" : ", signed with Ed25519"),
          data: data, created: signOff.signedAt, expires: nil,
          author: CycloneDX.Contact(name: signOff.reviewer, email: emails[signOff.reviewer])))
      claims.append(
        CycloneDX.Claim(
          bomRef: claimRef, target: Self.featureRef(feature.key),
          predicate: "\(signOff.discipline.rawValue) approves \(feature.name) as recorded, "
            + "content hash \(latest.round.contentHash)",
          reasoning: signOff.comment.isEmpty ? nil : signOff.comment, evidence: [evidenceRef]))
      map.append(
        CycloneDX.AttestationMap(
          requirement: "\(Self.signOffStandard)/\(signOff.discipline.rawValue)",
          claims: [claimRef],
          conformance: CycloneDX.Conformance(
            score: 1, rationale: "approved on \(signOff.signedAt)")))
    }
    guard !map.isEmpty else { return }
    attestations.append(
      CycloneDX.Attestation(
        summary: "\(feature.name) (\(feature.key)) approved in review round "
          + "\(latest.round.number)",
        assessor: Self.assessorRef, map: map))
  }

  private func service(_ provider: Provider) -> CycloneDX.Service {
    var properties = [
      CycloneDX.Property(name: "aigov:provider:key", value: provider.key),
      CycloneDX.Property(name: "aigov:provider:kind", value: provider.kind.rawValue),
      CycloneDX.Property(name: "aigov:provider:dpa", value: provider.dpa.rawValue),
      CycloneDX.Property(
        name: "aigov:provider:no_training", value: provider.noTraining ? "true" : "false"),
      CycloneDX.Property(
        name: "aigov:provider:subprocessor_listed",
        value: provider.subprocessorListed ? "true" : "false"),
    ]
    if let days = provider.retentionDays {
      properties.append(
        CycloneDX.Property(name: "aigov:provider:retention_days", value: String(days)))
    }
    if !provider.regions.isEmpty {
      properties.append(CycloneDX.Property(name: "aigov:provider:regions", value: provider.regions))
    }
    if let through = provider.servedThrough {
      properties.append(CycloneDX.Property(name: "aigov:provider:reached_through", value: through))
    }
    let external = provider.kind != .internal
    return CycloneDX.Service(
      bomRef: Self.providerRef(provider.key), provider: CycloneDX.Entity(name: provider.name),
      name: provider.name, description: provider.notes.isEmpty ? nil : provider.notes,
      trustBoundary: external,
      trustZone: external
        ? (provider.servedThrough.map { "third party, reached through \($0)" } ?? "third party")
        : "internal",
      data: flows[provider.key], properties: properties)
  }

  /// The sign-off policy and every framework the company assesses as standards; each
  /// framework's standing as an attestation whose claims name the controls and evidence.
  private mutating func addFrameworks() throws -> [CycloneDX.Standard] {
    var standards = [
      CycloneDX.Standard(
        bomRef: Self.signOffStandard, name: "Sign-off before launch", version: "1",
        description: "Each AI feature is approved, over its recorded content, by each "
          + "discipline that must sign", owner: nil,
        requirements: Discipline.allCases.map {
          CycloneDX.Requirement(
            bomRef: "\(Self.signOffStandard)/\($0.rawValue)", identifier: $0.rawValue,
            title: "\($0.rawValue) approves", parent: nil)
        })
    ]
    let pieces = Dictionary(uniqueKeysWithValues: try registry.evidence().map { ($0.id, $0) })
    var cited = Set<Int>()
    for assessment in try registry.frameworkAssessments() {
      let framework = try registry.framework(assessment.framework)
      standards.append(
        CycloneDX.Standard(
          bomRef: "standard/\(framework.key)", name: framework.title, version: framework.version,
          description: framework.source, owner: nil,
          requirements: framework.requirements.map { requirement in
            CycloneDX.Requirement(
              bomRef: Self.requirementRef(framework.key, requirement.id),
              identifier: requirement.cited, title: requirement.title,
              parent: requirement.parent.map { Self.requirementRef(framework.key, $0) })
          }))
      var map: [CycloneDX.AttestationMap] = []
      func attest(_ standing: RequirementStanding, target: String, label: String) {
        guard standing.status != .notAssessed else { return }
        let claimRef = "claim/\(framework.key)/\(standing.requirement)/\(label)"
        cited.formUnion(standing.evidence)
        claims.append(
          CycloneDX.Claim(
            bomRef: claimRef, target: target,
            predicate: "\(standing.cited) \(standing.title): \(standing.status.words)"
              + (standing.controls.isEmpty ? "" : ", by \(standing.controlWords)"),
            reasoning: standing.why,
            evidence: standing.evidence.isEmpty ? nil : standing.evidence.map { "evidence/\($0)" }))
        let score: Double? =
          switch standing.status {
          case .met: 1
          case .partlyMet: 0.5
          case .notMet: 0
          case .notAssessed, .notApplicable: nil
          }
        map.append(
          CycloneDX.AttestationMap(
            requirement: Self.requirementRef(framework.key, standing.requirement),
            claims: [claimRef],
            conformance: CycloneDX.Conformance(
              score: score, rationale: "\(standing.status.words): \(standing.why)")))
      }
      for standing in assessment.requirements {
        attest(standing, target: Self.inventoryRef, label: "company")
      }
      for feature in assessment.features {
        for standing in feature.requirements {
          attest(standing, target: Self.featureRef(feature.feature), label: feature.feature)
        }
      }
      if !map.isEmpty {
        attestations.append(
          CycloneDX.Attestation(
            summary: "\(framework.title): \(assessment.counts.summary)",
            assessor: Self.assessorRef, map: map))
      }
    }
    for id in cited.sorted() {
      guard let piece = pieces[id] else { continue }
      evidence.append(
        CycloneDX.Evidence(
          bomRef: "evidence/\(id)",
          description: "\(piece.title) (\(piece.kind.rawValue))",
          data: [
            CycloneDX.EvidenceData(
              name: "sha256", content: piece.sha256, contentType: "text/plain")
          ]
            + (piece.url.map {
              [CycloneDX.EvidenceData(name: "url", content: $0, contentType: "text/uri-list")]
            } ?? []),
          created: "\(piece.collectedOn)T00:00:00Z",
          expires: piece.expiresOn.map { "\($0)T00:00:00Z" },
          author: CycloneDX.Contact(name: piece.providedBy, email: nil)))
    }
    return standards
  }
}
