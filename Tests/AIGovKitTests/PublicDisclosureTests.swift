import Foundation
import Testing

@testable import AIGovKit

@Suite struct PublicDisclosureTests {
  static let november = Timestamp.parse("2026-11-22T10:00:00Z")!

  /// Every format of the disclosure of the sample, as of `november`.
  static func renderSample(in directory: TemporaryDirectory, name: String) throws
    -> [ReportFormat: String]
  {
    let registry = try SampleHistoryTests.build(at: november, in: directory, name: name)
    let disclosure = try registry.publicDisclosure()
    return [
      .markdown: PublicDisclosureMarkdown().render(disclosure),
      .html: PublicDisclosureHTML().render(disclosure),
      .json: try JSONRenderer<PublicDisclosure>().render(disclosure),
    ]
  }

  /// `Fixtures/golden/public-disclosure.*`; `AIGOV_RECORD_GOLDEN=1 swift test` records them anew.
  @Test(arguments: ReportFormat.allCases)
  func theSampleMatchesItsGoldenFile(_ format: ReportFormat) throws {
    let directory = try TemporaryDirectory()
    let rendered = try #require(try Self.renderSample(in: directory, name: "a.sqlite")[format])
    try expectGolden(rendered, "public-disclosure.\(format.fileExtension)")
  }

  @Test func theSameDatabaseAndTimeGiveTheSameBytes() throws {
    let directory = try TemporaryDirectory()
    let first = try Self.renderSample(in: directory, name: "a.sqlite")
    let second = try Self.renderSample(in: directory, name: "b.sqlite")
    #expect(first == second)
  }

  @Test func onlyLaunchedCustomerFacingFeaturesAndNothingInternal() throws {
    let directory = try TemporaryDirectory()
    let registry = try SampleHistoryTests.build(at: Self.november, in: directory, name: "s.sqlite")
    let disclosure = try registry.publicDisclosure()
    let shown = disclosure.sections.flatMap(\.features).map(\.name)
    let expected = try registry.features(FeatureFilter(status: .launched))
      .filter(\.customerFacing).map(\.name)
    #expect(Set(shown) == Set(expected) && !shown.isEmpty)
    #expect(!shown.contains("Email AI"))  // in review after its material change
    #expect(disclosure.subprocessors.map(\.name) == ["Anthropic", "AWS Bedrock", "OpenAI"])
    for text in try Self.renderSample(in: directory, name: "t.sqlite").values {
      for word in ["priya", "Priya Raman", "Elena Novak", "marcus", "Hallucinated", "risk"] {
        #expect(!text.contains(word), "'\(word)' is internal")
      }
    }
  }

  @Test func hostileTextIsEscapedForEachFormat() throws {
    let directory = try TemporaryDirectory()
    let registry = try makeRegistry(in: directory)
    let hostile = "<script>alert(1)</script> | x\n# =cmd \u{1B}[2J \u{202E}evil & 'q\""
    var provider = ProviderDraft(key: "llm", name: "placeholder", kind: .llm)
    provider.subprocessorListed = true
    try registry.addProvider(provider)
    var draft = FeatureDraft(
      key: "hostile", name: "placeholder", purpose: "placeholder", category: .generative,
      processingMode: .accountOnly, owner: "o")
    draft.customerFacing = true
    try registry.addFeature(draft)
    try registry.linkProvider(featureKey: "hostile", providerKey: "llm", model: "", purpose: "")
    // Values no field accepts, as a database written behind aigov's back may hold them.
    try registry.database.execute("UPDATE providers SET name = ?", [hostile])
    try registry.database.execute(
      "UPDATE features SET status = 'launched', name = ?, purpose = ?", [hostile, hostile])
    let disclosure = try registry.publicDisclosure()

    let html = PublicDisclosureHTML().render(disclosure)
    #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(html.contains("&amp; &#39;q&quot;"))
    let markdown = PublicDisclosureMarkdown().render(disclosure)
    #expect(markdown.contains(##"\<script\>alert(1)\</script\> \| x \# =cmd"##))
    #expect(markdown.contains("### \\<script\\>"))
    #expect(!markdown.contains("| x\n"))
    for text in [html, markdown] {
      #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
      #expect(text.contains("‹U+001B›") && text.contains("‹U+202E›evil"))
    }
    // JSON carries the value exactly; the reader's JSON parser restores it.
    let json = try JSONRenderer<PublicDisclosure>().render(disclosure)
    let decoded = try JSONDecoder().decode(PublicDisclosure.self, from: Data(json.utf8))
    #expect(decoded.sections.first?.features.first?.name == hostile)
  }
}

extension ReportFormat {
  var fileExtension: String {
    switch self {
    case .markdown: "md"
    case .html: "html"
    case .json: "json"
    }
  }
}
