import AIGovKit
import Foundation
import Testing

/// A file under `Fixtures/exchange/`.
func exchangeFixture(_ path: String) -> URL {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../../Fixtures/exchange/\(path)").standardizedFileURL
}

func fixtureBytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

func fixtureFiles(_ folder: String, suffix: String) throws -> [URL] {
  try FileManager.default.contentsOfDirectory(
    at: exchangeFixture(folder), includingPropertiesForKeys: nil
  ).filter { $0.lastPathComponent.hasSuffix(suffix) }.sorted { $0.path < $1.path }
}

func readAllRecords(_ bytes: [UInt8]) throws -> [CSVRecord] {
  var reader = CSVReader(bytes: bytes)
  var records: [CSVRecord] = []
  while let record = try reader.next() { records.append(record) }
  return records
}

@Suite struct CSVReaderTests {
  /// csv-spectrum: each CSV read with its first row as the header equals the expected JSON.
  @Test func readsEveryCaseOfTheSpectrumButTheKnownBadOne() throws {
    let inputs = try fixtureFiles("csv-spectrum/csvs", suffix: ".csv")
    #expect(inputs.count == 12)
    for input in inputs where input.lastPathComponent != "location_coordinates.csv" {
      let name = input.deletingPathExtension().lastPathComponent
      let records = try readAllRecords(try fixtureBytes(input))
      let header = try #require(records.first).fields
      let rows = records.dropFirst().map { record in
        JSONValue.object(
          Dictionary(uniqueKeysWithValues: zip(header, record.fields.map(JSONValue.string))))
      }
      let expected = try StrictJSON.parse(
        try fixtureBytes(exchangeFixture("csv-spectrum/json/\(name).json")))
      #expect(JSONValue.array(Array(rows)) == expected, "\(name)")
    }
  }

  /// Its expected output is wrong upstream, and the CSV has bare quotes in an unquoted field.
  @Test func refusesTheKnownBadCaseWithTheLine() throws {
    let bytes = try fixtureBytes(exchangeFixture("csv-spectrum/csvs/location_coordinates.csv"))
    #expect(
      throws: CSVError(
        line: 2,
        reason: "a quote inside an unquoted field (quote the whole field and double the quote)")
    ) {
      _ = try readAllRecords(bytes)
    }
  }

  @Test func namesTheLineOfEveryMalformedInput() throws {
    let cases: [(String, CSVError)] = [
      ("a,b\n1,\"open\n2,3\n", CSVError(line: 2, reason: "a quoted field that is never closed")),
      (
        "a,b\n1,\"x\"y\n",
        CSVError(
          line: 2, reason: "text after a closing quote (a quote inside a quoted field is doubled)")
      ),
      ("a,b\r1,2\n", CSVError(line: 1, reason: "a carriage return that does not end the line")),
    ]
    for (text, error) in cases {
      #expect(throws: error) { _ = try readAllRecords(Array(text.utf8)) }
    }
    let notUTF8: [UInt8] = Array("a,b\n1,2\n3,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
    #expect(throws: CSVError(line: 3, reason: "bytes that are not UTF-8 (save the file as UTF-8)"))
    {
      _ = try readAllRecords(notUTF8)
    }
  }

  @Test func tellsAnEmptyTextFromNoValueAndSkipsAByteOrderMark() throws {
    let records = try readAllRecords(
      [0xEF, 0xBB, 0xBF] + Array("a,b,c\r\n\"\",,\"x\"\"y\"\r\n".utf8))
    #expect(records.count == 2)
    #expect(records[0].fields == ["a", "b", "c"])
    #expect(records[1].fields == ["", "", "x\"y"])
    #expect(records[1].quoted == [true, false, true])
    #expect(records[1].line == 2)
  }

  /// Found by fuzzing (`Fixtures/fuzz/csv/byte-order-mark-twice`): a value that begins with a
  /// byte-order mark, written first in a file, came back without it.
  @Test func aValueBeginningWithAByteOrderMarkComesBackWhole() throws {
    let input = try fixtureBytes(
      exchangeFixture("../fuzz/csv/byte-order-mark-twice").standardizedFileURL)
    let records = try readAllRecords(input)
    #expect(records.map(\.fields) == [["\u{FEFF}"]])
    var writer = CSVWriter()
    for record in records { writer.record(record.fields) }
    let written = writer.take()
    #expect(written.first == UInt8(ascii: "\""))
    #expect(try readAllRecords(written).map(\.fields) == [["\u{FEFF}"]])
  }
}

@Suite struct SpreadsheetFormulaTests {
  struct Vector: Decodable {
    var input: String
    var owaspTrigger: Bool
    var asvs5Trigger: Bool
    enum CodingKeys: String, CodingKey {
      case input
      case owaspTrigger = "owasp_trigger"
      case asvs5Trigger = "asvs5_trigger"
    }
  }

  func vectors() throws -> [Vector] {
    let text = try String(
      contentsOf: exchangeFixture("csv-injection-payloads/formula_injection_vectors.jsonl"),
      encoding: .utf8)
    return try text.split(separator: "\n").map {
      try JSONDecoder().decode(Vector.self, from: Data($0.utf8))
    }
  }

