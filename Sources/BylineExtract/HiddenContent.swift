/// Content a browser would not show a reader, or that is not for people at all: scripts,
/// styles, embedded programs and form controls, elements hidden by attribute, inline style
/// or a conventional class name, short forms, and JSON left in the markup for a script.
enum HiddenContent {
    /// Class names that stylesheets conventionally hide (Bootstrap, Foundation, WordPress).
    static let hiddenClasses: Set<String> = [
        "hidden", "hide", "d-none", "display-none", "is-hidden", "u-hidden", "visually-hidden", "visuallyhidden",
        "sr-only", "screen-reader-text", "print-only", "printonly", "show-for-print", "visible-print",
        "robots-nocontent", "noscript",
    ]

    static let hidingStyles = WordList(["display:none", "visibility:hidden"])

    /// Whether the element and everything in it stays out of a story. A short form is a
    /// search box or a sign-up; a long one is a page that wraps everything in a form.
    static func isHiddenOrInert(_ node: HTMLDocument.Node, in document: HTMLDocument, index: Int) -> Bool {
        if HTMLVocabulary.neverText.contains(node.name) { return true }
        if node.name == "form" { return document.text(of: index).count < 200 }
        return isHidden(node)
    }

    /// Whether the element's attributes hide it (`hidden`, `aria-hidden`, a hiding class or
    /// inline style), whatever the element.
    static func isHidden(_ node: HTMLDocument.Node) -> Bool {
        if node.attributes.isEmpty { return false }
        if node.attributes["hidden"] != nil { return true }
        if node.attributes["aria-hidden"] == "true" { return true }
        if let classes = node.attributes["class"]?.lowercased(),
           classes.split(separator: " ").contains(where: { hiddenClasses.contains(String($0)) }) {
            return true
        }
        if let style = node.attributes["style"],
           hidingStyles.found(in: String(style.lowercased().unicodeScalars.filter { !TextSpace.isSpace($0) })) {
            return true
        }
        return false
    }

    /// JSON a page left in its markup for a script to read, not for people.
    static func looksLikeData(_ text: String) -> Bool {
        guard let first = text.first, first == "{" || first == "[", let last = text.last, last == "}" || last == "]"
        else { return false }
        return text.contains("\":")
    }
}
