import AIGovKit
import Foundation
import Testing

@testable import aigov

@Suite struct CommandTests {
  @Test func aGovernanceLeadRecordsAFeatureFromScratch() throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    let attributes = try FileManager.default.attributesOfItem(atPath: harness.database)
    #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

    try harness.succeed([
      "provider", "add", "openai", "--name", "OpenAI", "--kind", "llm", "--subprocessor-listed",
      "--dpa-signed-on", "2024-02-01", "--no-training", "--retention-days", "0",
    ])
    let added = try harness.succeed([
      "feature", "add", "email-ai", "--name", "Email AI", "--category", "generative",
      "--serving", "account-only", "--training", "none", "--purpose", "Draft emails", "--owner",
      "priya",
      "--audience", "end-consumers", "--customer-control", "opt-in", "--data-category",
      "message-content", "--final-say", "customer", "--human-oversight", "human-in-the-loop",
    ])
    #expect(added.stderr.contains("added feature 'email-ai' (proposed)"))
    try harness.succeed([
      "feature", "link-provider", "email-ai", "openai", "--model", "gpt-4o", "--purpose", "drafts",
    ])
    let risk = try harness.succeed([
      "risk", "add", "email-ai", "--title", "Hallucinated offers", "--category",
      "accuracy-hallucination", "--likelihood", "4", "--impact", "4", "--owner", "priya",
    ])
    #expect(risk.stdout == "1\n")
    #expect(risk.stderr.contains("score 16, high"))
    let mitigation = try harness.succeed([
      "mitigation", "add", "1", "--title", "Human review before sending", "--kind", "process",
      "--owner", "priya", "--due-on", "2026-12-31",
    ])
    #expect(mitigation.stdout == "1\n")
    try harness.succeed([
      "mitigation", "edit", "1", "--status", "implemented", "--evidence", "https://wiki/x",
    ])
    try harness.succeed(["risk", "edit", "1", "--status", "mitigating"])
    try harness.succeed([
      "feature", "edit", "email-ai", "--team", "Content", "--eu-ai-act-tier", "limited",
    ])
    try harness.succeed(["provider", "edit", "openai", "--notes", "zero data retention"])
    try harness.succeed([
      "reviewer", "add", "elena", "--name", "Elena Novak", "--email", "elena@example.com",
      "--discipline", "legal", "--discipline", "privacy",
    ])

