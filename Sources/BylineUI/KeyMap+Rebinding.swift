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
        var map = self
        var problems: [ConfigProblem] = []
        let names = Command.all.map(\.name)
        for binding in settings.bindings {
            guard let command = Command(name: binding.action) else {
                let hint = NearestWord.to(binding.action, among: names).map { "; did you mean \($0)?" } ?? ""
                problems.append(binding.place.problem("no action named \(binding.action)\(hint) (`byline config --print` lists them all)"))
                continue
            }
            for context in [\KeyMap.shared, \KeyMap.list, \KeyMap.reader] as [WritableKeyPath<KeyMap, [Key: Command]>] {
                map[keyPath: context] = map[keyPath: context].filter { $0.value != command && !binding.keys.contains($0.key) }
            }
            for key in binding.keys { map.shared[key] = command }
        }
        return (map, problems)
    }

    /// The keys that do `command` anywhere, in a stable order for help and `config --print`.
    public func keys(for command: Command) -> [Key] {
        let all = [shared, list, reader].flatMap { $0.filter { $0.value == command }.map(\.key) }
        return Array(Set(all)).sorted { KeyName.name(of: $0) < KeyName.name(of: $1) }
    }
}
