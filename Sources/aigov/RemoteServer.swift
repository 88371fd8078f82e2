import AIGovKit
import ArgumentParser

#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// An aigov server reached with `--server`: the commands that read, and the review commands,
/// ask it instead of opening a file, and print what they would print for the file.
struct RemoteServer {
  var address: ServerAddress
  var token: String?

  /// The commands that work through `--server`.
  static let commands =
    "feature list, feature show, review status, review open, review sign, check, "
    + "report quarterly, report public"

  init(url: String) throws {
    guard let address = ServerAddress(url) else {
      throw Failure(
        status: .usage,
        message: "invalid --server '\(url)' (expected a URL like https://aigov.example.com or "
          + "http://127.0.0.1:8080)")
    }
    self.address = address
    token = GlobalOptions.environment("AIGOV_TOKEN").flatMap { $0.isEmpty ? nil : $0 }
  }

  func get<T: Decodable>(_ path: String, query: [(String, String?)] = [], as type: T.Type)
    throws -> T
  {
    try decode(T.self, exchange("GET", path, query: query))
  }

  func post<T: Decodable>(_ path: String, body: some Encodable, as type: T.Type) throws -> T {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return try decode(T.self, exchange("POST", path, body: Array(try encoder.encode(body))))
  }

  private func decode<T: Decodable>(_ type: T.Type, _ body: [UInt8]) throws -> T {
    do {
      return try JSONDecoder().decode(T.self, from: Data(body))
    } catch {
      throw Failure(
        status: .software,
        message: "the server at \(address) answered with JSON this aigov does not read "
          + "(is it another version?)")
    }
  }

  /// Sends the request and returns the body of a 2xx answer; any other answer becomes the
  /// server's one-line message with the exit status the same refusal has on a file.
  private func exchange(
    _ method: String, _ path: String, query: [(String, String?)] = [], body: [UInt8]? = nil
  ) throws -> [UInt8] {
    let pairs = query.compactMap { name, value in
      value.map { "\(name)=\(HTTPExchange.escape($0))" }
    }
    let target = path + (pairs.isEmpty ? "" : "?" + pairs.joined(separator: "&"))
    var headers = [("Accept", "application/json")]
    if let token { headers.append(("Authorization", "Bearer \(token)")) }
    if body != nil { headers.append(("Content-Type", "application/json")) }
    let answer: HTTPAnswer
    do {
      answer = try HTTPExchange.perform(method, target, at: address, headers: headers, body: body)
    } catch let error as HTTPExchangeError {
      throw Failure(status: .unavailable, message: error.description)
    }
    guard !(200..<300).contains(answer.status) else { return answer.body }
    let error = (try? JSONDecoder().decode(ServerError.self, from: Data(answer.body)))?.error
    // A record that does not exist is said as it is said for a file, with the same status.
    if let record = error?.notFound {
      throw AIGovError.notFound(entity: record.entity, key: record.key)
    }
    if error?.retry == true { throw Retry() }
    let message = error?.message ?? "the server answered \(answer.status)"
    // An error of AIGovKit's carries its class, which is mapped as a local one is; the others
    // (a request the server itself refused) by their HTTP status.
    let status: ExitStatus =
      if let kind = error?.errorClass {
        ExitStatus(kind)
      } else {
        switch answer.status {
        case 400, 413, 422: .dataError
        case 401:
          token == nil ? .usage : .failure
        case 503: .unavailable
        case 500...: .software
        default: .failure
        }
      }
    let hint =
      answer.status == 401 && token == nil
      ? " (set AIGOV_TOKEN to the token 'aigov token create' printed for you)" : ""
    throw Failure(status: status, message: message + hint)
  }

  private struct ServerError: Decodable {
    struct Record: Decodable {
      var entity: String
      var key: String
    }
    struct Detail: Decodable {
      var message: String
      var notFound: Record?
      var retry: Bool?
      var errorClass: ErrorClass?

      enum CodingKeys: String, CodingKey {
        case message, retry
        case notFound = "not_found"
        case errorClass = "class"
      }
    }
    var error: Detail
  }

  /// A request the server asks to prepare again and resend: a decision dated a moment before
  /// another change that landed first.
  struct Retry: Error {}

  /// The path of a feature, its key escaped.
  static func feature(_ key: String, _ rest: String = "") -> String {
    "/api/features/\(HTTPExchange.escape(key))\(rest)"
  }
}

extension RemoteServer {
  /// The help of `--server`, which only the commands that work through a server take (so that
  /// the others pay nothing for it at start-up).
  static let help = ArgumentHelp(
    "Work through the aigov server at this URL instead of a database file (default: "
      + "$AIGOV_SERVER), with the token in $AIGOV_TOKEN.", valueName: "url")

  /// The server of `--server` (`url`), else of $AIGOV_SERVER, when one is given.
  static func named(_ url: String?) throws -> RemoteServer? {
    guard
      let url = url
        ?? GlobalOptions.environment("AIGOV_SERVER").flatMap({ $0.isEmpty ? nil : $0 })
    else { return nil }
    return try RemoteServer(url: url)
  }
}

extension GlobalOptions {
  /// Refuses $AIGOV_SERVER for a command that works on a database file only (such a command
  /// does not take `--server` at all).
  func refuseServer() throws {
    guard !(Self.environment("AIGOV_SERVER") ?? "").isEmpty else { return }
    throw Failure(
      status: .usage,
      message: "this command works on a database file, not through a server (AIGOV_SERVER is "
        + "set); through a server: \(RemoteServer.commands)")
  }
}
