import AIGovKit
import Foundation
import Testing

@Suite struct GovernanceCommandTests {
  /// A fresh database with a provider, `email-ai` (owned by priya) with a high risk whose
  /// mitigation is planned, and reviewers for the five disciplines; elena signs with a key made by
  /// `reviewer keygen`.
  static func governed() throws -> CommandLineHarness {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    try harness.succeed([
      "provider", "add", "openai", "--name", "OpenAI", "--kind", "llm", "--subprocessor-listed",
      "--dpa-signed-on", "2024-02-01", "--no-training", "--retention-days", "0",
    ])
    try harness.succeed([
      "feature", "add", "email-ai", "--name", "Email AI", "--category", "generative",
      "--serving", "account-only", "--training", "none", "--purpose", "Draft emails", "--owner",
      "priya",
      "--audience", "end-consumers", "--eu-ai-act-tier", "limited", "--human-oversight",
      "human-in-the-loop", "--final-say", "customer", "--customer-control", "always-on",
    ])
    try harness.succeed(["feature", "link-provider", "email-ai", "openai", "--model", "gpt-4o"])
    try harness.succeed([
      "risk", "add", "email-ai", "--title", "Hallucinated offers", "--category",
      "accuracy-hallucination", "--likelihood", "4", "--impact", "4", "--owner", "priya",
    ])
    try harness.succeed([
      "mitigation", "add", "1", "--title", "Human review", "--kind", "process",
      "--owner", "priya",
    ])
    let keygen = try harness.succeed(["reviewer", "keygen", "--output", "elena.key.pem"])
    try Data(keygen.stdout.utf8).write(
      to: harness.directory.appendingPathComponent("elena.pub.pem"))
    for (handle, discipline) in [
      ("priya", "product"), ("sam", "product"), ("marcus", "engineering"), ("tom", "privacy"),
      ("aisha", "security"),
    ] {
      try harness.succeed([
        "reviewer", "add", handle, "--name", handle, "--email", "\(handle)@example.com",
        "--discipline", discipline,
      ])
    }
    try harness.succeed([
      "reviewer", "add", "elena", "--name", "Elena", "--email", "elena@example.com",
      "--discipline", "legal", "--public-key", "elena.pub.pem",
    ])
    return harness
  }

  @Test func aFeatureIsReviewedSignedLaunchedAndSentBackByAMaterialChange() throws {
    let harness = try Self.governed()
    let keyFile = harness.directory.appendingPathComponent("elena.key.pem").path
    let mode = try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions]
    #expect((mode as? NSNumber)?.intValue == 0o600)

