import AIGovKit
import ArgumentParser

extension AIGov.Reviewer {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a reviewer's details, disciplines or signing key.",
      discussion: """
        A new --public-key replaces the key in force. When the reviewer has a key in force, the \
        replacement needs proof: --endorse-with names the private key that signs the statement \
        of the replacement, the reviewer's key in force or a key administrator's (the setting \
        review.key-administrators). The old key stays on record, so that decisions signed with \
        it still verify.
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
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if endorsingKey != nil, publicKey == nil {
        throw ValidationError("--endorse-with signs a new key: give the key with --public-key")
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
        let replaced = try registry.reviewer(handle).keyInForce?.fingerprint ?? ""
        changes.endorsement = try KeyEndorsement(
          KeyStatement(reviewer: handle, newKey: key.fingerprint, replacedKey: replaced),
          signedWith: signer)
      }
      let edit = try registry.editReviewer(handle, changes)
      try Console.reportEdit(
        edit, format: output, name: "reviewer '\(handle)'",
        updated: edit.after.keyInForce.map { "signing key \($0.fingerprint.prefix(16))..." }
          ?? "no signing key")
    }
  }
}
