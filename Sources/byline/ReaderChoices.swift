import BylineConfig
import BylineStore
import Foundation

/// Choices made in the reader that outlast it (the theme `t` picked), kept in a small
/// state file, `$XDG_STATE_HOME/byline/choices.toml`, not written into config.toml.
///
/// config.toml is the user's own file, written by hand with comments and an order of
/// their choosing; a program rewriting it on a key press would sooner or later spoil it
/// or race the editor it is open in. The state file is Byline's alone. The config file
/// still wins when it changes: a choice remembers which configured theme it replaced and
/// stops counting once `theme` in config.toml says something else.
struct ReaderChoices: Equatable {
    var theme: String?
    /// config.toml's `theme` when `theme` was chosen.
    var themeReplaced: String?
    /// The list's share beside a story, set with `<` and `>`.
    var split: Int?
    /// config.toml's `[layout] split` when `split` was chosen.
    var splitReplaced: Int?

    static func file(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appendingPathComponent(".local/state")
        return base.appendingPathComponent("byline/choices.toml")
    }

    /// The remembered choices; a missing or damaged file remembers nothing.
    static func load(from url: URL = file()) -> ReaderChoices {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              case .success(let parsed) = ConfigFile.parse(text, path: url.path) else { return ReaderChoices() }
        let top = parsed.table("")
        return ReaderChoices(theme: top["theme"]?.string, themeReplaced: top["theme-replaced"]?.string,
                             split: top["split"]?.integer, splitReplaced: top["split-replaced"]?.integer)
    }

    /// The theme to open with: the one chosen with `t`, unless config.toml names
    /// another theme than when it was chosen.
    func theme(configured: String?) -> String? {
        guard let theme, (themeReplaced ?? "default").lowercased() == (configured ?? "default").lowercased() else {
            return configured
        }
        return theme
    }

    /// The list's share to open with: the one chosen with `<` `>`, unless config.toml
    /// sets another than when it was chosen.
    func split(configured: Int) -> Int {
        guard let split, splitReplaced == configured else { return configured }
        return split
    }

    func save(to url: URL = file()) throws {
        var text = "# Written by Byline: choices made in the reader. Settings belong in config.toml.\n"
        if let theme { text += "theme = \(Self.quoted(theme))\n" }
        if let themeReplaced { text += "theme-replaced = \(Self.quoted(themeReplaced))\n" }
        if let split { text += "split = \(split)\n" }
        if let splitReplaced { text += "split-replaced = \(splitReplaced)\n" }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try AtomicFile.save(Array(text.utf8), to: url.path)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.unicodeScalars.filter { $0.value >= 0x20 && $0 != "\"" && $0 != "\\" }.map(String.init).joined() + "\""
    }
}
