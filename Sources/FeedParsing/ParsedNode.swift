import Foundation

/// A mutable dictionary shared by reference while a feed is being read, like
/// feedparser's `FeedParserDict`: handlers keep a hold on "the current entry" or
/// "the last link" and fill it in as elements arrive.
final class ParsedNode {
    /// A value stored in a node.
    enum Value {
        case text(String)
        case number(Int)
        case real(Double)
        case flag(Bool)
        case date(Date)
        case node(ParsedNode)
        case list([Value])
        case null

        var text: String? {
            if case .text(let value) = self { return value }
            return nil
        }

        var node: ParsedNode? {
            if case .node(let value) = self { return value }
            return nil
        }

        var list: [Value]? {
            if case .list(let value) = self { return value }
            return nil
        }

        /// Python's truthiness, which the ported rules test.
        var isTruthy: Bool {
            switch self {
            case .text(let value): return !value.isEmpty
            case .number(let value): return value != 0
            case .real(let value): return value != 0
            case .flag(let value): return value
            case .date: return true
            case .node(let node): return !node.keys.isEmpty
            case .list(let values): return !values.isEmpty
            case .null: return false
            }
        }

        var feedValue: FeedValue {
            switch self {
            case .text(let value): return .text(value)
            case .number(let value): return .number(value)
            case .real(let value): return .real(value)
            case .flag(let value): return .flag(value)
            case .date(let value): return .date(value)
            case .node(let node): return node.feedValue
            case .list(let values): return .list(values.map(\.feedValue))
            case .null: return .null
            }
        }
    }

    /// feedparser stores some keys under another name (`description` → `summary`).
    private static let storedKey: [String: String] = [
        "channel": "feed", "items": "entries", "guid": "id", "date": "updated",
        "date_parsed": "updated_parsed", "description": "summary",
        "description_detail": "summary_detail", "url": "href", "modified": "updated",
        "modified_parsed": "updated_parsed", "issued": "published",
        "issued_parsed": "published_parsed", "copyright": "rights",
        "copyright_detail": "rights_detail", "tagline": "subtitle",
        "tagline_detail": "subtitle_detail",
    ]

    private(set) var keys: [String] = []
    private var values: [String: Value] = [:]

    init() {}

    /// A node holding plain attributes, stored without renaming (like `dict(attrs)`).
    init(attributes: [(String, String)]) {
        for (key, value) in attributes { setRaw(key, .text(value)) }
    }

    subscript(key: String) -> Value? {
        get { values[key] }
        set {
            let stored = Self.storedKey[key] ?? key
            if let newValue { setRaw(stored, newValue) } else { remove(stored) }
        }
    }

    func contains(_ key: String) -> Bool { values[key] != nil }

    func setRaw(_ key: String, _ value: Value) {
        if values.updateValue(value, forKey: key) == nil { keys.append(key) }
    }

    func remove(_ key: String) {
        guard values.removeValue(forKey: key) != nil else { return }
        keys.removeAll { $0 == key }
    }

    func removeAll() {
        keys = []
        values = [:]
    }

    /// Sets a key only when it is missing, and gives back what is stored (`setdefault`).
    @discardableResult
    func setDefault(_ key: String, _ value: Value) -> Value {
        if let existing = self[key] { return existing }
        self[key] = value
        return value
    }

    /// The child node under `key`, created when missing.
    func childNode(_ key: String) -> ParsedNode {
        if let node = self[key]?.node { return node }
        let node = ParsedNode()
        self[key] = .node(node)
        return node
    }

    /// Appends to the list under `key`, creating the list when missing.
    func append(_ value: Value, to key: String) {
        var list = self[key]?.list ?? []
        list.append(value)
        self[key] = .list(list)
    }

    /// The last node of the list under `key`.
    func lastNode(in key: String) -> ParsedNode? {
        self[key]?.list?.last?.node
    }

    func text(_ key: String) -> String? { values[key]?.text }

    /// A deep copy, for values feedparser copies (`copy.deepcopy`).
    func copy() -> ParsedNode {
        let node = ParsedNode()
        for key in keys {
            guard let value = values[key] else { continue }
            node.setRaw(key, Self.copy(value))
        }
        return node
    }

    private static func copy(_ value: Value) -> Value {
        switch value {
        case .node(let node): return .node(node.copy())
        case .list(let values): return .list(values.map(copy))
        default: return value
        }
    }

    var feedValue: FeedValue { .object(fields) }

    var fields: [String: FeedValue] {
        var result: [String: FeedValue] = [:]
        result.reserveCapacity(keys.count)
        for (key, value) in values { result[key] = value.feedValue }
        return result
    }
}
