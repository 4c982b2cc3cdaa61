/// What the statistics passes need to know of an element's tag, decided once at parse time.
enum NodeKind: UInt8, Sendable {
    case text, paragraph, image, listItem, input, embed, link, heading, list, neverText, other

    init(_ name: String) {
        switch name {
        case "p": self = .paragraph
        case "img", "picture": self = .image
        case "li": self = .listItem
        case "input", "select", "textarea", "button": self = .input
        case "object", "embed", "iframe", "video", "audio": self = .embed
        case "a": self = .link
        case "h1", "h2", "h3", "h4", "h5", "h6": self = .heading
        case "ul", "ol": self = .list
        default: self = HTMLVocabulary.neverText.contains(name) ? .neverText : .other
        }
    }
}
