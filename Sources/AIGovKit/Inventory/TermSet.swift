/// Several terms of one vocabulary stated together, such as everything a model is trained on:
/// stored as one text, its terms in their declared order joined by commas, and `none` for none.
///
/// A single term is stored as that term alone, so a field that held one term keeps its stored
/// value, its audit record, its JSON and its content hash when it becomes a set. JSON carries
/// the same text as the trail's records, so that every reader sees one form. A vocabulary's own `none`
/// term (a training use's) is the empty set, never a member.
public struct TermSet<Term: Vocabulary>: Hashable, Sendable, RawRepresentable,
  DatabaseValueConvertible
{
  /// Sorted in the vocabulary's declared order, without repeats or `none`.
  public let terms: [Term]

  public init(_ terms: some Sequence<Term>) {
    let chosen = Set(terms.filter { $0.rawValue != Self.noneTerm })
    self.terms = Term.allCases.filter(chosen.contains)
  }

  /// The empty set: `none`.
  public static var none: Self { Self([]) }

  /// The text `none` the empty set is stored as.
  public static var noneTerm: String { "none" }

  public var isEmpty: Bool { terms.isEmpty }

  public func contains(_ term: Term) -> Bool { terms.contains(term) }

  public var rawValue: String {
    terms.isEmpty ? Self.noneTerm : terms.map(\.rawValue).joined(separator: ",")
  }

  public init?(rawValue: String) {
    // A set of one term, the stored value of most rows, is read without splitting.
    if !rawValue.utf8.contains(UInt8(ascii: ",")) {
      if rawValue == Self.noneTerm {
        self = .none
        return
      }
      guard let term = Term(rawValue: rawValue) else { return nil }
      self.terms = [term]
      return
    }
    guard let set = try? Self.parse(rawValue), set.rawValue == rawValue else { return nil }
    self = set
  }

  public var databaseValue: DatabaseValue { .text(rawValue) }

  /// Every term a member may be.
  public static var memberTerms: [String] {
    Term.allCases.map(\.rawValue).filter { $0 != noneTerm }
  }

  /// What a set accepts, in words, for messages and help.
  public static var acceptedTerms: String {
    "none, or one or more of: " + memberTerms.joined(separator: ", ")
  }

  /// Reads a set from its terms separated by commas (spaces around them allowed), or `none`.
  /// Refuses an unknown term, an empty one, and `none` beside another term.
  public static func parse(_ text: String, field: String? = nil) throws -> Self {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingWhitespace()
    }
    if parts == [noneTerm] { return .none }
    var terms: [Term] = []
    for part in parts {
      guard part != noneTerm, let term = Term(rawValue: part) else {
        throw AIGovError.invalidValue(
          field: field ?? Term.termName, value: text, expected: acceptedTerms)
      }
      terms.append(term)
    }
    return Self(terms)
  }

  /// Whether `text` is a set as stored: its terms in their order, without repeats, or `none`.
  static func isStored(_ text: String) -> Bool {
    (try? parse(text))?.rawValue == text
  }
}

extension TermSet: ExpressibleByArrayLiteral {
  public init(arrayLiteral terms: Term...) { self.init(terms) }
}

extension TermSet: Codable {
  /// The stored text in JSON, as in the trail's records; a list of terms is read too.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      self = try Self.parse(text)
    } else {
      let items = try container.decode([String].self)
      self = try Self.parse(items.isEmpty ? Self.noneTerm : items.joined(separator: ","))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }
}
