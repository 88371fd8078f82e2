import Foundation
import Testing

@testable import AIGovKit

/// AIGovKit says what is wrong in the inventory's terms; the command line adds the commands,
/// options and environment variables (`CommandLineHint`), so that a server or an assistant can
/// word its own.
@Suite struct ErrorWordingTests {
  static let risk = Risk.table.empty()

  /// One value of every refusal.
  static let refusals: [Refusal] = [
    .statusSetByReviews(feature: "f", status: .proposed),
    .statusSetByReviews(feature: "f", status: .inReview),
    .statusSetByReviews(feature: "f", status: .approved),
    .alreadyInStatus(feature: "f", status: .retired), .retiredStaysRetired(feature: "f"),
    .retiredIsNotReviewed(feature: "f"), .noApprovalInForce(feature: "f"),
    .launchNeedsApproval(feature: "f", status: .proposed),
    .launchBlockedByRisks(feature: "f", risks: [risk]),
    .roundAlreadyOpen(feature: "f", round: 1, openedAt: "t", openedBy: "a"),
    .noOpenRound(feature: "f"), .roundOutdated(feature: "f", round: 1),
    .notAReviewer(actor: "a"), .ownerCannotSign(reviewer: "r", feature: "f"),
    .disciplineNotRequired(discipline: .legal, feature: "f", round: 1, required: [.privacy]),
    .disciplineNotHeld(reviewer: "r", discipline: .legal, held: [.privacy]),
    .reviewerWithoutDiscipline(reviewer: "r"), .noRegisteredKey(reviewer: "r"),
    .signatureRequired(reviewer: "r", fingerprint: "ab"),
    .wrongSigningKey(reviewer: "r", given: "ab", registered: "cd"),
    .keyOfAnotherReviewer(fingerprint: "ab", reviewer: "r"),
    .providerAlreadyUsed(feature: "f", provider: "p", model: "m"),
    .providerNotUsed(feature: "f", provider: "p", model: nil),
    .trailBeforeBaseline(event: 3), .exportTargetIsAFile(path: "/x"),
    .exportFolderNotEmpty(path: "/x"), .cannotCreateFolder(path: "/x"),
    .cannotCreateFile(path: "/x", reason: "r"), .cannotWriteFile(path: "/x", reason: "r"),
    .ownerSignedInOpenRound(owner: "o", reviewer: "r", feature: "f", round: 1),
    .keyChangeNeedsProof(reviewer: "r", inForce: "ab"),
    .keyEndorsedByStranger(reviewer: "r", signer: "ab"),
    .keyEndorsementInvalid(reviewer: "r", signer: "ab"), .emptyTrail,
    .timeBeforeTrail(time: "t", newest: "n", event: 1),
    .incidentHold(feature: "f", reference: "INC-1", due: "d"),
    .incidentClosed(reference: "INC-1"),
    .incidentReportOwed(reference: "INC-1", regime: "gdpr-art-33", due: "d"),
    .signatureInvalid(reviewer: "r", fingerprint: "ab"),
    .signedForAnotherRound(feature: "f", round: 2, signedRound: 1),
    .signedAtOutOfRange(signedAt: "t", now: "n", tolerance: 300),
    .tokenAlreadyRevoked(id: 1, at: "t"),
    .keyEndedWithoutReplacement(reviewer: "r", fingerprint: "ab"),
    .administratorsChangeNeedsProof(administrators: ["ab"]),
    .administratorsFixedOnceKeysExist, .administratorsEndorsedByStranger(signer: "ab"),
    .administratorsEndorsementInvalid(signer: "ab"),
    .launchBlockedByCheck(feature: "f", findings: ["provider-terms: keeps the data 30 days"]),
    .exceptionOwnedByAnother(subject: "control 'c'", owner: .legal, given: .privacy),
    .featureOutsideScope(feature: "f", control: "c"),
  ]

  /// Which case a refusal is: the switch stops compiling when a case is added, until it is
  /// listed here and in `refusals`.
  static func caseNumber(_ refusal: Refusal) -> Int {
    switch refusal {
    case .statusSetByReviews: 0
    case .alreadyInStatus: 1
    case .retiredStaysRetired: 2
    case .retiredIsNotReviewed: 3
    case .noApprovalInForce: 4
    case .launchNeedsApproval: 5
    case .launchBlockedByRisks: 6
    case .roundAlreadyOpen: 7
    case .noOpenRound: 8
    case .roundOutdated: 9
    case .notAReviewer: 10
    case .ownerCannotSign: 11
    case .disciplineNotRequired: 12
    case .disciplineNotHeld: 13
    case .reviewerWithoutDiscipline: 14
    case .noRegisteredKey: 15
    case .signatureRequired: 16
    case .wrongSigningKey: 17
    case .keyOfAnotherReviewer: 18
    case .providerAlreadyUsed: 19
    case .providerNotUsed: 20
    case .trailBeforeBaseline: 21
    case .exportTargetIsAFile: 22
    case .exportFolderNotEmpty: 23
    case .cannotCreateFolder: 24
    case .cannotCreateFile: 25
    case .cannotWriteFile: 26
    case .ownerSignedInOpenRound: 27
    case .keyChangeNeedsProof: 28
    case .keyEndorsedByStranger: 29
    case .keyEndorsementInvalid: 30
    case .emptyTrail: 31
    case .timeBeforeTrail: 32
    case .incidentHold: 33
    case .incidentClosed: 34
    case .incidentReportOwed: 35
    case .signatureInvalid: 36
    case .signedForAnotherRound: 37
    case .signedAtOutOfRange: 38
    case .tokenAlreadyRevoked: 39
    case .keyEndedWithoutReplacement: 40
    case .administratorsChangeNeedsProof: 41
    case .administratorsFixedOnceKeysExist: 42
    case .administratorsEndorsedByStranger: 43
    case .administratorsEndorsementInvalid: 44
    case .launchBlockedByCheck: 45
    case .exceptionOwnedByAnother: 46
    case .featureOutsideScope: 47
    }
  }

  static let errors: [AIGovError] =
    refusals.map(AIGovError.refused) + [
      .invalidValue(field: "x", value: "v", expected: "e"),
      .invalidText(field: "x", excerpt: "v", problem: "p"),
      .missingValue(field: "x", reason: "r"), .commentRequired(.reject),
      .commentRequired(.changesRequested), .disciplineUnspecified(reviewer: "r", held: [.legal]),
      .duplicate(entity: "feature", key: "k"),
      .notFound(entity: "feature", key: "k"),
      .versionConflict(entity: "feature", key: "k", expected: 1, actual: 2),
      .fileExists(path: "/x"),
    ]

  @Test func everyRefusalIsListed() {
    #expect(Set(Self.refusals.map(Self.caseNumber)) == Set(0...47))
  }

  @Test func messagesNameNoCommandOptionOrVariable() {
    let messages =
      Self.errors.map(\.description)
      + [StorageError.missing(path: "/x").description]
      + [SigningKeyError.notAPrivateKey, .notAPublicKey, .notEd25519].map(\.description)
    for message in messages {
      #expect(!message.isEmpty)
      #expect(message.firstMatch(of: /(^|[ (])--[a-z]/) == nil, "an option in: \(message)")
      for hint in ["AIGOV_", "aigov ", "'aigov"] {
        #expect(!message.contains(hint), "\(message)")
      }
    }
  }
}
