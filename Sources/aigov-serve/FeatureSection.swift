import AIGovKit

/// A feature's whole record as a page: what it is, its data and providers, its risks and
/// mitigations, its review rounds with every decision, what happened after launch, and its history.
struct FeatureSection {
  var document: FeatureDocument
  var history: [AuditEvent]
  var person: String

  var html: String {
    let feature = document.record.feature
    var lines: [String] = []
    lines.append(
      "<h1>\(h(feature.name)) <span class=\"status \(h(feature.status.rawValue))\">\(h(feature.status.rawValue))</span></h1>"
    )
    lines.append(
      "<p><code>\(h(feature.key))</code> · owner \(h(feature.owner))\(feature.team.map { " · team \(h($0))" } ?? "")</p>"
    )
    if let reason = feature.statusReason { lines.append("<p class=\"muted\">\(h(reason))</p>") }
    lines.append("<p>\(h(feature.purpose))</p>")
    if !feature.description.isEmpty { lines.append("<p>\(h(feature.description))</p>") }
    for link in feature.publishedLinks {
      lines.append(
        link.isFollowable
          ? "<p><a href=\"\(h(link.url))\" rel=\"noopener noreferrer\">\(h(link.words))</a></p>"
          : "<p>\(h(link.words)): \(h(link.url))</p>")
    }
    lines.append(
      "<dl class=\"facts\">"
        + [
          ("Category", feature.category.rawValue), ("Audience", feature.audience.rawValue),
          ("Serving uses data", feature.servingUse.rawValue),
          ("Trains our models", feature.trainingUse.rawValue),
          ("Final say", feature.finalSay.rawValue),
          ("Customer control", feature.customerControl.rawValue),
          ("Human oversight", feature.humanOversight.rawValue),
          ("EU AI Act", feature.euAIActTier.rawValue),
          ("Data", feature.dataCategories.map(\.rawValue).joined(separator: ", ")),
          ("Last reviewed", feature.lastReviewedAt ?? "never"),
        ].map { "<dt>\(h($0.0))</dt><dd>\(h($0.1))</dd>" }.joined() + "</dl>")

    lines.append("<h2>Providers</h2>")
    lines.append(
      Pages.table(
        ["Provider", "Model", "Purpose", "DPA", "No training", "Retention"],
        document.record.providers.map { link in
          "<tr><td>\(h(link.provider.name))</td><td>\(h(link.model))</td>"
            + "<td>\(h(link.purpose))</td><td>\(h(link.provider.dpa.rawValue))</td>"
            + "<td>\(link.provider.noTraining ? "yes" : "no")</td>"
            + "<td>\(link.provider.retentionDays.map { "\($0) days" } ?? "not stated")</td></tr>"
        }))

    lines.append("<h2>Risks and mitigations</h2>")
    lines.append(
      Pages.table(
        ["#", "Risk", "Level", "Status", "Mitigations"],
        document.record.risks.map { entry in
          let risk = entry.risk
          let mitigations = entry.mitigations.map {
            "\(h($0.title)) <small>(\(h($0.status.rawValue))"
              + ($0.control.map { ", control <code>\(h($0))</code>" } ?? "") + ")</small>"
          }.joined(separator: "<br>")
          return "<tr><td>\(risk.id)</td><td>\(h(risk.title))</td>"
            + "<td>\(h(risk.level.rawValue))</td><td>\(h(risk.status.rawValue))</td>"
            + "<td>\(mitigations.isEmpty ? "<span class=\"muted\">none</span>" : mitigations)</td></tr>"
        }))

    lines.append("<h2>Review</h2>")
    let review = document.review
    lines.append(
      "<p>"
        + (review.approvalInForce.map { "Approval in force: round \($0)." }
          ?? "No approval in force for the feature as it is now.") + "</p>")
    if let open = review.rounds.last(where: { $0.round.status == .open }) {
      lines.append(
        "<p><a class=\"button\" href=\"/features/\(h(feature.key))/sign\">Sign off on round "
          + "\(open.round.number)</a></p>")
    }
    for record in review.rounds.reversed() {
      let round = record.round
      lines.append(
        "<h3>Round \(round.number) · \(h(round.kind.rawValue)) · \(h(round.status.rawValue))</h3>")
      lines.append(
        "<p class=\"muted\">opened \(h(round.openedAt)) by \(h(round.openedBy))"
          + (round.closedAt.map { ", closed \(h($0))" } ?? "")
          + (round.closeReason.map { ": \(h($0))" } ?? "") + "</p>")
      lines.append(
        Pages.table(
          ["Discipline", "Decision", "Reviewer", "Signed at", "Signature", "Comment"],
          record.signOffs.map { signOff in
            "<tr><td>\(h(signOff.discipline.rawValue))</td>"
              + "<td><span class=\"decision \(h(signOff.decision.rawValue))\">"
              + "\(h(signOff.decision.rawValue))</span></td><td>\(h(signOff.reviewer))</td>"
              + "<td>\(h(signOff.signedAt))</td>"
              + "<td>\(signOff.keyFingerprint.map { "Ed25519, key \(h(String($0.prefix(16))))..." } ?? "unsigned")</td>"
              + "<td>\(h(signOff.comment))</td></tr>"
          }))
    }

