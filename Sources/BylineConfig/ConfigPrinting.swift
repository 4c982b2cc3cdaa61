/// `byline config --print`: the configuration in effect, as a config.toml with every
/// setting written out and a comment saying what it does, so the output can be saved as
/// the user's file and edited.
extension Configuration {
    /// - Parameters:
    ///   - keyBindings: each action's name and the names of its keys, after `[keys]` was
    ///     applied (the key map knows the actions; this target does not).
    ///   - themes: the themes there are, for the comment on `theme`.
    public func printed(keyBindings: [(action: String, keys: [String])], themes: [String]) -> String {
        var out = """
        # Byline's configuration: ~/.config/byline/config.toml
        # Every setting below is in effect; those not in your file show their defaults.

        # The theme the reader opens with: \(themes.joined(separator: ", ")).
        # `t` in the reader switches theme and remembers the choice until this changes.
        theme = \(quoted(themes.first { $0.lowercased() == theme.name?.lowercased() } ?? "default"))

        [layout]
        # The list's share of the width, in percent, while a story is open (\(LayoutSettings.splitRange.lowerBound)–\(LayoutSettings.splitRange.upperBound)).
        # `<` and `>` in the reader move it, and the reader remembers where; `z` reads full screen.
        # Where the story's text would be narrower than 60 columns, the list steps aside.
        split = \(layout.split)
        # The longest story line, in columns (\(LayoutSettings.measureRange.lowerBound)–\(LayoutSettings.measureRange.upperBound)).
        measure = \(layout.measure)
        # Where the story's column sits in a pane wider than the measure: "centre" or "left".
        align = \(quoted(layout.align.rawValue))
        # What the reader opens on: "sources" (which feeds have unread stories, when you
        # follow two feeds or more) or "stories" (every story, newest first).
        start = \(quoted(layout.start.rawValue))

        [retention]
        # How long stories fetched from feeds are kept: "90d", "12w", "6m", "1y" or "forever".
        # A feed's own `keep` in feeds.toml overrides it; starred stories and files you
        # wrote are never removed. `byline clean --dry-run` shows what would go.
        keep = \(quoted(retention.keep.description))

        [browser]
        # What `o` runs: %s is the address (without it the address goes last).
        # Unset: $BROWSER, then xdg-open.

        """
        if let command = browser.command {
            out += "command = \(quoted(command))\n"
        } else {
            out += "# command = \"w3m %s\"\n"
        }
        out += "# Whether the browser runs in this terminal (lynx, w3m); unset guesses from its name.\n"
        if let terminal = browser.terminal {
            out += "terminal = \(terminal)\n"
        } else {
            out += "# terminal = true\n"
        }
        out += """

        [fetch]
        # Seconds one request may take.
        timeout = \(fetch.timeout)
        # How many feeds download at once.
        jobs = \(fetch.jobs)

        [keys]
        # Each action and its keys: "j", "J", "space", "enter", "esc", "backspace", "tab",
        # "shift-tab", "up", "down", "left", "right", "pgup", "pgdn", "home", "end",
        # "ctrl-d". A list gives several keys; [] leaves the action without one.

        """
        for binding in keyBindings {
            out += "\(binding.action) = [\(binding.keys.map(quoted).joined(separator: ", "))]\n"
        }
        return out
    }

    private func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text.unicodeScalars {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where character.value < 0x20 || character.value == 0x7F:
                escaped += "\\u" + String(repeating: "0", count: 4 - String(character.value, radix: 16).count)
                    + String(character.value, radix: 16).uppercased()
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
