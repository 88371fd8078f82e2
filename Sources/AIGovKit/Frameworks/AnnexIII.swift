/// The uses the EU AI Act lists as high-risk in its Annex III, by point as the Official Journal
/// numbers them, each with aigov's own short summary (not the Regulation's text).
public enum AnnexIII {
  public struct Point: Equatable, Sendable {
    /// `III.5(b)`.
    public var id: String
    /// The area's number, 1 to 8.
    public var area: Int
    public var summary: String
  }

  public static let all: [Point] = [
    Point(id: "III.1(a)", area: 1, summary: "remote biometric identification"),
    Point(id: "III.1(b)", area: 1, summary: "biometric categorisation by sensitive attributes"),
    Point(id: "III.1(c)", area: 1, summary: "emotion recognition"),
    Point(id: "III.2", area: 2, summary: "safety component of critical infrastructure"),
    Point(id: "III.3(a)", area: 3, summary: "admission to education or training"),
    Point(id: "III.3(b)", area: 3, summary: "evaluating learning outcomes"),
    Point(id: "III.3(c)", area: 3, summary: "deciding the level of education a person gets"),
    Point(id: "III.3(d)", area: 3, summary: "watching students during tests"),
    Point(id: "III.4(a)", area: 4, summary: "recruiting or selecting people"),
    Point(id: "III.4(b)", area: 4, summary: "decisions on work relations, tasks or performance"),
    Point(id: "III.5(a)", area: 5, summary: "eligibility for public benefits and services"),
    Point(id: "III.5(b)", area: 5, summary: "creditworthiness or credit scoring of people"),
    Point(id: "III.5(c)", area: 5, summary: "risk and pricing of life and health insurance"),
    Point(id: "III.5(d)", area: 5, summary: "triage of emergency calls and first response"),
    Point(id: "III.6(a)", area: 6, summary: "law enforcement: risk of becoming a victim"),
    Point(id: "III.6(b)", area: 6, summary: "law enforcement: polygraphs and similar tools"),
    Point(id: "III.6(c)", area: 6, summary: "law enforcement: reliability of evidence"),
    Point(id: "III.6(d)", area: 6, summary: "law enforcement: risk of offending or reoffending"),
    Point(id: "III.6(e)", area: 6, summary: "law enforcement: profiling in investigations"),
    Point(id: "III.7(a)", area: 7, summary: "migration: polygraphs and similar tools"),
    Point(id: "III.7(b)", area: 7, summary: "migration: assessing security or health risks"),
    Point(id: "III.7(c)", area: 7, summary: "migration: asylum, visa and residence applications"),
    Point(id: "III.7(d)", area: 7, summary: "migration: detecting or identifying people"),
    Point(id: "III.8(a)", area: 8, summary: "assisting judicial authorities"),
    Point(id: "III.8(b)", area: 8, summary: "influencing elections or referendums"),
  ]

  /// Every point's identifier.
  public static let points = all.map(\.id)

  public static func point(_ id: String) -> Point? { all.first { $0.id == id } }
}

/// A point of the EU AI Act's Annex III, as a feature states the high-risk use it falls under.
public enum AnnexIIIPoint: String, Vocabulary {
  case iii1a = "III.1(a)"
  case iii1b = "III.1(b)"
  case iii1c = "III.1(c)"
  case iii2 = "III.2"
  case iii3a = "III.3(a)"
  case iii3b = "III.3(b)"
  case iii3c = "III.3(c)"
  case iii3d = "III.3(d)"
  case iii4a = "III.4(a)"
  case iii4b = "III.4(b)"
  case iii5a = "III.5(a)"
  case iii5b = "III.5(b)"
  case iii5c = "III.5(c)"
  case iii5d = "III.5(d)"
  case iii6a = "III.6(a)"
  case iii6b = "III.6(b)"
  case iii6c = "III.6(c)"
  case iii6d = "III.6(d)"
  case iii6e = "III.6(e)"
  case iii7a = "III.7(a)"
  case iii7b = "III.7(b)"
  case iii7c = "III.7(c)"
  case iii7d = "III.7(d)"
  case iii8a = "III.8(a)"
  case iii8b = "III.8(b)"
  public static let termName = "Annex III point"

  /// The point's area and summary.
  public var point: AnnexIII.Point { AnnexIII.point(rawValue)! }
}
