import AIGovKit
import Foundation
import Synchronization

/// The database as the server uses it: one connection for changes, used by one request at a
/// time, and a few read-only connections that answer reads side by side, each in a snapshot of
/// its own. SQLite's WAL lets reads go on while a change is written; the CLI and other servers
/// may write to the same file at the same time, as they may to any aigov database.
///
/// Each connection runs its calls on a serial executor of its own (`DatabaseExecutor`), never
/// on Swift's shared threads, and a read takes whichever read connection is free, so one slow
/// report or one change waiting for a lock holds up only the requests that need it.
final class ServedInventory: Sendable {
  private let writer: WriteConnection
  private let readers: ReaderPool
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
    readers = ReaderPool(
      try (0..<max(1, readerCount)).map { number in
        ReadConnection(try Registry.openReadOnly(path: path, clock: clock), number: number + 1)
      })
  }

  /// Reads in one snapshot of the file, on the first read connection that is free.
  func read<T: Sendable>(_ body: @Sendable (Registry) throws -> T) async throws -> T {
    let connection = await readers.take()
    defer { readers.give(connection) }
    return try await connection.read(body)
  }

  /// Changes the inventory as `person`: the actor every event of the change records.
  func write<T: Sendable>(as person: String, _ body: @Sendable (Registry) throws -> T)
    async throws -> T
  {
    try await writer.write(as: person, body)
  }
}

/// The read connections: a request takes one that is free, or waits its turn for the first one
/// given back.
final class ReaderPool: Sendable {
  private struct State {
    var free: [ReadConnection]
    var waiting: [CheckedContinuation<ReadConnection, Never>] = []
  }
  private let state: Mutex<State>

  init(_ connections: [ReadConnection]) {
    state = Mutex(State(free: connections))
  }

  func take() async -> ReadConnection {
    if let connection = state.withLock({ $0.free.popLast() }) { return connection }
    return await withCheckedContinuation { waiter in
      let connection = state.withLock { state -> ReadConnection? in
        if let connection = state.free.popLast() { return connection }
        state.waiting.append(waiter)
        return nil
      }
      if let connection { waiter.resume(returning: connection) }
    }
  }

  func give(_ connection: ReadConnection) {
    let waiter = state.withLock { state -> CheckedContinuation<ReadConnection, Never>? in
      guard !state.waiting.isEmpty else {
        state.free.append(connection)
        return nil
      }
      return state.waiting.removeFirst()
    }
    waiter?.resume(returning: connection)
  }
}

/// One read-only connection, used by one request at a time, on its own serial executor.
actor ReadConnection {
  private let registry: Registry
  private let executor: DatabaseExecutor

  init(_ registry: Registry, number: Int) {
    self.registry = registry
    executor = DatabaseExecutor(label: "aigov-serve reader \(number)")
  }

  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

  func read<T: Sendable>(_ body: (Registry) throws -> T) throws -> T {
    try registry.checkSchemaIsCurrent()
    return try registry.reading { try body(registry) }
  }
}

/// The connection that changes the inventory, used by one request at a time, on its own serial
/// executor.
actor WriteConnection {
  private let registry: Registry
  private let executor = DatabaseExecutor(label: "aigov-serve writer")

  init(_ registry: Registry) {
    self.registry = registry
  }

  nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

  func write<T: Sendable>(as person: String, _ body: (Registry) throws -> T) throws -> T {
    try registry.checkSchemaIsCurrent()
    return try body(registry.acting(as: person))
  }
}
