/// One field of a record as every front end sees it: what it holds, the values it accepts, what
/// it is for, and who may state it. Derived from the record's `RecordTable`, where each field is
/// described once; the command line, the HTTP API, the MCP server, the JSON Schemas and the
/// README's field table all read it from here.
public struct FieldDescription: Sendable {
  public enum Kind: Sendable, Equatable {
    case text
    case integer
    case boolean
    /// One term of a vocabulary.
    case term([String])
    /// A list of terms of a vocabulary, sorted, without repeats, that an edit changes by adding
    /// and removing items (a feature's data categories).
    case terms([String])
    /// A set of terms stated whole (`TermSet`): its terms separated by commas in the
    /// vocabulary's order, or `none`, in JSON as on the command line.
    case termSet([String])
  }

  /// The field's name in JSON, in exchange files and in SQL.
  public let name: String
  public let kind: Kind
  /// Whether the field may be absent (null).
  public let isOptional: Bool
  /// The text a text field accepts.
  public let textField: TextField?
  /// Whether an edit may change it (and a draft state it).
  public let isEditable: Bool
  /// Whether a new record must state it (the others have a default or are optional).
  public let isRequired: Bool
  /// What the field holds, in a sentence, for help texts and schemas.
  public let help: String?
  /// How people read its name: `documentation URL`.
  public let label: String
  /// The command line's long option, without its dashes.
  public let option: String
  /// The smallest and largest value an integer field accepts.
  public let range: ClosedRange<Int>?
  /// Whether a search's short answer (the MCP server's) carries it.
  public let isInSummary: Bool
  /// The words the public page links the value with, when it publishes it as a link.
  public let publishedLink: String?
  /// The value a new record takes when it does not state the field; nil for a field it must
  /// state, and for one that is absent unless stated.
  public let defaultValue: DatabaseValue?

  init<Record>(_ column: RecordColumn<Record>, empty: Record? = nil) {
    let exchange = column.exchange
    name = column.auditField ?? column.name
    switch exchange.kind {
    case .integer: kind = .integer
    case .boolean: kind = .boolean
    case .text:
      kind =
        exchange.isSet
        ? .termSet(exchange.terms ?? []) : exchange.terms.map(Kind.term) ?? .text
    }
    isOptional = exchange.nullable
    textField = kind == .text ? exchange.field : nil
    isEditable = column.role == .content
    isRequired = column.details.isRequired
    help = column.details.help
    label = column.details.label ?? name.replacingUnderscores()
    option = column.details.option ?? String(name.map { $0 == "_" ? "-" : $0 })
    range = column.details.range
    isInSummary = column.details.isInSummary
    publishedLink = column.details.publishedLink
    let value = empty.flatMap { column.value?($0) }
    defaultValue = column.details.isRequired || value == .null ? nil : value
  }

  /// A field that is not a column of the record's table (a feature's data categories).
  init(
    list name: String, terms: [String], help: String, option: String, isInSummary: Bool = false
  ) {
    self.name = name
    kind = .terms(terms)
    isOptional = false
    textField = nil
    isEditable = true
    isRequired = false
    self.help = help
    label = name.replacingUnderscores()
    self.option = option
    range = nil
    self.isInSummary = isInSummary
    publishedLink = nil
    defaultValue = nil
  }

  /// Whether the field holds a list, which an edit changes by adding and removing items.
  public var isList: Bool {
    if case .terms = kind { true } else { false }
  }

  /// The field's JSON Schema, as the JSON a command prints holds it (null where it may be
  /// absent, when `nullable`).
  public func jsonSchema(nullable: Bool = false) -> JSONValue {
    var schema: [String: JSONValue] = [:]
    switch kind {
    case .text:
      schema["type"] = "string"
      if let textField {
        schema["maxLength"] = .integer(textField.maximumLength)
        if textField.format == .httpsURL {
          schema["format"] = "uri"
          schema["pattern"] = "^https://"
        }
      }
    case .integer:
      schema["type"] = "integer"
      if let range {
        schema["minimum"] = .integer(range.lowerBound)
        schema["maximum"] = .integer(range.upperBound)
      }
    case .boolean: schema["type"] = "boolean"
    case .term(let terms):
      schema["type"] = "string"
      schema["enum"] = .array(terms.map(JSONValue.string))
    case .terms(let terms):
      schema["type"] = "array"
      schema["items"] = ["type": "string", "enum": .array(terms.map(JSONValue.string))]
    case .termSet(let terms):
      schema["type"] = "string"
      let term = "(" + terms.joined(separator: "|") + ")"
      schema["pattern"] = .string("^(none|\(term)(,\(term))*)$")
    }
    if let help { schema["description"] = .string(help) }
    guard nullable, isOptional else { return .object(schema) }
    return ["anyOf": [.object(schema), ["type": "null"]]]
  }

