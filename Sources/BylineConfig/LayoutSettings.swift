/// The `[layout]` table: how the screen is shared between the list and the story.
///
/// ```toml
/// [layout]
/// split = 30        # the list's share of the width, in percent, while a story is open
/// measure = 72      # the longest story line, in columns
/// align = "centre"  # or "left": where the story's column sits in a wide pane
/// start = "sources" # or "stories": what the reader opens on
/// ```
public struct LayoutSettings: Equatable, Sendable {
    public enum Alignment: String, Equatable, Sendable { case centre, left }
    /// What the reader opens on. "sources" (the default) shows which feeds have news first,
    /// as a feed reader's day starts, when two feeds or more are subscribed; a folder of
    /// stories with no feeds, or a library past 20,000 stories (counting them would hold
    /// up the first screen), opens on its stories either way.
    public enum Start: String, Equatable, Sendable { case sources, stories }

    public var split: Int
    public var measure: Int
    public var align: Alignment
    public var start: Start

    public static let splitRange = 15...70
    public static let measureRange = 40...100

    public init(split: Int = 30, measure: Int = 72, align: Alignment = .centre, start: Start = .sources) {
        self.split = split
        self.measure = measure
        self.align = align
        self.start = start
    }

    static func read(from file: ConfigFile) -> (LayoutSettings, [ConfigProblem]) {
        var reader = ConfigTableReader(file, table: "layout")
        var settings = LayoutSettings()
        if let split = reader.integer("split", in: splitRange) { settings.split = split }
        if let measure = reader.integer("measure", in: measureRange) { settings.measure = measure }
        if let align = reader.choice("align", of: ["centre", "center", "left"]) {
            settings.align = align == "left" ? .left : .centre
        }
        if let start = reader.choice("start", of: ["sources", "stories"]) { settings.start = Start(rawValue: start) ?? .sources }
        return (settings, reader.finish())
    }
}
