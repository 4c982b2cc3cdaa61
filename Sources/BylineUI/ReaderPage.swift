import BylineCore
import Foundation
import TerminalKit

/// A story laid out for the reading pane: wrapped, styled lines and where each link is.
public struct ReaderPage: Equatable, Sendable {
    public var lines: [[StyledSpan]]
    public var links: [ReaderLink]
    /// The first line each link number appears on.
    public var linkLines: [Int: Int]
    /// Preformatted lines: never wrapped, drawn out to the pane's edge.
    public var unwrapped: Set<Int> = []

    /// The widest a line of text gets, however wide the pane: long lines tire the eye.
    public static let maximumTextWidth = 100

    /// - Parameter moreOnThis: the library's stories most like this one, listed last and
    ///   numbered after the story's own links.
    public static func layout(_ story: Story, width: Int, theme: Theme, selectedLink: Int?, timeZone: TimeZone,
                              moreOnThis: [SimilarStory] = []) -> ReaderPage {
        var builder = Builder(width: min(max(1, width), maximumTextWidth), theme: theme, selectedLink: selectedLink)
        builder.setLinks(ReaderLinks.collect(story))

        if let kicker = story.kicker {
            builder.add(text: kicker.uppercased(), style: theme[.kicker])
        }
        builder.add(text: story.title, style: theme[.title])
        let meta = [story.displaySource, story.author.map { "By " + $0 }, story.publishedDate.map { ListDates.long($0, timeZone: timeZone) }]
            .compactMap { $0 }.filter { !$0.isEmpty }
        if !meta.isEmpty {
            // Each part (a date above all) breaks only between parts, unless it is wider
            // than the line by itself.
            let parts = meta.map { part in DisplayWidth.of(part) <= builder.width ? Builder.glued(part) : part }
            builder.add(text: parts.joined(separator: " · "), style: theme[.meta])
        }
        let ordinalWidths = Self.ordinalWidths(story.body)

        for (index, block) in story.body.enumerated() {
            // Items of one list follow each other without a blank line between them.
            if !(block.isListItem && index > 0 && story.body[index - 1].isListItem) { builder.blank() }
            switch block {
            case .paragraph(let text): builder.add(inline: shown(text), style: theme[.body])
            case .subheading(let text): builder.add(text: shown(text), style: theme[.subheading])
            case .quote(let text): builder.add(inline: shown(text), style: theme[.quote], prefix: "│ ", repeatingPrefix: true)
            case .listItem(let text, let ordinal):
                // Numbers right-aligned within the list, so items past 9 line up (no-break
                // spaces: the wrapper drops ordinary ones at the start of a line).
                let number = ordinal.map { String(repeating: "\u{00A0}", count: max(0, ordinalWidths[index] - String($0).count)) + "\($0). " }
                builder.add(inline: shown(text), style: theme[.body], prefix: number ?? "• ")
            case .readMore(let link):
                if let number = builder.number(for: link) {
                    builder.add(link: number, label: "READ MORE: " + link.title)
                }
            case .preformatted(let text):
                builder.add(preformatted: shown(text), style: theme[.preformatted])
            case .image(let alt, let url):
                builder.add(image: alt, url: url)
            }
        }

        let inBody = Set(builder.linkLines.keys)
        let remaining = builder.links.filter { !inBody.contains($0.number) }
        if !remaining.isEmpty {
            builder.blank()
            builder.add(text: "Related stories", style: theme[.subheading])
            for link in remaining {
                builder.add(link: link.number, label: link.text)
            }
        }
        if let url = story.url {
            builder.blank()
            builder.add(text: url, style: theme[.meta])
        }
        if !moreOnThis.isEmpty {
            builder.blank()
            builder.add(text: "More on this", style: theme[.subheading])
            for similar in moreOnThis {
                let number = builder.addLink(to: similar)
                builder.add(link: number, label: similar.title)
            }
        }
        return ReaderPage(lines: builder.lines, links: builder.links, linkLines: builder.linkLines,
                          unwrapped: builder.unwrapped)
    }

    /// For each numbered list item, the widest number of its list (consecutive items).
    static func ordinalWidths(_ body: [StoryBlock]) -> [Int] {
        var widths = [Int](repeating: 0, count: body.count)
        var start = 0
        while start < body.count {
            guard body[start].isListItem else { start += 1; continue }
            var end = start
            var widest = 0
            while end < body.count, case .listItem(_, let ordinal) = body[end] {
                widest = max(widest, ordinal.map { String($0).count } ?? 0)
                end += 1
            }
            for index in start..<end { widths[index] = widest }
            start = end
        }
        return widths
    }

    /// A block's text as laid out: at most the writer's longest line. A hand-made file with
    /// one 15 MB line took 9 s to open, all of it wrapping text no one scrolls through.
    static func shown(_ text: String) -> String {
        guard text.utf8.count > StoryFileWriter.largestLine else { return text }
        let megabytes = String(format: "%.1f", Double(text.utf8.count) / 1_048_576)
        return StoryFileWriter.cut(text, to: StoryFileWriter.largestLine)
            + " [This paragraph is \(megabytes) MB long; the rest is not shown.]"
    }

    /// Lays out a message in place of a story (loading, or why it could not be read).
    public static func notice(_ text: String, style: Style, width: Int) -> ReaderPage {
        var builder = Builder(width: max(1, width), theme: .standard, selectedLink: nil)
        builder.add(text: text, style: style)
        return ReaderPage(lines: builder.lines, links: [], linkLines: [:])
    }
}

