/// The outcome of an edit: the record as it was and as it is now, both read inside the edit's
/// transaction. They are equal when the values given were already the current ones, in which case
/// nothing was written and no audit event was recorded.
public struct Edited<Record: Equatable & Sendable>: Sendable {
  public let before: Record
  public let after: Record

  /// True when the edit wrote a new version of the record.
  public var changed: Bool { before != after }
}
