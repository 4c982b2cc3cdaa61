import Foundation
import Glibc

/// A thread of its own that runs the latest request handed to it, one at a time.
///
/// A request handed over while another runs replaces any request still waiting, so work
/// asked for by keys typed in between (a search for "gov" while "go" runs, "More on this"
/// for a story already moved past) is never done. Its own thread rather than a task: the
/// two threads of Swift's task pool may both be busy with a library read or another
/// request, and a search typed then must not wait for them. The thread's name lets a
/// profiler, and the benchmark's key timing, tell it apart.
final class LatestRequestThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: (@Sendable () -> Void)?
    private var started = false
    /// Requests handed over so far: a newer one restarts the wait for `settle`.
    private var submitted = 0
    private let name: String
    private let niceness: Int32
    private let settle: TimeInterval
    /// Work to run once no request has come for a while (see `whenIdle`), and when.
    private var idle: (work: @Sendable () -> Void, after: TimeInterval, at: Date)?

    /// - Parameters:
    ///   - name: the thread's name (15 bytes at most on Linux).
    ///   - niceness: added to the thread's scheduling niceness: work nobody waits for
    ///     gives way to the thread drawing the screen on a busy machine.
    ///   - settle: how long requests must stop coming before the latest is run: a reader
    ///     holding down a key previews a story every 30 ms, and wants none of them worked on.
    init(name: String, niceness: Int32 = 0, settle: TimeInterval = 0) {
        self.name = name
        self.niceness = niceness
        self.settle = settle
    }

    /// Runs `request` when the thread is free, dropping any request still waiting.
    func submit(_ request: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        waiting = request
        submitted += 1
        condition.signal()
        guard !started else { return }
        started = true
        Thread { [self] in loop() }.start()
    }

    /// Runs `work` on this thread once `after` seconds pass with no request run, in place
    /// of any idle work asked before. Asked from a request, the time counts from then; a
    /// request handed over meanwhile runs first and the wait starts again after it, so
    /// work kept warm between requests (pages a search reads) is given back only once the
    /// requests stop.
    func whenIdle(after: TimeInterval, _ work: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        idle = (work, after, Date(timeIntervalSinceNow: after))
        condition.signal()
    }

    private func loop() {
        // Linux names a thread through its comm file (Foundation's `Thread.name` may be
        // set before the system thread is known, and pthread_setname_np is not imported).
        let comm = open("/proc/thread-self/comm", O_WRONLY)
        if comm >= 0 {
            _ = String(name.utf8.prefix(15)).map { name in name.withCString { write(comm, $0, strlen($0)) } }
            close(comm)
        }
        if niceness != 0 {
            // On Linux the nice value is the calling thread's own, not the process's.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            _ = setpriority(which, 0, getpriority(which, 0) + niceness)
        }
        while true {
            condition.lock()
            while waiting == nil {
                guard let pending = idle else {
                    condition.wait()
                    continue
                }
                if !condition.wait(until: pending.at), waiting == nil, let due = idle, due.at <= Date() {
                    idle = nil
                    condition.unlock()
                    due.work()
                    condition.lock()
                }
            }
            var seen = submitted
            while settle > 0 {
                let woken = condition.wait(until: Date(timeIntervalSinceNow: settle))
                if !woken && submitted == seen { break }
                seen = submitted
            }
            let request = waiting
            waiting = nil
            condition.unlock()
            request?()
            condition.lock()
            // The wait for idle work starts again from the end of the request.
            if let pending = idle { idle?.at = Date(timeIntervalSinceNow: pending.after) }
            condition.unlock()
        }
    }
}
