/// The `[browser]` table: what `o` runs to open a web page.
///
/// ```toml
/// [browser]
/// command = "w3m %s"   # %s is the address; without it, the address goes last
/// terminal = true      # the browser runs in this terminal (lynx, w3m); guessed when unset
/// ```
///
/// With no command, `$BROWSER` is used, then `xdg-open`.
public struct BrowserSettings: Equatable, Sendable {
    public var command: String?
    /// Whether the command draws in the terminal; nil guesses from its name.
    public var terminal: Bool?

    public init(command: String? = nil, terminal: Bool? = nil) {
        self.command = command
        self.terminal = terminal
    }

    static func read(from file: ConfigFile) -> (BrowserSettings, [ConfigProblem]) {
        var reader = ConfigTableReader(file, table: "browser")
        var settings = BrowserSettings()
        if let command = reader.string("command") {
            if command.split(separator: " ").isEmpty {
                reader.problem("command", "is empty; leave it out to use $BROWSER or xdg-open")
            } else {
                settings.command = command
            }
        }
        settings.terminal = reader.bool("terminal")
        return (settings, reader.finish())
    }
}
