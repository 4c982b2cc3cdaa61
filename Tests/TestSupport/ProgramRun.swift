import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished program left behind: its exit status and everything it wrote.
public struct ProgramOutput: Sendable {
    /// The exit status, or 128 + N when signal N ended it.
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
    /// Whether the program ran past its deadline and had to be killed.
    public let timedOut: Bool
    /// The child's own peak resident memory and processor time (user + system), as the
    /// kernel counted them for it alone: limits checked on these do not depend on how
    /// busy the machine running the tests is.
    public var peakResidentBytes: Int = 0
    public var processorSeconds: Double = 0
}

/// A program that could not be started, named so a failing test says what went wrong.
public struct ProgramRunFailure: Error, CustomStringConvertible {
    public let description: String
}

/// Runs a program to completion, with a deadline so a hung program fails the test
/// instead of hanging the whole run.
///
/// Not Foundation's `Process`: on Linux its children inherit the test runner's blocked
/// signal mask (a tmux server started that way never sees SIGCHLD or SIGTERM, and a
/// reader under test never sees SIGINT), and its exit watching missed a child that
/// exited. Here the child starts with every signal unblocked and at its default, and
/// is reaped with `waitpid`. Output goes to files, not pipes, so neither side can block
/// the other. `standardInput` nil means /dev/null, so the program never sees a terminal.
public func runProgram(
    _ executable: URL,
    _ arguments: [String],
    environment: [String: String]? = nil,
    standardInput: String? = nil,
    timeout: Duration = .seconds(30)
) async throws -> ProgramOutput {
    let files = try OutputFiles(standardInput: standardInput)
    defer { files.folder.remove() }
    let pid = try spawn(executable, arguments, environment: environment, files: files)

    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    var timedOut = false
    var status: Int32 = 0
    var usage = rusage()
    while true {
        let reaped = wait4(pid, &status, WNOHANG, &usage)
        if reaped == pid || (reaped == -1 && errno != EINTR) { break }
        if clock.now >= deadline {
            timedOut = true
            kill(pid, SIGKILL)
            while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
            break
        }
        try await Task.sleep(for: .milliseconds(10))
    }
    var output = files.output(status: status, timedOut: timedOut)
    output.peakResidentBytes = Int(usage.ru_maxrss) * 1024
    output.processorSeconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    return output
}

/// Runs a short program and waits for it without suspending, for cleanup code that
/// cannot `await`.
public func runProgramNow(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) throws -> ProgramOutput {
    let files = try OutputFiles(standardInput: nil)
    defer { files.folder.remove() }
    let pid = try spawn(executable, arguments, environment: environment, files: files)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return files.output(status: status, timedOut: false)
}

/// The files a run reads its input from and writes its output to.
private struct OutputFiles {
    let folder: ScratchFolder
    let input: String
    let output: String
    let error: String

    init(standardInput: String?) throws {
        folder = try ScratchFolder(prefix: "run")
        output = folder.url.appendingPathComponent("stdout").path
        error = folder.url.appendingPathComponent("stderr").path
        if let standardInput {
            input = try folder.write("stdin", text: standardInput).path
        } else {
            input = "/dev/null"
        }
    }

    func output(status: Int32, timedOut: Bool) -> ProgramOutput {
        let signal = status & 0x7f
        return ProgramOutput(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            standardOutput: read(output),
            standardError: read(error),
            timedOut: timedOut)
    }

    private func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }
}

/// Starts the program with posix_spawn, clean signal state and the given files.
private func spawn(_ executable: URL, _ arguments: [String], environment: [String: String]?, files: OutputFiles) throws -> pid_t {
    #if canImport(Glibc)
    var actions = posix_spawn_file_actions_t()
    var attributes = posix_spawnattr_t()
    #else
    var actions: posix_spawn_file_actions_t?
    var attributes: posix_spawnattr_t?
    #endif
    posix_spawn_file_actions_init(&actions)
    posix_spawnattr_init(&attributes)
    defer {
        posix_spawn_file_actions_destroy(&actions)
        posix_spawnattr_destroy(&attributes)
    }
    posix_spawn_file_actions_addopen(&actions, 0, files.input, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, files.output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, files.error, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    posix_spawnattr_setsigmask(&attributes, &unblocked)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal: Int32 in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let environment = environment ?? ProcessInfo.processInfo.environment
    let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
    guard result == 0 else {
        throw ProgramRunFailure(description: "could not start \(executable.path): \(String(cString: strerror(result)))")
    }
    return pid
}
