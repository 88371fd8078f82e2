import AIGovKit
import ArgumentParser

extension AIGov.Audit {
  struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "verify",
      abstract:
        "Prove the trail, the inventory and the governance: the hash chain, every record, every "
        + "signature, every rule.",
      discussion: """
        Exit 1, naming what broke, when: an event was edited, deleted, inserted or reordered \
        behind aigov's back (the chain); any record of any table differs from its latest event, \
        has no event, or was deleted (reconciliation); a sign-off's signature does not verify \
        against the key it names; or an event breaks a governance rule that the commands enforce \
        (the replay: who could sign, when a round could close as approved, when a feature could \
        launch, when a key could change, times that never go back). Record the head hash \
        elsewhere (a report does) and pass it with --head later to also catch a trail that was \
        cut short or rewritten as a whole.
        """)

    @Option(
      name: .customLong("head"),
      help: "A head hash recorded earlier that must still be in the trail (repeatable).")
    var heads: [String] = []
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      let hexDigits = Set("0123456789abcdefABCDEF".utf8)
      for head in heads where head.utf8.count != 64 || !head.utf8.allSatisfy(hexDigits.contains) {
        throw ValidationError(
          "invalid --head '\(head)' (expected a 64-digit SHA-256 hash as 'audit verify' prints it)")
      }
    }

    func run() throws {
      let result = try global.openRegistryForReading().verify(anchors: heads)
      let chain = result.chain
      if output.isJSON {
        try Console.json(result)
      } else if result.isIntact {
        Console.output(
          """
          audit trail intact: \(chain.eventCount) events, head \
          \(chain.headSeq.map(String.init) ?? "-") \(chain.headHash ?? "(empty)")
          records: \(result.recordsChecked) checked, every one as the trail records it
          sign-offs: \(result.signOffsChecked) checked, \(result.signedSignOffs) of them signed, every \
          signature verifies against the key in force when it was made
          governance: every event replayed through the rules, none would have been refused
          """)
      } else {
        let problems = result.problems
        Console.output(
          ([
            "audit trail NOT intact (\(chain.eventCount) events, \(result.recordsChecked) "
              + "records, \(result.signOffsChecked) sign-offs read):"
          ]
            + problems.map { "  " + $0 }).joined(separator: "\n"))
      }
      guard result.isIntact else {
        let problems = result.problems
        let more = problems.count > 1 ? " (and \(problems.count - 1) more: see above)" : ""
        throw Failure(status: .failure, message: "audit trail broken: " + problems[0] + more)
      }
    }
  }
}
