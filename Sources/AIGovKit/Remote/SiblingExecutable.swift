#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An executable shipped beside `aigov` (the way git runs `git-NAME`), which keeps what a server
/// or a TLS connection needs out of the CLI binary.
public struct SiblingExecutable: Sendable {
  public var name: String

  public init(name: String) {
    self.name = name
  }

  /// Where it is: beside the running executable, else on PATH.
  public func locate() -> String? {
    var candidates: [String] = []
    if let folder = Self.ownFolder() { candidates.append(folder + "/" + name) }
    let path = getenv("PATH").map { String(cString: $0) } ?? ""
    candidates += path.split(separator: ":").map { "\($0)/\(name)" }
    return candidates.first { access($0, X_OK) == 0 }
  }

  /// What to say when it cannot be found.
  public var missing: String {
    "cannot find '\(name)' beside aigov or on PATH; build it with "
      + "'swift build --product \(name)' and keep it beside aigov"
  }

  /// The folder of the running executable.
  private static func ownFolder() -> String? {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let path: String
    if count > 0 {
      path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    } else {
      path = CommandLine.arguments.first ?? ""
    }
    guard let slash = path.lastIndex(of: "/") else { return nil }
    return String(path[..<slash])
  }
}
