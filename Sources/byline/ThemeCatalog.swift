import BylineUI
import Foundation

/// The themes to offer: the bundled ones, then the user's from the config folder.
struct ThemeCatalog {
    var themes: [Theme]
    /// One line per theme file that could not be used ("file:line: reason").
    var problems: [String]
    /// The same problems by the theme's file name without `.toml`, for `--theme NAME`.
    var problemsByName: [String: String] = [:]

    static func load(configFolder: URL, noColor: Bool) -> ThemeCatalog {
        var themes: [Theme] = []
        var problems: [String] = []
        var problemsByName: [String: String] = [:]
        var folders: [URL] = []
        if let bundled = BundledFiles.themesFolder { folders.append(bundled) }
        folders.append(configFolder.appendingPathComponent("themes"))
        for folder in folders {
            let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []
            for file in files.filter({ $0.pathExtension == "toml" }).sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
                let name = file.deletingPathExtension().lastPathComponent
                guard let data = try? Data(contentsOf: file), let text = String(data: data, encoding: .utf8) else {
                    problems.append("\(file.path): cannot be read as UTF-8 text")
                    problemsByName[name.lowercased()] = problems.last
                    continue
                }
                switch ThemeFile.parse(text, file: file.path, fallbackName: name) {
                case .success(let theme):
                    // A user theme with a bundled theme's name replaces it.
                    themes.removeAll { $0.name.lowercased() == theme.name.lowercased() }
                    themes.append(theme)
                case .failure(let problem):
                    problems.append(problem.description)
                    problemsByName[name.lowercased()] = problem.description
                }
            }
        }
        if !themes.contains(where: { $0.name.lowercased() == "default" }) { themes.insert(.standard, at: 0) }
        if let index = themes.firstIndex(where: { $0.name.lowercased() == "default" }), index != 0 {
            themes.insert(themes.remove(at: index), at: 0)
        }
        if noColor { themes = themes.map(\.monochrome) }
        return ThemeCatalog(themes: themes, problems: problems, problemsByName: problemsByName)
    }

    func index(named name: String) -> Int? {
        themes.firstIndex { $0.name.lowercased() == name.lowercased() }
    }
}
