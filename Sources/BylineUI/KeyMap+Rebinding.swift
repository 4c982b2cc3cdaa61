import BylineConfig
import BylineCore
import TerminalKit

extension KeyMap {
    /// The key map with `config.toml`'s `[keys]` applied.
    ///
    /// An action named there does exactly the keys given (its default keys no longer do
    /// it), and each key given does only that action (whatever it did before, it does no
    /// more), so any key can be moved anywhere. An unknown action name is reported with
    /// the nearest real one, and its line changes nothing.
    public func rebound(by settings: KeySettings) -> (KeyMap, [ConfigProblem]) {
        var bindings = self.bindings
        var problems: [ConfigProblem] = []
        let names = Command.all.map(\.name)
        for setting in settings.bindings {
            guard let command = Command(name: setting.action.lowercased()) else {
                let hint = NearestWord.to(setting.action, among: names).map { "; did you mean \($0)?" } ?? ""
                problems.append(setting.place.problem("no action named \(setting.action)\(hint) (`byline config --print` lists them all)"))
                continue
            }
            for index in bindings.indices {
                if bindings[index].command == command {
                    bindings[index].keys = setting.keys
                } else {
                    bindings[index].keys.removeAll { setting.keys.contains($0) }
                }
            }
        }
        return (KeyMap(bindings, footer: footer), problems)
    }

    /// The keys that do `command`, for `config --print`.
    public func keys(for command: Command) -> [Key] {
        binding(for: command)?.keys ?? []
    }
}
