import BylineStore
import BylineUI
import Synchronization

/// What background work (feed refresh, page fetches, library reloads) hands the run loop,
/// to apply on its own thread, so `update` and the choice of library only ever change in
/// one place.
final class Mailbox: Sendable {
    enum Message: Sendable {
        case action(Action)
        /// Read from this library from now on (a refresh filled the user's own library
        /// while the bundled seeds were shown); its listing follows as an action.
        case switchLibrary(Library)
    }

    private let pending = Mutex<[Message]>([])

    func post(_ action: Action) {
        pending.withLock { $0.append(.action(action)) }
    }

    /// Switches library and shows its listing, in that order, in one step of the loop.
    func post(switchingTo library: Library, listing: Action) {
        pending.withLock { $0 += [.switchLibrary(library), .action(listing)] }
    }

    func takeAll() -> [Message] {
        pending.withLock { messages in
            defer { messages = [] }
            return messages
        }
    }
}
