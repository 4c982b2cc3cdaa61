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
    ///
    /// - Parameters:
    ///   - loaded: states read earlier, taken instead of reading the file again when it is
    ///     still the file they were read from (no other writer replaced it since).
    ///   - syncingFolder: see `FetchStateFile.save`.
    public func update<T>(reusing loaded: LoadedFetchStates? = nil, syncingFolder: Bool = true,
                          _ change: (inout [String: FeedFetchState]) throws -> T) throws -> T {
        try WriterLock(path: lock.path).withLock {
            var states: [String: FeedFetchState]
            if let loaded, let version = loaded.version, FileVersion(of: stateFile.url.path) == version {
                states = loaded.states
            } else {
                states = stateFile.load()
            }
            let result = try change(&states)
            try stateFile.save(states, syncingFolder: syncingFolder)
            return result
        }
    }
}
