import CAIGovSpawn

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a child process wrote and how it ended.
public struct ChildOutcome: Sendable {
  /// Its exit status; 128 plus the signal that ended it, as a shell says.
  public var status: Int32
  public var output: [UInt8]
  public var error: [UInt8]
}

/// Runs a program to its end with its standard input, output and error on pipes, all three
/// served together, so that none fills while another is waited on. aigov runs `aigov-https`
/// with it, and the tests every command.
public enum ChildProcess {
  public struct Failure: Error, CustomStringConvertible {
    public var problem: String
    public var description: String { problem }
  }

  /// Runs `executable` with `input` on its standard input; `environment` replaces this
  /// process's when given, `directory` is where it starts. Output past `outputLimit` ends the
  /// run with a failure; standard error past `errorLimit` is dropped.
  public static func run(
    _ executable: String, _ arguments: [String], input: [UInt8] = [],
    environment: [String: String]? = nil, directory: String? = nil, outputLimit: Int = .max,
    errorLimit: Int = .max
  ) throws -> ChildOutcome {
    var inputPipe: [Int32] = [0, 0]
    var outputPipe: [Int32] = [0, 0]
    var errorPipe: [Int32] = [0, 0]
    guard pipe(&inputPipe) == 0 else { throw Failure(problem: String(cString: strerror(errno))) }
    guard pipe(&outputPipe) == 0, pipe(&errorPipe) == 0 else {
      throw Failure(problem: String(cString: strerror(errno)))
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
    posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
    posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
    for descriptor in inputPipe + outputPipe + errorPipe {
      posix_spawn_file_actions_addclose(&actions, descriptor)
    }
    if let directory { aigov_spawn_file_actions_addchdir(&actions, directory) }
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for argument in argv { free(argument) } }
    let envp = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer { for variable in envp ?? [] { free(variable) } }
    var pid: pid_t = 0
    var spawned: Int32 = 0
    // A program written a moment ago can be "busy" while another thread's child, forked before
    // the writer closed it, still holds it open; that child soon execs or exits.
    for attempt in 0..<20 {
      if attempt > 0 { usleep(10_000) }
      spawned =
        if let envp {
          posix_spawn(&pid, executable, &actions, nil, argv, envp)
        } else {
          posix_spawn(&pid, executable, &actions, nil, argv, environ)
        }
      guard spawned == ETXTBSY else { break }
    }
    close(inputPipe[0])
    close(outputPipe[1])
    close(errorPipe[1])
    guard spawned == 0 else {
      for descriptor in [inputPipe[1], outputPipe[0], errorPipe[0]] { close(descriptor) }
      throw Failure(problem: "cannot run '\(executable)': \(String(cString: strerror(spawned)))")
    }
    // A child that ends before reading all its input must not end this process with SIGPIPE.
    let previous = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, previous) }

    var output: [UInt8] = []
    var error: [UInt8] = []
    var written = 0
    var open: [Int32] = [inputPipe[1], outputPipe[0], errorPipe[0]]
    if input.isEmpty {
      close(inputPipe[1])
      open.removeFirst()
    }
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while !open.isEmpty {
      var watched = open.map {
        pollfd(fd: $0, events: Int16($0 == inputPipe[1] ? POLLOUT : POLLIN), revents: 0)
      }
      guard poll(&watched, nfds_t(watched.count), -1) >= 0 else {
        if errno == EINTR { continue }
        break
      }
      for entry in watched where entry.revents != 0 {
        if entry.fd == inputPipe[1] {
          let count = input[written...].withUnsafeBytes {
            write(entry.fd, $0.baseAddress, min($0.count, 64 * 1024))
          }
          if count > 0 { written += count }
          if count < 0 && errno != EINTR && errno != EAGAIN || written == input.count {
            close(entry.fd)
            open.removeAll { $0 == entry.fd }
          }
        } else {
          let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
          if count > 0 {
            if entry.fd == outputPipe[0] {
              output += buffer[..<count]
            } else if error.count < errorLimit {
              error += buffer[..<min(count, errorLimit - error.count)]
            }
          }
          if count == 0 || count < 0 && errno != EINTR || output.count > outputLimit {
            close(entry.fd)
            open.removeAll { $0 == entry.fd }
          }
        }
      }
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard output.count <= outputLimit else {
      throw Failure(problem: "the answer is larger than \(outputLimit >> 20) MiB")
    }
    // Exited normally: its status; ended by a signal: 128 plus the signal, as a shell says.
    let exited = status & 0x7f == 0
    return ChildOutcome(
      status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output, error: error)
  }

  /// Copies the program at `source` to `destination`, executable, so that it can be run at
  /// once. The copy is written through a descriptor no child inherits: a long-running child
  /// that another thread starts while the copy is open would otherwise hold it open for
  /// writing, and running the copy would fail with "Text file busy" for as long as it lives.
  public static func copyProgram(from source: String, to destination: String) throws {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else {
      throw Failure(problem: "cannot read '\(source)': \(String(cString: strerror(errno)))")
    }
    defer { close(input) }
    let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
    guard output >= 0 else {
      throw Failure(problem: "cannot write '\(destination)': \(String(cString: strerror(errno)))")
    }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        let failed = count < 0 ? errno : 0
        close(output)
        if failed != 0 {
          throw Failure(problem: "cannot read '\(source)': \(String(cString: strerror(failed)))")
        }
        return
      }
      var written = 0
      while written < count {
        let step = buffer.withUnsafeBytes {
          write(output, $0.baseAddress! + written, count - written)
        }
        if step < 0 && errno == EINTR { continue }
        guard step > 0 else {
          let failed = errno
          close(output)
          throw Failure(
            problem: "cannot write '\(destination)': \(String(cString: strerror(failed)))")
        }
        written += step
      }
    }
  }
}
