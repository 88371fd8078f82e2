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
