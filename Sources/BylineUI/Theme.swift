import TerminalKit

/// The parts of the screen a theme styles. The raw values are the table names in theme
/// files.
public enum ThemeElement: String, CaseIterable, Sendable {
    case header, status, statusKey = "status_key", message, error
    case listRow = "list_row", selectedRow = "selected_row", unreadRow = "unread_row"
    case unreadMarker = "unread_marker", starMarker = "star_marker"
    case date, source, divider
    case kicker, title, meta, body, subheading, quote, link, selectedLink = "selected_link"
    case preformatted
    case filterPrompt = "filter_prompt", helpTitle = "help_title", helpKey = "help_key", helpText = "help_text"
}

/// Colours and attributes for each screen element.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [ThemeElement: Style]

    public init(name: String, styles: [ThemeElement: Style]) {
        self.name = name
        self.styles = styles
    }

    public subscript(element: ThemeElement) -> Style { styles[element] ?? Self.standard.styles[element] ?? .plain }

    /// The theme used when no theme file can be read: the terminal's own colours, with
    /// attributes only, so it reads on any background.
    public static let standard = Theme(name: "default", styles: [
        .header: Style(attributes: [.bold, .reverse]),
        .status: Style(attributes: [.reverse]),
        .statusKey: Style(attributes: [.reverse, .bold]),
        .message: Style(attributes: [.reverse]),
        .error: Style(foreground: .ansi(1), attributes: [.bold, .reverse]),
        .listRow: .plain,
        .selectedRow: Style(attributes: [.reverse]),
        .unreadRow: Style(attributes: [.bold]),
        .unreadMarker: Style(foreground: .ansi(4), attributes: [.bold]),
        .starMarker: Style(foreground: .ansi(3), attributes: [.bold]),
        .date: Style(attributes: [.dim]),
        .source: Style(attributes: [.dim]),
        .divider: Style(attributes: [.dim]),
        .kicker: Style(foreground: .ansi(1), attributes: [.bold]),
        .title: Style(attributes: [.bold]),
        .meta: Style(attributes: [.dim]),
        .body: .plain,
        .subheading: Style(attributes: [.bold, .underline]),
        .quote: Style(attributes: [.italic]),
        // Green reads on dark and light palettes; the two-column indent sets it apart without colour.
        .preformatted: Style(foreground: .ansi(2)),
        // The terminal's own colours: ANSI blue is unreadable on many dark palettes, so a
        // link is the text's own colour, underlined and bold, readable on any palette.
        .link: Style(attributes: [.underline, .bold]),
        .selectedLink: Style(attributes: [.reverse, .bold]),
        .filterPrompt: Style(attributes: [.bold]),
        .helpTitle: Style(attributes: [.bold, .underline]),
        .helpKey: Style(attributes: [.bold]),
        .helpText: .plain,
    ])

    /// Without colour (for `NO_COLOR`): the same theme with colours dropped, attributes
    /// kept, so links and selection still show.
    public var monochrome: Theme {
        var styles: [ThemeElement: Style] = [:]
        for element in ThemeElement.allCases {
            var style = self[element]
            style.foreground = .default
            style.background = .default
            styles[element] = style
        }
        return Theme(name: name, styles: styles)
    }
}
