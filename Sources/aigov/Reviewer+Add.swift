import AIGovKit
import ArgumentParser

extension AIGov.Reviewer {
  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add",
      abstract: "Register a reviewer and the disciplines they may sign for.",
      discussion: """
        With --public-key, every decision the reviewer makes must be signed with the matching \
        private key ('aigov reviewer keygen' makes a pair).
        """)

    @Argument(help: "A short handle, e.g. jlee: the name they act under (--actor).")
    var handle: String
    @Option(help: "Full name.")
    var name: String
    @Option(help: "Email address.")
    var email: String
    @Option(help: "A discipline they sign for (repeat for several).")
    var discipline: [Discipline] = []
    @Option(
      help: ArgumentHelp(
        "Their Ed25519 public key, SubjectPublicKeyInfo PEM.", valueName: "file"))
    var publicKey: String?
    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let key = try publicKey.map(readPublicKey)
      let reviewer = try global.openRegistry().addReviewer(
        handle: handle, name: name, email: email, disciplines: discipline, publicKey: key)
      try output.emit(reviewer)
      Console.note(
        "added reviewer '\(handle)' for "
          + reviewer.disciplines.map(\.rawValue).joined(separator: ", ")
          + (reviewer.keyInForce.map { " (signing key \($0.fingerprint.prefix(16))...)" } ?? ""))
    }
  }
}
