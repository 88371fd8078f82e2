/// A free-text field of a record, and the text it accepts.
///
/// A one-line field (a name, a title, an owner) refuses every control character; a multi-line
/// field (a description, a note, a comment) accepts line feeds and tabs and no other control
/// character. No field accepts a carriage return, a Unicode line or paragraph separator, or a
/// bidirectional formatting character (which can reorder what a reader sees), so every stored
/// value is shown as itself. Lengths count Unicode scalars (code points).
public struct TextField: Sendable, Equatable {
  /// Whether a value is one line or may be several.
  public enum Lines: Sendable, Equatable {
    case one, many
  }

  /// The record the field belongs to, as messages name it: `feature`, `provider`.
  public let record: String
  /// The field's name, as the export's files name its column.
  public let name: String
  public let lines: Lines
  /// The longest value accepted, in Unicode scalars.
  public let maximumLength: Int
  /// Whether a word may mix letters of Latin, Greek, Cyrillic or other scripts that look alike:
  /// refused where the value names a person (`Priyа` with a Cyrillic `а` is not `Priya`).
  public let refusesMixedScripts: Bool
  /// A shape the whole value must have, besides the rules of its lines.
  public let format: Format?

  /// A shape a field's value must have.
  public enum Format: Sendable, Equatable {
    /// An absolute `https` URL with a host, such as a help-centre page: a link a reader can
    /// follow safely, and that no format it is shown in reads as anything but a link.
    case httpsURL
  }

  init(
    _ record: String, _ name: String, _ lines: Lines, _ maximumLength: Int,
    refusesMixedScripts: Bool = false, format: Format? = nil
  ) {
    self.record = record
    self.name = name
    self.lines = lines
    self.maximumLength = maximumLength
    self.refusesMixedScripts = refusesMixedScripts
    self.format = format
  }

  /// How messages name the field: `feature name`.
  public var label: String { "\(record) \(name.replacingUnderscores())" }

  /// Refuses a value this field does not accept, naming the field, the value and the rule.
  public func check(_ value: String) throws {
    if let problem = problem(in: value) {
      throw AIGovError.invalidText(field: label, excerpt: Self.excerpt(of: value), problem: problem)
    }
  }

  func check(_ value: String?) throws {
    if let value { try check(value) }
  }

  /// Why the value is refused, or nil when it is accepted.
  public func problem(in value: String) -> String? {
    var length = 0
    for scalar in value.unicodeScalars {
      length += 1
      if let kind = Self.refusedKind(of: scalar, lines: lines) {
        return "holds \(kind) (U+\(scalar.hexDigits)) at character \(length); "
          + (scalar.isLineBreak && lines == .many ? "write line breaks as a line feed" : ruleText)
      }
    }
    guard length <= maximumLength else {
      return "\(length) characters, over the limit of \(maximumLength)"
    }
    if format == .httpsURL, let problem = Self.httpsURLProblem(in: value) { return problem }
    if refusesMixedScripts, let word = LookalikeScript.mixedWord(in: value) {
      return "the word '\(UntrustedText.visibleOnOneLine(word))' mixes letters of different "
        + "scripts (such as Latin and Cyrillic), which look alike; write it in one script"
    }
    return nil
  }

  /// Why a value is not an absolute `https` URL with a host, or nil when it is one. Only the
  /// characters RFC 3986 allows in a URL are accepted, so no quote, angle bracket, space or
  /// backslash can end the link early in HTML or Markdown.
  static func httpsURLProblem(in value: String) -> String? {
    let rule = "it takes an https URL, such as https://help.example.com/ai"
    guard value.hasPrefix("https://") else { return "does not start with https://; " + rule }
    let allowed = Set(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%"
        .unicodeScalars)
    if let bad = value.unicodeScalars.first(where: { !allowed.contains($0) }) {
      return "holds '\(UntrustedText.visibleOnOneLine(String(bad)))' (U+\(bad.hexDigits)), "
        + "which a URL writes percent-encoded; " + rule
    }
    let host = value.dropFirst("https://".count).prefix { !"/?#".contains($0) }
    let name = host.split(separator: "@").last.map(String.init) ?? ""
    guard !name.isEmpty, !name.hasPrefix(":"), !name.hasPrefix(".") else {
      return "names no host; " + rule
    }
    return nil
  }

