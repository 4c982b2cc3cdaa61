import Foundation

/// What stops each of a fetch's requests still waiting for an answer, by feed: when the
/// fetch is cancelled, every one stops, and so does any asked for after that.
final class RequestStoppers: @unchecked Sendable {
    private let lock = NSLock()
    // Under `lock`.
    private var stoppers: [Int: @Sendable () -> Void] = [:]
    private var stopped = false
    /// Feeds answered before their stopper was kept (an answer may come on the client's
    /// thread before `add`).
    private var answeredEarly: Set<Int> = []

    /// Keeps `stop` for feed `index` until its answer is in (`remove`); calls it at once
    /// when the fetch is already cancelled.
    func add(_ index: Int, _ stop: @escaping @Sendable () -> Void) {
        let stopNow = lock.withLock {
            if answeredEarly.remove(index) != nil { return false }
            if !stopped { stoppers[index] = stop }
            return stopped
        }
        if stopNow { stop() }
    }

    /// Feed `index` has its answer: nothing left to stop, and its transfer may go.
    func remove(_ index: Int) {
        lock.withLock {
            if stoppers.removeValue(forKey: index) == nil { answeredEarly.insert(index) }
        }
    }

    func stopAll() {
        let all = lock.withLock {
            stopped = true
            defer { stoppers = [:] }
            return Array(stoppers.values)
        }
        for stop in all { stop() }
    }
}
