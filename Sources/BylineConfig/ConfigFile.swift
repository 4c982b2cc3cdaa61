import TOMLKit

/// The text of `~/.config/byline/config.toml`, parsed, with the line of each key kept so
/// every problem can name where it is.
///
/// Each table of the file (`[sync]`, `[keys]`, `[layout]`, …) is read by its own settings
/// type (`SyncSettings`, …) from this value; `Configuration` puts them together. Reading is
/// pure: the caller reads the file and hands over its text, so tests never touch the disk.
public struct ConfigFile: Sendable {
    /// The path shown in problems.
    public let path: String
    /// Top-level tables by name, and plain top-level keys under the empty name.
    public let tables: [String: [String: ConfigValue]]
    /// The 1-based line of each `table.key` (`"".key` for top-level keys) and each `[table]`.
    private let lines: [String: Int]

    /// An empty file: every setting takes its default.
    public static func empty(path: String) -> ConfigFile {
        ConfigFile(path: path, tables: [:], lines: [:])
    }

    private init(path: String, tables: [String: [String: ConfigValue]], lines: [String: Int]) {
        self.path = path
        self.tables = tables
        self.lines = lines
    }

    /// Parses the file's text; a TOML syntax error is one problem naming its line.
    public static func parse(_ text: String, path: String) -> Result<ConfigFile, ConfigProblem> {
        if let problem = TOMLPreflight.problem(in: text) {
            return .failure(ConfigProblem(file: path, line: problem.line, key: nil, reason: problem.reason))
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(ConfigProblem(file: path, line: Int(error.source.begin.line), key: nil,
                                          reason: error.description))
        } catch {
            return .failure(ConfigProblem(file: path, line: nil, key: nil, reason: "\(error)"))
        }
        var tables: [String: [String: ConfigValue]] = [:]
        for (key, value) in root {
            if let table = value.table {
                var fields: [String: ConfigValue] = [:]
                for (name, field) in table { fields[name] = ConfigValue(field) }
                tables[key] = fields
            } else {
                tables["", default: [:]][key] = ConfigValue(value)
            }
        }
        return .success(ConfigFile(path: path, tables: tables, lines: keyLines(in: text)))
    }

    /// The fields of `[name]`, or an empty table when the file has none.
    public func table(_ name: String) -> [String: ConfigValue] { tables[name] ?? [:] }

    /// A problem about `key` of `[table]`, naming its line when it can be found.
    public func problem(table: String, key: String?, _ reason: String) -> ConfigProblem {
        let dotted = key.map { table.isEmpty ? $0 : "\(table).\($0)" } ?? (table.isEmpty ? nil : "[\(table)]")
        let line = key.flatMap { lines["\(table).\($0)"] } ?? lines["[\(table)]"]
        return ConfigProblem(file: path, line: line, key: dotted, reason: reason)
    }

    /// The line of each key, found by reading the text the way TOML lays it out: a
    /// `[table]` header starts a table, `key = value` sets a key in the current one.
    /// TOMLKit keeps no positions for values, and a problem without a line is a hunt.
    private static func keyLines(in text: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" }
            if line.hasPrefix("["), !line.hasPrefix("[["), let close = line.firstIndex(of: "]") {
                table = line[line.index(after: line.startIndex)..<close].trimmingSpaces
                lines["[\(table)]"] = lines["[\(table)]"] ?? index + 1
            } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
                var key = line[..<equals].trimmingSpaces
                if key.count >= 2, let first = key.first, first == "\"" || first == "'", key.last == first {
                    key = String(key.dropFirst().dropLast())
                }
                lines["\(table).\(key)"] = lines["\(table).\(key)"] ?? index + 1
            }
        }
        return lines
    }
}

/// A value from the config file, copied out of TOMLKit's types so settings can be read
/// without it and the file can cross threads.
public enum ConfigValue: Equatable, Sendable {
    case string(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)
    case array([ConfigValue])
    case table([String: ConfigValue])
    /// Dates and times, kept as written; no setting takes one yet.
    case other(String)

    init(_ value: TOMLValueConvertible) {
        if let string = value.string { self = .string(string) }
        else if let bool = value.bool { self = .bool(bool) }
        else if let int = value.int { self = .integer(int) }
        else if let double = value.double { self = .double(double) }
        else if let array = value.array { self = .array(array.map { ConfigValue($0) }) }
        else if let table = value.table {
            var fields: [String: ConfigValue] = [:]
            for (name, field) in table { fields[name] = ConfigValue(field) }
            self = .table(fields)
        } else { self = .other(value.debugDescription) }
    }

    public var string: String? { if case .string(let value) = self { value } else { nil } }
    public var integer: Int? { if case .integer(let value) = self { value } else { nil } }
    public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    public var array: [ConfigValue]? { if case .array(let value) = self { value } else { nil } }
    public var table: [String: ConfigValue]? { if case .table(let value) = self { value } else { nil } }

    /// How the value reads in a problem: `"text"`, `42`, `[…]`.
    public var shown: String {
        switch self {
        case .string(let value): "\"\(value)\""
        case .integer(let value): "\(value)"
        case .double(let value): "\(value)"
        case .bool(let value): "\(value)"
        case .array: "a list"
        case .table: "a table"
        case .other(let value): value
        }
    }
}

private extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
