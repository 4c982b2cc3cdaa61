/// Everything `config.toml` sets, each table read by its own settings type, with the
/// problems found on the way. A problem never stops Byline: the setting it touches keeps
/// its default and the problem is shown in one line.
///
/// To add a table: write its settings type in a file of its own with a
/// `static func read(from: ConfigFile) -> (Self, [ConfigProblem])`, add a stored property
/// here and one line to `init(file:)`.
public struct Configuration: Sendable {
    public var sync: SyncSettings
    public var keys: KeySettings
    public var theme: ThemeSettings
    public var layout: LayoutSettings
    public var retention: RetentionSettings
    public var browser: BrowserSettings
    public var fetch: FetchSettings
    /// Every problem found, in the order of the tables read.
    public var problems: [ConfigProblem]

    public init(file: ConfigFile) {
        var problems: [ConfigProblem] = []
        func read<Settings>(_ reader: (ConfigFile) -> (Settings, [ConfigProblem])) -> Settings {
            let (settings, found) = reader(file)
            problems += found
            return settings
        }
        sync = read(SyncSettings.read)
        theme = read(ThemeSettings.read)
        keys = read(KeySettings.read)
        layout = read(LayoutSettings.read)
        retention = read(RetentionSettings.read)
        browser = read(BrowserSettings.read)
        fetch = read(FetchSettings.read)
        problems += ConfigTables.unknown(in: file)
        self.problems = problems
    }

    /// Every setting at its default: the configuration of a machine with no config file.
    public static let defaults = Configuration(file: .empty(path: "config.toml"))
}