  /// Reads the value a person typed (an option's argument, a form's field) as the field holds
  /// it: a term of its vocabulary, a whole number in its range, or text; an empty text clears an
  /// optional field.
  public func value(parsing text: String) throws -> DatabaseValue {
    switch kind {
    case .text:
      return text.isEmpty && isOptional ? .null : .text(text)
    case .integer:
      guard let number = Int(text), range.map({ $0.contains(number) }) ?? true else {
        throw AIGovError.invalidValue(
          field: label, value: text,
          expected: range.map { "a whole number from \($0.lowerBound) to \($0.upperBound)" }
            ?? "a whole number")
      }
      return .integer(Int64(number))
    case .boolean:
      guard let flag = ["true": true, "false": false][text] else {
        throw AIGovError.invalidValue(field: label, value: text, expected: "true or false")
      }
      return .integer(flag ? 1 : 0)
    case .term(let terms), .terms(let terms):
      guard terms.contains(text) else {
        throw AIGovError.invalidValue(
          field: label, value: text, expected: "one of: \(terms.joined(separator: ", "))")
      }
      return .text(text)
    case .termSet(let terms):
      if text.isEmpty && isOptional { return .null }
      let parts = Set(text.split(separator: ",").map { $0.trimmingWhitespace() })
      if parts == ["none"] { return .text("none") }
      guard !parts.isEmpty, parts.isSubset(of: terms) else {
        throw AIGovError.invalidValue(field: label, value: text, expected: expected)
      }
      return .text(terms.filter(parts.contains).joined(separator: ","))
    }
  }

  /// Reads the field's value from JSON (a request's body, a sample's record).
  public func value(from json: JSONValue) throws -> DatabaseValue {
    switch (kind, json) {
    case (_, .null) where isOptional: return .null
    case (.text, .string(let text)): return text.isEmpty && isOptional ? .null : .text(text)
    case (.integer, .integer(let number)): return try value(parsing: String(number))
    case (.boolean, .bool(let flag)): return .integer(flag ? 1 : 0)
    case (.term, .string(let text)), (.termSet, .string(let text)): return try value(parsing: text)
    case (.termSet, .array(let items)):
      let texts = items.compactMap { item -> String? in
        if case .string(let text) = item { text } else { nil }
      }
      guard texts.count == items.count else {
        throw AIGovError.invalidValue(field: label, value: json.compactText, expected: expected)
      }
      return try value(parsing: texts.isEmpty ? "none" : texts.joined(separator: ","))
    default:
      throw AIGovError.invalidValue(field: label, value: json.compactText, expected: expected)
    }
  }

  /// What the field accepts, in words, for messages.
  var expected: String {
    let base =
      switch kind {
      case .text: "text"
      case .integer: "a whole number"
      case .boolean: "true or false"
      case .term(let terms): "one of: \(terms.joined(separator: ", "))"
      case .terms(let terms): "a list of: \(terms.joined(separator: ", "))"
      case .termSet(let terms): "none, or one or more of: \(terms.joined(separator: ", "))"
      }
    return isOptional ? base + ", or null" : base
  }
}

extension JSONValue {
  /// The value as one short line, for messages.
  var compactText: String {
    switch self {
    case .null: "null"
    case .bool(let flag): String(flag)
    case .integer(let number): String(number)
    case .number(let number): String(number)
    case .string(let text): text
    case .array: "a list"
    case .object: "an object"
    }
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral
{
  public init(integerLiteral value: Int) { self = .integer(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(stringLiteral value: String) { self = .string(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements) { $1 })
  }
}

/// What a field's description adds to its column, beyond how it is stored.
struct FieldDetails: Sendable {
  var help: String?
  var label: String?
  var option: String?
  var range: ClosedRange<Int>?
  var isRequired = false
  var isInSummary = false
  var publishedLink: String?
}

extension RecordColumn {
  /// The column with what people read of its field: a sentence for help texts and schemas, and
  /// where its name alone does not say it, its label and its command-line option.
  func described(_ help: String, label: String? = nil, option: String? = nil) -> Self {
    var column = self
    column.details.help = help
    column.details.label = label
    column.details.option = option
    return column
  }

  /// A field every new record must state.
  var required: Self {
    var column = self
    column.details.isRequired = true
    return column
  }

  /// A field a search's short answer carries.
  var inSummary: Self {
    var column = self
    column.details.isInSummary = true
    return column
  }

  /// An integer field that accepts only values in `range`.
  func within(_ range: ClosedRange<Int>) -> Self {
    var column = self
    column.details.range = range
    return column
  }

  /// A field the public page shows as a link, with `words` as its text.
  func publishedAsLink(_ words: String) -> Self {
    var column = self
    column.details.publishedLink = words
    return column
  }
}
