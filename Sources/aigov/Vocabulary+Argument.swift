import AIGovKit
import ArgumentParser

// The vocabularies are parsed by the argument parser, so that a wrong term is refused with the
// list of accepted ones, and help shows them.
extension FeatureCategory: ExpressibleByArgument {}
extension ControlKind: ExpressibleByArgument {}
extension ControlStatus: ExpressibleByArgument {}
extension CheckRule: ExpressibleByArgument {}
extension ServingUse: ExpressibleByArgument {}
extension TrainingUse: ExpressibleByArgument {}
extension Audience: ExpressibleByArgument {}
extension FinalSay: ExpressibleByArgument {}
extension DPAStatus: ExpressibleByArgument {}
extension FeatureStatus: ExpressibleByArgument {}
extension HumanOversight: ExpressibleByArgument {}
extension CustomerControl: ExpressibleByArgument {}
extension EUAIActTier: ExpressibleByArgument {}
extension FeatureRole: ExpressibleByArgument {}
extension AdaptationConsent: ExpressibleByArgument {}
extension ProviderChoice: ExpressibleByArgument {}
extension AccountSwitch: ExpressibleByArgument {}
extension AnnexIIIPoint: ExpressibleByArgument {}
extension MappingRelationship: ExpressibleByArgument {}
extension DataCategory: ExpressibleByArgument {}
extension ProviderKind: ExpressibleByArgument {}
extension RiskCategory: ExpressibleByArgument {}
extension RiskStatus: ExpressibleByArgument {}
extension MitigationKind: ExpressibleByArgument {}
extension MitigationStatus: ExpressibleByArgument {}
extension Discipline: ExpressibleByArgument {}
extension RiskLevel: ExpressibleByArgument {}
extension MonitoringKind: ExpressibleByArgument {}
extension MetricDirection: ExpressibleByArgument {}
extension AuditEntity: ExpressibleByArgument {}
extension IncidentCategory: ExpressibleByArgument {}
extension IncidentSeverity: ExpressibleByArgument {}
extension IncidentStatus: ExpressibleByArgument {}
extension SeriousIncidentKind: ExpressibleByArgument {}

/// Colours for vocabulary terms in tables.
enum TermStyle {
  static func level(_ text: String) -> Style? {
    switch text {
    case "critical": .red
    case "high": .magenta
    case "medium": .yellow
    case "low": .green
    default: nil
    }
  }

  static func status(_ text: String) -> Style? {
    switch text {
    case "launched", "approved", "implemented", "verified", "mitigated", "closed": .green
    case "in-review", "in-progress", "mitigating": .yellow
    case "suspended", "open": .red
    case "retired": .dim
    default: nil
    }
  }
}
