/// Some of the results of a question that may have many: a page of them, how many there are in
/// all, and whether more follow this page.
public struct ResultPage<Item: Sendable>: Sendable {
  public var items: [Item]
  public var total: Int
  public var hasMore: Bool

  public init(items: [Item], total: Int, hasMore: Bool) {
    self.items = items
    self.total = total
    self.hasMore = hasMore
  }

  /// The page of `items` from the `offset`th of `total`.
  init(items: [Item], offset: Int, total: Int) {
    self.init(items: items, total: total, hasMore: offset + items.count < total)
  }
}

extension ResultPage: Equatable where Item: Equatable {}
