import AIGovKit

/// What the command line adds to AIGovKit's messages, which say what is wrong in the inventory's
/// terms: the command, option or environment variable that helps, where the message has always
/// carried it.
enum CommandLineHint {
  /// The whole message of an error, with its hint.
  static func message(for error: any Error) -> String {
    switch error {
    case let error as AIGovError: error.description + suffix(for: error)
    case let error as StorageError: error.description + suffix(for: error)
    case let error as SigningKeyError: message(for: error)
    default: String(describing: error)
    }
  }

  /// An import's problem, with the option that would let the row in.
  static func message(for problem: ImportProblem) -> String {
    switch problem.remedy {
    case .update?: problem.description + " (pass --update to change it)"
    case nil: problem.description
    }
  }

  static func suffix(for error: AIGovError) -> String {
    switch error {
    case .notFound(let entity, _): " (see 'aigov \(listCommand(of: entity))')"
    case .fileExists: " (pass --force to replace it, or --db to choose another file)"
    case .commentRequired: " (--comment)"
    case .disciplineUnspecified: "; say which with --discipline"
    case .refused(let refusal): suffix(for: refusal)
    case .invalidValue, .invalidText, .missingValue, .duplicate, .versionConflict: ""
    }
  }

  /// The command that lists the records of a kind: most are named as their kind.
  static func listCommand(of entity: String) -> String {
    switch entity {
    case "access token": "token list"
    case "monitoring plan": "monitor list"
    case "action": "meeting actions"
    default: "\(entity) list"
    }
  }

  static func suffix(for refusal: Refusal) -> String {
    switch refusal {
    case .statusSetByReviews(let feature, let status):
      switch status {
      case .proposed: ""
      case .inReview: ": aigov review open \(feature)"
      default: ": aigov review open \(feature), then aigov review sign"
      }
    case .noApprovalInForce(let feature): "; open a review: aigov review open \(feature)"
    case .launchNeedsApproval(let feature, _): " (see 'aigov review status \(feature)')"
    case .roundAlreadyOpen(let feature, _, _, _): "; see 'aigov review status \(feature)'"
    case .noOpenRound(let feature): "; open one with 'aigov review open \(feature)'"
    case .roundOutdated(let feature, _): "; open a new round with 'aigov review open \(feature)'"
    case .notAReviewer:
      "; act as yourself with --actor or AIGOV_ACTOR (see 'aigov reviewer list')"
    case .noRegisteredKey(let reviewer):
      "; register one with 'aigov reviewer edit \(reviewer) --public-key FILE', or sign without "
        + "--key"
    case .signatureRequired: "; sign with --key FILE or AIGOV_SIGNING_KEY"
    case .keyChangeNeedsProof: " (--endorse-with FILE)"
    case .administratorsChangeNeedsProof: " (--endorse-with FILE)"
    case .administratorsFixedOnceKeysExist:
      "; name them right after 'aigov init' on a new database"
    case .incidentHold(_, let reference, _):
      "; record the report (aigov incident update \(reference) --authority-reported-at TIME), or "
        + "make the change anyway with --despite-incident REASON"
    case .incidentReportOwed(let reference, let regime, _):
      "; aigov incident update \(reference) "
        + (regime == ReportingDeadline.Regime.gdprBreach.rawValue
          ? "--breach-reported-at TIME" : "--authority-reported-at TIME")
    case .timeBeforeTrail:
      "; check --now and this machine's clock (--trust-now records it anyway, and 'aigov audit "
        + "verify' will name the event)"
    default: ""
    }
  }

  static func suffix(for error: StorageError) -> String {
    switch error {
    case .missing: " (create one with 'aigov init', or pass --db or set AIGOV_DB)"
    default: ""
    }
  }

  /// A key file's problem, with the commands that write a key of the right form.
  static func message(for error: SigningKeyError) -> String {
    switch error {
    case .notAPrivateKey:
      "it is not a PEM private key (expected '-----BEGIN PRIVATE KEY-----', as written by "
        + "'aigov reviewer keygen' or 'openssl genpkey -algorithm ed25519')"
    case .notAPublicKey:
      "it is not a PEM public key (expected '-----BEGIN PUBLIC KEY-----', as printed by "
        + "'aigov reviewer keygen' or 'openssl pkey -pubout')"
    case .notEd25519:
      "it is not an Ed25519 key (expected the RFC 8410 form that 'aigov reviewer keygen' and "
        + "'openssl genpkey -algorithm ed25519' write)"
    }
  }
}
