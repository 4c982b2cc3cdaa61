/// Social-media posts embedded in a story: stories quote them as text, so they stay even
/// when their container's class says "social".
enum EmbeddedPost {
    static let markers = WordList(["tweet", "twitter", "instagram", "tiktok", "bluesky", "mastodon", "threads", "facebook-post"])

    /// Whether the element is, or holds, a blockquote marked as an embedded post.
    static func isEmbeddedPost(_ index: Int, in document: HTMLDocument) -> Bool {
        let node = document[index]
        guard node.name == "blockquote" || node.name == "div" || node.name == "figure" else { return false }
        let quotes = node.name == "blockquote" ? [index] : document.all(["blockquote"], under: index)
        return quotes.contains { quote in
            let words = (document[quote].attributes["class"] ?? "").lowercased()
            return markers.found(in: words)
        }
    }
}
