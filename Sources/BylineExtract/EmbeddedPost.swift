/// Social-media posts embedded in a story: stories quote them as text, so they stay even
/// when their container's class says "social".
enum EmbeddedPost {
    static let markers = WordList(["tweet", "twitter", "instagram", "tiktok", "bluesky", "mastodon", "threads", "facebook-post"])

    /// Whether the element is, or holds, a blockquote marked as an embedded post.
    static func isEmbeddedPost(_ index: Int, in document: HTMLDocument) -> Bool {
        let node = document[index]
        guard node.name == "blockquote" || node.name == "div" || node.name == "figure" else { return false }
        // Only near descendants: an embed's wrapper sits just around it, and a bounded look
        // keeps pruning linear on deeply nested pages.
        var level = [index]
        for _ in 0..<4 {
            var next: [Int] = []
            for element in level {
                if document[element].name == "blockquote",
                   markers.found(in: (document[element].attributes["class"] ?? "").lowercased()) {
                    return true
                }
                next.append(contentsOf: document[element].children.filter { !document[$0].isText })
            }
            level = next
        }
        return false
    }
}
