import Foundation

/// A program running in a terminal of its own: a private tmux server with one window.
///
/// End-to-end tests type keys into it and read its screen the way a person would. Each
/// session has its own server (`tmux -L <unique name>`, no config file), so tests never
/// see each other's or the user's tmux. Start one with `TmuxSession.run`, which kills the
/// server however the test ends.
///
/// Screens are polled, never slept on: `waitFor` checks the screen every 50 ms until the
/// text shows or its deadline passes, so a slow, loaded machine only makes tests slower.
public struct TmuxSession: Sendable {
    /// The server's socket name (`tmux -L`).
    public let server: String
    private let tmux: URL
    /// Where the exit status is written when the window outlives its program.
    private let statusFile: String?
    private static let target = "reader"

    /// tmux on PATH, or nil when it is not installed.
    public static var tmuxProgram: URL? { programOnPath("tmux") }

    /// Starts `command` (program and arguments, run without a shell) in a new session of
    /// `width`×`height` cells, runs `body`, and kills the server on every way out.
    ///
    /// With `keepsExitedPane`, the window stays after the program exits, so a test can
    /// read its exit status and the screen it left (`waitForExit`).
    public static func run<T>(
        _ command: [String],
        width: Int = 100,
        height: Int = 30,
        keepsExitedPane: Bool = false,
        _ body: (TmuxSession) async throws -> T
    ) async throws -> T {
        let session = try await start(command, width: width, height: height, keepsExitedPane: keepsExitedPane)
        do {
            let result = try await body(session)
            session.kill()
            return result
        } catch {
            session.kill()
            throw error
        }
    }

    private static func start(_ command: [String], width: Int, height: Int, keepsExitedPane: Bool) async throws -> TmuxSession {
        guard let tmux = tmuxProgram else { throw TmuxFailure("tmux is not installed") }
        let server = "byline-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        var command = command
        var statusFile: String?
        if keepsExitedPane {
            // tmux 3.3 sometimes marks a pane dead without ever collecting its exit
            // status (the program stays a zombie), so a shell records the status instead.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(server).status").path
            command = ["sh", "-c", #"file=$1; shift; "$@"; echo $? > "$file""#, "sh", file] + command
            statusFile = file
        }
        let session = TmuxSession(server: server, tmux: tmux, statusFile: statusFile)
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-s", target,
                         "-x", String(width), "-y", String(height)] + command
        // Chained in the same client command, so it is set before the program can exit.
        if keepsExitedPane { arguments += [";", "set-option", "-t", target, "remain-on-exit", "on"] }
        try await session.tmuxCommand(arguments)
        return session
    }

    // MARK: - Typing

    /// Presses keys by tmux name: "Enter", "Escape", "Tab", "BTab", "Left", "PgDn", "End",
    /// "C-c", or single characters such as "q" and "2".
    public func press(_ keys: String...) async throws {
        try await tmuxCommand(["send-keys", "-t", Self.target] + keys)
    }

    /// Types `text` literally, character by character as a keyboard would.
    public func type(_ text: String) async throws {
        try await tmuxCommand(["send-keys", "-t", Self.target, "-l", text])
    }

    // MARK: - Looking

    /// The visible screen, one string per row (trailing blanks trimmed by tmux).
    public func screen() async throws -> [String] {
        lines(try await tmuxCommand(["capture-pane", "-p", "-t", Self.target]))
    }

    /// The visible screen with its colours and attributes as SGR escape sequences.
    public func styledScreen() async throws -> [String] {
        lines(try await tmuxCommand(["capture-pane", "-p", "-e", "-t", Self.target]))
    }

    /// A tmux format about the pane, e.g. "#{pane_title}", "#{alternate_on}", "#{pane_pid}".
    public func display(_ format: String) async throws -> String {
        let text = try await tmuxCommand(["display-message", "-p", "-t", Self.target, format])
        return text.trimmingCharacters(in: .newlines)
    }

