import Foundation

/// Values handed from other threads (a client's transfer thread, a task) to one waiting
/// task, in the order they came: what `FeedFetcher.fetchAll` waits on. Unlike
/// `AsyncStream`, a cancelled waiter keeps receiving, so a cancelled fetch still hears of
/// every feed it asked for, its requests stopped.
final class Arrivals<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    // Under `lock`. A value taken leaves its slot empty at once: a fetch's queue is
    // seldom empty, and a slot that kept its value until then kept every feed's body,
    // parsed feed and stories to the end (a cold fetch of 100 feeds x 500 items grew
    // to 380 MiB).
    private var waiting: [Value?] = []
    private var first = 0
    private var waiter: CheckedContinuation<Value, Never>?

    func send(_ value: Value) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: value)
        } else {
            waiting.append(value)
            lock.unlock()
        }
    }

    /// The next value sent, waiting for it when none is there. One waiter at a time.
    func next() async -> Value {
        if let value = lock.withLock({ takeLocked() }) { return value }
        return await withCheckedContinuation { continuation in
            lock.lock()
            if let value = takeLocked() {
                lock.unlock()
                continuation.resume(returning: value)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }

    private func takeLocked() -> Value? {
        guard first < waiting.count else { return nil }
        let value = waiting[first].take()
        first += 1
        if first == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            first = 0
        } else if first >= 32, first * 2 >= waiting.count {
            // The empty slots ahead are dropped once they are half the queue.
            waiting.removeFirst(first)
            first = 0
        }
        return value
    }
}