/// Accumulates wrapped lines; keeps link numbering and positions in step.
private struct Builder {
    let width: Int
    let theme: Theme
    let selectedLink: Int?
    var lines: [[StyledSpan]] = []
    private(set) var links: [ReaderLink] = []
    /// Link numbers by `ReaderLinks.key`: a story can carry thousands of links.
    private var numbers: [String: Int] = [:]
    var linkLines: [Int: Int] = [:]
    var unwrapped: Set<Int> = []

    init(width: Int, theme: Theme, selectedLink: Int?) {
        self.width = width
        self.theme = theme
        self.selectedLink = selectedLink
    }

    mutating func blank() {
        if let last = lines.last, !last.isEmpty { lines.append([]) }
    }

    /// Story text is untrusted: every piece is sanitised before it is measured and wrapped.
    mutating func add(text: String, style: Style) {
        append(TextWrapper.wrap([StyledSpan(text: VisibleText.sanitize(text), style: style)], width: width))
    }

    /// Text whose spaces do not break: no-break spaces, shown as spaces once wrapped.
    static func glued(_ text: String) -> String {
        text.replacingOccurrences(of: " ", with: "\u{00A0}")
    }

    /// A paragraph whose inline links are styled and numbered.
    ///
    /// - Parameter repeatingPrefix: the prefix begins every line, not only the first (a
    ///   quote's bar).
    mutating func add(inline text: String, style: Style, prefix: String = "", repeatingPrefix: Bool = false) {
        var spans: [StyledSpan] = []
        if !prefix.isEmpty { spans.append(StyledSpan(text: prefix, style: style)) }
        for run in InlineText.runs(text) {
            switch run {
            case .text(let words):
                spans.append(StyledSpan(text: VisibleText.sanitize(words), style: style))
            case .emphasis(let words, let emphasis):
                // Attributes, not colours: bold and italic show in every theme and under NO_COLOR.
                var attributes: Attributes = []
                if emphasis.contains(.bold) { attributes.insert(.bold) }
                if emphasis.contains(.italic) { attributes.insert(.italic) }
                spans.append(StyledSpan(text: VisibleText.sanitize(words), style: style.adding(attributes)))
            case .link(let words, let url):
                let number = self.number(for: RelatedLink(title: words, url: url))
                let linkStyle = number == selectedLink && number != nil ? theme[.selectedLink] : theme[.link]
                spans.append(StyledSpan(text: VisibleText.sanitize(words), style: linkStyle, tag: number))
                // A no-break space keeps the number with the last word it marks:
                // never `[1]` alone on a line, never `survey[1]` glued.
                if let number { spans.append(StyledSpan(text: "\u{00A0}[\(number)]", style: linkStyle, tag: number)) }
            }
        }
        let hanging = DisplayWidth.of(prefix)
        var wrapped = TextWrapper.wrap(spans, width: width, hangingIndent: hanging)
        if repeatingPrefix {
            for index in wrapped.indices.dropFirst() {
                guard let first = wrapped[index].first, first.text.allSatisfy({ $0 == " " }),
                      first.text.count == hanging else { continue }
                wrapped[index][0] = StyledSpan(text: prefix, style: style)
            }
        }
        append(wrapped)
    }

    /// Preformatted lines as they are: never wrapped or joined, indented two columns; a
    /// line wider than the pane is cut at the pane's edge (past the measure) with a mark
    /// (`TextPane`), and `byline show` prints it whole.
    mutating func add(preformatted text: String, style: Style) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let shown = VisibleText.sanitize(String(line), tabWidth: 8)
            unwrapped.insert(lines.count)
            lines.append(shown.isEmpty ? [] : [StyledSpan(text: "  " + shown, style: style)])
        }
    }

    /// `[image: alt text]`, numbered like any link when the picture has an address.
    mutating func add(image alt: String, url: String?) {
        let label = VisibleText.sanitize(ReaderLinks.imageLabel(alt))
        guard let url, let number = number(for: RelatedLink(title: alt, url: url)) else {
            append(TextWrapper.wrap([StyledSpan(text: label, style: theme[.meta])], width: width))
            return
        }
        let style = number == selectedLink ? theme[.selectedLink] : theme[.link]
        append(TextWrapper.wrap([StyledSpan(text: label + "\u{00A0}[\(number)]", style: style, tag: number)],
                                width: width, hangingIndent: 1))
    }

    mutating func add(link number: Int, label: String) {
        let style = number == selectedLink ? theme[.selectedLink] : theme[.link]
        let spans = [
            StyledSpan(text: "▸ ", style: theme[.link], tag: number),
            StyledSpan(text: VisibleText.sanitize(label) + " [\(number)]", style: style, tag: number),
        ]
        append(TextWrapper.wrap(spans, width: width, hangingIndent: 2))
    }

    mutating func setLinks(_ links: [ReaderLink]) {
        self.links = links
        for link in links { numbers[ReaderLinks.key(link.target)] = link.number }
    }

    /// Numbers a link to a library story after the links already numbered.
    mutating func addLink(to similar: SimilarStory) -> Int {
        let number = links.count + 1
        links.append(ReaderLink(number: number, text: similar.title, target: RelatedLink(title: similar.title), story: similar.id))
        return number
    }

    func number(for target: RelatedLink) -> Int? {
        numbers[ReaderLinks.key(target)]
    }

    private mutating func append(_ wrapped: [[StyledSpan]]) {
        for var line in wrapped {
            for index in line.indices {
                if let tag = line[index].tag, linkLines[tag] == nil { linkLines[tag] = lines.count }
                // Glue has done its work in the wrapping: the terminal gets plain spaces.
                // Scalars, not Foundation's search: this runs for every span of every page.
                let scalars = line[index].text.unicodeScalars
                if scalars.contains("\u{00A0}") {
                    line[index].text = String(String.UnicodeScalarView(scalars.map { $0 == "\u{00A0}" ? " " : $0 }))
                }
            }
            lines.append(line)
        }
    }
}
