import FeedParsing
import Foundation

/// The reader's subscriptions, in file order, with the edits the commands make.
///
/// Pure: loading and saving are `SubscriptionsFile`'s job.
public struct SubscriptionList: Equatable, Sendable {
    public var subscriptions: [Subscription]

    public init(_ subscriptions: [Subscription] = []) { self.subscriptions = subscriptions }

    /// The subscription to `url`, compared without case in the scheme and host and without
    /// a trailing slash, so `HTTP://Example.org/feed/` matches `http://example.org/feed`.
    public func subscription(to url: String) -> Subscription? {
        let key = Self.comparable(url)
        return subscriptions.first { Self.comparable($0.url) == key }
    }

    /// Adds a subscription; returns false when the feed is already there.
    @discardableResult
    public mutating func add(_ subscription: Subscription) -> Bool {
        guard self.subscription(to: subscription.url) == nil else { return false }
        subscriptions.append(subscription)
        return true
    }

    /// Removes the subscriptions whose URL or title (any case) is `urlOrTitle`.
    public mutating func remove(_ urlOrTitle: String) -> [Subscription] {
        let key = Self.comparable(urlOrTitle)
        let title = urlOrTitle.lowercased()
        let removed = subscriptions.filter { Self.comparable($0.url) == key || $0.title?.lowercased() == title }
        subscriptions.removeAll { Self.comparable($0.url) == key || $0.title?.lowercased() == title }
        return removed
    }

    /// Points the subscription at `old` to `new`, after a permanent redirect.
    public mutating func move(_ old: String, to new: String) {
        let key = Self.comparable(old)
        guard subscription(to: new) == nil,
              let index = subscriptions.firstIndex(where: { Self.comparable($0.url) == key }) else { return }
        subscriptions[index].url = new
    }

    /// The subscriptions `names` pick out, by URL or title; all of them when `names` is empty.
    /// Names that match nothing come back in `unknown`.
    public func select(_ names: [String]) -> (matched: [Subscription], unknown: [String]) {
        guard !names.isEmpty else { return (subscriptions, []) }
        var matched: [Subscription] = []
        var unknown: [String] = []
        for name in names {
            let key = Self.comparable(name)
            let hits = subscriptions.filter { Self.comparable($0.url) == key || $0.title?.lowercased() == name.lowercased() }
            if hits.isEmpty { unknown.append(name) }
            for hit in hits where !matched.contains(hit) { matched.append(hit) }
        }
        return (matched, unknown)
    }

    /// The form two URLs are compared in. Written with the standard library alone: it runs
    /// for every feed each time the subscriptions are read, and Foundation's string search
    /// and trimming made reading 100 feeds cost more than fetching them unchanged.
    public static func comparable(_ url: String) -> String {
        // The spaces `trimmingCharacters(in: .whitespaces)` trims: tabs and Unicode spaces.
        let isSpace = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        let scalars = url.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        var text = Substring(scalars[first...last])
        if text.hasSuffix("/") { text.removeLast() }
        guard let schemeEnd = schemeSeparatorEnd(in: text) else { return text.lowercased() }
        let hostEnd = text[schemeEnd...].firstIndex(of: "/") ?? text.endIndex
        return text[..<hostEnd].lowercased() + text[hostEnd...]
    }

    /// Where the first "://" in `text` ends.
    private static func schemeSeparatorEnd(in text: Substring) -> String.Index? {
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while let colon = scalars[index...].firstIndex(of: ":") {
            let rest = scalars[colon...].dropFirst()
            if rest.starts(with: "//".unicodeScalars) { return rest.dropFirst(2).startIndex }
            index = scalars.index(after: colon)
        }
        return nil
    }
}
