import AIGovKit
import Dispatch
import Foundation
import Testing

@testable import aigov_serve

/// How the server uses its connections: each on an executor of its own, readers taken as they
/// are free.
@Suite struct ServedInventoryTests {
  let folder: URL
  let path: String

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aigov-served-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    path = folder.appendingPathComponent("aigov.sqlite").path
    _ = try SampleInventory.builtIn().build(
      at: path, replacing: false, clock: { ServerUnderTest.now })
  }

  @Test func everyCallRunsOnItsConnectionsOwnExecutorNotOnSharedThreads() async throws {
    let inventory = try ServedInventory(path: path, fixedTime: ServerUnderTest.now)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(DatabaseExecutor.currentLabel == nil)
    let read = try await inventory.read { _ in DatabaseExecutor.currentLabel }
    #expect(read?.hasPrefix("aigov-serve reader ") == true, "\(read ?? "none")")
    let written = try await inventory.write(as: "dana") { _ in DatabaseExecutor.currentLabel }
    #expect(written == "aigov-serve writer")
  }

  @Test func aReadTakesAConnectionThatIsFreeNotOneAnotherReadHolds() async throws {
    let inventory = try ServedInventory(
      path: path, fixedTime: ServerUnderTest.now, readerCount: 2)
    defer { try? FileManager.default.removeItem(at: folder) }
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    // One read holds its connection until released (a slow report, say). The wait is long, for
    // a loaded machine; a pool that sent a read behind this one would fail only after it.
    let slow = Task {
      try await inventory.read { _ in
        entered.signal()
        _ = release.wait(timeout: .now() + 120)
        return DatabaseExecutor.currentLabel
      }
    }
    await withCheckedContinuation { done in
      DispatchQueue.global().async {
        entered.wait()
        done.resume()
      }
    }
    // Two more reads, one after the other: both find the other connection free.
    var labels: [String?] = []
    for _ in 0..<2 {
      labels.append(try await inventory.read { _ in DatabaseExecutor.currentLabel })
    }
    release.signal()
    let held = try await slow.value
    #expect(held != nil)
    #expect(labels.allSatisfy { $0 != nil && $0 != held }, "\(labels) beside \(held ?? "none")")
  }
}
