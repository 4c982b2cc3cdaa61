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
    private var running = false
    private var started = false
    private let name: String
    private let niceness: Int32

    /// - Parameters:
    ///   - name: the thread's name (15 bytes at most on Linux).
    ///   - niceness: added to the thread's scheduling niceness: work nobody waits for
    ///     gives way to the thread drawing the screen on a busy machine.
    init(name: String, niceness: Int32 = 0) {
        self.name = name
        self.niceness = niceness
    }

    /// Runs `request` when the thread is free, dropping any request still waiting.
    func submit(_ request: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        waiting = request
        condition.signal()
        guard !started else { return }
        started = true
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Whether a request is running or waiting.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running || waiting != nil
    }

    private func loop() {
        if niceness != 0 {
            // On Linux the nice value is the calling thread's own, not the process's.
            let which = __priority_which_t(PRIO_PROCESS.rawValue)
            _ = setpriority(which, 0, getpriority(which, 0) + niceness)
        }
        while true {
            condition.lock()
            while waiting == nil {
                running = false
                condition.wait()
            }
            let request = waiting
            waiting = nil
            running = true
            condition.unlock()
            request?()
        }
    }
}