    /// Waits until some row contains `text`; returns that screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Duration = .seconds(15)) async throws -> [String] {
        try await waitUntil("“\(text)” on screen", timeout: timeout) { rows in
            rows.contains { $0.contains(text) }
        }
    }

    /// Waits until no row contains `text` any more; returns that screen.
    @discardableResult
    public func waitForAbsence(of text: String, timeout: Duration = .seconds(15)) async throws -> [String] {
        try await waitUntil("“\(text)” gone from the screen", timeout: timeout) { rows in
            !rows.contains { $0.contains(text) }
        }
    }

    /// Waits until `condition` holds for the screen; throws, showing the last screen, when
    /// the deadline passes first.
    @discardableResult
    public func waitUntil(
        _ what: String,
        timeout: Duration = .seconds(15),
        _ condition: ([String]) -> Bool
    ) async throws -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let rows = try await screen()
            if condition(rows) { return rows }
            guard clock.now < deadline else {
                throw TmuxFailure("waited \(timeout) for \(what); the screen was:\n" + framed(rows))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// Whether the program in the window is still running. Without `keepsExitedPane` the
    /// window, and the server with it, closes when the program exits.
    public func isRunning() async throws -> Bool {
        guard let dead = try? await display("#{pane_dead}") else { return false }
        return dead != "1"
    }

    /// Waits for the program to exit (needs `keepsExitedPane`); returns its exit status,
    /// 128 + N when signal N ended it.
    public func waitForExit(timeout: Duration = .seconds(15)) async throws -> Int32 {
        guard let statusFile else { throw TmuxFailure("waitForExit needs a session started with keepsExitedPane") }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8), text.hasSuffix("\n"),
               let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return status
            }
            guard clock.now < deadline else {
                throw TmuxFailure("the program had not exited after \(timeout); the screen was:\n" + framed(try await screen()))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    // MARK: - The terminal

    /// Resizes the terminal, as a user dragging the window would.
    public func resize(width: Int, height: Int) async throws {
        try await tmuxCommand(["resize-window", "-t", Self.target, "-x", String(width), "-y", String(height)])
    }

    /// Kills the server and whatever still runs in it, and removes its socket. Safe to
    /// call more than once.
    public func kill() {
        let panes = (try? tmuxNow(["list-panes", "-a", "-F", "#{pane_pid} #{socket_path}"])) ?? ""
        let rows = panes.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1) }
        let pids = rows.compactMap { $0.first.flatMap { pid_t($0) } }
        _ = try? tmuxNow(["kill-server"])
        // tmux hangs up on its panes; a program that ignored the hang-up is killed.
        for pid in pids where pid > 1 {
            for _ in 0..<20 where Foundation.kill(pid, 0) == 0 { usleep(50_000) }
            if Foundation.kill(pid, 0) == 0 { Foundation.kill(pid, SIGKILL) }
        }
        // tmux leaves its socket file behind; it is ours alone (the name is unique).
        if let socket = rows.first?.last, socket.hasSuffix(server) {
            try? FileManager.default.removeItem(atPath: String(socket))
        }
        if let statusFile { try? FileManager.default.removeItem(atPath: statusFile) }
    }

    // MARK: - Running tmux

    @discardableResult
    private func tmuxCommand(_ arguments: [String]) async throws -> String {
        let output = try await runProgram(tmux, ["-L", server] + arguments, environment: Self.environment, timeout: .seconds(20))
        guard output.status == 0, !output.timedOut else {
            if output.standardError.contains("no server running") {
                // The window closed with its program; say that rather than tmux's words.
                throw TmuxFailure("the program in the terminal has exited (start with keepsExitedPane to inspect it)")
            }
            throw TmuxFailure("tmux \(arguments.prefix(3).joined(separator: " ")) failed: \(output.standardError)")
        }
        return output.standardOutput
    }

    /// A synchronous tmux call for cleanup, where no `await` is possible.
    private func tmuxNow(_ arguments: [String]) throws -> String {
        try runProgramNow(tmux, ["-L", server] + arguments, environment: Self.environment).standardOutput
    }

    /// tmux's own environment: never the caller's tmux (TMUX), a UTF-8 locale.
    private static var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil
        environment["LANG"] = "C.UTF-8"
        return environment
    }

    private func lines(_ text: String) -> [String] {
        var rows = text.components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows
    }
}

/// A tmux step that failed or a screen that never showed what was expected.
public struct TmuxFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The screen in a box, so blank rows and trailing spaces show in a failure message.
public func framed(_ rows: [String]) -> String {
    rows.map { "|\($0)" }.joined(separator: "\n")
}
