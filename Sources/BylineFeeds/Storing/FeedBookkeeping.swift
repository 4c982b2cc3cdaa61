import BylineStore
import Foundation

/// Where feeds keep their fetch bookkeeping in a library's state folder, and the lock
/// that serialises changes to it.
public struct FeedBookkeeping: Sendable {
    public let stateFile: FetchStateFile
    public let lock: URL

    public init(library: Library) {
        stateFile = FetchStateFile(url: library.stateFolder.appendingPathComponent("feeds-state.json"))
        lock = library.stateFolder.appendingPathComponent("feeds.lock")
    }

    /// Re-reads the states, lets `change` edit them, and writes them back, under the lock.
    public func update<T>(_ change: (inout [String: FeedFetchState]) throws -> T) throws -> T {
        try WriterLock(path: lock.path).withLock {
            var states = stateFile.load()
            let result = try change(&states)
            try stateFile.save(states)
            return result
        }
    }
}
