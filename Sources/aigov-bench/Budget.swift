import AIGovKit
import Foundation

/// A budget of the design, as measured: `ratio` is the measure divided by the limit.
struct Budget {
  var name: String
  var measured: String
  var baseline: String
  var limit: String
  var ratio: Double
  var peakKilobytes: Int
  /// Where the time goes, shown when the budget is missed.
  var why: String

  var verdict: String {
    ratio <= 1 ? "met" : "missed by " + String(format: "%.0f%%", (ratio - 1) * 100)
  }
}