  /// The rule in words, for messages.
  public var ruleText: String {
    if format == .httpsURL {
      return "it takes an https URL of at most \(maximumLength) characters"
    }
    return switch lines {
    case .one:
      "it takes one line of at most \(maximumLength) characters, without control or invisible format characters"
    case .many:
      "it takes at most \(maximumLength) characters, with line feeds and tabs as its only "
        + "control characters"
    }
  }

  private static func refusedKind(of scalar: Unicode.Scalar, lines: Lines) -> String? {
    switch scalar.value {
    // Printable ASCII, most of any text: none of it is a control, bidirectional or invisible
    // character, and asking Unicode's tables about each one costs most of an import's time.
    case 0x20...0x7E: nil
    case 0x0A, 0x09: lines == .one ? "a line break or tab" : nil
    case 0x0D: "a carriage return"
    case 0x2028, 0x2029: "a Unicode line or paragraph separator"
    default:
      if scalar.isControl {
        "the control character"
      } else if scalar.isBidirectionalFormatting {
        "a bidirectional formatting character"
      } else if lines == .one, scalar.properties.isDefaultIgnorableCodePoint {
        "an invisible format character"
      } else {
        nil
      }
    }
  }

  /// The start of a long value, enough to recognise it in a one-line message, with every
  /// control character shown as its code.
  static func excerpt(of value: String) -> String {
    let limit = 40
    guard value.unicodeScalars.count > limit else { return UntrustedText.visibleOnOneLine(value) }
    var scalars = String.UnicodeScalarView()
    scalars.append(contentsOf: value.unicodeScalars.prefix(limit))
    return UntrustedText.visibleOnOneLine(String(scalars)) + "…"
  }
}

extension TextField {
  public static let featureName = TextField("feature", "name", .one, 200)
  public static let featureDescription = TextField("feature", "description", .many, 10_000)
  public static let featurePurpose = TextField("feature", "purpose", .many, 2_000)
  public static let featureOwner = TextField(
    "feature", "owner", .one, 200, refusesMixedScripts: true)
  public static let featureTeam = TextField("feature", "team", .one, 200)
  public static let featureStatusReason = TextField("feature", "status_reason", .many, 2_000)
  public static let providerUseModel = TextField("provider use", "model", .one, 200)
  public static let providerUsePurpose = TextField("provider use", "purpose", .many, 2_000)
  public static let attributeName = TextField("imported attribute", "name", .one, 128)
  public static let attributeValue = TextField("imported attribute", "value", .many, 10_000)
  public static let providerName = TextField("provider", "name", .one, 200)
  public static let providerRegions = TextField("provider", "regions", .one, 500)
  public static let providerNotes = TextField("provider", "notes", .many, 10_000)
  public static let providerDPAReference = TextField("provider", "dpa_reference", .one, 500)
  public static let riskTitle = TextField("risk", "title", .one, 200)
  public static let riskDescription = TextField("risk", "description", .many, 10_000)
  public static let riskOwner = TextField("risk", "owner", .one, 200)
  public static let riskTaxonomy = TextField("risk", "taxonomy", .one, 2_000)
  public static let monitoringUnit = TextField("monitoring plan", "unit", .one, 50)
  public static let monitoringOwner = TextField("monitoring plan", "owner", .one, 200)
  public static let monitoringMethod = TextField("monitoring plan", "method", .many, 4_000)
  public static let monitoringEvidence = TextField("monitoring plan", "evidence", .one, 2_000)
  public static let resultEvidence = TextField("monitoring result", "evidence", .one, 2_000)
  public static let resultNote = TextField("monitoring result", "note", .many, 4_000)
  public static let incidentTitle = TextField("incident", "title", .one, 200)
  public static let incidentSummary = TextField("incident", "summary", .many, 10_000)
  public static let incidentCustomerImpact = TextField("incident", "customer_impact", .many, 4_000)
  public static let incidentCause = TextField("incident", "cause", .many, 4_000)
  public static let incidentCorrectiveAction = TextField(
    "incident", "corrective_action", .many, 4_000)
  public static let incidentHoldOverride = TextField("incident", "hold_override", .many, 2_000)
  public static let mitigationTitle = TextField("mitigation", "title", .one, 200)
  public static let mitigationDescription = TextField("mitigation", "description", .many, 10_000)
  public static let mitigationEvidence = TextField("mitigation", "evidence", .one, 2_000)
  public static let mitigationOwner = TextField("mitigation", "owner", .one, 200)
  public static let mitigationPublicStatement = TextField(
    "mitigation", "public_statement", .many, 2_000)
  public static let reviewerName = TextField(
    "reviewer", "name", .one, 200, refusesMixedScripts: true)
  public static let controlTitle = TextField("control", "title", .one, 200)
  public static let controlDescription = TextField("control", "description", .many, 10_000)
  public static let controlOwner = TextField(
    "control", "owner", .one, 200, refusesMixedScripts: true)
  public static let controlPublicStatement = TextField(
    "control", "public_statement", .many, 2_000)
  public static let exceptionNotCovered = TextField("exception", "not_covered", .many, 2_000)
  public static let exceptionReason = TextField("exception", "reason", .many, 4_000)
  public static let evidenceTitle = TextField("evidence", "title", .one, 200)
  public static let evidenceFileName = TextField("evidence", "file_name", .one, 255)
  public static let evidenceURL = TextField(
    "evidence", "url", .one, 2_000, format: .httpsURL)
  public static let evidenceProvidedBy = TextField(
    "evidence", "provided_by", .one, 200, refusesMixedScripts: true)
  public static let reviewerEmail = TextField("reviewer", "email", .one, 254)
  public static let signOffComment = TextField("sign-off", "comment", .many, 4_000)
  public static let roundCloseReason = TextField("review round", "close_reason", .many, 4_000)
  public static let actor = TextField("audit event", "actor", .one, 200)
  public static let accessTokenLabel = TextField("access token", "label", .one, 200)
  public static let catalogueText = TextField("framework catalogue", "text", .many, 4_000)
  public static let mappingRationale = TextField(
    "requirement mapping", "rationale", .many, 4_000)
  public static let applicabilityJustification = TextField(
    "applicability decision", "justification", .many, 4_000)
  /// A reviewer's public key as PEM; its format is checked when the key is read.
  static let publicKey = TextField("reviewer key", "public_key", .many, 10_000)

