import AIGovKit
import ArgumentParser

extension AIGov {
  struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "review",
      abstract:
        "Review features: open a round, sign off for a discipline, see where reviews stand.",
      discussion: """
        A round is pinned to the feature's content hash (what a review approves: category, \
        serving and training use, group size, purpose, oversight, audience, final say, customer \
        control, EU tier, data categories, providers with their contract terms and the platform \
        they are reached through, and each risk's category, likelihood and impact). The approval that completes the required \
        disciplines (see 'aigov config get review.required-disciplines') approves the feature; a \
        reject rejects the round; a material change voids it.
        """,
      subcommands: [Open.self, Sign.self, Status.self])
  }
}

extension Decision: ExpressibleByArgument {}
