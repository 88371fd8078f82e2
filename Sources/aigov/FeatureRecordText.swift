import AIGovKit
import ArgumentParser

/// The text form of `feature show`.
struct FeatureRecordText {
  var record: FeatureRecord
  var review: FeatureReview
  var afterLaunch: AfterLaunchRecord
  var controls: [FeatureControl] = []
  var exceptions: [ControlException] = []
  var evidence: [FeatureEvidence] = []
  var color: Bool

  /// The fields the lines above the record's other fields show; every other field of
  /// `Feature.fields` that has a value is shown by its label.
  static let laidOut: Set<String> = [
    "key", "name", "status", "status_reason", "unreviewed_status", "category", "serving_use",
    "training_use", "min_group_size", "purpose", "description", "owner", "team",
    "human_oversight", "audience", "final_say", "customer_control", "eu_ai_act_tier",
    "review_interval_days", "last_reviewed_at", "data_categories", "created_at", "updated_at",
    "version",
  ]

  func render() -> String {
    let feature = record.feature
    var lines: [String] = []
    lines.append(
      Style.bold.apply("\(feature.name.visibleOnOneLine) (\(feature.key.visible))", when: color))
    func field(_ label: String, _ value: String) {
      lines.append("  " + label.padded(to: 22) + value.continuingLines(indentedBy: 24))
    }
    field(
      "status",
      styled(feature.status.rawValue, TermStyle.status)
        + (feature.statusReason.map { ": \($0.visible)" } ?? ""))
    if let arrived = feature.unreviewedStatus {
      field(
        "unreviewed",
        Style.red.apply(
          "arrived \(arrived.rawValue) by import; no review here has approved it", when: color))
    }
    field("category", feature.category.rawValue)
    field("serving use", feature.servingUse.rawValue)
    field("training use", feature.trainingUse.rawValue)
    if let size = feature.minGroupSize { field("group size", "at least \(size)") }
    field("purpose", feature.purpose.visible)
    if !feature.description.isEmpty { field("description", feature.description.visible) }
    field(
      "owner",
      feature.owner.visibleOnOneLine + (feature.team.map { " (\($0.visibleOnOneLine))" } ?? ""))
    field("human oversight", feature.humanOversight.rawValue)
    field("audience", feature.audience.rawValue)
    field("final say", feature.finalSay.rawValue)
    field("customer control", feature.customerControl.rawValue)
    field("EU AI Act tier", feature.euAIActTier.rawValue)
    field(
      "review",
      "every \(feature.reviewIntervalDays) days; last "
        + (feature.lastReviewedAt?.visibleOnOneLine ?? "never"))
    let categories = feature.dataCategories.map { category in
      category.isForbidden
        ? Style.red.apply(category.rawValue + " (forbidden)", when: color) : category.rawValue
    }
    field("data", categories.isEmpty ? "none recorded" : categories.joined(separator: ", "))
    for (label, value) in feature.labelledValues(excluding: Self.laidOut) {
      field(label, value.visible)
    }
    field(
      "recorded",
      "created \(feature.createdAt.visibleOnOneLine), updated "
        + "\(feature.updatedAt.visibleOnOneLine), v\(feature.version)")
    if !record.attributes.isEmpty {
      lines.append("")
      lines.append(Style.bold.apply("Imported attributes", when: color))
      for attribute in record.attributes {
        field(
          attribute.name.visibleOnOneLine,
          attribute.value.isEmpty ? "(empty)" : attribute.value.visible)
      }
    }

    lines.append("")
    lines.append(Style.bold.apply("Providers", when: color))
    if record.providers.isEmpty { lines.append("  none") }
    for link in record.providers {
      let provider = link.provider
      let model = link.model.isEmpty ? "" : " / \(link.model.visibleOnOneLine)"
      let purpose = link.purpose.isEmpty ? "" : ": \(link.purpose.visibleOnOneLine)"
      lines.append(
        "  \(provider.name.visibleOnOneLine) (\(provider.key.visible))\(model)\(purpose)")
      if let platform = provider.servedThrough {
        lines.append("    reached through \(platform.visible)")
      }
      lines.append("    " + ContractTerms(provider).summary)
    }

    lines.append("")
    lines.append(Style.bold.apply("Risks", when: color))
    if record.risks.isEmpty { lines.append("  none recorded") }
    for entry in record.risks {
      let risk = entry.risk
      let level = styled(risk.level.rawValue, TermStyle.level)
      lines.append(
        "  #\(risk.id) \(risk.title.visibleOnOneLine) [\(risk.category.rawValue)] "
          + "\(risk.likelihood)x\(risk.impact)=\(risk.score) \(level), "
          + "\(styled(risk.status.rawValue, TermStyle.status)), owner \(risk.owner.visibleOnOneLine)"
      )
      if let score = risk.residualScore, let level = risk.residualLevel,
        let likelihood = risk.residualLikelihood, let impact = risk.residualImpact
      {
        lines.append("    residual \(likelihood)x\(impact)=\(score) \(level.rawValue)")
      }
      if entry.blocksLaunch {
        lines.append("    " + Style.red.apply("no mitigation implemented yet", when: color))
      }
      for mitigation in entry.mitigations {
        var text =
          "    - #\(mitigation.id) \(mitigation.title.visibleOnOneLine) (\(mitigation.kind.rawValue), "
          + "\(styled(mitigation.status.rawValue, TermStyle.status)), "
          + "owner \(mitigation.owner.visibleOnOneLine)"
        if let control = mitigation.control { text += ", control \(control.visibleOnOneLine)" }
        if let due = mitigation.dueOn { text += ", due \(due.visibleOnOneLine)" }
        text += ")"
        if let evidence = mitigation.evidence { text += " evidence: \(evidence.visibleOnOneLine)" }
        lines.append(text)
        if let statement = mitigation.publicStatement {
          let shown = mitigation.status.isInPlace ? "published" : "not published until in place"
          lines.append("      public (\(shown)): \(statement.visibleOnOneLine)")
        }
      }
    }

    lines.append("")
    lines.append(Style.bold.apply("Review", when: color))
    lines += reviewLines()

    lines.append("")
    lines.append(Style.bold.apply("After launch", when: color))
    lines += afterLaunchLines()

    lines.append("")
    lines.append(Style.bold.apply("Company controls", when: color))
    lines += controlLines()
    return lines.joined(separator: "\n")
  }

