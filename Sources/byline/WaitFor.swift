import Foundation

/// Runs async work to the end from a synchronous command (the commands run from
/// `main.swift`'s synchronous `run()`). The work runs on the concurrency pool while the
/// main thread, which is not part of it, waits.
func waitFor<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
    let box = WaitBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await work()
        done.signal()
    }
    done.wait()
    guard let value = box.value else { preconditionFailure("async work finished without a value") }
    return value
}

/// Carries the result across the semaphore; written once, before the signal.
private final class WaitBox<T>: @unchecked Sendable {
    var value: T?
}
