import TerminalKit

/// The `[keys]` table: each action by its name, with the key or keys that do it.
///
/// ```toml
/// [keys]
/// next-unread = "n"
/// quit = ["q", "ctrl-q"]
/// toggle-read = []          # no key
/// ```
///
/// Keys are checked here (unknown names, one key given to two actions); the action names
/// are checked by the key map, which knows the actions (`KeyMap.rebound(by:)`).
public struct KeySettings: Equatable, Sendable {
    public struct Binding: Equatable, Sendable {
        /// The action's name as written (`next-unread`).
        public var action: String
        /// The keys that do it from now on; empty unbinds it.
        public var keys: [Key]
        public var place: ConfigPlace
    }

    /// In the order they are written, so a conflict is reported on the later line.
    public var bindings: [Binding]

    public init(bindings: [Binding] = []) { self.bindings = bindings }

    static func read(from file: ConfigFile) -> (KeySettings, [ConfigProblem]) {
        var reader = ConfigTableReader(file, table: "keys")
        var bindings: [Binding] = []
        var firstAction: [Key: String] = [:]
        let written = reader.fields.keys.sorted {
            (file.place(table: "keys", key: $0).line ?? Int.max, $0) < (file.place(table: "keys", key: $1).line ?? Int.max, $1)
        }
        for action in written {
            reader.use(action)
            guard let value = reader.fields[action] else { continue }
            let names: [ConfigValue]
            switch value {
            case .string: names = [value]
            case .array(let list): names = list
            default:
                reader.problem(action, "should be a key in quotes (\"n\") or a list of keys ([\"n\", \"down\"]), not \(value.shown)")
                continue
            }
            var keys: [Key] = []
            var usable = true
            for name in names {
                guard let text = name.string else {
                    reader.problem(action, "\(name.shown) is not a key in quotes")
                    usable = false
                    continue
                }
                guard let key = KeyName.key(text) else {
                    reader.problem(action, "\"\(text)\" is not a key: use \(KeyName.knownNames)")
                    usable = false
                    continue
                }
                if let other = firstAction[key], other != action {
                    reader.problem(action, "\"\(text)\" is already bound to \(other) in this file; a key does one thing")
                    usable = false
                    continue
                }
                firstAction[key] = action
                if !keys.contains(key) { keys.append(key) }
            }
            guard usable else { continue }
            bindings.append(Binding(action: action, keys: keys, place: file.place(table: "keys", key: action)))
        }
        return (KeySettings(bindings: bindings), reader.finish())
    }
}