  private func controlLines() -> [String] {
    var lines: [String] = []
    if controls.isEmpty { lines.append("  no company control covers it") }
    for control in controls {
      lines.append(
        "  \(control.control.visible) [\(styled(control.status.rawValue, TermStyle.status))]: "
          + control.title.visibleOnOneLine
          + (control.claim.map { "; claims \($0.rawValue)" } ?? "")
          + (control.contradiction.map {
            "; " + Style.red.apply("contradicted", when: color) + ": \($0.visibleOnOneLine)"
          } ?? "")
          + (control.exception.map { " (accepted by exception #\($0))" } ?? ""))
    }
    for exception in exceptions {
      lines.append(
        "  exception #\(exception.id) (\(exception.subject)) until \(exception.until), "
          + "accepted by \(exception.acceptedBy.visible) for \(exception.discipline.rawValue)"
          + (exception.signature == nil ? "" : ", signed") + ": "
          + exception.notCovered.visibleOnOneLine)
    }
    for piece in evidence {
      lines.append(
        "  evidence #\(piece.id) [\(piece.kind.rawValue)] \(piece.title.visibleOnOneLine), collected "
          + piece.collectedOn.visibleOnOneLine
          + (piece.expiresOn.map {
            piece.expired
              ? ", " + Style.red.apply("expired \($0.visibleOnOneLine)", when: color)
              : ", expires \($0.visibleOnOneLine)"
          } ?? "")
          + "; supports " + piece.supports.map(\.visibleOnOneLine).joined(separator: ", ")
          + (piece.attestedBy.isEmpty
            ? ""
            : "; attested by " + piece.attestedBy.map(\.visibleOnOneLine).joined(separator: ", ")))
    }
    return lines
  }

  private func afterLaunchLines() -> [String] {
    var lines: [String] = []
    if afterLaunch.monitoring.isEmpty { lines.append("  no monitoring plan") }
    for standing in afterLaunch.monitoring {
      let plan = standing.plan
      let rule =
        plan.kind == .check
        ? "a person judges"
        : "\(plan.direction?.rawValue ?? "") \(plan.threshold ?? "")\(plan.unit.visibleOnOneLine)"
      let latest = standing.latest.map { result in
        "\(result.measuredAt.prefix(10)) " + (result.value.map { "\($0.visibleOnOneLine) " } ?? "")
          + (result.passed
            ? styled("pass", TermStyle.status) : Style.red.apply("FAIL", when: color))
      }
      lines.append(
        "  monitored: \(plan.metric.visible) (\(rule), every \(plan.cadenceDays) days"
          + (plan.status == .retired ? ", retired" : "") + "); latest "
          + (latest ?? "none yet"))
    }
    if afterLaunch.incidents.isEmpty { lines.append("  no incident recorded") }
    for record in afterLaunch.incidents {
      let incident = record.incident
      let owed = record.deadlines.filter { $0.reportedAt == nil }.map {
        "\($0.regime) report \($0.standing), due \($0.due)"
      }
      lines.append(
        "  incident \(incident.reference.visible) [\(incident.severity.rawValue), "
          + "\(incident.category.rawValue)] \(styled(incident.status.rawValue, TermStyle.status)): "
          + incident.title.visibleOnOneLine
          + (owed.isEmpty ? "" : "; " + owed.joined(separator: "; ")))
    }
    return lines
  }

  private func reviewLines() -> [String] {
    guard let latest = review.rounds.last else {
      return [
        "  never reviewed; open a round with 'aigov review open \(record.feature.key.visible)'"
      ]
    }
    var lines = ["  " + RoundLabel(latest.round).long]
    let required = latest.round.requiredDisciplines
    let decisions = Dictionary(grouping: latest.signOffs, by: \.discipline).compactMapValues(\.last)
    lines += DecisionLines(
      decisions: required.map { DisciplineDecision(discipline: $0, signOff: decisions[$0]) },
      color: color
    ).render(indent: "    ")
    lines.append(
      "  approval in force: " + (review.approvalInForce.map { "round \($0)" } ?? "none"))
    if review.rounds.count > 1 {
      lines.append("  history")
      for entry in review.rounds {
        let round = entry.round
        lines.append(
          "    round \(round.number)  \(round.kind.rawValue), opened "
            + "\(round.openedAt.visibleOnOneLine), \(round.status.rawValue)"
            + "\(round.closedAt.map { " \($0.visibleOnOneLine)" } ?? ""), "
            + "\(entry.signOffs.count) decision\(entry.signOffs.count == 1 ? "" : "s")")
        if round.status != .open, let reason = round.closeReason {
          lines.append("      " + reason.visibleOnOneLine)
        }
      }
    }
    return lines
  }

  private func styled(_ text: String, _ style: (String) -> Style?) -> String {
    style(text).map { $0.apply(text, when: color) } ?? text
  }
}
