import AIGovKit
import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

extension AIGov.Reviewer {
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
      // Written beside FILE first, and given its name only once the public half is printed: a
      // run that fails at any step leaves no private key behind.
      let staging = output + ".writing-\(getpid())"
      do {
        guard access(output, F_OK) != 0 else { throw DescriptorOutput.CreateError.exists }
        try DescriptorOutput.createFile(staging, mode: 0o600, Array(key.pem.utf8))
      } catch let error as DescriptorOutput.CreateError {
        let exists = if case .exists = error { true } else { false }
        throw Failure(
          status: exists ? .failure : .software,
          message: "cannot write the private key to '\(output)': \(error); nothing was written")
      }
      defer { unlink(staging) }
      do {
        try DescriptorOutput.standardOutput.write(key.publicKey.pem)
      } catch {
        throw Failure(
          status: .software,
          message: "cannot print the public key: \(error); no private key was written")
      }
      // A link never replaces a file: one that appeared meanwhile is kept.
      guard link(staging, output) == 0 else {
        throw Failure(
          status: errno == EEXIST ? .failure : .software,
          message: "cannot write the private key to '\(output)': "
            + (errno == EEXIST ? "it already exists" : String(cString: strerror(errno)))
            + "; nothing was written")
      }
      Console.note(
        "wrote the private key to '\(output)' (mode 0600; keep it secret); the public key "
          + "above has fingerprint \(key.publicKey.fingerprint)")
    }
  }
}
