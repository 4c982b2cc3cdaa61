/// An element's attributes in document order, with lowercased names (feedparser's `attrs_d`).
struct ElementAttributes {
    private(set) var pairs: [(String, String)] = []

    init(_ pairs: [(String, String)] = []) {
        for (key, value) in pairs { self[key] = value }
    }

    var isEmpty: Bool { pairs.isEmpty }

    subscript(key: String) -> String? {
        get { pairs.first { $0.0 == key }?.1 }
        set {
            if let index = pairs.firstIndex(where: { $0.0 == key }) {
                if let newValue { pairs[index].1 = newValue } else { pairs.remove(at: index) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    mutating func setDefault(_ key: String, _ value: String) {
        if self[key] == nil { self[key] = value }
    }

    /// `url`, `uri` or `href`, moved to `href` (feedparser's `_enforce_href`).
    mutating func enforceHref() {
        guard let href = self["url"] ?? self["uri"] ?? self["href"], !href.isEmpty else { return }
        self["url"] = nil
        self["uri"] = nil
        self["href"] = href
    }

    var node: ParsedNode { ParsedNode(attributes: pairs) }
}
