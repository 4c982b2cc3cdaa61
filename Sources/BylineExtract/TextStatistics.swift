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
        let kinds = document.kinds
        let parents = document.parents
        for index in stride(from: count - 1, through: 1, by: -1) {
            let kind = kinds[index]
            let parent = parents[index]
            if excluded[index] {
                // Pictures and embeds hold no text, but say what kind of container holds them.
                if kind == .image { images[parent] += 1 }
                if kind == .embed { embeds[parent] += 1 }
                continue
            }
            switch kind {
            case .text:
                length[index] = document.textSizes[index]
                commas[index] = document.textCommas[index]
                directLength[parent] += length[index]
            case .paragraph: paragraphs[index] += 1
            case .image: images[index] += 1
            case .listItem: listItems[index] += 1
            case .input: inputs[index] += 1
            case .embed: embeds[index] += 1
            case .link: linkLength[index] = length[index]
            case .heading: headingLength[index] = length[index]
            case .list: listLength[index] = length[index]
            case .neverText, .other: break
            }
            if kind == .neverText || kind == .embed || kind == .input || kind == .image {
                length[index] = 0
                linkLength[index] = 0
                commas[index] = 0
            }
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
