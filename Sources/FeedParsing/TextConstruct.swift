/// The text construct being read (a title, summary, content, rights …) and how to read
/// its text: feedparser's `contentparams`, stored beside the text as its `*_detail`.
struct TextConstruct {
    /// The media type, after `FeedBuilder.mapContentType` (`html` → `text/html`).
    var type: String
    var language: String?
    /// The base URI its relative links resolve against.
    var base: String
    /// Whether the text still has to be decoded from base64 (Atom `mode="base64"`, or a
    /// type that is neither text nor XML).
    var isBase64: Bool
    /// Atom content's `src`: the content lives at that address.
    var src: String?

    init(type: String, language: String?, base: String, mode: String?) {
        self.type = type
        self.language = language
        self.base = base
        isBase64 = mode == "base64" || !(type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml"))
    }

    var isXHTML: Bool { type == "application/xhtml+xml" }

    /// feedparser's `*_detail` dictionary for `value` read from this construct.
    func detail(_ value: String) -> ParsedNode {
        let node = ParsedNode()
        node["type"] = .text(type)
        node["language"] = language.map { .text($0) } ?? .null
        node["base"] = .text(base)
        if let src { node["src"] = .text(src) }
        node["value"] = .text(value)
        return node
    }
}
