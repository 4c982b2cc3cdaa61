import BylineStore
import Foundation

/// The subscriptions file on disk: loads it, and changes it under a lock.
public struct SubscriptionsFile: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// The subscriptions; none when the file does not exist yet.
    public func load() throws(SubscriptionsFileError) -> SubscriptionList {
        try loadWithText().list
    }

    /// The subscriptions and the text they came from (empty when there is no file).
    private func loadWithText() throws(SubscriptionsFileError) -> (list: SubscriptionList, text: String) {
        guard FileManager.default.fileExists(atPath: url.path) else { return (SubscriptionList(), "") }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .unreadable(url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(url.path, reason: "not UTF-8 text")
        }
        return (try SubscriptionsTOML.parse(text, name: url.path), text)
    }

    /// Reads, changes and writes the file back atomically, holding a lock so two copies
    /// of Byline do not lose each other's changes. Unchanged lists are not written.
    @discardableResult
    public func modify<T>(_ change: (inout SubscriptionList) throws -> T) throws -> T {
        let lock = url.deletingLastPathComponent().appendingPathComponent(".feeds.lock")
        // Taking the lock creates the folder the file goes in.
        return try WriterLock(path: lock.path).withLock {
            let (before, text) = try loadWithText()
            var list = before
            let result = try change(&list)
            if list != before || !FileManager.default.fileExists(atPath: url.path) {
                // The file is the reader's own: their comments and layout stay.
                let updated = SubscriptionsEdit.apply(list, to: text, parsed: before) ?? SubscriptionsTOML.render(list)
                try AtomicFile.save(Array(updated.utf8), to: url.path, followingLinkedFolder: true)
            }
            return result
        }
    }
}
