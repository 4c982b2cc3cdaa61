import BylineConfig
import TerminalKit
import TOMLKit

/// Reads a theme from its TOML file.
///
/// ```toml
/// name = "Dark"
/// [title]
/// fg = "bright-white"      # an ANSI name, 0–255, or "#rrggbb"
/// bg = "default"
/// attrs = ["bold"]         # bold, dim, italic, underline, reverse
/// ```
/// Elements a file leaves out keep the default theme's style.
public enum ThemeFile {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var reason: String
        public var description: String {
            "\(file)\(line.map { ":\($0)" } ?? ""): \(reason)"
        }
    }

    public static func parse(_ text: String, file: String, fallbackName: String) -> Result<Theme, Problem> {
        if let problem = TOMLPreflight.problem(in: text) {
            return .failure(Problem(file: file, line: problem.line, reason: problem.reason))
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .failure(Problem(file: file, line: Int(error.source.begin.line), reason: error.description))
        } catch {
            return .failure(Problem(file: file, line: nil, reason: "\(error)"))
        }
        var theme = Theme(name: table["name"]?.string ?? fallbackName, styles: Theme.standard.styles)
        for (key, value) in table where key != "name" {
            guard let element = ThemeElement(rawValue: key) else {
                return .failure(Problem(file: file, line: line(of: "[\(key)]", in: text) ?? line(of: key, in: text),
                                        reason: "unknown element \"\(key)\"; known: \(ThemeElement.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            guard let fields = value.table else {
                return .failure(Problem(file: file, line: line(of: key, in: text), reason: "\"\(key)\" should be a table like [\(key)]"))
            }
            switch style(fields) {
            case .success(let style): theme.styles[element] = style
            case .failure(let reason):
                let sectionLine = line(of: "[\(key)]", in: text)
                return .failure(Problem(file: file, line: line(of: reason.key, in: text, after: sectionLine) ?? sectionLine,
                                        reason: "[\(key)] \(reason.message)"))
            }
        }
        return .success(theme)
    }

    private struct FieldProblem: Error { var key: String; var message: String }

    private static func style(_ fields: TOMLTable) -> Result<Style, FieldProblem> {
        var style = Style.plain
        for (key, value) in fields {
            switch key {
            case "fg", "bg":
                let color: Color?
                if let name = value.string { color = ThemeColor.parse(name) }
                else if let index = value.int, (0...255).contains(index) { color = .indexed(UInt8(index)) }
                else { color = nil }
                guard let color else {
                    return .failure(FieldProblem(key: key, message: "\(key) = \(value.debugDescription) is not a colour (an ANSI name like \"red\" or \"bright-blue\", 0–255, or \"#rrggbb\")"))
                }
                if key == "fg" { style.foreground = color } else { style.background = color }
            case "attrs":
                guard let list = value.array else {
                    return .failure(FieldProblem(key: key, message: "attrs should be a list like [\"bold\"]"))
                }
                for item in list {
                    guard let name = item.string, let attribute = ThemeColor.attribute(name) else {
                        return .failure(FieldProblem(key: key, message: "\(item.debugDescription) is not an attribute (bold, dim, italic, underline, reverse)"))
                    }
                    style.attributes.insert(attribute)
                }
            default:
                return .failure(FieldProblem(key: key, message: "unknown key \"\(key)\" (fg, bg, attrs)"))
            }
        }
        return .success(style)
    }

    /// The 1-based line where `needle` first starts a line (after `after`, if given).
    private static func line(of needle: String, in text: String, after: Int? = nil) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 > (after ?? 0) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix(needle) { return index + 1 }
        }
        return nil
    }
}

/// Colour and attribute names in theme files.
enum ThemeColor {
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    static func parse(_ name: String) -> Color? {
        let lower = name.lowercased()
        if lower == "default" || lower == "none" { return .default }
        if let index = ansiNames.firstIndex(of: lower) { return .ansi(UInt8(index)) }
        for prefix in ["bright-", "bright_", "bright"] where lower.hasPrefix(prefix) {
            if let index = ansiNames.firstIndex(of: String(lower.dropFirst(prefix.count))) { return .ansi(UInt8(index + 8)) }
        }
        if lower == "gray" || lower == "grey" { return .ansi(8) }
        if lower.hasPrefix("#"), lower.count == 7, let value = UInt32(lower.dropFirst(), radix: 16) {
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        if let index = Int(lower), (0...255).contains(index) { return .indexed(UInt8(index)) }
        return nil
    }

    static func attribute(_ name: String) -> Attributes? {
        switch name.lowercased() {
        case "bold": .bold
        case "dim": .dim
        case "italic": .italic
        case "underline": .underline
        case "reverse": .reverse
        default: nil
        }
    }
}
