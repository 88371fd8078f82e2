extension Registry {
  /// What `check` finds of the frameworks the company assesses (one with a control mapped to it,
  /// or an applicability decision; the others stay silent): requirements in force with nothing
  /// mapped, and, for the EU AI Act, a high-risk feature's obligations and a feature's Art. 50
  /// transparency obligations not met.
  func frameworkFindings() throws -> [Finding] {
    let known = try frameworks()
    // An inventory that assesses no framework pays one count for these rules, not a second
    // reading of every feature.
    guard !(try assessedFrameworks()).isEmpty else {
      return try statementFindings(known, assessed: [])
    }
    let inputs = try assessmentInputs()
    let today = inputs.standing.today
    let assessed = inputs.assessed
    var findings = try statementFindings(known, assessed: assessed)
    for framework in known where assessed.contains(framework.key) {
      let orphaned = try orphanedAnswers(framework)
      if !orphaned.isEmpty {
        var finding = Finding(
          "", .frameworkAnswerOrphaned,
          "\(orphaned.count) \(orphaned.count == 1 ? "answer names" : "answers name") a "
            + "requirement that \(framework.key) \(framework.version) no longer has: "
            + orphaned.joined(separator: ", "),
          fix: [
            Remedy("map the control to what replaced it", .mapControl(framework: framework.key))
          ])
        finding.framework = framework.key
        findings.append(finding)
      }
    }
    for framework in known
    where framework.kind == .requirements && assessed.contains(framework.key) {
      let assessment = framework.assessment(inputs)
      let inForce = Set(
        framework.requirements.filter { ($0.appliesFrom ?? "") <= today }.map(\.id))
      func unmapped(_ standings: [RequirementStanding]) -> [String] {
        standings.filter {
          inForce.contains($0.requirement) && $0.status == .notAssessed && $0.controls.isEmpty
            && $0.why == "no control is mapped to it"
        }.map(\.cited)
      }
      switch framework.assessed {
      case .company:
        let missing = unmapped(assessment.requirements)
        if !missing.isEmpty {
          findings.append(Self.unmappedFinding(framework, feature: "", missing))
        }
      case .feature:
        for feature in assessment.features {
          let missing = unmapped(feature.requirements)
          if !missing.isEmpty {
            findings.append(Self.unmappedFinding(framework, feature: feature.feature, missing))
          }
        }
      }
      guard framework.key == "eu-ai-act" else { continue }
      for feature in assessment.features {
        let launched = feature.status == .launched
        let unmet = feature.requirements.filter {
          inForce.contains($0.requirement)
            && [.notMet, .partlyMet, .notAssessed].contains($0.status)
            && !($0.status == .notAssessed && $0.controls.isEmpty
              && $0.why != "no control is mapped to it")
        }
        let transparency = unmet.filter { ["art-50-1", "art-50-2"].contains($0.requirement) }
        let obligations = unmet.filter { !$0.requirement.hasPrefix("art-50-") }
        if feature.tier == .high, !obligations.isEmpty {
          findings.append(
            Finding(
              feature.feature, .euAIActObligation,
              "is high-risk and does not meet "
                + obligations.map { "\($0.cited) (\($0.status.words))" }.joined(separator: ", ")
                + " of the EU AI Act",
              fix: [
                Remedy("map a control in place to each", .mapControl(framework: framework.key))
              ],
              severity: launched ? .error : .warning))
        }
        if !transparency.isEmpty {
          findings.append(
            Finding(
              feature.feature, .euAIActTransparency,
              "does not meet the EU AI Act's "
                + transparency.map { "\($0.cited) (\($0.status.words): \($0.title))" }
                .joined(separator: ", "),
              fix: [
                Remedy("map a control in place to each", .mapControl(framework: framework.key))
              ],
              severity: launched ? .error : .warning))
        }
      }
    }
    return findings
  }

  /// Refuses a company statement that names a framework the company does not assess: the page
  /// would claim what no record backs.
  func checkStatementClaims(_ text: String) throws {
    let assessed = try assessedFrameworks()
    for framework in try frameworks() where !assessed.contains(framework.key) {
      if let name = framework.named(in: text) {
        throw AIGovError.invalidValue(
          field: "statement", value: name,
          expected: "only frameworks the company assesses: map a control to a requirement of "
            + "\(framework.key) ('aigov control map'), or record which of its requirements apply "
            + "('aigov framework exclude' or 'include'), before the page names it")
      }
    }
  }

  /// The frameworks with a control or a mitigation mapped to one of their requirements, or an
  /// applicability decision.
  func assessedFrameworks() throws -> Set<String> {
    Set(
      try database.query(
        """
        SELECT framework FROM control_mappings UNION SELECT framework FROM applicability_decisions
        UNION SELECT framework FROM mitigation_mappings
        """, cached: true
      ).map { try $0.text("framework") })
  }

  /// A company statement that names a framework the company does not assess claims what no
  /// record backs.
  private func statementFindings(_ known: [Framework], assessed: Set<String>) throws -> [Finding] {
    var findings: [Finding] = []
    for statement in try statements() {
      let text = statement.title + "\n" + statement.body
      for framework in known where !assessed.contains(framework.key) {
        guard let name = framework.named(in: text) else { continue }
        var finding = Finding(
          "", .statementUnbackedFramework,
          "the company statement \(statement.key) names the \(framework.title) "
            + "('\(name)'), which no control mapping or applicability decision assesses",
          fix: [
            Remedy("assess it", .mapControl(framework: framework.key)),
            Remedy(
              "say no more than the records do", .rewordStatement(statement: statement.key)),
          ])
        finding.framework = framework.key
        findings.append(finding)
      }
    }
    return findings
  }

  private static func unmappedFinding(_ framework: Framework, feature: String, _ missing: [String])
    -> Finding
  {
    let shown = missing.prefix(8).joined(separator: ", ")
    var finding = Finding(
      feature, .frameworkUnmapped,
      "\(missing.count) \(framework.key) requirement\(missing.count == 1 ? "" : "s") in force "
        + "with no control mapped: " + shown + (missing.count > 8 ? ", ..." : ""),
      fix: [Remedy("map a control to each, or exclude it", .mapControl(framework: framework.key))])
    finding.framework = framework.key
    return finding
  }
}
