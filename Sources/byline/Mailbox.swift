import BylineUI
import Glibc
import Synchronization

/// What background work (feed refresh, page fetches, library reads) hands the run loop:
/// results as actions, applied through `update` on the loop's own thread.
///
/// A post also wakes the loop (a byte down a pipe the loop waits on beside the
/// keyboard), so a search answer is drawn as it arrives, not at the loop's next look.
final class Mailbox: Sendable {
    private let pending = Mutex<[Action]>([])
    /// The pipe's ends: the loop waits on `wakeUp`; posts write to the other.
    let wakeUp: Int32
    private let wakeUpWriter: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            }
        }
        wakeUp = ends[0]
        wakeUpWriter = ends[1]
    }

    deinit {
        if wakeUp >= 0 { close(wakeUp) }
        if wakeUpWriter >= 0 { close(wakeUpWriter) }
    }

    func post(_ action: Action) {
        pending.withLock { $0.append(action) }
        guard wakeUpWriter >= 0 else { return }
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up: the write may fail then.
        _ = write(wakeUpWriter, &byte, 1)
    }

    func takeAll() -> [Action] {
        if wakeUp >= 0 {
            var bytes = [UInt8](repeating: 0, count: 64)
            while read(wakeUp, &bytes, bytes.count) > 0 {}
        }
        return pending.withLock { actions in
            defer { actions = [] }
            return actions
        }
    }
}
