import AIGovKit
import ArgumentParser
import Foundation
import Testing

@testable import aigov

extension FieldDescription: CustomTestStringConvertible {
  public var testDescription: String { name }
}

/// A feature's fields are described once (`Feature.table`); what Swift cannot derive from that
/// description is held to it here, so that a field added there and forgotten elsewhere is named.
@Suite struct FeatureFieldTests {
  /// A value each kind of field accepts, as a person types it.
  static func sample(_ field: FieldDescription) -> String {
    switch field.kind {
    case .text: field.textField?.format == .httpsURL ? "https://help.example.com/ai" : "Sample"
    case .integer: String(field.range?.lowerBound ?? 7)
    case .boolean: "true"
    case .term(let terms), .terms(let terms): terms.last!
    case .termSet(let terms): terms[0] + "," + terms.last!
    }
  }

  static let required = [
    "x1", "--name", "New", "--purpose", "p", "--category", "predictive", "--owner", "o",
    "--serving", "cross-account", "--training", "none",
  ]

  @Test(arguments: Feature.fields.filter { $0.isEditable && !$0.isList })
  func everyEditableFieldHasAnOptionOfFeatureEditThatChangesIt(_ field: FieldDescription) throws {
    let value = Self.sample(field)
    let edit: AIGov.Feature.Edit
    do {
      edit = try AIGov.Feature.Edit.parse(["email-ai", "--\(field.option)", value])
    } catch {
      Issue.record(
        Comment(
          rawValue: "feature field '\(field.name)' has no option --\(field.option) of `feature "
            + "edit`: add it to FeatureFieldOptions (Sources/aigov/Feature.swift), or to "
            + "`feature edit` if a new feature must state it "
            + "(\(AIGov.Feature.Edit.message(for: error)))"))
      return
    }
    let expected = try field.value(parsing: value)
    #expect(
      edit.changes.fields[field.name] == expected,
      "--\(field.option) of `feature edit` does not change '\(field.name)': set it in FeatureFieldOptions.changes"
    )
  }

  /// `risk edit` and `mitigation edit` have an option for every field an edit may change.
  @Test func everyEditableFieldOfARiskOrAMitigationHasAnOptionThatChangesIt() throws {
    let commands: [(String, [FieldDescription], ([String]) throws -> [String: DatabaseValue])] = [
      ("risk edit", Risk.fields, { try AIGov.Risk.Edit.parse($0).changes.fields }),
      (
        "mitigation edit", Mitigation.fields, { try AIGov.Mitigation.Edit.parse($0).changes.fields }
      ),
    ]
    for (command, fields, changes) in commands {
      for field in fields where field.isEditable {
        let value = Self.sample(field)
        let expected = try field.value(parsing: value)
        #expect(
          (try? changes(["1", "--\(field.option)", value]))?[field.name] == expected,
          "'\(field.name)' has no option --\(field.option) of `\(command)` that sets it")
      }
    }
  }

  @Test(arguments: Feature.fields.filter { $0.isEditable && !$0.isRequired })
  func everyFieldANewFeatureMayStateHasAnOptionOfFeatureAdd(_ field: FieldDescription) throws {
    let value = Self.sample(field)
    let add: AIGov.Feature.Add
    do {
      add = try AIGov.Feature.Add.parse(Self.required + ["--\(field.option)", value])
    } catch {
      Issue.record(
        Comment(
          rawValue: "feature field '\(field.name)' has no option --\(field.option) of `feature "
            + "add`: add it to FeatureFieldOptions (\(AIGov.Feature.Add.message(for: error)))"))
      return
    }
    let draft = try add.draft()
    if field.isList {
      #expect(draft.dataCategories.map(\.rawValue) == [value])
    } else {
      let expected = try field.value(parsing: value)
      #expect(
        draft.value(of: field.name) == expected,
        "--\(field.option) of `feature add` does not set '\(field.name)'")
    }
  }

  @Test func aNewFeatureMustStateExactlyTheFieldsFeatureAddRequires() throws {
    for field in Feature.fields where field.isRequired && field.isEditable {
      let without = Self.required.enumerated().filter { index, argument in
        argument != "--\(field.option)"
          && (index == 0 || Self.required[index - 1] != "--\(field.option)")
      }.map(\.element)
      #expect(
        (try? AIGov.Feature.Add.parse(without).draft()) == nil,
        "`feature add` takes no required option --\(field.option) for '\(field.name)'")
    }
  }

  /// `feature show` lays out the fields it knows and lists every other one that has a value.
  @Test func featureShowShowsEveryFieldThatHasAValue() throws {
    let harness = try CommandLineHarness()
    try harness.succeed(["init"])
    let others = Feature.fields.filter {
      !FeatureRecordText.laidOut.contains($0.name) && $0.isEditable
    }
    try harness.succeed(
      ["feature", "add"] + Self.required + others.flatMap { ["--\($0.option)", Self.sample($0)] })
    let shown = try harness.succeed(["feature", "show", "x1"]).stdout
    for field in others {
      #expect(
        shown.contains(field.label.padded(to: 22) + Self.sample(field)),
        "`feature show` does not show '\(field.name)':\n\(shown)")
    }
  }

  /// The README's table of a feature's fields is the description, row for row. With
  /// `AIGOV_RECORD_GOLDEN=1` the test writes it.
  @Test func theReadmeDescribesEveryFieldOfAFeature() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../README.md")
    let readme = try String(contentsOf: url, encoding: .utf8)
    let start = "<!-- feature fields: written by FeatureFieldTests -->\n"
    let end = "<!-- end of feature fields -->"
    let begin = try #require(readme.range(of: start), "the README lacks the marker \(start)")
    let finish = try #require(readme.range(of: end, range: begin.upperBound..<readme.endIndex))
    var table = """
      | field | holds | option | a new feature |
      |---|---|---|---|

      """
    for field in Feature.fields where field.isEditable || field.name == "key" {
      let option = field.name == "key" ? "the argument" : "`--\(field.option)`"
      let new =
        if field.isRequired {
          "must state it"
        } else if let value = field.defaultValue?.optionalText {
          value.isEmpty ? "may state it (empty)" : "may state it (`\(value)`)"
        } else {
          "may state it"
        }
      table +=
        "| `\(field.name)` | \(Self.holds(field)) | \(option) | \(new) |\n"
    }
    let written = String(readme[begin.upperBound..<finish.lowerBound])
    if ProcessInfo.processInfo.environment["AIGOV_RECORD_GOLDEN"] == "1" {
      try (readme[..<begin.upperBound] + table + readme[finish.lowerBound...])
        .write(to: url, atomically: true, encoding: .utf8)
    }
    #expect(written == table, "the README's table of feature fields should read:\n\(table)")
  }

  static func holds(_ field: FieldDescription) -> String {
    let what =
      switch field.kind {
      case .text:
        field.textField.map { text in
          text.format == .httpsURL
            ? "an https URL"
            : (text.lines == .one ? "one line" : "text") + " of at most \(text.maximumLength)"
        } ?? "a key"
      case .integer:
        field.range.map { "a whole number, \($0.lowerBound) to \($0.upperBound)" }
          ?? "a whole number"
      case .boolean: "yes or no"
      case .term(let terms): terms.map { "`\($0)`" }.joined(separator: ", ")
      case .terms(let terms): "any of " + terms.map { "`\($0)`" }.joined(separator: ", ")
      case .termSet(let terms):
        "`none`, or any of " + terms.map { "`\($0)`" }.joined(separator: ", ")
          + ", separated by commas"
      }
    return (field.help.map { $0 + " " } ?? "") + what.prefix(1).uppercased() + what.dropFirst()
      + "."
  }
}
