import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

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

        What the auditor holds outside the database makes a rewrite of the whole file evident: \
        --checkpoint FILE (a checkpoint-SEQ.json that 'aigov audit checkpoint' wrote, with its \
        .sig and .pub beside it) proves that nothing up to event SEQ was rewritten; --keys FILE \
        (lines 'HANDLE BASE64-OF-THE-PUBLIC-KEY') checks every signature against the auditor's \
        own copy of the keys, and names every key the database holds that the file does not.

        --since FILE (a checkpoint-SEQ.json, as for --checkpoint) verifies only what changed \
        after the checkpoint the auditor holds: the checkpoint's signature and its event's hash, \
        the events after it (chained on from that hash), the records those events touched, the \
        sign-offs made since, and every rule for every event since (the rules are replayed from \
        the trail's start, for the state the earlier events left, but only the later events are \
        judged). The events up to the checkpoint and the records nothing since has touched are \
        taken as last verified; the full verify, the default, proves them.
        """)

    @Option(
      name: .customLong("head"),
      help: "A head hash recorded earlier that must still be in the trail (repeatable).")
    var heads: [String] = []
    @Option(
      name: .customLong("checkpoint"),
      help: ArgumentHelp(
        "A checkpoint-SEQ.json kept outside the database, with its .sig and .pub beside it "
          + "(repeatable).", valueName: "file"))
    var checkpoints: [String] = []
    @Option(
      help: ArgumentHelp(
        "Verify only what changed after this checkpoint (a checkpoint-SEQ.json with its .sig "
          + "and .pub) the auditor holds.", valueName: "file"))
    var since: String?
    @Option(
      help: ArgumentHelp(
        "The public keys the auditor keeps: lines 'HANDLE BASE64' (see the README).",
        valueName: "file"))
    var keys: String?
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
      let held = try checkpoints.map(Self.readCheckpoint)
      let trusted = try keys.map { path in
        do {
          return try TrustedKeys(text: try GlobalOptions.readInputFile(path))
        } catch let error as AIGovError {
          throw InputFileError(path: path, problem: error.description, isMissing: false)
        }
      }
      let start = try since.map(Self.readCheckpoint)
      let registry = try global.openRegistryForReading()
      let result =
        try start.map {
          try registry.verify(since: $0, anchors: heads, checkpoints: held, keys: trusted)
        }
        ?? registry.verify(anchors: heads, checkpoints: held, keys: trusted)
      let chain = result.chain
      if let checkpoint = result.sinceCheckpoint {
        try output.emit(result) {
          report(sinceCheckpoint: checkpoint, result, held: held.count, trusted: trusted != nil)
        }
        try fail(result)
        return
      }
      try output.emit(result) {
        guard result.isIntact else {
          return Console.output(
            ([
              "audit trail NOT intact (\(chain.eventCount) events, \(result.recordsChecked) "
                + "records, \(result.signOffsChecked) sign-offs read):"
            ]
              + result.problems.map { "  " + $0 }).joined(separator: "\n"))
        }
        Console.output(
          """
          audit trail intact: \(chain.eventCount) events, head \
          \(chain.headSeq.map(String.init) ?? "-") \(chain.headHash ?? "(empty)")
          records: \(result.recordsChecked) checked, every one as the trail records it
          sign-offs: \(result.signOffsChecked) checked, \(result.signedSignOffs) of them signed, every \
          signature verifies against the key in force when it was made
          governance: every event replayed through the rules, none would have been refused
          """
            + (held.isEmpty
              ? "" : "\ncheckpoints: \(held.count) held, the trail agrees with every one")
            + (trusted == nil
              ? "" : "\nkeys: every key and signature agrees with the auditor's keys"))
        if held.isEmpty && trusted == nil {
          Console.note(
            "note: this proves the file agrees with itself; to prove it was not rewritten as a "
              + "whole, pass --checkpoint and --keys kept outside it (see 'aigov audit verify "
              + "--help')")
        }
      }
      try fail(result)
    }

    /// Exit 1, naming the first problem, when the verification found any.
    private func fail(_ result: TrailVerification) throws {
      guard result.isIntact else {
        let problems = result.problems
        let more = problems.count > 1 ? " (and \(problems.count - 1) more: see above)" : ""
        throw Failure(status: .failure, message: "audit trail broken: " + problems[0] + more)
      }
    }

    /// What a verification since the checkpoint of event `checkpoint` found, as text.
    private func report(
      sinceCheckpoint checkpoint: Int, _ result: TrailVerification, held: Int, trusted: Bool
    ) {
      let chain = result.chain
      guard result.isIntact else {
        return Console.output(
          ([
            "audit trail NOT intact since the checkpoint of event \(checkpoint) "
              + "(\(chain.eventCount) events after it, \(result.recordsChecked) records, "
              + "\(result.signOffsChecked) sign-offs read):"
          ] + result.problems.map { "  " + $0 }).joined(separator: "\n"))
      }
      Console.output(
        """
        audit trail intact since the checkpoint of event \(checkpoint): \(chain.eventCount) \
        events after it, head \(chain.headSeq.map(String.init) ?? "-") \(chain.headHash ?? "-")
        records: \(result.recordsChecked) touched since, every one as the trail records it
        sign-offs: \(result.signOffsChecked) made since, \(result.signedSignOffs) of them signed, \
        every signature verifies against the key in force when it was made
        governance: every event since replayed through the rules, none would have been refused
        checkpoints: \(held + 1) held, the trail agrees with every one
        """ + (trusted ? "\nkeys: every key and signature agrees with the auditor's keys" : ""))
      Console.note(
        "note: the events up to event \(checkpoint) and the records nothing since has touched "
          + "are taken as last verified; 'aigov audit verify' without --since proves them")
    }

    /// Reads `checkpoint-SEQ.json` and the `.sig` and `.pub` files beside it.
    static func readCheckpoint(_ path: String) throws -> HeldCheckpoint {
      let stem = path.hasSuffix(".json") ? String(path.dropLast(5)) : path
      func bytes(_ file: String) throws -> [UInt8] {
        guard FileManager.default.fileExists(atPath: file) else {
          throw InputFileError(
            path: file, problem: "no such file (a checkpoint is three files: .json, .sig, .pub)",
            isMissing: true)
        }
        guard let data = FileManager.default.contents(atPath: file) else {
          throw InputFileError(path: file, problem: "it cannot be read", isMissing: false)
        }
        return Array(data)
      }
      let statement = try bytes(stem + ".json")
      guard AIGovKit.Checkpoint.readStatement(statement) != nil else {
        throw InputFileError(
          path: stem + ".json",
          problem: "it is not a checkpoint statement (as 'aigov audit checkpoint' writes it)",
          isMissing: false)
      }
      let signature = try bytes(stem + ".sig")
      let publicKey = try readPublicKey(stem + ".pub")
      return HeldCheckpoint(statement: statement, signature: signature, publicKey: publicKey)
    }
  }
}
