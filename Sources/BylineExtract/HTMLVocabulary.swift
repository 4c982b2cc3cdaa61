/// Groups of HTML tag names that the converters treat alike.
enum HTMLVocabulary {
    /// Elements whose content is never text for a reader: code, styling, embedded
    /// programs and form controls. Nothing inside them survives (forms: see `StoryBodyBuilder`).
    static let neverText: Set<String> = [
        "script", "style", "noscript", "iframe", "object", "embed", "svg", "math", "template",
        "head", "title", "meta", "link", "button", "select", "option", "input", "textarea", "canvas",
        "video", "audio", "source", "track", "map", "area", "applet", "frame", "frameset", "dialog", "img",
        "picture", "base", "param", "label", "fieldset", "datalist", "output", "progress", "meter",
    ]

    /// Elements that start and end a block of text.
    static let blocks: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
        "table", "thead", "tbody", "tfoot", "tr", "caption", "pre", "figure", "figcaption", "hr",
        "center", "details", "summary", "hgroup", "body", "html", "menu", "dir", "listing", "xmp",
        "plaintext", "legend", "li",
    ]

    static func headingLevel(_ name: String) -> Int? {
        guard name.count == 2, name.first == "h", let level = name.last?.wholeNumberValue, (1...6).contains(level) else {
            return nil
        }
        return level
    }
}