    let opened = try harness.succeed(["review", "open", "email-ai"])
    #expect(opened.stderr.contains("opened round 1 (initial) for 'email-ai'"))
    try harness.succeed(["--actor", "sam", "review", "sign", "email-ai", "--decision", "approve"])
    let signed = try harness.succeed([
      "--actor", "elena", "review", "sign", "email-ai", "--decision", "approve", "--key",
      "elena.key.pem",
    ])
    #expect(!signed.stderr.contains("warning"))
    // A key others can read still signs, with a warning.
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
    let exposed = try harness.succeed([
      "--actor", "elena", "review", "sign", "email-ai", "--decision", "approve", "--key",
      "elena.key.pem",
    ])
    #expect(
      exposed.stderr.contains(
        "warning: the private key 'elena.key.pem' can be read by other users (mode 644)"))
    try harness.succeed(
      [
        "review", "sign", "email-ai", "--decision", "changes-requested", "--comment",
        "How long are drafts kept?",
      ], environment: ["AIGOV_ACTOR": "tom"])
    let matrix = try harness.succeed(["review", "status"]).stdout
    #expect(
      matrix == """
        FEATURE   STATUS     ROUND   PRODUCT  ENGINEERING  LEGAL    PRIVACY  SECURITY
        email-ai  in-review  1 open  approve  missing      approve  changes  missing

        """)
    let detail = try harness.succeed(["review", "status", "email-ai"]).stdout
    #expect(detail.contains("    legal        approve   elena  2026-11-22T10:00:00Z  signed\n"))
    #expect(
      detail.contains(
        "    privacy      changes   tom    2026-11-22T10:00:00Z  \"How long are drafts kept?\"\n"))
    #expect(detail.contains("still needed: engineering, privacy, security"))

    for (actor, extra) in [("tom", [String]()), ("marcus", []), ("aisha", [])] {
      try harness.succeed(
        ["--actor", actor, "review", "sign", "email-ai", "--decision", "approve"] + extra)
    }
    #expect(
      try harness.succeed(["feature", "show", "email-ai"]).stdout.contains(
        "status                approved"))

    // Launching with the high risk unmitigated is refused and changes nothing.
    let before = try harness.snapshot()
    let refused = try harness.run(["feature", "set-status", "email-ai", "launched"])
    #expect(refused.status == 1)
    #expect(
      refused.stderr
        == "error: feature 'email-ai' cannot launch: 1 high or critical risk has no implemented "
        + "or verified mitigation: #1 'Hallucinated offers' (high)\n")
    #expect(try harness.snapshot() == before)
    try harness.succeed(["mitigation", "edit", "1", "--status", "implemented"])
    try harness.succeed(["feature", "set-status", "email-ai", "launched"])

    // A non-material edit voids nothing; a material one sends the feature back to review.
    let quiet = try harness.succeed(["feature", "edit", "email-ai", "--description", "Drafts"])
    #expect(!quiet.stderr.contains("material change"))
    let material = try harness.succeed([
      "feature", "edit", "email-ai", "--human-oversight", "autonomous",
    ])
    #expect(
      material.stderr.contains(
        "warning: material change to 'email-ai' (human oversight): voided round 1 with 7 "
          + "sign-offs; it is back in review as round 2"))
    let show = try harness.succeed(["feature", "show", "email-ai"]).stdout
    #expect(
      show.contains("status                in-review: material change to human oversight by event"))
    #expect(show.contains("round 1  initial, opened 2026-11-22T10:00:00Z, voided"))
    #expect(try harness.succeed(["audit", "verify"]).stdout.contains("2 of them signed"))
  }

  @Test func checkFailsTheBuildOnErrorsAndWithStrictOnWarnings() throws {
    let harness = try Self.governed()
    let clean = try harness.run(["check"])
    #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    #expect(clean.stderr == "check passed: 0 errors, 0 warnings in 1 live feature\n")
    try harness.succeed(["provider", "edit", "openai", "--no-subprocessor-listed"])
    let warned = try harness.run(["check"])
    #expect(warned.status == 0)
    #expect(warned.stdout.contains("warning   email-ai  unlisted-subprocessor"))
    #expect(try harness.run(["check", "--strict"]).status == 2)
    try harness.succeed(["feature", "edit", "email-ai", "--add-data-category", "children"])
    let failed = try harness.run(["check", "--format", "json"])
    #expect(failed.status == 2)
    #expect(failed.stderr == "error: check failed: 1 error, 1 warning in 1 live feature\n")
    let report = try JSONValue(parsing: failed.stdout)
    let findings = try #require(report["findings"]?.array)
    #expect(findings.map { $0["rule"]?.string } == ["forbidden-data", "unlisted-subprocessor"])
    #expect(findings.first?["severity"]?.string == "error")
    #expect(findings.first?["feature"]?.string == "email-ai")
    #expect(findings.first?["message"]?.string?.contains("children") == true)
  }

  @Test func settingsAreReadAndChangedThroughConfig() throws {
    let harness = try Self.governed()
    #expect(
      try harness.succeed(["config", "get", "review.required-disciplines"]).stdout
        == "product,engineering,legal,privacy,security\n")
    let set = try harness.succeed(["config", "set", "check.min-aggregation-size", "100"])
    #expect(set.stderr == "check.min-aggregation-size is now 100 (was 50)\n")
    let list = try harness.succeed(["config", "list"]).stdout
    #expect(list.contains("check.min-aggregation-size   100"))
    let grace = list.split(separator: "\n").first { $0.hasPrefix("check.review-grace-days ") }
    #expect(grace?.contains("(default)") == true)
    #expect(
      list.split(separator: "\n").first { $0.hasPrefix("check.min-aggregation-size ") }?
        .contains("(default)") == false)
    #expect(
      try harness.succeed(["audit", "log", "--entity", "setting"]).stdout.contains("setting.update")
    )
    // A company statement: the list shows its start, get prints it whole.
    let statement =
      "  We hold ISO 27001 certification and a SOC 2 Type II report.\nBoth are audited.  "
    try harness.succeed(["config", "set", "public.security", statement])
    #expect(
      try harness.succeed(["config", "get", "public.security"]).stdout
        == "We hold ISO 27001 certification and a SOC 2 Type II report.\nBoth are audited.\n")
    let row = try harness.succeed(["config", "list"]).stdout.split(separator: "\n")
      .first { $0.hasPrefix("public.security ") }
    #expect(row?.contains("We hold ISO 27001 certification and a SOC 2 Typ…") == true)
    #expect(try harness.succeed(["report", "public"]).stdout.contains("## Security"))
  }

  @Test func verifyNamesARecordChangedBehindTheToolsBack() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    do {
      let database = try Database(path: harness.database, mode: .existing)
      try database.executeScript("UPDATE providers SET no_training = 0 WHERE key = 'openai'")
    }
    let outcome = try harness.run(["audit", "verify"])
    #expect(outcome.status == 1)
    #expect(
      outcome.stderr.hasPrefix("error: audit trail broken: provider 'openai' differs from event"))
    #expect(outcome.stderr.hasSuffix(" in no_training\n"))
    #expect(outcome.stdout.contains("audit trail NOT intact"))
  }

  @Test func thePublicDisclosureIsWrittenInEachFormat() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let markdown = try harness.succeed(["report", "public"])
    #expect(markdown.stdout.hasPrefix("# How Larkspur uses AI\n"))
    let written = try harness.succeed([
      "report", "public", "--format", "html", "--output", "ai.html",
    ])
    #expect(written.stdout.isEmpty && written.stderr == "wrote 'ai.html'\n")
    let html = try String(
      contentsOf: harness.directory.appendingPathComponent("ai.html"), encoding: .utf8)
    // Self-contained: links to follow, but nothing fetched.
    #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script"))
    #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("url("))
    let json = try harness.succeed(["report", "public", "--format", "json"]).stdout
    #expect(try JSONValue(parsing: json)["sections"]?.array?.isEmpty == false)
  }

  @Test func theQuarterlyReviewIsWrittenInEachFormat() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    // The harness's clock stands in 2026-Q4: that is the default quarter.
    let markdown = try harness.succeed(["report", "quarterly"])
    #expect(markdown.stdout.hasPrefix("# AI governance review, 2026-Q4\n"))
    let written = try harness.succeed([
      "report", "quarterly", "--quarter", "2026-Q3", "--format", "html", "--output", "q3.html",
    ])
    #expect(written.stdout.isEmpty && written.stderr == "wrote 'q3.html'\n")
    let html = try String(
      contentsOf: harness.directory.appendingPathComponent("q3.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
    // Nothing is fetched: no script, stylesheet, image or font from anywhere (an evidence URL is
    // text, never a link).
    #expect(
      !html.contains("<script") && !html.contains("src=") && !html.contains("<link")
        && !html.contains("url(") && !html.contains("href=\"http"))
    let json = try harness.succeed([
      "report", "quarterly", "--quarter", "2026-q3", "--format", "json",
    ])
    #expect(try JSONValue(parsing: json.stdout)["quarter"]?.string == "2026-Q3")
    // The last quarter a four-digit year can name still has a next quarter to look ahead to.
    let far = try harness.succeed([
      "report", "quarterly", "--now", "9999-12-01", "--format", "json",
    ])
    #expect(try JSONValue(parsing: far.stdout)["quarter"]?.string == "9999-Q4")
  }

  /// Links the project's `Fixtures` into the harness's folder, as the README's blocks expect.
  static func linkFixtures(into harness: CommandLineHarness) throws {
    try FileManager.default.createSymbolicLink(
      at: harness.directory.appendingPathComponent("Fixtures"),
      withDestinationURL: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures"))
  }

  /// A fenced `sh` block of the README, found by the comment that marks it.
  static func readmeBlock(_ marker: String) throws -> String {
    let readme = try String(
      contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../README.md"), encoding: .utf8)
    let start = try #require(readme.range(of: "<!-- \(marker) -->\n```sh\n"))
    let end = try #require(readme[start.upperBound...].range(of: "\n```\n"))
    return String(readme[start.upperBound..<end.lowerBound])
  }

  /// The README's walkthrough from proposed to launched, run as written on the sample.
  @Test func theReadmesReviewWalkthroughRuns() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try Self.linkFixtures(into: harness)
    let outcome = try harness.shell(try Self.readmeBlock("review-walkthrough"))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("'win-back' cannot launch"))
    #expect(outcome.stderr.contains("feature 'win-back' is now launched"))
    #expect(outcome.stderr.contains("warning: material change to 'win-back'"))
    let status = try harness.succeed(["review", "status", "win-back"]).stdout
    #expect(status.contains("round 2 (material-change), open"))
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
  }

  /// The README's controls and exceptions walkthroughs, run as written on the sample.
  @Test func theReadmesControlWalkthroughsRun() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try Self.linkFixtures(into: harness)
    let controls = try harness.shell(try Self.readmeBlock("controls-walkthrough"))
    #expect(controls.status == 0, "\(controls.stderr)")
    #expect(controls.stdout.contains("customers-switch-off"))
    #expect(controls.stdout.contains("every generative feature"))
    #expect(
      controls.stdout.contains(
        "claim-contradicted   is in the scope of control 'customers-switch-off', which claims "
          + "customers-can-turn-off, but its customer control is always-on"),
      "\(controls.stdout)")
    #expect(
      controls.stdout.contains("implemented  Priya Raman  generated-content-review"),
      "\(controls.stdout)")
    let exceptions = try harness.shell(try Self.readmeBlock("exceptions-walkthrough"))
    #expect(exceptions.status == 0, "\(exceptions.stderr)")
    #expect(
      exceptions.stderr.contains("for 'email-ai' (rule provider-terms) until 2027-01-31 (signed)"))
    #expect(exceptions.stdout.contains("Signature Verified Successfully"), "\(exceptions.stdout)")
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
    let evidence = try harness.shell(try Self.readmeBlock("evidence-walkthrough"))
    #expect(evidence.status == 0, "\(evidence.stderr)")
    #expect(evidence.stderr.contains("elena attested evidence 6 for legal (signed)"))
    let stored = try Data(contentsOf: harness.directory.appendingPathComponent("copy.txt"))
    #expect(String(decoding: stored, as: UTF8.self).hasPrefix("Section 4.2"))
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
    // The revision renewed the expired review log; the new control still has none.
    let check = try harness.run(["check"]).stdout
    #expect(!check.contains("control 'training-data-review' is in place but"))
    #expect(check.contains("control 'customers-switch-off' is in place but it has no evidence"))
  }

  /// The README's frameworks walkthrough, run as written on the sample.
  @Test func theReadmesFrameworksWalkthroughRuns() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let outcome = try harness.shell(try Self.readmeBlock("frameworks-walkthrough"))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("iso-iec-42001"))
    #expect(outcome.stdout.contains("Art. 50(2)  Generated content is marked"))
    #expect(outcome.stdout.contains("### Statement of Applicability"))
    #expect(outcome.stdout.contains("| A.4.5 | Computing resources are recorded | no |"))
    #expect(outcome.stderr.contains("updated control ai-disclosure (answers nist-ai-rmf MAP 1.1)"))
    let csv = try String(
      contentsOf: harness.directory.appendingPathComponent("eu-ai-act.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("framework,feature,requirement,cited,title,status,why,controls"))
    #expect(csv.contains("eu-ai-act,brand-voice-ai,art-50-2,Art. 50(2)"))
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
  }

  /// The README's import of a company's own framework and of its new version, run as written.
  @Test func theReadmesFrameworkImportWalkthroughRuns() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let outcome = try harness.shell(try Self.readmeBlock("framework-import-walkthrough"))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(
      outcome.stdout.contains("Acme AI policy (acme-ai-policy), version 2026-1: 2 requirements"))
    #expect(outcome.stdout.contains("replacing version 2026-1\n  added: P2a\n  removed: P2"))
    #expect(
      outcome.stdout.contains(
        "answers naming a removed requirement (kept; remap them): control ai-disclosure → P2"))
    #expect(outcome.stdout.contains("framework-answer-orphaned"))
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
  }

  /// The README's monitoring and incident walkthroughs, run as written on the sample.
  @Test func theReadmesAfterLaunchWalkthroughsRun() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let monitoring = try harness.shell(try Self.readmeBlock("monitoring-walkthrough"))
    #expect(monitoring.status == 0, "\(monitoring.stderr)")
    #expect(monitoring.stderr.contains("recorded auc of 'churn-risk' = 0.72: FAIL"))
    #expect(monitoring.stdout.contains("fairness-review"))
    let incidents = try harness.shell(try Self.readmeBlock("incident-walkthrough"))
    #expect(incidents.status == 0, "\(incidents.stderr)")
    #expect(incidents.stderr.contains("its eu-ai-act-art-73 report due 2026-12-06T07:15:00Z: due"))
    #expect(incidents.stdout.contains("INC-2420") && incidents.stdout.contains(": met, made"))
    #expect(try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact"))
  }

  /// The README's short tour, run as written on an empty folder.
  @Test func theReadmesShortTourRuns() throws {
    let harness = try CommandLineHarness()
    let outcome = try harness.shell(try Self.readmeBlock("short-tour"))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stderr.contains("check passed: 0 errors"))
    #expect(outcome.stdout.contains("audit trail intact"))
    #expect(
      try harness.succeed(["feature", "show", "email-ai"]).stdout.contains(
        "audience              customers"))
  }

  /// The README's checkpoint and keys of an auditor, run as written on the sample.
  @Test func theReadmesAuditorCheckRuns() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try Self.linkFixtures(into: harness)
    let outcome = try harness.shell(try Self.readmeBlock("auditor-checkpoint"))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("Signature Verified Successfully"))
    #expect(outcome.stdout.contains("checkpoints: 1 held, the trail agrees with every one"))
    #expect(outcome.stdout.contains("keys: every key and signature agrees with the auditor's keys"))
    #expect(outcome.stdout.contains("audit trail intact since the checkpoint of event 641"))
    #expect(outcome.stdout.contains("records: 1 touched since"))
    // The full verification kept the state of the rules, and the check since resumed from it.
    #expect(
      outcome.stderr.contains(
        "kept the state of the rules at event 641 in held/checkpoint-641.state"))
    #expect(outcome.stderr.contains("the rules resumed from held/checkpoint-641.state"))
  }

  /// The README's key replacement signed where the old key lives, run as written on the sample.
  @Test func theReadmesKeyReplacementRuns() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    try Self.linkFixtures(into: harness)
    let outcome = try harness.shell(try Self.readmeBlock("key-replacement"))
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("governance: every event replayed through the rules"))
    let elena = try JSONValue(
      parsing: try harness.succeed(["reviewer", "list", "--format", "json"]).stdout
    ).array?.first { $0["handle"]?.string == "elena" }
    let keys = try #require(elena?["keys"]?.array)
    #expect(keys.last?["endorsed_by"]?.string == keys.dropLast().last?["fingerprint"]?.string)
  }

  /// The README's offline check, run exactly as written against a real signed sign-off.
  @Test func theReadmesOfflineSignatureCheckWorks() throws {
    let script = try Self.readmeBlock("offline-verification")
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let outcome = try harness.shell(script)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("Signature Verified Successfully"))
    #expect(outcome.stdout.contains(#""feature":"email-ai""#))
    // The fingerprint OpenSSL computes is the one aigov recorded.
    let message = try String(
      contentsOf: harness.directory.appendingPathComponent("message.json"), encoding: .utf8)
    let fingerprint = try #require(
      try JSONValue(parsing: message)["key_fingerprint"]?.string)
    #expect(outcome.stdout.contains(fingerprint))
    // Python's cryptography agrees, and a changed byte fails both.
    let python = """
      from cryptography.hazmat.primitives.serialization import load_pem_public_key
      key = load_pem_public_key(open("reviewer.pub.pem", "rb").read())
      key.verify(open("signature.bin", "rb").read(), open("message.json", "rb").read())
      """
    #expect(try harness.shell("python3 -c '\(python)'").status == 0)
    try Data(message.replacingOccurrences(of: "approve", with: "reject").utf8).write(
      to: harness.directory.appendingPathComponent("message.json"))
    #expect(try harness.shell("python3 -c '\(python)'").status != 0)
    let forged = try harness.shell(
      "openssl pkeyutl -verify -pubin -inkey reviewer.pub.pem -rawin -in message.json "
        + "-sigfile signature.bin")
    #expect(forged.status != 0)
  }

  /// The README's check of an export without aigov: every signature, every evidence file and
  /// every approval's content hash hold on the sample, from CSV and from JSON, and a changed
  /// record, message or file is named.
  @Test func theReadmesExportAuditHoldsAndCatchesChanges() throws {
    let block = try Self.readmeBlock("export-audit")
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let csv = try harness.shell(block)
    #expect(csv.status == 0, "\(csv.stderr)")
    let counts = csv.stdout.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    #expect(csv.stdout.hasSuffix("approvals recomputed: all hold\n"), "\(csv.stdout)")
    #expect(counts.count == 3 && counts[0] > 70 && counts[1] == 5 && counts[2] > 20, "\(counts)")
    let script = try #require(block.range(of: "python3 - audit-2026-q4 <<'PY'\n"))
    let python = String(block[script.upperBound...].dropLast("PY".count))
    try Data(python.utf8).write(to: harness.directory.appendingPathComponent("audit.py"))
    _ = try harness.succeed(["export", "--format", "json", "--output", "json-export"])
    let json = try harness.shell("python3 audit.py json-export")
    #expect(json.status == 0 && json.stdout.hasSuffix("all hold\n"), "\(json.stdout)")

    // A provider's retention changed in the file: every approval that covers it no longer holds.
    let retention = """
      import csv
      path = "audit-2026-q4/providers.csv"
      rows = list(csv.DictReader(open(path, newline="")))
      rows[0]["retention_days"] = "30"
      with open(path, "w", newline="") as file:
          writer = csv.DictWriter(file, fieldnames=list(rows[0]))
          writer.writeheader()
          writer.writerows(rows)
      """
    try Data(retention.utf8).write(to: harness.directory.appendingPathComponent("retain.py"))
    #expect(try harness.shell("python3 retain.py").status == 0)
    let changed = try harness.shell("python3 audit.py audit-2026-q4")
    #expect(changed.status == 1)
    #expect(changed.stdout.contains("its content hash is not the one round"), "\(changed.stdout)")

    // A signed message changed in the JSON file: its signature is named.
    let signatures = harness.directory.appendingPathComponent("json-export/signatures.json")
    let text = try String(contentsOf: signatures, encoding: .utf8)
    try Data(
      text.replacingOccurrences(of: #"\"decision\":\"approve\""#, with: #"\"decision\":\"reject\""#)
        .utf8
    )
    .write(to: signatures)
    let forged = try harness.shell("python3 audit.py json-export")
    #expect(forged.status == 1)
    #expect(forged.stdout.contains("signoff 3: the signature does not verify"), "\(forged.stdout)")

    // An evidence file swapped for other bytes.
    let file = try #require(
      try FileManager.default.contentsOfDirectory(
        atPath: harness.directory.appendingPathComponent("json-export/evidence").path
      ).sorted().first)
    try Data("other bytes".utf8).write(
      to: harness.directory.appendingPathComponent("json-export/evidence/\(file)"))
    let swapped = try harness.shell("python3 audit.py json-export")
    #expect(swapped.stdout.contains("the file does not match its SHA-256"), "\(swapped.stdout)")
  }
}
