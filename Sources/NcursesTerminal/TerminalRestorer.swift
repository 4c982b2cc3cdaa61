import CNcursesw
import Glibc

/// Gives the terminal back however the program ends: on quit, a thrown error, exit(),
/// SIGINT, SIGTERM, SIGHUP, and crashes.
///
/// Signal handlers can only touch plain globals, hence the `nonisolated(unsafe)` state.
public enum TerminalRestorer {
    nonisolated(unsafe) private static var active: sig_atomic_t = 0
    nonisolated(unsafe) private static var requestedSignal: sig_atomic_t = 0
    nonisolated(unsafe) private static var installed = false

    /// What a crash writes to the terminal, worked out before any handler can run: a crash
    /// handler may only make async-signal-safe calls (`write`, `tcsetattr`, `signal`,
    /// `raise`), and `endwin()` allocates and writes through stdio.
    nonisolated(unsafe) private static var resetBytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var resetCount = 0
    /// The terminal's modes from before curses changed them (echo, line editing).
    nonisolated(unsafe) private static var shellModes = termios()
    nonisolated(unsafe) private static var hasShellModes: sig_atomic_t = 0

    /// A quit signal (SIGINT, SIGTERM, SIGHUP) that arrived; the run loop checks it and
    /// leaves cleanly.
    public static var pendingSignal: Int32 { requestedSignal }

    /// Notes the terminal's modes; call before `initscr`, which the crash handler cannot undo.
    static func cursesStarting() {
        if tcgetattr(STDIN_FILENO, &shellModes) == 0 { hasShellModes = 1 }
    }

    static func cursesStarted() {
        active = 1
        guard !installed else { return }
        installed = true
        // Every global a handler reads is written here first: a Swift global is set up on
        // first use (`swift_once`, which may lock), and that must not happen in a handler.
        requestedSignal = 0
        resetBytes = nil
        resetCount = 0
        _ = hasShellModes
        prepareResetBytes()
        atexit { TerminalRestorer.restore() }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in TerminalRestorer.requestedSignal = received }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { received in
                TerminalRestorer.restoreAfterCrash()
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    /// Ends curses mode if it is on. Safe to call more than once.
    public static func restore() {
        guard active == 1 else { return }
        active = 0
        endwin()
    }

    /// The crash path: only async-signal-safe calls, on state prepared beforehand.
    private static func restoreAfterCrash() {
        guard active == 1 else { return }
        active = 0
        if let bytes = resetBytes {
            var written = 0
            while written < resetCount {
                let n = write(STDOUT_FILENO, bytes + written, resetCount - written)
                if n <= 0 { break }
                written += n
            }
        }
        if hasShellModes == 1 { _ = tcsetattr(STDIN_FILENO, TCSANOW, &shellModes) }
    }

    /// The terminal's own strings, from terminfo, for what `endwin` undoes: plain colours,
    /// a visible cursor, the keypad and mouse reports off, and the main screen back.
    private static func prepareResetBytes() {
        var bytes: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmkx"] { bytes += capability(name) }
        // The mouse modes ncurses turns on for an xterm-like terminal (one with `kmous`).
        if !capability("kmous").isEmpty { bytes += Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8) }
        bytes += capability("rmcup")
        guard !bytes.isEmpty else { return }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        resetBytes = buffer
        resetCount = bytes.count
    }

    /// A terminfo string capability without its padding (`$<5>`), or nothing.
    private static func capability(_ name: String) -> [UInt8] {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return [] }
        var out: [UInt8] = []
        var rest = Array(String(cString: value).utf8)[...]
        while let first = rest.first {
            if first == UInt8(ascii: "$"), rest.dropFirst().first == UInt8(ascii: "<"),
               let close = rest.firstIndex(of: UInt8(ascii: ">")) {
                rest = rest[(close + 1)...]
            } else {
                out.append(first)
                rest = rest.dropFirst()
            }
        }
        return out
    }
}
