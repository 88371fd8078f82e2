// swift-tools-version: 6.1
import PackageDescription

// AIGovKit is rooted at the package root so that it can embed the top-level `Migrations/*.sql` and the
// sample inventory in `Fixtures/` into the binary; its Swift sources are only `Sources/AIGovKit`.
// The release binaries are linked by lld with packed relocations, which the loader applies at every
// start in a fraction of the time. (`swift build -c release --static-swift-stdlib` also puts the
// Swift runtime and FoundationEssentials inside them, so that they run on a machine without Swift.)
let releaseLinking: [LinkerSetting] = [
  .unsafeFlags(
    ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
    .when(platforms: [.linux], configuration: .release))
]

// Generic types are instantiated through their accessors, with the conformances the compiler already
// knows, rather than from mangled names that the runtime resolves by scanning every conformance in
// the binary: a run of one command needs a few dozen such types, and each scan costs ~50 us.
let releaseCodeGeneration: [SwiftSetting] = [
  .unsafeFlags(
    ["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"],
    .when(configuration: .release))
]

// Linux only: the kit calls Glibc for files, locks and namespaces, and the release binaries are
// linked by lld for Linux. No platform is claimed that the tests do not run on.
let package = Package(
  name: "aigov",
  products: [
    .executable(name: "aigov", targets: ["aigov"]),
    .executable(name: "aigov-mcp", targets: ["aigov-mcp"]),
    .executable(name: "aigov-serve", targets: ["aigov-serve"]),
    .executable(name: "aigov-https", targets: ["aigov-https"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
    .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
    .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CAIGovSQLite",
      path: "Sources/CAIGovSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    // One GNU call the C library declares only under _GNU_SOURCE: a child process's start folder.
    .target(name: "CAIGovSpawn", path: "Sources/CAIGovSpawn"),
    .target(
      name: "AIGovKit",
      dependencies: [
        "CAIGovSQLite", "CAIGovSpawn",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
      ],
      path: ".",
      exclude: [
        "README.md", "Tests", "Sources/aigov", "Sources/aigov-mcp", "Sources/aigov-serve",
        "Sources/aigov-bench", "Sources/aigov-fuzz", "Sources/aigov-https",
        "Sources/CAIGovSQLite", "Sources/CAIGovSpawn",
        "Fixtures/README.md", "Fixtures/sample-keys/README.md", "Fixtures/golden",
        "Fixtures/exchange", "Fixtures/fuzz", "Fixtures/upgrade", "Fixtures/frameworks", "docs",
      ],
      sources: ["Sources/AIGovKit"],
      resources: [
        .embedInCode("Migrations/V0001__initial.sql"),
        .embedInCode("Migrations/V0002__governance.sql"),
        .embedInCode("Migrations/V0003__exchange.sql"),
        .embedInCode("Migrations/V0004__key_proof.sql"),
        .embedInCode("Migrations/V0005__disclosure.sql"),
        .embedInCode("Migrations/V0006__after_launch.sql"),
        .embedInCode("Migrations/V0007__access_tokens.sql"),
        .embedInCode("Migrations/V0008__administrators_proof.sql"),
        .embedInCode("Migrations/V0009__documentation_url.sql"),
        .embedInCode("Migrations/V0010__stated_claims.sql"),
        .embedInCode("Migrations/V0011__company_controls.sql"),
        .embedInCode("Migrations/V0012__evidence.sql"),
        .embedInCode("Migrations/V0013__mitigation_controls.sql"),
        .embedInCode("Migrations/V0014__frameworks.sql"),
        .embedInCode("Migrations/V0015__framework_catalogues.sql"),
        .embedInCode("Migrations/V0016__risks_and_mitigations_answer_frameworks.sql"),
        .embedInCode("Migrations/V0017__data_use_words.sql"),
        .embedInCode("Migrations/V0018__company_statements.sql"),
        .embedInCode("Migrations/V0019__meetings.sql"),
        .embedInCode("Migrations/V0020__webhooks.sql"),
        .embedInCode("Fixtures/catalogues/eu-ai-act.json"),
        .embedInCode("Fixtures/catalogues/nist-ai-rmf.json"),
        .embedInCode("Fixtures/catalogues/nist-ai-600-1.json"),
        .embedInCode("Fixtures/catalogues/iso-iec-42001.json"),
        .embedInCode("Fixtures/catalogues/owasp-llm-top-10.json"),
        .embedInCode("Fixtures/catalogues/mitre-atlas.json"),
        .embedInCode("Fixtures/sample-inventory.json"),
        .embedInCode("Fixtures/sample-evidence/provider-terms-2026.txt"),
        .embedInCode("Fixtures/sample-evidence/training-data-review-2026-q3.txt"),
        .embedInCode("Fixtures/sample-evidence/draft-approval-test-report.txt"),
        .embedInCode("Fixtures/sample-evidence/support-access-log-2026-09.txt"),
        .embedInCode("Fixtures/sample-evidence/ai-disclosure-check-2026-10.txt"),
        .embedInCode("Fixtures/sample-keys/elena.key.pem"),
        .embedInCode("Fixtures/sample-keys/aisha.key.pem"),
        .embedInCode("Fixtures/sample-keys/jordan.key.pem"),
      ],
      swiftSettings: releaseCodeGeneration
    ),
    .executableTarget(
      name: "aigov",
      dependencies: [
        "AIGovKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/aigov",
      swiftSettings: releaseCodeGeneration,
      linkerSettings: releaseLinking
    ),
    // The read-only MCP server: the official SDK and the whole of Foundation live here only, so
    // that the `aigov` binary keeps its start-up time and its short list of libraries.
    .executableTarget(
      name: "aigov-mcp",
      dependencies: [
        "AIGovKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "MCP", package: "swift-sdk"),
      ],
      path: "Sources/aigov-mcp",
      linkerSettings: releaseLinking
    ),
    // The HTTP API and web pages: Hummingbird and SwiftNIO live here only, for the same reason.
    .executableTarget(
      name: "aigov-serve",
      dependencies: [
        "AIGovKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      path: "Sources/aigov-serve",
      resources: [
        .embedInCode("Assets/sign.js"), .embedInCode("Assets/aigov.css"),
        .embedInCode("Assets/openapi.json"),
      ],
      linkerSettings: releaseLinking
    ),
    // The TLS side of `aigov --server https://…`: AsyncHTTPClient and BoringSSL live here only.
    .executableTarget(
      name: "aigov-https",
      dependencies: [
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      path: "Sources/aigov-https",
      linkerSettings: releaseLinking
    ),
    .executableTarget(
      name: "aigov-bench",
      dependencies: ["AIGovKit"],
      path: "Sources/aigov-bench",
      linkerSettings: releaseLinking
    ),
    // Built alone for libFuzzer (see the README); in an ordinary build it seeds a corpus from
    // `Fixtures/` and replays inputs through the same targets.
    .executableTarget(
      name: "aigov-fuzz",
      dependencies: ["AIGovKit"],
      path: "Sources/aigov-fuzz",
      linkerSettings: releaseLinking
    ),
    .testTarget(
      name: "AIGovKitTests",
      dependencies: ["AIGovKit"],
      path: "Tests/AIGovKitTests"
    ),
    .testTarget(
      name: "aigov-mcpTests",
      dependencies: ["aigov-mcp", "AIGovKit", .product(name: "MCP", package: "swift-sdk")],
      path: "Tests/aigov-mcpTests",
      exclude: ["Client"]
    ),
    .testTarget(
      name: "aigov-serveTests",
      dependencies: [
        "aigov-serve", "aigov", "aigov-https", "AIGovKit",
        .product(name: "X509", package: "swift-certificates"),
      ],
      path: "Tests/aigov-serveTests",
      exclude: ["Browser"]
    ),
    .testTarget(
      name: "aigovTests",
      dependencies: ["aigov", "aigov-fuzz", "AIGovKit"],
      path: "Tests/aigovTests"
    ),
  ]
)
