/// Where a setting was written (file, line, dotted key), kept so a mistake found later,
/// by code that knows more than the config reader (which actions exist, which themes are
/// installed), is still reported as `file:line: key: reason`.
public struct ConfigPlace: Equatable, Sendable {
    public var file: String
    public var line: Int?
    public var key: String?

    public init(file: String, line: Int?, key: String?) {
        self.file = file
        self.line = line
        self.key = key
    }

    public func problem(_ reason: String) -> ConfigProblem {
        ConfigProblem(file: file, line: line, key: key, reason: reason)
    }
}

extension ConfigFile {
    /// Where `key` of `[table]` was written.
    func place(table: String, key: String) -> ConfigPlace {
        let found = problem(table: table, key: key, "")
        return ConfigPlace(file: found.file, line: found.line, key: found.key)
    }
}
