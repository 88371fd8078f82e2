import AIGovKit
import Dispatch
import Foundation
import Synchronization
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
    let released = Flag()
    // One read holds its connection until released (a slow report, say).
    let slow = Task {
      try await inventory.read { registry in
        entered.signal()
        _ = release.wait(timeout: .now() + 20)
        released.raise()
        return try registry.features().count
      }
    }
    await withCheckedContinuation { done in
      DispatchQueue.global().async {
        entered.wait()
        done.resume()
      }
    }
    // Two more reads, one after the other: both find the other connection free.
    for _ in 0..<2 {
      let count = try await inventory.read { try $0.features().count }
      #expect(count > 0)
      #expect(!released.isRaised)
    }
    release.signal()
    #expect(try await slow.value > 0)
  }
}

/// A flag one thread raises and another reads.
final class Flag: Sendable {
  private let value = Mutex(false)
  func raise() { value.withLock { $0 = true } }
  var isRaised: Bool { value.withLock { $0 } }
}