  /// Every vector written as a cell and read back: triggers neutralised, benign values untouched,
  /// every value restored, one cell per value whatever it holds.
  @Test func neutralisesEveryTriggerAndRestoresEveryValue() throws {
    let vectors = try vectors()
    #expect(vectors.count == 44)
    var writer = CSVWriter()
    for vector in vectors { writer.record(["x", vector.input, "y"]) }
    let records = try readAllRecords(writer.bytes)
    #expect(records.count == vectors.count)
    for (vector, record) in zip(vectors, records) {
      #expect(record.fields.count == 3, "\(vector.input.debugDescription)")
      let cell = record.fields[1]
      if vector.owaspTrigger || vector.asvs5Trigger {
        #expect(cell.hasPrefix("'"), "\(vector.input.debugDescription)")
        #expect(cell == "'" + vector.input)
      } else if vector.input.hasPrefix("'") {
        // Already guarded by hand: one more apostrophe, so that import gives back exactly it.
        #expect(cell == "'" + vector.input)
      } else {
        #expect(cell == vector.input, "\(vector.input.debugDescription)")
      }
      #expect(SpreadsheetFormula.restored(cell) == vector.input)
    }
  }

  /// A public key's PEM goes out as it is, so that openssl reads the cell as written; anything
  /// else that begins like one, but could carry a call or a link, is guarded.
  @Test func aPEMBlockIsWrittenAsItIsAndNothingLikeIt() {
    let pem =
      "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
      + "-----END PUBLIC KEY-----\n"
    #expect(SpreadsheetFormula.neutralised(pem) == pem)
    #expect(SpreadsheetFormula.restored(pem) == pem)
    #expect(SpreadsheetFormula.restored("'" + pem) == pem)
    #expect(SpreadsheetFormula.neutralised("'" + pem) == "''" + pem)
    for hostile in [
      "-----BEGIN PUBLIC KEY-----\n=HYPERLINK(\"http://x\")\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\n=cmd\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\nAA|calc!A0\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----\n",
      "-----BEGIN PUBLIC KEY-----\r\nAAAA\r\n-----END PUBLIC KEY-----\r\n",
      "-----BEGIN public key-----\nAAAA\n-----END public key-----\n",
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n=1+1",
      "-1+1",
    ] {
      #expect(
        SpreadsheetFormula.neutralised(hostile) == "'" + hostile, "\(hostile.debugDescription)")
      #expect(SpreadsheetFormula.restored("'" + hostile) == hostile)
    }
  }

  @Test func leavesAnApostropheBeforeOrdinaryTextAlone() {
    #expect(SpreadsheetFormula.neutralised("'hello") == "'hello")
    #expect(SpreadsheetFormula.restored("'hello") == "'hello")
    #expect(SpreadsheetFormula.neutralised("''=x") == "'''=x")
    #expect(SpreadsheetFormula.restored("'''=x") == "''=x")
    #expect(SpreadsheetFormula.restored("=x") == "=x")
  }
}

@Suite struct StrictJSONTests {
  /// JSONTestSuite: every `n_` file is refused with a reason, every `y_` file is read.
  @Test func refusesEveryInvalidDocumentOfTheSuite() throws {
    let invalid = try fixtureFiles("JSONTestSuite/test_parsing", suffix: ".json")
      .filter { $0.lastPathComponent.hasPrefix("n_") }
    #expect(invalid.count == 188)
    for file in invalid {
      let bytes = try fixtureBytes(file)
      #expect(throws: JSONError.self, "\(file.lastPathComponent)") {
        _ = try StrictJSON.parse(bytes, rejectingDuplicateKeys: false)
      }
    }
  }

  @Test func readsEveryValidDocumentOfTheSuite() throws {
    let valid = try fixtureFiles("JSONTestSuite/test_parsing", suffix: ".json")
      .filter { $0.lastPathComponent.hasPrefix("y_") }
    #expect(valid.count == 65)
    for file in valid {
      let bytes = try fixtureBytes(file)
      #expect(throws: Never.self, "\(file.lastPathComponent)") {
        _ = try StrictJSON.parse(bytes, rejectingDuplicateKeys: false)
      }
    }
  }

  /// The grammar allows a key twice; an import refuses it rather than keep one value silently.
  @Test func refusesADuplicateKeyWhereItIsAsked() throws {
    let bytes = try fixtureBytes(
      exchangeFixture("JSONTestSuite/test_parsing/y_object_duplicated_key.json"))
    #expect(
      throws: JSONError(line: 1, column: 10, reason: "the key \"a\" appears twice in one object")
    ) {
      _ = try StrictJSON.parse(bytes)
    }
  }

  @Test func namesWhereADocumentGoesWrong() {
    let cases: [(String, JSONError)] = [
      ("[1,]", JSONError(line: 1, column: 4, reason: "a comma before the end of an array")),
      ("{\"a\":0,}", JSONError(line: 1, column: 8, reason: "a comma before the end of an object")),
      (
        "{\n  // note\n}",
        JSONError(line: 2, column: 3, reason: "an object key that is not a string")
      ),
      (
        "[\"a\tb\"]",
        JSONError(
          line: 1, column: 4, reason: "an unescaped control character (byte 0x09) in a string")
      ),
      ("[01]", JSONError(line: 1, column: 3, reason: "a number with a leading zero")),
      (
        String(repeating: "[", count: 600),
        JSONError(line: 1, column: 513, reason: "arrays and objects nested deeper than 512 levels")
      ),
    ]
    for (text, error) in cases {
      #expect(throws: error) { _ = try StrictJSON.parse(Array(text.utf8)) }
    }
  }

  @Test func readsValuesExactly() throws {
    let value = try StrictJSON.parse(
      Array(#"{"a":[1,-2.5,"\u00e9\ud83d\ude00",true,null],"b":{}}"#.utf8))
    #expect(
      value
        == .object([
          "a": .array([.integer(1), .number(-2.5), .string("é😀"), .bool(true), .null]),
          "b": .object([:]),
        ]))
  }
}
