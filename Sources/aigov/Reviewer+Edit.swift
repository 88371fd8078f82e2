import AIGovKit
import ArgumentParser

extension AIGov.Reviewer {
  struct Edit: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "edit",
      abstract: "Change a reviewer's details, disciplines or signing key.",
      discussion: """
        A new --public-key replaces the key in force. The old key stays on record, so that \
        decisions signed with it still verify against the key in force when they were made.
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
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func validate() throws {
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
      let edit = try global.openRegistry().editReviewer(handle, changes)
      try Console.reportEdit(
        edit, format: output, name: "reviewer '\(handle)'",
        updated: edit.after.keyInForce.map { "signing key \($0.fingerprint.prefix(16))..." }
          ?? "no signing key")
    }
  }
}
