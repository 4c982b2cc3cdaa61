import Dispatch
import Synchronization
import Testing
@testable import byline

/// The thread `/` searches run on gives back what its searches keep (pages, buffers)
/// only once the reader stops typing: idle work waits for the requests to stop.
@Suite struct LatestRequestThreadTests {
    @Test func idleWorkRunsOnceAfterTheLastRequestNotBetweenThem() {
        let thread = LatestRequestThread(name: "test idle")
        let log = Mutex<[String]>([])
        let idleDone = DispatchSemaphore(value: 0)
        let laterDone = DispatchSemaphore(value: 0)
        thread.submit {
            log.withLock { $0.append("first key") }
            // Asked twice: the later idle work replaces the earlier.
            thread.whenIdle(after: 0.05) { log.withLock { $0.append("stale") } }
            thread.whenIdle(after: 0.05) {
                log.withLock { $0.append("given back") }
                idleDone.signal()
            }
            // The next key, handed over while this one runs: it runs before the idle work.
            thread.submit { log.withLock { $0.append("second key") } }
        }
        #expect(idleDone.wait(timeout: .now() + 30) == .success)
        thread.submit {
            log.withLock { $0.append("later key") }
            laterDone.signal()
        }
        #expect(laterDone.wait(timeout: .now() + 30) == .success)
        // Given back once: a request that asks for no idle work is not followed by any.
        #expect(log.withLock { $0 } == ["first key", "second key", "given back", "later key"])
    }
}