    lines.append("<h2>After launch</h2>")
    lines.append("<h3>Monitoring</h3>")
    lines.append(
      Pages.table(
        ["Monitoring", "Every", "Latest result"],
        document.afterLaunch.monitoring.map { standing in
          let latest = standing.latest.map {
            "\($0.passed ? "passed" : "<span class=\"severity error\">failed</span>") "
              + "\(h($0.value ?? "")) on \(h($0.measuredAt))"
          }
          return "<tr><td>\(h(standing.plan.metric))</td><td>\(standing.plan.cadenceDays) days</td>"
            + "<td>\(latest ?? "<span class=\"muted\">none yet</span>")</td></tr>"
        }))
    lines.append("<h3>Incidents</h3>")
    lines.append(
      Pages.table(
        ["Incident", "Severity", "Status", "Reports"],
        document.afterLaunch.incidents.map { record in
          let incident = record.incident
          let deadlines = record.deadlines.map {
            "\(h($0.regime)) due \(h($0.due)): \(h($0.standing))"
          }.joined(separator: "<br>")
          return "<tr><td>\(h(incident.reference)) \(h(incident.title))</td>"
            + "<td>\(h(incident.severity.rawValue))</td><td>\(h(incident.status.rawValue))</td>"
            + "<td>\(deadlines)</td></tr>"
        }))

    lines.append("<h2>Company controls</h2>")
    lines.append(
      Pages.table(
        ["Control", "Status", "Claim", "How it stands"],
        document.controls.map { control in
          let standing =
            control.contradiction.map {
              "<span class=\"severity error\">contradicted</span>: \(h($0))"
                + (control.exception.map { " (accepted by exception #\($0))" } ?? "")
            } ?? (control.claim == nil ? "" : "holds")
          return "<tr><td>\(h(control.control)) \(h(control.title))</td>"
            + "<td>\(h(control.status.rawValue))</td><td>\(h(control.claim?.rawValue ?? ""))</td>"
            + "<td>\(standing)</td></tr>"
        }))
    lines.append("<h3>Exceptions</h3>")
    lines.append(
      Pages.table(
        ["Exception", "Accepts", "Until", "Accepted by", "Not covered", "Why"],
        document.exceptions.map { exception in
          "<tr><td>#\(exception.id)</td><td>\(h(exception.subject))</td>"
            + "<td>\(h(exception.until))</td>"
            + "<td>\(h(exception.acceptedBy)) (\(h(exception.discipline.rawValue)))"
            + (exception.signature == nil ? "" : ", signed") + "</td>"
            + "<td>\(h(exception.notCovered))</td><td>\(h(exception.reason))</td></tr>"
        }))
    lines.append("<h3>Evidence</h3>")
    lines.append(
      Pages.table(
        ["Evidence", "Kind", "Collected", "Expires", "Supports", "Attested by", "SHA-256"],
        document.evidence.map { piece in
          let expires =
            piece.expiresOn.map {
              piece.expired ? "<span class=\"severity error\">expired \(h($0))</span>" : h($0)
            } ?? ""
          return "<tr><td>#\(piece.id) \(h(piece.title))</td><td>\(h(piece.kind.rawValue))</td>"
            + "<td>\(h(piece.collectedOn))</td><td>\(expires)</td>"
            + "<td>\(piece.supports.map { h($0) }.joined(separator: "<br>"))</td>"
            + "<td>\(piece.attestedBy.map { h($0) }.joined(separator: "<br>"))</td>"
            + "<td><code>\(h(String(piece.sha256.prefix(16))))...</code></td></tr>"
        }))

    lines.append("<h2>History</h2>")
    lines.append(
      Pages.table(
        ["Event", "Time", "Who", "What"],
        history.reversed().map { event in
          "<tr><td>\(event.seq)</td><td>\(h(event.at))</td><td>\(h(event.actor))</td>"
            + "<td><code>\(h(event.action))</code></td></tr>"
        }))
    return lines.joined(separator: "\n")
  }
}
