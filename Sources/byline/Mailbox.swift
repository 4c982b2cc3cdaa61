import BylineUI
import Synchronization

/// Actions posted by background work (feed refresh, page fetches) for the run loop to
/// apply on its own thread, so `update` only ever runs in one place.
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
