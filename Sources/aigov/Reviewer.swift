import AIGovKit
import ArgumentParser

extension AIGov {
  struct Reviewer: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "reviewer",
      abstract: "Register and list the people who sign off on features, and their signing keys.",
      subcommands: [Add.self, List.self, Edit.self, Keygen.self, KeyStatement.self])
  }
}

/// Reads a public key file named on the command line.
func readPublicKey(_ path: String) throws -> ReviewerPublicKey {
  do {
    return try ReviewerPublicKey(pem: try GlobalOptions.readInputFile(path))
  } catch let error as SigningKeyError {
    throw InputFileError(
      path: path, problem: CommandLineHint.message(for: error), isMissing: false)
  }
}

/// `--key FILE`, else `$AIGOV_SIGNING_KEY`: the private key a reviewer signs with, read on their
/// own machine.
struct SigningKeyOption: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Your Ed25519 private key, PKCS#8 PEM (default: $AIGOV_SIGNING_KEY).", valueName: "file"))
  var key: String?

  /// The key given, read; nil when none is.
  func load() throws -> SigningKey? {
    try (key ?? GlobalOptions.environment("AIGOV_SIGNING_KEY").flatMap { $0.isEmpty ? nil : $0 })
      .map(readPrivateKey)
  }
}

/// Reads a private key file (PKCS#8 PEM), warning when others can read it.
func readPrivateKey(_ path: String) throws -> SigningKey {
  do {
    let key = try SigningKey(pem: try GlobalOptions.readInputFile(path))
    warnIfOthersCanRead(path)
    return key
  } catch let error as SigningKeyError {
    throw InputFileError(
      path: path, problem: CommandLineHint.message(for: error), isMissing: false)
  }
}
