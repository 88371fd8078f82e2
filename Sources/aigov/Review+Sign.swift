import AIGovKit
import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

extension AIGov.Review {
  struct Sign: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sign",
      abstract: "Record your decision on a feature's open round, for one discipline you hold.",
      discussion: """
        You act as --actor, else $AIGOV_ACTOR, else your login name, which must be a registered \
        reviewer's handle. The feature's owner cannot sign off on it. If you have a registered \
        public key, sign with your private key: --key FILE or $AIGOV_SIGNING_KEY.
        """)

    @Argument(help: "The feature's key.")
    var feature: String
    @Option(help: "The discipline you sign for (needed only if you hold more than one).")
    var discipline: Discipline?
    @Option(help: "Your decision.")
    var decision: Decision
    @Option(help: "Why (needed to reject or to request changes).")
    var comment: String = ""
    @OptionGroup var signing: SigningKeyOption
    @OptionGroup var output: FormatOption
    @Option(help: RemoteServer.help) var server: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let signingKey = try signing.load()
      let outcome: SignOffOutcome
      if let remote = try RemoteServer.named(server) {
        guard let signingKey else {
          throw Failure(
            status: .usage,
            message: "through --server a decision is signed on this machine: give your private "
              + "key with --key FILE or $AIGOV_SIGNING_KEY")
        }
        outcome = try signThrough(remote, with: signingKey)
      } else {
        outcome = try global.openRegistry().signOff(
          feature, discipline: discipline, decision: decision, comment: comment, key: signingKey)
      }
      try output.emit(outcome)
      let signOff = outcome.signOff
      var message =
        "recorded \(signOff.decision.rawValue) for \(signOff.discipline.rawValue) on "
        + "'\(feature)' round \(signOff.roundNumber)"
        + (signOff.signature == nil ? "" : " (signed)")
      switch outcome.round.status {
      case .approved:
        message += "; the round is approved and '\(feature)' is \(outcome.featureStatus.rawValue)"
      case .rejected:
        message += "; the round is rejected and '\(feature)' is \(outcome.featureStatus.rawValue)"
      default:
        if !outcome.missing.isEmpty {
          message += "; still needed: " + outcome.missing.map(\.rawValue).joined(separator: ", ")
        }
      }
      Console.note(message)
    }
  }
}

extension AIGov.Review.Sign {
  /// Asks the server for the decision as it would be recorded, checks that it is the decision
  /// asked for, builds the signed message here and signs it with the key, which never leaves
  /// this machine; the server checks the signature against the registered key.
  func signThrough(_ remote: RemoteServer, with key: SigningKey) throws -> SignOffOutcome {
    // Another change may land between the draft and the decision; the decision is then signed
    // again, with the time after it.
    for _ in 1..<3 {
      do {
        return try signOnce(remote, with: key)
      } catch is RemoteServer.Retry {
        continue
      }
    }
    do {
      return try signOnce(remote, with: key)
    } catch is RemoteServer.Retry {
      throw Failure(
        status: .unavailable,
        message: "the server kept recording other changes before this decision; try again")
    }
  }

  private func signOnce(_ remote: RemoteServer, with key: SigningKey) throws -> SignOffOutcome {
    let asked = DecisionAsked(discipline: discipline, decision: decision, comment: comment)
    let draft = try remote.post(
      RemoteServer.feature(feature, "/sign-offs/draft"), body: asked, as: SignOffDraft.self
    ).signOff
    let fingerprint = key.publicKey.fingerprint
    var mismatch: String?
    if draft.featureKey != feature { mismatch = "feature '\(draft.featureKey)'" }
    if draft.decision != decision { mismatch = "decision \(draft.decision.rawValue)" }
    if let discipline, draft.discipline != discipline {
      mismatch = "discipline \(draft.discipline.rawValue)"
    }
    if draft.comment != comment.trimmingWhitespace() { mismatch = "another comment" }
    if let mismatch {
      throw Failure(
        status: .software,
        message: "the server offered a decision with \(mismatch) to sign, not the one asked "
          + "for; nothing was signed")
    }
    guard draft.keyFingerprint == fingerprint else {
      throw Failure(
        status: .failure,
        message: "that private key is not reviewer '\(draft.reviewer)''s registered key (its "
          + "fingerprint is \(fingerprint.prefix(16))..., the registered key's is "
          + "\((draft.keyFingerprint ?? "none").prefix(16))...); nothing was signed")
    }
    // The message is built here from the decision asked for and the round the server names.
    var decisionHere = draft
    decisionHere.comment = comment.trimmingWhitespace()
    let signed = try decisionHere.signedDecision(with: key)
    return try remote.post(
      RemoteServer.feature(feature, "/sign-offs"),
      body: SignedDecisionSent(asked: asked, signed: signed), as: SignOffOutcome.self)
  }
}

/// A decision asked of the server, before it is signed.
struct DecisionAsked: Encodable {
  var discipline: Discipline?
  var decision: Decision
  var comment: String
}

/// The server's draft: the decision as it would be recorded now.
struct SignOffDraft: Decodable {
  var signOff: SignOff

  enum CodingKeys: String, CodingKey {
    case signOff = "signoff"
  }
}

/// The decision and its signature, sent to be recorded.
struct SignedDecisionSent: Encodable {
  var asked: DecisionAsked
  var signed: SignedDecision

  func encode(to encoder: any Encoder) throws {
    try asked.encode(to: encoder)
    try signed.encode(to: encoder)
  }
}

/// A private key that others can read lets them sign decisions in its owner's name.
func warnIfOthersCanRead(_ path: String) {
  var status = stat()
  guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return }
  Console.warning(
    "the private key '\(path)' can be read by other users (mode "
      + "\(String(status.st_mode & 0o777, radix: 8))); anyone who reads it can sign as you: "
      + "chmod 600 '\(path)'")
}
