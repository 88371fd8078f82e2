/// What an audit event records as done, as its `action` column holds it: the kind of record, a
/// dot, and what happened to it.
public enum AuditAction: String, Vocabulary {
  case featureCreate = "feature.create"
  case featureUpdate = "feature.update"
  case featureImport = "feature.import"
  case featureBaseline = "feature.baseline"
  case featureUpgrade = "feature.upgrade"
  case featureLinkProvider = "feature.link-provider"
  case featureUnlinkProvider = "feature.unlink-provider"
  case featureSetStatus = "feature.set-status"
  case featureRetire = "feature.retire"
  case featureReviewOpened = "feature.review-opened"
  case featureReviewApproved = "feature.review-approved"
  case featureReviewRejected = "feature.review-rejected"
  case featureReviewVoided = "feature.review-voided"
  case providerCreate = "provider.create"
  case providerUpdate = "provider.update"
  case providerImport = "provider.import"
  case providerBaseline = "provider.baseline"
  case providerUpgrade = "provider.upgrade"
  case riskCreate = "risk.create"
  case riskUpdate = "risk.update"
  case riskImport = "risk.import"
  case riskBaseline = "risk.baseline"
  case mitigationCreate = "mitigation.create"
  case mitigationUpdate = "mitigation.update"
  case mitigationImport = "mitigation.import"
  case mitigationBaseline = "mitigation.baseline"
  case reviewerCreate = "reviewer.create"
  case reviewerUpdate = "reviewer.update"
  case reviewerBaseline = "reviewer.baseline"
  case reviewOpen = "review.open"
  case reviewApprove = "review.approve"
  case reviewReject = "review.reject"
  case reviewVoid = "review.void"
  case reviewWithdraw = "review.withdraw"
  case signOffAdd = "signoff.add"
  case settingUpdate = "setting.update"
  case monitoringPlanCreate = "monitoring-plan.create"
  case monitoringPlanUpdate = "monitoring-plan.update"
  case monitoringResultRecord = "monitoring-result.record"
  case incidentOpen = "incident.open"
  case incidentUpdate = "incident.update"
  case incidentClose = "incident.close"
  case incidentHoldOverride = "incident.hold-override"
  case controlCreate = "control.create"
  case controlUpdate = "control.update"
  case exceptionAccept = "control-exception.accept"
  case evidenceAdd = "evidence.add"
  case evidenceLink = "evidence.link"
  case evidenceAttest = "evidence-attestation.add"
  case applicabilityDecide = "applicability-decision.add"
  case frameworkImport = "framework-catalogue.import"
  case mitigationMap = "mitigation-mapping.map"
  case mitigationUnmap = "mitigation-mapping.unmap"
  case statementCreate = "statement.create"
  case statementUpdate = "statement.update"
  case statementRemove = "statement.remove"
  case meetingRecord = "meeting.record"
  case meetingActionCreate = "meeting-action.create"
  case meetingActionUpdate = "meeting-action.update"
  case webhookCreate = "webhook.create"
  case webhookRemove = "webhook.remove"
  case accessTokenCreate = "access-token.create"
  case accessTokenRevoke = "access-token.revoke"
  case checkpoint = "audit.checkpoint"

  public static let termName = "audit action"

  /// The kind of record the action changes.
  public var entity: AuditEntity {
    switch self {
    case .featureCreate, .featureUpdate, .featureImport, .featureBaseline, .featureUpgrade,
      .featureLinkProvider,
      .featureUnlinkProvider, .featureSetStatus, .featureRetire, .featureReviewOpened,
      .featureReviewApproved, .featureReviewRejected, .featureReviewVoided:
      .feature
    case .providerCreate, .providerUpdate, .providerImport, .providerBaseline, .providerUpgrade:
      .provider
    case .riskCreate, .riskUpdate, .riskImport, .riskBaseline: .risk
    case .mitigationCreate, .mitigationUpdate, .mitigationImport, .mitigationBaseline: .mitigation
    case .reviewerCreate, .reviewerUpdate, .reviewerBaseline: .reviewer
    case .reviewOpen, .reviewApprove, .reviewReject, .reviewVoid, .reviewWithdraw: .reviewRound
    case .signOffAdd: .signoff
    case .settingUpdate: .setting
    case .monitoringPlanCreate, .monitoringPlanUpdate: .monitoringPlan
    case .monitoringResultRecord: .monitoringResult
    case .incidentOpen, .incidentUpdate, .incidentClose, .incidentHoldOverride: .incident
    case .controlCreate, .controlUpdate: .control
    case .exceptionAccept: .controlException
    case .evidenceAdd, .evidenceLink: .evidence
    case .evidenceAttest: .evidenceAttestation
    case .applicabilityDecide: .applicabilityDecision
    case .frameworkImport: .frameworkCatalogue
    case .mitigationMap, .mitigationUnmap: .mitigationMapping
    case .statementCreate, .statementUpdate, .statementRemove: .statement
    case .meetingRecord: .meeting
    case .meetingActionCreate, .meetingActionUpdate: .meetingAction
    case .webhookCreate, .webhookRemove: .webhook
    case .accessTokenCreate, .accessTokenRevoke: .accessToken
    case .checkpoint: .checkpoint
    }
  }

  /// The events that recorded, when the trail began with schema version 2, the records a
  /// database of schema version 1 already held.
  public static let baselines: [AuditAction] = [
    .featureBaseline, .providerBaseline, .riskBaseline, .mitigationBaseline, .reviewerBaseline,
  ]

  /// The action that closes a review round with `status`.
  static func closing(as status: RoundStatus) -> AuditAction {
    switch status {
    case .approved: .reviewApprove
    case .rejected: .reviewReject
    case .voided: .reviewVoid
    case .withdrawn: .reviewWithdraw
    case .open: .reviewOpen
    }
  }
}
