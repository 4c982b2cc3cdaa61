import Foundation

/// Stories counted together: how many, how many unread, and the newest one's date.
public struct StoryTally: Equatable, Sendable {
    public var unread = 0
    public var total = 0
    /// Seconds since 1970 of the newest dated story; nil when none has a date.
    public var newest: Double?

    public init(unread: Int = 0, total: Int = 0, newest: Double? = nil) {
        self.unread = unread
        self.total = total
        self.newest = newest
    }

    public mutating func add(unread isUnread: Bool, published: Double?) {
        total += 1
        if isUnread { unread += 1 }
        if let published, published > (newest ?? -.infinity) { newest = published }
    }

    public mutating func add(_ other: StoryTally) {
        unread += other.unread
        total += other.total
        if let date = other.newest, date > (newest ?? -.infinity) { newest = date }
    }
}

/// A listing's stories counted by source, with every story and the starred ones: what the
/// sources view shows, counted in one pass over the listing.
public struct SourceTallies: Equatable, Sendable {
    public var all = StoryTally()
    public var starred = StoryTally()
    /// By `SourceTallies.name(source:id:)`.
    public var bySource: [String: StoryTally] = [:]

    public init() {}

    /// Counts one story.
    public mutating func add(source name: String, unread: Bool, starred isStarred: Bool, published: Double?) {
        all.add(unread: unread, published: published)
        if isStarred { starred.add(unread: unread, published: published) }
        bySource[name, default: StoryTally()].add(unread: unread, published: published)
    }

    /// The source a story is listed under: its `Source:`, or, without one, the folder it
    /// is filed in. Only a blank `Source:` makes the name depend on the story's path.
    public static func name(source: String?, id: StoryID) -> String {
        if let name = trimmedSource(source) { return name }
        let path = id.path
        if let slash = path.lastIndex(of: "/") { return String(path[..<slash]) + "/" }
        return "Other stories"
    }

    /// The source's name without surrounding spaces; nil when that leaves nothing.
    ///
    /// The spaces are Foundation's `.whitespaces` (tab and every space separator), tested
    /// scalar by scalar: the sources view names every row of the library this way behind
    /// the first screen, and going through `NSString` for each was a fifth of a warm start's
    /// CPU at 100,000 stories. A name with nothing to trim is returned as it is.
    public static func trimmedSource(_ source: String?) -> String? {
        guard let source else { return nil }
        let scalars = source.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return nil }
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return source }
        return String(scalars[first...last])
    }

    /// Whether `scalar` is one of `CharacterSet.whitespaces`: tab, the space separators,
    /// and (as Foundation has it here) the zero-width space.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
}
