import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
#if canImport(Glibc)
  import Glibc
#endif

extension AIGov {
  struct Reviewer: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reviewer",
      abstract: "Register and list the people who sign off on features, and their signing keys.",
      subcommands: [Add.self, List.self, Edit.self, Keygen.self])
  }
}

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
      if output.isJSON { try Console.json(reviewer) }
      Console.note(
        "added reviewer '\(handle)' for "
          + reviewer.disciplines.map(\.rawValue).joined(separator: ", ")
          + (reviewer.keyInForce.map { " (signing key \($0.fingerprint.prefix(16))...)" } ?? ""))
    }
  }

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

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List the reviewers.")

    @OptionGroup var output: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let reviewers = try global.openRegistry().reviewers()
      if output.isJSON { return try Console.json(reviewers) }
      guard !reviewers.isEmpty else { return Console.note("no reviewers recorded") }
      var table = TextTable("HANDLE", "NAME", "EMAIL", "DISCIPLINES", "SIGNING KEY")
      for reviewer in reviewers {
        table.append([
          reviewer.handle, reviewer.name, reviewer.email,
          reviewer.disciplines.map(\.rawValue).joined(separator: ", "),
          reviewer.keyInForce.map { String($0.fingerprint.prefix(16)) } ?? "none",
        ])
      }
      Console.output(table.render(color: global.usesColor), styled: global.usesColor)
    }
  }

  struct Keygen: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "keygen",
      abstract: "Make an Ed25519 key pair for signing decisions.",
      discussion: """
        Writes the private key (PKCS#8 PEM, readable by you only) to FILE, never replacing a file, \
        and prints the public key (SubjectPublicKeyInfo PEM) to register with 'aigov reviewer \
        add --public-key' or 'aigov reviewer edit --public-key'. No database is needed.
        """)

    @Option(help: ArgumentHelp("Where to write the private key.", valueName: "file"))
    var output: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let key = SigningKey()
      let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL, 0o600)
      guard descriptor >= 0 else {
        let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
        throw Failure(
          status: errno == EEXIST ? .failure : .noInput,
          message: "cannot write the private key to '\(output)': \(reason); nothing was written")
      }
      defer { close(descriptor) }
      do {
        try DescriptorOutput(descriptor: descriptor).write(key.pem)
        guard fsync(descriptor) == 0 else { throw DescriptorOutput.WriteError(code: errno) }
      } catch {
        throw Failure(
          status: .software,
          message: "cannot write the private key to '\(output)': \(error); remove the partial file")
      }
      Console.output(key.publicKey.pem)
      Console.note(
        "wrote the private key to '\(output)' (mode 0600; keep it secret); the public key "
          + "above has fingerprint \(key.publicKey.fingerprint)")
    }
  }
}

/// Reads a public key file named on the command line.
func readPublicKey(_ path: String) throws -> ReviewerPublicKey {
  do {
    return try ReviewerPublicKey(pem: try GlobalOptions.readInputFile(path))
  } catch let error as SigningKeyError {
    throw InputFileError(path: path, problem: error.description, isMissing: false)
  }
}
