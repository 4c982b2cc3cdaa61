/// The reader's state and the one way it changes, used by the program's run loop and by
/// the tests alike, so both see effects happen in the same order.
///
/// An action goes through `update`; its effects are performed first in, first out, and
/// each result an effect gives back at once goes through `update` in turn, its effects
/// joining the end of the queue. Work that takes time (fetching, reading a library)
/// comes back later as an action of its own, through `send` again.
public struct Store: Sendable {
    /// Changed only by `send`; tests may set up a starting state directly.
    public internal(set) var state: AppState

    public init(_ state: AppState) {
        self.state = state
    }

    /// Applies `action` and performs every effect it leads to.
    ///
    /// - Parameter perform: does one effect and returns the actions it gave at once (a
    ///   story read from disk), or none. It gets the state as it is then, and must not
    ///   touch the store itself.
    public mutating func send(_ action: Action, perform: (Effect, AppState) -> [Action]) {
        var queue = update(&state, action)[...]
        while let effect = queue.popFirst() {
            for result in perform(effect, state) {
                queue += update(&state, result)
            }
        }
    }
}
