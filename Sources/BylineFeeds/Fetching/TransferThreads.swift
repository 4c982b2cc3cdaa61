import Foundation

/// The threads libcurl's blocking transfers run on, kept for the next transfer when one
/// ends: a fetch of 100 feeds made 100 threads, one per request, and starting them was
/// a tenth of an unchanged refetch's time. A thread is added only when every one is busy,
/// and one that has waited `idleSeconds` for work ends.
final class TransferThreads: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [@Sendable () -> Void] = []
    /// Threads waiting for a job.
    private var idle = 0
    private let idleSeconds: Double

    init(idleSeconds: Double = 5) { self.idleSeconds = idleSeconds }

    /// Runs `job` on a free thread, or on a new one when none is free.
    func run(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        jobs.append(job)
        // Each waiting thread takes one job; more jobs than waiters need a thread more.
        if jobs.count > idle {
            let thread = Thread { [self] in work() }
            thread.stackSize = 1 << 20
            thread.start()
        } else {
            condition.signal()
        }
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                idle += 1
                let woken = condition.wait(until: Date(timeIntervalSinceNow: idleSeconds))
                idle -= 1
                if !woken && jobs.isEmpty {
                    condition.unlock()
                    return
                }
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
        }
    }
}
