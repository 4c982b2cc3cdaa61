#if canImport(Glibc)
import Glibc
#endif
import BylineConfig
import BylineUI
import Foundation

/// Opens a web address with `[browser] command`, `$BROWSER` or `xdg-open`, whichever
/// there is (see `BrowserPlan`).
///
/// The reader waits for the command with the terminal handed over. A terminal browser
/// (lynx, w3m, a pager) runs in a process group of its own made the terminal's foreground
/// group, as a shell runs a job: it reads the keyboard, Ctrl-C reaches it and not the
/// reader, and the reader takes the terminal back when it exits.
enum Browser {
    /// The command that opened `url`, or why none did.
    static func open(_ url: String, settings: BrowserSettings,
                     environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<String, BrowserProblem> {
        guard url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://") else {
            return .failure(.notAWebAddress)
        }
        let plan: BrowserPlan
        switch BrowserPlan.make(url: url, settings: settings, environment: environment) {
        case .success(let made): plan = made
        case .failure(.noGraphicalSession): return .failure(.noGraphicalSession)
        }
        for command in plan.commands {
            guard let program = executable(named: command.words[0], path: environment["PATH"] ?? "/usr/bin:/bin") else { continue }
            let status: Int32
            switch run(program, arguments: Array(command.words.dropFirst()), inForeground: command.inTerminal) {
            case .success(let exit): status = exit
            case .failure(let reason):
                return .failure(.couldNotStart(command: command.words[0], FailureReason(reason.description)))
            }
            if status == 0 { return .success(command.words[0]) }
            return .failure(.failed(command: command.words[0], status: status))
        }
        return .failure(.noBrowser)
    }

    struct SpawnFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a program and waits for it; its exit status, 128 + N when signal N ended it.
    private static func run(_ program: String, arguments: [String], inForeground: Bool) -> Result<Int32, SpawnFailure> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handling, not the reader's handlers.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPIPE] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var flags = Int16(POSIX_SPAWN_SETSIGDEF)
        let terminal = inForeground ? Glibc.open("/dev/tty", O_RDWR | O_CLOEXEC) : -1
        defer { if terminal >= 0 { close(terminal) } }
        if terminal >= 0 {
            flags |= Int16(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, flags)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, nil, &attributes, argv, environ)
        guard spawned == 0 else { return .failure(SpawnFailure(description: String(cString: strerror(spawned)))) }
        if terminal >= 0 {
            // Hand the terminal over; a read the child made before this stopped it (SIGTTIN),
            // so wake it up.
            tcsetpgrp(terminal, pid)
            kill(-pid, SIGCONT)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if terminal >= 0 {
            // Taking the terminal back from a background group would stop the reader with
            // SIGTTOU unless it is ignored for the call.
            let previous = signal(SIGTTOU, SIG_IGN)
            tcsetpgrp(terminal, getpgrp())
            signal(SIGTTOU, previous)
        }
        let signalled = status & 0x7F
        return .success(signalled == 0 ? (status >> 8) & 0xFF : 128 + signalled)
    }

    private static func executable(named name: String, path: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
