import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

extension AIGov.Reviewer {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a reviewer's details, disciplines or signing key.",
      discussion: """
        A new --public-key replaces the key in force. When the reviewer has a key in force, the \
        replacement needs proof, the statement of the replacement signed by the reviewer's key \
        in force or a key administrator's (the setting review.key-administrators): either \
        --endorse-with names that private key, or, so that it never leaves its owner's machine, \
        --endorsement names a signature made elsewhere (of the bytes 'aigov reviewer \
        key-statement' prints, e.g. with openssl) and --endorsing-key the signer's public key. \
        The old key stays on record, so that decisions signed with it still verify.
        """)

    @Argument(help: "The reviewer's handle.")
    var handle: String
    @Option var name: String?
    @Option var email: String?
    @Option(name: .customLong("add-discipline"), help: "A discipline they now sign for.")
    var addDisciplines: [Discipline] = []
    @Option(name: .customLong("remove-discipline"), help: "A discipline they no longer sign for.")
    var removeDisciplines: [Discipline] = []
    @Option(
      help: ArgumentHelp(
        "Their new Ed25519 public key, SubjectPublicKeyInfo PEM.", valueName: "file"))
    var publicKey: String?
    @Option(
      name: .customLong("endorse-with"),
      help: ArgumentHelp(
        "The private key that signs the replacement: the reviewer's key in force or a key "
          + "administrator's (PKCS#8 PEM).", valueName: "file"))
    var endorsingKey: String?
    @Option(
      help: ArgumentHelp(
        "A raw Ed25519 signature of the key statement, made elsewhere (64 bytes, as openssl "
          + "pkeyutl -sign writes it).", valueName: "file"))
    var endorsement: String?
    @Option(
      name: .customLong("endorsing-key"),
      help: ArgumentHelp(
        "The public key that made --endorsement (SubjectPublicKeyInfo PEM).", valueName: "file"))
    var endorsingPublicKey: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if endorsingKey != nil || endorsement != nil, publicKey == nil {
        throw ValidationError(
          "--endorse-with and --endorsement prove a new key: give the key with --public-key")
      }
      if (endorsement == nil) != (endorsingPublicKey == nil) {
        throw ValidationError("--endorsement and --endorsing-key go together")
      }
      if endorsingKey != nil, endorsement != nil {
        throw ValidationError("give --endorse-with or --endorsement, not both")
      }
      if name == nil, email == nil, addDisciplines.isEmpty, removeDisciplines.isEmpty,
        publicKey == nil
      {
        throw ValidationError("nothing to change: give at least one option, e.g. --public-key")
      }
    }

    func run() throws {
      var changes = ReviewerChanges()
      changes.name = name
      changes.email = email
      changes.addDisciplines = addDisciplines
      changes.removeDisciplines = removeDisciplines
      changes.publicKey = try publicKey.map(readPublicKey)
      let registry = try global.openRegistry()
      if let endorsingKey, let key = changes.publicKey {
        let signer = try readPrivateKey(endorsingKey)
        let replaced = try registry.reviewer(handle).keys.last?.fingerprint ?? ""
        changes.endorsement = try KeyEndorsement(
          AIGovKit.KeyStatement(reviewer: handle, newKey: key.fingerprint, replacedKey: replaced),
          signedWith: signer)
      }
      if let endorsement, let endorsingPublicKey {
        guard let signature = FileManager.default.contents(atPath: endorsement) else {
          throw InputFileError(
            path: endorsement, problem: "no such file or it cannot be read",
            isMissing: !FileManager.default.fileExists(atPath: endorsement))
        }
        changes.endorsement = KeyEndorsement(
          signer: try readPublicKey(endorsingPublicKey), signature: Array(signature))
      }
      let edit = try registry.editReviewer(handle, changes)
      try Console.reportEdit(
        edit, format: output, name: "reviewer '\(handle)'",
        updated: edit.after.keyInForce.map { "signing key \($0.fingerprint.prefix(16))..." }
          ?? "no signing key")
    }
  }
}
