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

    /// A quit signal (SIGINT, SIGTERM, SIGHUP) that arrived; the run loop checks it and
    /// leaves cleanly.
    public static var pendingSignal: Int32 { requestedSignal }

    static func cursesStarted() {
        active = 1
        guard !installed else { return }
        installed = true
        atexit { TerminalRestorer.restore() }
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig) { received in TerminalRestorer.requestedSignal = received }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { received in
                TerminalRestorer.restore()
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
}
