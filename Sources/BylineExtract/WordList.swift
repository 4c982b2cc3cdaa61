/// A list of words to look for inside class names and short labels.
///
/// Matching runs on UTF-8 bytes: Foundation's `contains` goes through `NSString` and was the
/// largest single cost of extracting a page.
struct WordList: Sendable {
    private let words: [[UInt8]]

    init(_ words: [String]) {
        self.words = words.map { Array($0.utf8) }
    }

    /// Whether any of the words occurs in `text`.
    func found(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { haystack in
            words.contains { Self.occurs($0, in: haystack) }
        }
    }

    private static func occurs(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        let last = haystack.count - needle.count
        var start = 0
        while start <= last {
            if haystack[start] == first {
                var matched = 1
                while matched < needle.count && haystack[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }
}

extension HTMLDocument.Node {
    /// The `class` and `id` attributes, lower-cased, for matching template vocabulary.
    var classAndID: String {
        let classes = attributes["class"] ?? ""
        let id = attributes["id"] ?? ""
        if classes.isEmpty && id.isEmpty { return "" }
        return (classes + " " + id).lowercased()
    }
}
