/// Sizes of the text under every node of a page, counting only what is not excluded.
///
/// Children always follow their parent in `HTMLDocument.nodes`, so one pass from the last
/// node to the first sums every subtree.
struct TextStatistics {
    /// Characters of text, whitespace runs counted once.
    private(set) var length: [Int]
    /// Characters of text inside links.
    private(set) var linkLength: [Int]
    private(set) var commas: [Int]
    /// Counts of descendant elements by kind, for judging mixed containers.
    private(set) var paragraphs: [Int]
    private(set) var images: [Int]
    private(set) var listItems: [Int]
    private(set) var inputs: [Int]
    private(set) var embeds: [Int]
    private(set) var headingLength: [Int]
    private(set) var listLength: [Int]
    /// Characters of the text nodes directly inside an element (not in its child elements).
    private(set) var directLength: [Int]

    init(_ document: HTMLDocument, excluded: [Bool]) {
        let count = document.nodes.count
        length = Array(repeating: 0, count: count)
        linkLength = length
        commas = length
        paragraphs = length
        images = length
        listItems = length
        inputs = length
        embeds = length
        headingLength = length
        listLength = length
        directLength = length
        for index in stride(from: count - 1, through: 1, by: -1) {
            let node = document[index]
            if excluded[index] {
                // Pictures and embeds hold no text, but say what kind of container holds them.
                switch node.name {
                case "img", "picture": images[node.parent] += 1
                case "object", "embed", "iframe", "video", "audio": embeds[node.parent] += 1
                default: break
                }
                continue
            }
            if node.isText {
                var chars = 0
                var space = true
                var commaCount = 0
                for byte in node.text.utf8 where byte & 0xC0 != 0x80 {  // one count per character
                    switch byte {
                    case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                        if !space { chars += 1; space = true }
                    case 0x2C:
                        chars += 1
                        space = false
                        commaCount += 1
                    default:
                        chars += 1
                        space = false
                    }
                }
                length[index] = chars
                commas[index] = commaCount
                directLength[node.parent] += chars
            } else {
                switch node.name {
                case "p": paragraphs[index] += 1
                case "img", "picture": images[index] += 1
                case "li": listItems[index] += 1
                case "input", "select", "textarea", "button": inputs[index] += 1
                case "object", "embed", "iframe", "video", "audio": embeds[index] += 1
                case "a": linkLength[index] = length[index]
                case "h1", "h2", "h3", "h4", "h5", "h6": headingLength[index] = length[index]
                case "ul", "ol": listLength[index] = length[index]
                default: break
                }
                if HTMLVocabulary.neverText.contains(node.name) {
                    length[index] = 0
                    linkLength[index] = 0
                    commas[index] = 0
                }
            }
            let parent = node.parent
            guard parent > 0 else { continue }
            length[parent] += length[index]
            linkLength[parent] += linkLength[index]
            commas[parent] += commas[index]
            paragraphs[parent] += paragraphs[index]
            images[parent] += images[index]
            listItems[parent] += listItems[index]
            inputs[parent] += inputs[index]
            embeds[parent] += embeds[index]
            headingLength[parent] += headingLength[index]
            listLength[parent] += listLength[index]
        }
    }

    func linkDensity(_ index: Int) -> Double {
        length[index] == 0 ? 0 : min(1, Double(linkLength[index]) / Double(length[index]))
    }
}
