/// The top-level `theme = "dark"`: the theme the reader opens with.
///
/// Whether the name is a theme is checked where the themes are read (bundled and the
/// user's own), through `place`.
public struct ThemeSettings: Equatable, Sendable {
    /// The theme named in the file, or nil for the default.
    public var name: String?
    public var place: ConfigPlace?

    public init(name: String? = nil, place: ConfigPlace? = nil) {
        self.name = name
        self.place = place
    }

    static func read(from file: ConfigFile) -> (ThemeSettings, [ConfigProblem]) {
        // The top-level table holds other tables' stray keys too: only `theme` is read here,
        // and `Configuration` reports the rest.
        var reader = ConfigTableReader(file, table: "")
        let name = reader.string("theme")
        return (ThemeSettings(name: name, place: name == nil ? nil : file.place(table: "", key: "theme")), reader.problems)
    }
}
