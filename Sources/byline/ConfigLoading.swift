import BylineConfig
import BylineStore
import BylineUI
import Foundation

/// Reads `$XDG_CONFIG_HOME/byline/config.toml` (`~/.config/byline/config.toml`).
///
/// A missing file is the defaults. An unreadable or broken one is the defaults too, with
/// the problem said in one line, so a typo never keeps the reader from opening.
enum ConfigLoading {
    static func standardFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        LibraryLocation.configFolder(environment: environment).appendingPathComponent("config.toml")
    }

    static func load(from url: URL = standardFile()) -> Configuration {
        guard FileManager.default.fileExists(atPath: url.path) else { return .defaults }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            var configuration = Configuration.defaults
            configuration.problems.append(ConfigProblem(file: url.path, line: nil, key: nil,
                                                        reason: "cannot be read as UTF-8 text"))
            return configuration
        }
        switch ConfigFile.parse(text, path: url.path) {
        case .success(let file): return Configuration(file: file)
        case .failure(let problem):
            var configuration = Configuration.defaults
            configuration.problems.append(problem)
            return configuration
        }
    }

    /// A `theme` that names no installed theme, reported at its line.
    static func themeProblems(_ configuration: Configuration, catalog: ThemeCatalog) -> [ConfigProblem] {
        guard let name = configuration.theme.name, let place = configuration.theme.place,
              catalog.index(named: name) == nil else { return [] }
        let reason = catalog.problemsByName[name.lowercased()].map { "that theme cannot be used: \($0)" }
            ?? "no theme named \(name); available: \(catalog.themes.map(\.name).joined(separator: ", "))"
        return [place.problem(reason)]
    }

    /// The one line the reader shows for the file's mistakes.
    static func summary(_ problems: [ConfigProblem]) -> String? {
        guard let first = problems.first else { return nil }
        let more = problems.count > 1 ? " (and \(problems.count - 1) more: `byline config` lists them)" : ""
        return "\(first); using the default\(more)"
    }
}
