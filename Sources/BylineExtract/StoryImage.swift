import BylineCore
import FoundationEssentials

/// What a page's `<img>` (or `<picture>`) becomes in a story: an image line, a few
/// characters of text (an emoji drawn as a picture), or nothing (a tracking pixel).
///
/// The words of the line are the alt text, else the figure's caption, else the file's
/// name; its link is the picture's own address (`src`, or the lazy-loading `data-src`,
/// or the first of `srcset`), resolved against the page, http(s) only.
///
/// The rule for tracking pixels: an image drawn at most 2 pixels wide or high (`width` /
/// `height` attributes), or one without alt text whose address is a known counter (a
/// host in `trackerHosts`) or is named like one (`pixel.gif`, `1x1.png`, `spacer.gif`,
/// `beacon`), is a counter, not a picture, and leaves no line; so does an avatar, logo or
/// icon (by its class or id).
enum StoryImage {
    enum Outcome: Equatable {
        case image(alt: String, url: String?)
        case text(String)
    }

    static func outcome(_ index: Int, in document: HTMLDocument, baseURL: URL?) -> Outcome? {
        var index = index
        if document[index].name == "picture" {
            guard let image = document.first("img", under: index) else { return nil }
            index = image
        }
        let node = document[index]
        if isTiny(node.attribute("width")) || isTiny(node.attribute("height")) { return nil }
        let alt = words(node.attribute("alt") ?? "")
        // WordPress and others draw emoji as pictures, with the emoji as the alt text.
        if isEmoji(node, alt: alt) { return .text(alt) }
        let url = address(node).flatMap { LinkTarget.resolve($0, against: baseURL) }
        if alt.isEmpty, let url, isTracker(url) { return nil }
        var text = alt
        if text.isEmpty, let caption = caption(of: index, in: document) { text = caption }
        if text.isEmpty, let url { text = fileName(url) }
        guard !text.isEmpty || url != nil else { return nil }
        return .image(alt: text, url: url)
    }

    /// Text fit for the line: one line of collapsed spaces, brackets as parentheses (a `]`
    /// would end the line's markup), at most 300 characters.
    static func words(_ text: String) -> String {
        let collapsed = TextSpace.collapse(StoryText.removingControls(EmphasisMarkers.removingMarkers(text)))
            .replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
        return collapsed.count > 300 ? String(collapsed.prefix(299)) + "…" : collapsed
    }

    /// The figure caption around an image, if the image is in a figure that has one.
    static func captionNode(of index: Int, in document: HTMLDocument) -> Int? {
        var current = document[index].parent
        var steps = 0
        while current > 0, steps < 4 {
            if document[current].name == "figure" { return document.first("figcaption", under: current) }
            current = document[current].parent
            steps += 1
        }
        return nil
    }

    private static func caption(of index: Int, in document: HTMLDocument) -> String? {
        captionNode(of: index, in: document).map { words(document.text(of: $0)) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func address(_ node: HTMLDocument.Node) -> String? {
        for name in ["src", "data-src", "data-original", "data-lazy-src"] {
            if let value = node.attribute(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty,
               !value.lowercased().hasPrefix("data:") {
                return value
            }
        }
        for name in ["srcset", "data-srcset"] {
            if let first = node.attribute(name)?.split(separator: ",").first?.split(separator: " ").first {
                return String(first)
            }
        }
        return nil
    }

    /// An author's avatar, a site's logo, an icon: page furniture, not a picture of the story.
    static func isDecoration(_ node: HTMLDocument.Node) -> Bool {
        let words = node.classAndID
        return !words.isEmpty && decorationWords.found(in: words)
    }

    private static let decorationWords = WordList(["avatar", "logo", "icon", "badge", "sprite", "gravatar"])

    private static func isTiny(_ size: String?) -> Bool {
        guard let size else { return false }
        let digits = size.trimmingCharacters(in: .whitespaces).prefix { $0.isASCII && $0.isNumber }
        guard let value = Int(digits), digits.count < 6 else { return false }
        return value <= 2
    }

    private static func isEmoji(_ node: HTMLDocument.Node, alt: String) -> Bool {
        guard !alt.isEmpty, alt.count <= 2 else { return false }
        if node.attribute("class")?.lowercased().contains("emoji") == true { return true }
        return alt.unicodeScalars.allSatisfy { $0.properties.isEmoji && $0.value > 0xFF || $0.value == 0xFE0F || $0.value == 0x200D }
    }

    static let trackerHosts = [
        "feeds.feedburner.com", "feedproxy.google.com", "pixel.wp.com", "stats.wordpress.com",
        "google-analytics.com", "doubleclick.net", "feedsportal.com", "pixel.quantserve.com",
        "scorecardresearch.com", "pixel.facebook.com", "analytics.twitter.com", "ct.pinterest.com",
        "bat.bing.com", "px.ads.linkedin.com", "matomo.", "piwik.", "counter.",
    ]
    static let trackerNames = ["pixel.gif", "pixel.png", "1x1.gif", "1x1.png", "spacer.gif", "blank.gif", "transparent.gif", "beacon", "tracking"]

    static func isTracker(_ url: String) -> Bool {
        guard let parsed = URL(string: url) else { return false }
        let host = parsed.host?.lowercased() ?? ""
        if trackerHosts.contains(where: { host == $0 || host.hasSuffix("." + $0) || $0.hasSuffix(".") && host.hasPrefix($0) }) {
            return true
        }
        let name = parsed.lastPathComponent.lowercased()
        return trackerNames.contains { name.contains($0) }
    }

    /// The file's name, percent escapes decoded: `protest-in-baghdad.jpg`.
    static func fileName(_ url: String) -> String {
        guard let parsed = URL(string: url) else { return "" }
        let name = parsed.lastPathComponent
        return name == "/" ? "" : words(name.removingPercentEncoding ?? name)
    }
}