  /// Every free-text field: those of the exchange files' columns, in their order, then those no
  /// column holds.
  public static let all: [TextField] = {
    var fields: [TextField] = []
    for field in ExchangeTable.all.flatMap({ $0.columns.compactMap(\.field) }) + listed
    where !fields.contains(field) {
      fields.append(field)
    }
    return fields
  }()

  private static let listed: [TextField] = [
    featureName, featureDescription, featurePurpose, featureOwner, featureTeam,
    featureStatusReason, providerUseModel, providerUsePurpose, attributeName, attributeValue,
    providerName, providerRegions, providerNotes, providerDPAReference, riskTitle,
    riskDescription, riskOwner, riskTaxonomy, mitigationTitle, mitigationDescription,
    mitigationEvidence,
    mitigationOwner, mitigationPublicStatement, monitoringUnit, monitoringOwner, monitoringMethod,
    monitoringEvidence, resultEvidence, resultNote, incidentTitle, incidentSummary,
    incidentCustomerImpact, incidentCause, incidentCorrectiveAction, incidentHoldOverride,
    controlTitle, controlDescription, controlOwner, controlPublicStatement, exceptionNotCovered,
    exceptionReason, evidenceTitle, evidenceFileName, evidenceURL, evidenceProvidedBy,
    reviewerName, reviewerEmail, signOffComment, roundCloseReason, actor,
    accessTokenLabel, catalogueText, mappingRationale, applicabilityJustification,
  ]
}

extension Unicode.Scalar {
  /// C0 and C1 control characters and DEL.
  var isControl: Bool {
    value < 0x20 || (0x7F...0x9F).contains(value)
  }

  /// A carriage return or a Unicode line or paragraph separator: a line break, not a line feed.
  var isLineBreak: Bool {
    value == 0x0D || value == 0x2028 || value == 0x2029
  }

  /// The marks, embeddings, overrides and isolates that change the order text is shown in.
  var isBidirectionalFormatting: Bool {
    switch value {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// The scalar's value in at least four upper-case hexadecimal digits, as in `U+001B`.
  var hexDigits: String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}

extension String {
  func replacingUnderscores() -> String {
    String(map { $0 == "_" ? " " : $0 })
  }
}
