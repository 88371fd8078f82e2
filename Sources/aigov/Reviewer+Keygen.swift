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
      let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL, 0o600)
      guard descriptor >= 0 else {
        let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
        throw Failure(
          status: errno == EEXIST ? .failure : .software,
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
