/// Reads the keys of one table of `config.toml`, collecting a problem for each value of
/// the wrong kind and for each key no setting knows, so every settings type reports its
/// mistakes the same way: `file:line: table.key: reason`.
struct ConfigTableReader {
    let file: ConfigFile
    let table: String
    private(set) var problems: [ConfigProblem] = []
    private var used: Set<String> = []

    init(_ file: ConfigFile, table: String) {
        self.file = file
        self.table = table
    }

    var fields: [String: ConfigValue] { file.table(table) }

    mutating func problem(_ key: String?, _ reason: String) {
        problems.append(file.problem(table: table, key: key, reason))
    }

    /// Marks a key as known without reading it (for a reader that walks the table itself).
    mutating func use(_ key: String) { used.insert(key) }

    mutating func string(_ key: String) -> String? {
        used.insert(key)
        guard let value = fields[key] else { return nil }
        guard let string = value.string else {
            problem(key, "should be text in quotes, not \(value.shown)")
            return nil
        }
        return string
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        used.insert(key)
        guard let value = fields[key] else { return nil }
        guard let number = value.integer else {
            problem(key, "should be a whole number, not \(value.shown)")
            return nil
        }
        guard range.contains(number) else {
            problem(key, "should be between \(range.lowerBound) and \(range.upperBound), not \(number)")
            return nil
        }
        return number
    }

    mutating func bool(_ key: String) -> Bool? {
        used.insert(key)
        guard let value = fields[key] else { return nil }
        guard let bool = value.bool else {
            problem(key, "should be true or false, not \(value.shown)")
            return nil
        }
        return bool
    }

    /// One of a few words, given as text.
    mutating func choice(_ key: String, of words: [String]) -> String? {
        guard let word = string(key) else { return nil }
        guard words.contains(word.lowercased()) else {
            problem(key, "should be one of \(words.map { "\"\($0)\"" }.joined(separator: ", ")), not \"\(word)\"")
            return nil
        }
        return word.lowercased()
    }

    /// Reports the keys nobody read: most often a misspelt setting, silently ignored otherwise.
    mutating func finish() -> [ConfigProblem] {
        for key in fields.keys.sorted() where !used.contains(key) {
            problem(key, "no such setting (known: \(used.sorted().joined(separator: ", ")))")
        }
        return problems
    }
}
