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
  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract:
        "Review features: open a round, sign off for a discipline, see where reviews stand.",
      discussion: """
        A round is pinned to the feature's content hash (what a review approves: category, \
        processing mode, purpose, oversight, customer-facing and control, model training, \
        aggregation size, EU tier, data categories, providers with their contract terms, and each \
        risk's category, likelihood and impact). The approval that completes the required \
        disciplines (see 'aigov config get review.required-disciplines') approves the feature; a \
        reject rejects the round; a material change voids it.
        """,
      subcommands: [Open.self, Sign.self, Status.self])
  }
}

extension Decision: ExpressibleByArgument {}

/// A private key that others can read lets them sign decisions in its owner's name.
func warnIfOthersCanRead(_ path: String) {
  var status = stat()
  guard stat(path, &status) == 0, status.st_mode & 0o077 != 0 else { return }
  Console.warning(
    "the private key '\(path)' can be read by other users (mode "
      + "\(String(status.st_mode & 0o777, radix: 8))); anyone who reads it can sign as you: "
      + "chmod 600 '\(path)'")
}
