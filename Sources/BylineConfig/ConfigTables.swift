/// The tables `config.toml` may have, so a misspelt `[layuot]` is reported rather than
/// silently ignored, as a misspelt key inside a table is.
enum ConfigTables {
    static let known: Set<String> = ["sync", "keys", "layout", "retention", "browser", "fetch"]
    /// Keys allowed outside any table.
    static let topLevel: Set<String> = ["theme"]

    static func unknown(in file: ConfigFile) -> [ConfigProblem] {
        var problems: [ConfigProblem] = []
        for name in file.tables.keys.sorted() where !name.isEmpty && !known.contains(name) {
            problems.append(file.problem(table: name, key: nil,
                                         "no such table (known: \(known.sorted().map { "[\($0)]" }.joined(separator: ", ")))"))
        }
        for key in file.table("").keys.sorted() where !topLevel.contains(key) {
            let hint = known.contains(key) ? "; a table is written [\(key)]" : ""
            problems.append(file.problem(table: "", key: key, "no such setting outside a table (known: theme)\(hint)"))
        }
        return problems
    }
}
