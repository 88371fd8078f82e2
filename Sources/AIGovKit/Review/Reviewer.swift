/// A person who may sign off on features, for the disciplines they hold.
public struct Reviewer: Codable, Equatable, Sendable {
  /// A short handle such as `jlee`.
  public var handle: String
  public var name: String
  public var email: String
  /// Sorted in the order product, engineering, legal, privacy, security.
  public var disciplines: [Discipline]
  public var createdAt: String

  public init(
    handle: String, name: String, email: String, disciplines: [Discipline], createdAt: String = ""
  ) {
    self.handle = handle
    self.name = name
    self.email = email
    self.disciplines = disciplines
    self.createdAt = createdAt
  }

  enum CodingKeys: String, CodingKey {
    case handle, name, email, disciplines
    case createdAt = "created_at"
  }
}
