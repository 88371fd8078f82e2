import AIGovKit
import Foundation
import Synchronization

/// The database as the server uses it: one connection for changes, used by one request at a
/// time, and a few read-only connections that answer reads side by side, each in a snapshot of
/// its own. SQLite's WAL lets reads go on while a change is written; the CLI and other servers
/// may write to the same file at the same time, as they may to any aigov database.
final class ServedInventory: Sendable {
  private let writer: WriteConnection
  private let readers: [ReadConnection]
  private let nextReader = Atomic<Int>(0)
  let path: String
  let fixedTime: Date?

  init(path: String, fixedTime: Date?, readerCount: Int = 4) throws {
    self.path = path
    self.fixedTime = fixedTime
    let clock: @Sendable () -> Date = { fixedTime ?? Date() }
    // Opened for writing first: this brings an older schema up to date, and refuses a file or
    // folder this user cannot write, before anyone is told the server is up.
    try ServerStartup.checkWritable(path)
    writer = WriteConnection(
      try Registry.open(path: path, create: false, actor: "aigov-serve", clock: clock))
    readers = try (0..<max(1, readerCount)).map { _ in
      ReadConnection(try Registry.openReadOnly(path: path, clock: clock))
    }
  }

  /// Reads in one snapshot of the file, on the next read connection.
  func read<T: Sendable>(_ body: @Sendable (Registry) throws -> T) async throws -> T {
    let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
    return try await readers[index % readers.count].read(body)
  }

  /// Changes the inventory as `person`: the actor every event of the change records.
  func write<T: Sendable>(as person: String, _ body: @Sendable (Registry) throws -> T)
    async throws -> T
  {
    try await writer.write(as: person, body)
  }
}

/// One read-only connection, used by one request at a time.
actor ReadConnection {
  private let registry: Registry

  init(_ registry: Registry) {
    self.registry = registry
  }

  func read<T: Sendable>(_ body: (Registry) throws -> T) throws -> T {
    try registry.checkSchemaIsCurrent()
    return try registry.reading { try body(registry) }
  }
}

/// The connection that changes the inventory, used by one request at a time.
actor WriteConnection {
  private let registry: Registry

  init(_ registry: Registry) {
    self.registry = registry
  }

  func write<T: Sendable>(as person: String, _ body: (Registry) throws -> T) throws -> T {
    try registry.checkSchemaIsCurrent()
    return try body(registry.acting(as: person))
  }
}
