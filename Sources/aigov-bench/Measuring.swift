import AIGovKit
import Foundation

/// One command measured both ways.
struct Comparison {
  var name: String
  var runs: Int
  var aigov: () -> [String]
  var sqlite: () -> [String]

  /// The median wall time and the largest peak memory over `runs` runs.
  func measure(_ executable: String, arguments: () -> [String], environment: [String: String])
    throws -> Measurement
  {
    try measureRuns(
      executable, runs: runs, label: name, arguments: arguments, environment: environment)
  }
}

/// The median wall time and the largest peak memory of `runs` runs of one command.
func measureRuns(
  _ executable: String, runs: Int, label: String, arguments: () -> [String],
  environment: [String: String]
) throws -> Measurement {
  var times: [Double] = []
  var peak = 0
  for _ in 0..<runs {
    let run = try spawn(executable, arguments(), environment: environment)
    guard run.status == 0 else {
      fail("\(executable) for '\(label)' exited with status \(run.status)")
    }
    times.append(run.seconds)
    peak = max(peak, run.peakKilobytes)
  }
  return Measurement(seconds: times.sorted()[times.count / 2], peakKilobytes: peak)
}

struct Measurement {
  var seconds: Double
  var peakKilobytes: Int
}

struct ProcessRun {
  var status: Int32
  var seconds: Double
  var peakKilobytes: Int
}

/// Runs a process with its output sent to /dev/null (and its input read from `input`, when
/// given); returns its wall time and peak memory.
func spawn(
  _ executable: String, _ arguments: [String], environment: [String: String],
  input: String? = nil
) throws -> ProcessRun {
  var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  if let input { posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0) }
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  var merged = ProcessInfo.processInfo.environment
  merged.merge(environment) { $1 }
  let argv = ([executable] + arguments).map { strdup($0) } + [nil]
  let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
  defer {
    for pointer in argv + envp { free(pointer) }
  }
  var pid: pid_t = 0
  let start = DispatchTime.now().uptimeNanoseconds
  let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
  guard code == 0 else { fail("cannot start \(executable): error \(code)") }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
  return ProcessRun(status: exitStatus, seconds: seconds, peakKilobytes: Int(usage.ru_maxrss))
}

func measureSeconds(_ body: () throws -> Void) throws -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}