    let show = try harness.succeed(["feature", "show", "email-ai"]).stdout
    for expected in [
      "Email AI (email-ai)", "status                proposed",
      "owner                 priya (Content)",
      "EU AI Act tier        limited", "data                  message-content",
      "OpenAI (openai) / gpt-4o: drafts",
      "DPA in place (signed 2024-02-01); no training on our data; zero retention; listed "
        + "subprocessor",
      "serving use           account-only", "training use          none",
      "audience              end-consumers", "final say             customer",
      "#1 Hallucinated offers [accuracy-hallucination] 4x4=16 high, mitigating, owner priya",
      "- #1 Human review before sending (process, implemented, owner priya, due 2026-12-31) evidence: https://wiki/x",
    ] {
      #expect(show.contains(expected), "missing from feature show: \(expected)\n\(show)")
    }
    let list = try harness.succeed(["feature", "list"]).stdout
    #expect(
      list == """
        KEY       NAME      CATEGORY    AUDIENCE       STATUS    OWNER
        email-ai  Email AI  generative  end-consumers  proposed  priya

        """)
    for filter in [
      ["--serving", "account-only"], ["--training", "none"], ["--text", "EMAIL"],
      ["--text", "draft"],
    ] {
      #expect(try harness.succeed(["feature", "list"] + filter).stdout == list, "\(filter)")
    }
    for filter in [
      ["--serving", "cross-account"], ["--training", "aggregated"], ["--text", "'--"],
    ] {
      #expect(
        try harness.succeed(["feature", "list"] + filter).stderr.contains("no features match"),
        "\(filter)")
    }
    #expect(
      try harness.succeed(["provider", "list"]).stdout.contains(
        "openai  OpenAI  llm   yes, 2024-02-01  yes"))
    #expect(
      try harness.succeed(["provider", "show", "openai"]).stdout.contains(
        "email-ai / gpt-4o: drafts"))
    #expect(
      try harness.succeed(["reviewer", "list"]).stdout.contains(
        "elena   Elena Novak  elena@example.com  legal, privacy"))
    #expect(try harness.succeed(["risk", "list"]).stdout.contains("Hallucinated offers"))

    try harness.succeed(["feature", "unlink-provider", "email-ai", "openai"])
    try harness.succeed(["feature", "retire", "email-ai", "--reason", "replaced"])
    #expect(
      try harness.succeed(["feature", "list", "--status", "retired"]).stdout.contains("email-ai"))

    let log = try harness.succeed(["audit", "log"]).stdout
    let actions = [
      "provider.create", "feature.create", "feature.link-provider", "risk.create",
      "mitigation.create", "mitigation.update", "risk.update", "feature.update",
      "provider.update", "reviewer.create", "feature.unlink-provider", "feature.retire",
    ]
    for action in actions { #expect(log.contains(action)) }
    #expect(try harness.count("audit_events") == actions.count)
    let verify = try harness.succeed(["audit", "verify"])
    #expect(
      verify.stdout.hasPrefix("audit trail intact: \(actions.count) events, head \(actions.count) ")
    )
  }

  @Test func demoBuildsTheWholeSample() throws {
    let harness = try CommandLineHarness()
    let demo = try harness.succeed(["demo"])
    #expect(demo.stdout.contains("features            24"))
    #expect(demo.stdout.contains("agentic 2, predictive 13, generative 6, automation 3"))
    #expect(demo.stdout.contains("customers 19, end-consumers 4, internal 1"))
    let data = Data(try harness.succeed(["feature", "list", "--format", "json"]).stdout.utf8)
    let features = try JSONDecoder().decode([JSONValue].self, from: data)
    let names = Set(features.compactMap { $0["name"]?.string })
    let expected: Set<String> = [
      "Marketing Agent", "Customer Agent", "Customer lifetime value", "Expected next order date",
      "Best cross-sell date", "Product recommendations", "Next best product",
      "Predicted number of orders", "Churn risk", "Personalized send time",
      "Personalized campaigns", "Channel affinity", "RFM analysis", "Smart send time",
      "Subject Line Generator", "Email AI", "Image Remix", "Brand voice AI", "Segments AI",
      "Flows AI", "Benchmarks", "Support assistant", "Send time (first model)", "Review summaries",
    ]
    #expect(names == expected)
    let llm = try harness.succeed(["feature", "list", "--provider", "anthropic"]).stdout
    #expect(llm.contains("email-ai") && llm.contains("marketing-agent"))
    let agent = try harness.succeed(["feature", "show", "customer-agent"]).stdout
    #expect(
      agent.contains(
        "(anthropic-bedrock) / claude-haiku: conversation\n    reached through aws-bedrock\n"))
    let verified = try harness.succeed(["audit", "verify", "--format", "json"]).stdout
    let head = try #require(
      try JSONDecoder().decode(JSONValue.self, from: Data(verified.utf8))["head_hash"]?.string)
    #expect(
      try harness.succeed(["audit", "verify", "--head", head]).stdout.hasPrefix(
        "audit trail intact"))
    let replaced = try harness.succeed(["demo", "--force"])
    #expect(replaced.stdout.contains("features            24"))
  }

  @Test func jsonOutputParsesAndHasSortedKeys() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    for arguments in [
      ["feature", "list", "--format", "json"], ["feature", "show", "email-ai", "--format", "json"],
      ["provider", "list", "--format", "json"], ["risk", "list", "--format", "json"],
      ["mitigation", "list", "--format", "json"],
      ["audit", "log", "--last", "3", "--format", "json"], ["audit", "verify", "--format", "json"],
    ] {
      let outcome = try harness.succeed(arguments)
      let value = try JSONDecoder().decode(JSONValue.self, from: Data(outcome.stdout.utf8))
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      let sorted = String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
      #expect(outcome.stdout == sorted, "\(arguments) is not printed with sorted keys")
    }
    let show = try JSONDecoder().decode(
      JSONValue.self,
      from: Data(
        try harness.succeed(["feature", "show", "email-ai", "--format", "json"]).stdout.utf8))
    #expect(show["feature"]?["key"] == .string("email-ai"))
    #expect(show["providers"]?.array?.count == 4)
    #expect(show["risks"]?.array?.first?["risk"]?["score"] == .integer(16))
  }

  /// Every mitigation is listed once, under its feature; each filter narrows the listing, and
  /// JSON carries each mitigation's record with its feature's key.
  @Test func mitigationsAreListedByFeatureAndFiltered() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    func listed(_ filters: [String]) throws -> [JSONValue] {
      let outcome = try harness.succeed(["mitigation", "list", "--format", "json"] + filters)
      return try JSONDecoder().decode(JSONValue.self, from: Data(outcome.stdout.utf8)).array ?? []
    }
    let all = try listed([])
    let database = try Database(path: harness.database, mode: .existing)
    let count = try database.queryOne("SELECT count(*) AS n FROM mitigations")?.integer("n")
    #expect(all.count == count)
    #expect(all.allSatisfy { $0["feature"]?.string != nil && $0["title"]?.string != nil })
    let emailAI = try listed(["--feature", "email-ai"])
    #expect(!emailAI.isEmpty && emailAI.count < all.count)
    #expect(emailAI.allSatisfy { $0["feature"] == .string("email-ai") })
    let planned = try listed(["--status", "planned"])
    #expect(!planned.isEmpty && planned.allSatisfy { $0["status"] == .string("planned") })
    let published = try listed(["--public"])
    let unpublished = try listed(["--no-public"])
    #expect(published.allSatisfy { $0["public_statement"]?.string != nil })
    #expect(unpublished.allSatisfy { $0["public_statement"] == nil })
    #expect(published.count + unpublished.count == all.count)
    let risk = try #require(emailAI.first?["risk_id"])
    guard case .integer(let number) = risk else {
      Issue.record("risk_id \(risk)")
      return
    }
    let ofRisk = try listed(["--risk", String(number)])
    #expect(!ofRisk.isEmpty && ofRisk.allSatisfy { $0["risk_id"] == risk })
    let text = try harness.succeed(["mitigation", "list"]).stdout
    #expect(text.hasPrefix("ID  FEATURE"))
    #expect(text.contains("not in place") && text.contains("published"))
    let none = try harness.run(["mitigation", "list", "--owner", "nobody-at-all"])
    #expect(none.status == 0 && none.stdout.isEmpty && none.stderr.contains("no mitigations match"))
  }

  @Test func globalOptionsMayComeBeforeTheSubcommand() throws {
    let harness = try CommandLineHarness()
    let other = harness.directory.appendingPathComponent("other.sqlite").path
    try harness.succeed(["--db", other, "demo"])
    let list = try harness.run(["--db=\(other)", "--format", "json", "reviewer", "list"])
    #expect(list.status == 0)
    #expect(list.stdout.contains("\"handle\" : \"priya\""))
    #expect(!FileManager.default.fileExists(atPath: harness.database))
  }

  @Test func colourOnlyWhenAsked() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    #expect(!(try harness.succeed(["risk", "list"]).stdout.contains("\u{1B}[")))
    #expect(
      try harness.succeed(["risk", "list", "--color", "always"]).stdout.contains(
        "\u{1B}[31mcritical"))
  }

  @Test func binaryCopiedAloneToAnEmptyFolderWorks() throws {
    let harness = try CommandLineHarness()
    let folder = harness.directory.appendingPathComponent("alone")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let copy = folder.appendingPathComponent("aigov")
    try ChildProcess.copyProgram(from: CommandLineHarness.binary.path, to: copy.path)
    let initialised = try harness.run(["init"], binary: copy)
    #expect(initialised.status == 0, "\(initialised.stderr)")
    #expect(initialised.stderr.contains("schema version \(Registry.migrator.latestVersion)"))
    let demo = try harness.run(
      ["demo", "--db", folder.appendingPathComponent("demo.sqlite").path], binary: copy)
    #expect(demo.status == 0, "\(demo.stderr)")
  }

  @Test func versionNamesTheNewestSchemaVersion() throws {
    let version = try CommandLineHarness().succeed(["--version"]).stdout
    #expect(version == "0.1.0 (database schema version \(Registry.migrator.latestVersion))\n")
  }

  /// Output that cannot be written (a full disk behind a redirect) is an error, not a silent loss.
  @Test func outputThatCannotBeWrittenEndsWithTheInternalErrorStatus() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let full = try harness.shell("aigov feature list > /dev/full")
    #expect(full.status == 70)
    #expect(full.stderr == "error: cannot write the output: No space left on device\n")
  }

  /// The bash completion script parses, and completing `aigov feature ` offers its subcommands.
  @Test func bashCompletionOffersTheSubcommands() throws {
    let harness = try CommandLineHarness()
    let script = try harness.succeed(["--generate-completion-script", "bash"]).stdout
    try script.write(
      to: harness.directory.appendingPathComponent("aigov.bash"), atomically: true, encoding: .utf8)
    let completed = try harness.shell(
      """
      set +eu  # as in an interactive shell, where completion scripts run
      source aigov.bash
      COMP_WORDS=(aigov feature ""); COMP_CWORD=2; COMP_LINE="aigov feature "
      COMP_POINT=${#COMP_LINE}
      _aigov
      printf '%s\n' "${COMPREPLY[@]}"
      """)
    #expect(completed.status == 0, "\(completed.stderr)")
    let offered = Set(completed.stdout.split(separator: "\n").map(String.init))
    #expect(offered.isSuperset(of: ["add", "list", "show", "link-provider", "set-status"]))
  }

  @Test func twoProcessesWritingAtOnceLoseNothing() async throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    let failures = try await withThrowingTaskGroup(of: [String].self) { group in
      for writer in ["a", "b"] {
        group.addTask {
          var failures: [String] = []
          for index in 0..<200 {
            let outcome = try harness.run([
              "feature", "add", "\(writer)-\(index)", "--name", "Feature \(index)", "--category",
              "automation", "--serving", "account-only", "--training", "none", "--purpose", "load",
              "--owner", writer,
            ])
            if outcome.status != 0 { failures.append(outcome.stderr) }
          }
          return failures
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    #expect(failures.isEmpty, "\(failures.prefix(3))")
    #expect(try harness.count("features") == 400)
    #expect(try harness.count("audit_events") == 400)
    #expect(
      try harness.succeed(["audit", "verify"]).stdout.hasPrefix("audit trail intact: 400 events"))
  }

  @Test func tamperingBehindTheToolsBackIsNamed() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    do {
      let database = try Database(path: harness.database, mode: .existing)
      try database.executeScript(
        """
        DROP TRIGGER audit_events_no_update;
        UPDATE audit_events SET actor = 'mallory' WHERE seq = 17;
        CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
        """)
    }
    let outcome = try harness.run(["audit", "verify"])
    #expect(outcome.status == 1)
    #expect(outcome.stderr.contains("error: audit trail broken: event 17"))
    #expect(outcome.stdout.contains("NOT intact"))
  }

  @Test func monitoringIsPlannedRecordedAndJudged() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let planned = try harness.succeed(["monitor", "list", "--format", "json"]).stdout
    let plan = try harness.succeed([
      "monitor", "plan", "churn-risk", "--metric", "acceptance-rate", "--at-least", "0.80",
      "--every", "30", "--owner", "priya",
    ])
    let plans = try JSONSerialization.jsonObject(with: Data(planned.utf8)) as? [Any]
    #expect(plan.stdout == "\((plans?.count ?? 0) + 1)\n")
    try harness.succeed([
      "monitor", "plan", "churn-risk", "--metric", "tone-review", "--check", "--every", "90",
      "--owner", "wei",
    ])
    let passed = try harness.succeed([
      "monitor", "record", "churn-risk", "--metric", "acceptance-rate", "--value", "0.80",
      "--measured-at", "2026-11-01",
    ])
    #expect(passed.stderr.contains("recorded acceptance-rate of 'churn-risk' = 0.80: pass"))
    let failed = try harness.succeed([
      "monitor", "record", "churn-risk", "--metric", "acceptance-rate", "--value", "0.7999",
    ])
    #expect(failed.stderr.contains("= 0.7999: FAIL"))
    try harness.succeed(["monitor", "record", "churn-risk", "--metric", "tone-review", "--pass"])
    let list = try harness.succeed(["monitor", "list", "churn-risk"]).stdout
    #expect(list.contains("acceptance-rate  at-least 0.80"))
    #expect(list.contains("0.7999 FAIL") && list.contains("a person judges"))
    let results = try harness.succeed(["monitor", "list", "--format", "json"]).stdout
    #expect(results.contains("\"metric\" : \"tone-review\""))
    #expect(try harness.succeed(["audit", "verify"]).status == 0)
  }

  @Test func anIncidentIsOpenedReportedHeldAndClosed() throws {
    let harness = try CommandLineHarness()
    try harness.loadSample()
    let opened = try harness.succeed([
      "incident", "open", "INC-3001", "--feature", "marketing-agent", "--category",
      "harmful-output",
      "--severity", "critical", "--serious", "widespread", "--occurred-at", "2026-11-21",
      "--aware-at", "2026-11-21T12:00:00Z",
      "--title", "<script>alert(1)</script> | =cmd", "--summary", "line one\nline two",
    ])
    #expect(opened.stderr.contains("opened incident INC-3001 on marketing-agent"))
    #expect(opened.stderr.contains("its eu-ai-act-art-73 report due"))
    let check = try harness.run(["check"])
    #expect(check.status == 2 && check.stdout.contains("incident-open"))
    // Held: a material change is refused until the authority is told, or made with a reason.
    let held = try harness.run([
      "feature", "edit", "marketing-agent", "--purpose", "Something else",
    ])
    #expect(held.status == 1)
    #expect(held.stderr.contains("has serious incident 'INC-3001', not yet reported"))
    #expect(held.stderr.contains("--despite-incident REASON"))
    try harness.succeed([
      "feature", "edit", "marketing-agent", "--purpose", "Something else", "--despite-incident",
      "the old purpose misled customers",
    ])
    let show = try harness.succeed(["incident", "show", "INC-3001"]).stdout
    #expect(show.contains("override    the old purpose misled customers (event"))
    #expect(show.contains("eu-ai-act-art-73 report due"))
    #expect(!show.contains("\u{1B}"))
    let close = try harness.run([
      "incident", "close", "INC-3001", "--cause", "c", "--corrective-action", "a",
    ])
    #expect(close.status == 1 && close.stderr.contains("--authority-reported-at TIME"))
    try harness.succeed([
      "incident", "update", "INC-3001", "--authority-reported-at", "2026-11-22T09:00:00Z",
    ])
    try harness.succeed([
      "incident", "close", "INC-3001", "--cause", "A prompt change", "--corrective-action",
      "Rolled back",
    ])
    let list = try harness.succeed(["incident", "list", "--feature", "marketing-agent"]).stdout
    #expect(list.contains("INC-3001") && list.contains("closed") && list.contains(": met, made"))
    let json = try harness.succeed(["incident", "show", "INC-3001", "--format", "json"]).stdout
    #expect(json.contains("\"standing\" : \"met\""))
    #expect(json.contains("\"status\" : \"closed\""))
    let shown = try harness.succeed(["feature", "show", "marketing-agent"]).stdout
    #expect(shown.contains("incident INC-3001 [critical, harmful-output] closed"))
    #expect(shown.contains("monitored: consent-rule-violations (at-most 0, every 31 days)"))
    let record = try harness.succeed(["feature", "show", "marketing-agent", "--format", "json"])
    #expect(
      record.stdout.contains("\"incidents\" : [") && record.stdout.contains("\"monitoring\" : ["))
    #expect(try harness.succeed(["audit", "verify"]).status == 0)
  }
}
