/// A mistake in the config file, said in one line: `file:line: [table] key: reason`.
///
/// The reader names the file, the line and the key so the fix is one edit away, and
/// carries on with the defaults for whatever the mistake touched.
public struct ConfigProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// The dotted key the problem is about (`sync.url`, `keys.quit`), or nil for the
    /// file as a whole (a TOML syntax error).
    public var key: String?
    public var reason: String

    public init(file: String, line: Int?, key: String?, reason: String) {
        self.file = file
        self.line = line
        self.key = key
        self.reason = reason
    }

    public var description: String {
        let place = file + (line.map { ":\($0)" } ?? "")
        return key.map { "\(place): \($0): \(reason)" } ?? "\(place): \(reason)"
    }
}
