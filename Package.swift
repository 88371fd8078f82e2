// swift-tools-version: 6.0
import PackageDescription

// AIGovKit is rooted at the package root so that it can embed the top-level `Migrations/*.sql` and the
// sample inventory in `Fixtures/` into the binary; its Swift sources are only `Sources/AIGovKit`.
let package = Package(
  name: "aigov",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "aigov", targets: ["aigov"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    .package(url: "https://github.com/apple/swift-asn1", from: "1.3.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CAIGovSQLite",
      path: "Sources/CAIGovSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    .target(
      name: "AIGovKit",
      dependencies: [
        "CAIGovSQLite",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "SwiftASN1", package: "swift-asn1"),
      ],
      path: ".",
      exclude: [
        "README.md", "Tests", "Sources/aigov", "Sources/aigov-bench", "Sources/CAIGovSQLite",
        "Fixtures/README.md", "Fixtures/sample-keys/README.md", "Fixtures/golden", "Fixtures/exchange", "docs",
      ],
      sources: ["Sources/AIGovKit"],
      resources: [
        .embedInCode("Migrations/V0001__initial.sql"),
        .embedInCode("Migrations/V0002__governance.sql"),
        .embedInCode("Migrations/V0003__exchange.sql"),
        .embedInCode("Fixtures/sample-inventory.json"),
        .embedInCode("Fixtures/sample-keys/elena.key.pem"),
        .embedInCode("Fixtures/sample-keys/aisha.key.pem"),
        .embedInCode("Fixtures/sample-keys/jordan.key.pem"),
      ]
    ),
    .executableTarget(
      name: "aigov",
      dependencies: [
        "AIGovKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/aigov"
    ),
    .executableTarget(
      name: "aigov-bench",
      dependencies: ["AIGovKit", "aigov"],
      path: "Sources/aigov-bench"
    ),
    .testTarget(
      name: "AIGovKitTests",
      dependencies: ["AIGovKit"],
      path: "Tests/AIGovKitTests"
    ),
    .testTarget(
      name: "aigovTests",
      dependencies: ["aigov", "AIGovKit"],
      path: "Tests/aigovTests"
    ),
  ]
)
