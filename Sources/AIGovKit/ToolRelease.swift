/// This release of aigov, as its binaries, exports and reports name it.
public enum ToolRelease {
  public static let version = "0.1.0"
}
