import Foundation

/// A time budget for reading one document (a feed, a story page) during a fetch.
///
/// Parsing is synchronous C and Swift with no point at which to stop it, so the work runs
/// on a thread of its own and the fetch waits for it only until the budget is spent: then
/// that one document fails in one line and the fetch goes on. The work itself is bounded
/// (sizes, attributes and entity expansion are capped before parsing), so a thread left
/// behind finishes on its own.
enum ParseBudget {
    /// `work`'s result, or nil when it takes longer than `seconds`.
    static func run<T: Sendable>(seconds: Double, _ work: @escaping @Sendable () -> T) async -> T? {
        let race = Race<T>()
        return await withCheckedContinuation { continuation in
            race.continuation = continuation
            let thread = Thread {
                race.finish(work())
            }
            thread.stackSize = 8 << 20
            thread.start()
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { race.finish(nil) }
        }
    }

    /// Resumes its continuation once: with the result, or with nil at the deadline.
    private final class Race<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        var continuation: CheckedContinuation<T?, Never>?

        func finish(_ value: T?) {
            let waiting = lock.withLock { () -> CheckedContinuation<T?, Never>? in
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(returning: value)
        }
    }
}
