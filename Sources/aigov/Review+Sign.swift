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
    @Option(
      help: ArgumentHelp(
        "Your Ed25519 private key, PKCS#8 PEM (default: $AIGOV_SIGNING_KEY).", valueName: "file"))
    var key: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let keyPath =
        key
        ?? GlobalOptions.environment("AIGOV_SIGNING_KEY").flatMap {
          $0.isEmpty ? nil : $0
        }
      let signingKey = try keyPath.map(readPrivateKey)
      let outcome = try global.openRegistry().signOff(
        feature, discipline: discipline, decision: decision, comment: comment, key: signingKey)
      if output.isJSON { try Console.json(outcome) }
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

/// A private key that others can read lets them sign decisions in its owner's name.
func warnIfOthersCanRead(_ path: String) {
  var status = stat()
  guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return }
  Console.warning(
    "the private key '\(path)' can be read by other users (mode "
      + "\(String(status.st_mode & 0o777, radix: 8))); anyone who reads it can sign as you: "
      + "chmod 600 '\(path)'")
}
