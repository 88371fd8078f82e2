import AIGovKit
import ArgumentParser

extension AIGov.Reviewer {
  struct KeyStatement: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "key-statement",
      abstract: "Print the statement that replaces a reviewer's key, for its signer to sign.",
      discussion: """
        Prints, byte for byte, the statement that 'reviewer edit HANDLE --public-key FILE' \
        needs signed by the reviewer's key in force (or a key administrator's). Sign it where \
        the private key lives, e.g. 'openssl pkeyutl -sign -inkey old.key -rawin -in \
        statement.json -out statement.sig', and give the signature to 'reviewer edit' with \
        --endorsement statement.sig --endorsing-key old.pub. The private key never travels.
        """)

    @Argument(help: "The reviewer's handle.")
    var handle: String
    @Option(
      help: ArgumentHelp(
        "Their new Ed25519 public key, SubjectPublicKeyInfo PEM.", valueName: "file"))
    var publicKey: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let key = try readPublicKey(publicKey)
      let reviewer = try global.openRegistryForReading().reviewer(handle)
      guard let inForce = reviewer.keys.last else {
        throw Failure(
          status: .failure,
          message: "reviewer '\(handle)' has never had a key: their first key needs no statement")
      }
      let statement = AIGovKit.KeyStatement(
        reviewer: handle, newKey: key.fingerprint, replacedKey: inForce.fingerprint)
      // The exact bytes signed: no newline added.
      try DescriptorOutput.standardOutput.write(statement.bytes)
    }
  }
}
