import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
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
        sign-offs made since, and every rule for every event since. The rules need the state the \
        earlier events left: --keep-state, with --checkpoint, keeps it beside each checkpoint \
        (checkpoint-SEQ.state) when the whole trail verifies, and --since resumes from it without \
        reading the earlier events; without one the rules are replayed from the trail's start. \
        The events up to the checkpoint and the records nothing since has touched are taken as \
        last verified; the full verify, the default, proves them.
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
    @Flag(
      help: ArgumentHelp(
        "With --checkpoint: when the whole trail verifies, keep the state of the rules at each "
          + "checkpoint beside it (checkpoint-SEQ.state), for --since to resume from."))
    var keepState = false
    @Option(
      help: ArgumentHelp(
        "The public keys the auditor keeps: lines 'HANDLE BASE64' (see the README).",
        valueName: "file"))
    var keys: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if keepState, checkpoints.isEmpty || since != nil {
        throw ValidationError(
          "--keep-state keeps the state at the checkpoints of a full verification: pass it with "
            + "--checkpoint FILE and without --since")
      }
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
      // The kept state, read while the records since are reconciled (`verify(since:resumingFrom:)`).
      var stateFile: String?
      let registry = try global.openRegistryForReading()
      let kept = Set(held.compactMap { AIGovKit.Checkpoint.readStatement($0.statement)?.seq })
      var states: [ReplayState] = []
      let result: TrailVerification
      if let start {
        do {
          result = try registry.verify(
            since: start,
            resumingFrom: {
              guard let path = since,
                let (state, file) = try Self.readState(of: path, checkpoint: start)
              else { return nil }
              stateFile = file
              return state
            }, anchors: heads, checkpoints: held, keys: trusted)
        } catch let error as UnreadableReplayState {
          throw InputFileError(path: stateFile ?? "", problem: error.problem, isMissing: false)
        }
      } else if keepState {
        (result, states) = try registry.verify(
          anchors: heads, checkpoints: held, keys: trusted, keepingStatesAt: kept)
      } else {
        result = try registry.verify(anchors: heads, checkpoints: held, keys: trusted)
      }
      let chain = result.chain
      if let checkpoint = result.sinceCheckpoint {
        try output.emit(result) {
          report(
            sinceCheckpoint: checkpoint, result, held: held.count, trusted: trusted != nil,
            state: stateFile)
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
      if keepState { try keep(states) }
    }

    /// Writes each state beside the checkpoint of its event, replacing an earlier copy (the state
    /// at an event the checkpoint pins is always the same).
    private func keep(_ states: [ReplayState]) throws {
      for path in checkpoints {
        let stem = Self.stem(of: path)
        guard let statement = FileManager.default.contents(atPath: stem + ".json"),
          let seq = AIGovKit.Checkpoint.readStatement(Array(statement))?.seq,
          let state = states.first(where: { $0.seq == seq })
        else { continue }
        let temporary = stem + ".state.partial"
        unlink(temporary)
        do {
          try DescriptorOutput.createFile(temporary, mode: 0o644, try state.bytes)
          guard rename(temporary, stem + ".state") == 0 else {
            throw DescriptorOutput.WriteError(code: errno)
          }
        } catch {
          unlink(temporary)
          throw Failure(
            status: .software, message: "cannot write '\(stem).state': \(error)")
        }
        Console.note(
          "kept the state of the rules at event \(seq) in \(stem).state; "
            + "'aigov audit verify --since \(stem).json' resumes from it")
      }
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
      sinceCheckpoint checkpoint: Int, _ result: TrailVerification, held: Int, trusted: Bool,
      state: String?
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
        (state.map { "note: the rules resumed from \($0); " } ?? "note: ")
          + "the events up to event \(checkpoint) and the records nothing since has touched "
          + "are taken as last verified; 'aigov audit verify' without --since proves them")
    }

    /// The replay's state kept beside the checkpoint at `path` (checkpoint-SEQ.state), if there
    /// is one; it must be the state at the checkpoint's event.
    static func readState(
      of path: String, checkpoint: HeldCheckpoint
    ) throws -> (state: ReplayState, path: String)? {
      let stem = Self.stem(of: path)
      let file = stem + ".state"
      guard FileManager.default.fileExists(atPath: file) else { return nil }
      guard let data = FileManager.default.contents(atPath: file) else {
        throw InputFileError(path: file, problem: "it cannot be read", isMissing: false)
      }
      guard let state = ReplayState(reading: Array(data)) else {
        throw InputFileError(
          path: file,
          problem: "it is not a state of the rules as 'aigov audit verify --keep-state' writes it",
          isMissing: false)
      }
      guard let (seq, hash, _) = AIGovKit.Checkpoint.readStatement(checkpoint.statement),
        state.seq == seq, state.hash == hash
      else {
        throw InputFileError(
          path: file,
          problem: "it is the state at event \(state.seq) (\(state.hash.prefix(16))...), not at "
            + "the event of the checkpoint beside it",
          isMissing: false)
      }
      return (state, file)
    }

    /// A checkpoint's path without `.json`: the name its `.sig`, `.pub` and `.state` share.
    static func stem(of path: String) -> String {
      path.hasSuffix(".json") ? String(path.dropLast(".json".count)) : path
    }

    /// Reads `checkpoint-SEQ.json` and the `.sig` and `.pub` files beside it.
    static func readCheckpoint(_ path: String) throws -> HeldCheckpoint {
      let stem = Self.stem(of: path)
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
