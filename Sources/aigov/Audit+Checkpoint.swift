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

extension AIGov.Audit {
  struct Checkpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "checkpoint",
      abstract: "Sign the trail's head and record the checkpoint, for an auditor to keep.",
      discussion: """
        Signs the position and hash of the trail's newest event, and the time, with your \
        Ed25519 private key; records the checkpoint in the trail; and writes three files into \
        --output (default: the current folder): checkpoint-SEQ.json (the statement signed), \
        checkpoint-SEQ.sig (the signature) and checkpoint-SEQ.pub (the public key). An auditor \
        keeps them outside the database (a git repository will do) and checks them with \
        openssl alone, or with 'aigov audit verify --checkpoint checkpoint-SEQ.json', which \
        proves that nothing up to event SEQ was rewritten since.
        """)

    @Option(
      help: ArgumentHelp("Your Ed25519 private key, PKCS#8 PEM.", valueName: "file"))
    var key: String
    @Option(help: ArgumentHelp("Where to write the checkpoint's files.", valueName: "dir"))
    var output: String = "."
    @OptionGroup var format: FormatOption
    @OptionGroup var global: GlobalOptions

    func run() throws {
      let signingKey = try readPrivateKey(key)
      do {
        try FileManager.default.createDirectory(
          atPath: output, withIntermediateDirectories: true)
      } catch {
        throw Failure(status: .failure, message: "cannot create the folder '\(output)'")
      }
      let registry = try global.openRegistry()
      // Refuse before signing: the files must not exist yet.
      let next = (try registry.auditTrail.head()?.seq ?? 0)
      let stem =
        (output == "." ? "" : output.hasSuffix("/") ? output : output + "/") + "checkpoint-\(next)"
      for name in [stem + ".json", stem + ".sig", stem + ".pub"]
      where FileManager.default.fileExists(atPath: name) {
        throw Failure(
          status: .failure, message: "'\(name)' exists already; choose another --output")
      }
      let checkpoint = try registry.checkpoint(signingWith: signingKey)
      let files: [(String, [UInt8])] = [
        (stem + ".json", checkpoint.statement),
        (stem + ".sig", Array(Data(base64Encoded: checkpoint.signature) ?? Data())),
        (stem + ".pub", Array(checkpoint.publicKey.utf8)),
      ]
      for (index, (path, bytes)) in files.enumerated() {
        do {
          try DescriptorOutput.createFile(path, mode: 0o644, bytes)
        } catch {
          // Three files or none: a checkpoint is checked with all three.
          for (written, _) in files.prefix(index) { unlink(written) }
          throw Failure(
            status: .software,
            message: "cannot write '\(path)': \(error); the checkpoint is recorded in the "
              + "trail, and 'aigov export' carries it")
        }
      }
      try format.emit(checkpoint)
      Console.note(
        "checkpoint of event \(checkpoint.seq) (\(checkpoint.hash.prefix(16))...) signed and "
          + "recorded; keep \(stem).json, .sig and .pub outside the database. Check with: "
          + "openssl pkeyutl -verify -pubin -inkey \(stem).pub -rawin -in \(stem).json "
          + "-sigfile \(stem).sig")
    }
  }
}
