import AIGovKit
import Foundation
import Testing

@testable import aigov

/// The release binary, built as the README's install section says, runs on a machine without Swift:
/// here, in a mount namespace where the toolchain's folder is an empty one.
@Suite struct ReleaseBinaryTests {
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func runsWhereTheSwiftToolchainCannotBeFound() throws {
    let toolchain = try #require(
      try Self.toolchainRoot(),
      "the Swift runtime this test runs on was not found in /proc/self/maps")
    let harness = try CommandLineHarness()
    let binary = try Self.buildStaticRelease(in: harness)

    // The control: the debug binary of `swift test` needs the toolchain's libraries, so hiding
    // the toolchain must stop it.
    let control = try Self.runHidingToolchain(
      toolchain, [CommandLineHarness.binary.path, "--version"], in: harness)
    #expect(control.status != 0, "the debug binary ran with \(toolchain) hidden: \(control.stdout)")
    #expect(
      control.stderr.contains("error while loading shared libraries: libswift"), "\(control.stderr)"
    )

    let version = try Self.runHidingToolchain(toolchain, [binary.path, "--version"], in: harness)
    #expect(version.status == 0, "\(version.stderr)")
    #expect(
      version.stdout
        == "\(AIGov.toolVersion) (database schema version \(Registry.migrator.latestVersion))\n")

    let database = harness.directory.appendingPathComponent("hidden.sqlite").path
    for arguments in [["demo"], ["audit", "verify"], ["feature", "show", "email-ai"]] {
      let outcome = try Self.runHidingToolchain(
        toolchain, [binary.path] + arguments + ["--db", database], in: harness)
      #expect(outcome.status == 0, "aigov \(arguments.joined(separator: " ")): \(outcome.stderr)")
    }
  }

  /// The folder the toolchain is installed in (`/opt/swift` for `/opt/swift/usr/lib/swift/linux/
  /// libswiftCore.so`), read from the libraries this test process has loaded.
  static func toolchainRoot() throws -> String? {
    // /proc files report a size of 0, so read them to their end rather than by size.
    let file = try #require(FileHandle(forReadingAtPath: "/proc/self/maps"))
    let maps = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
    let marker = "/usr/lib/swift/linux/libswiftCore.so"
    for line in maps.split(separator: "\n") {
      guard let path = line.split(separator: " ").last, path.hasSuffix(marker) else { continue }
      return String(path.dropLast(marker.count))
    }
    return nil
  }

  /// Builds the release binary with the Swift runtime linked in, in a build folder of its own (the
  /// one `swift test` uses is locked while the tests run), and returns its path.
  static func buildStaticRelease(in harness: CommandLineHarness) throws -> URL {
    let scratch = packageRoot.appendingPathComponent(".build-static")
    // SwiftPM 6.3 fails a second build in a scratch folder of its own ("unknown build
    // description") unless it plans the build anew; planning takes a second, the compiled objects
    // are kept.
    try? FileManager.default.removeItem(at: scratch.appendingPathComponent("release.yaml"))
    let build = try harness.launch(
      URL(fileURLWithPath: "/usr/bin/env"),
      [
        "swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "aigov",
        "--package-path", packageRoot.path, "--scratch-path", scratch.path,
      ])
    #expect(build.status == 0, "swift build failed:\n\(build.stdout)\n\(build.stderr)")
    let binary = scratch.appendingPathComponent("release/aigov")
    #expect(FileManager.default.isExecutableFile(atPath: binary.path))
    return binary
  }

  /// Runs `command` in a new mount namespace in which an empty folder is mounted over `toolchain`.
  static func runHidingToolchain(
    _ toolchain: String, _ command: [String], in harness: CommandLineHarness
  )
    throws -> Outcome
  {
    let script = "mount -t tmpfs -o size=1m aigov-test \"$0\" && exec \"$@\""
    let outcome = try harness.launch(
      URL(fileURLWithPath: "/usr/bin/unshare"),
      ["--mount", "--propagation", "private", "/bin/sh", "-c", script, toolchain] + command)
    if outcome.stderr.contains("unshare failed") || outcome.stderr.contains("mount: ") {
      Issue.record("cannot hide \(toolchain) in a mount namespace (needs root): \(outcome.stderr)")
    }
    return outcome
  }
}
