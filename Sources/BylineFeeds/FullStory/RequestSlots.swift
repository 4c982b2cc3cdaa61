/// A fixed number of requests allowed at once, shared by every feed's page downloads, so
/// a run with many summary-only feeds opens no more connections than `--jobs` says.
actor RequestSlots {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) {
        free = max(1, count)
    }

    /// Waits for a free slot and takes it; `release()` gives it back.
    func take() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// Runs `work` while holding a slot.
    func holding<T: Sendable>(_ work: @Sendable () async -> T) async -> T {
        await take()
        let result = await work()
        release()
        return result
    }
}
