import BylineUI
import Synchronization

/// What background work (feed refresh, page fetches, library reads) hands the run loop:
/// results as actions, applied through `update` on the loop's own thread.
final class Mailbox: Sendable {
    private let pending = Mutex<[Action]>([])

    func post(_ action: Action) {
        pending.withLock { $0.append(action) }
    }

    func takeAll() -> [Action] {
        pending.withLock { actions in
            defer { actions = [] }
            return actions
        }
    }
}
