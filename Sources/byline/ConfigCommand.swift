import ArgumentParser
import BylineConfig
import BylineStore
import BylineUI
import Foundation

/// `byline config [--print]`: checks config.toml, or prints the configuration in effect.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check ~/.config/byline/config.toml, or print the configuration in effect.",
        discussion: "With no option, names the file and reports each mistake in it as file:line: key: reason.")

    @Flag(name: .customLong("print"), help: "Print the configuration in effect, defaults included, with comments: a config.toml to start from.")
    var printIt = false

    func run() throws {
        let url = ConfigLoading.standardFile()
        let configuration = ConfigLoading.load(from: url)
        let (keyMap, keyProblems) = KeyMap.standard.rebound(by: configuration.keys)
        let catalog = ThemeCatalog.load(configFolder: LibraryLocation.configFolder(), noColor: false)
        let problems = (configuration.problems + keyProblems + ConfigLoading.themeProblems(configuration, catalog: catalog))
            .sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        for problem in problems { warn("byline: \(problem)") }
        if printIt {
            let bindings = Command.all.map { command in
                (action: command.name, keys: keyMap.keys(for: command).map(KeyName.name(of:)))
            }
            FileHandle.standardOutput.write(Data(configuration.printed(keyBindings: bindings,
                                                                       themes: catalog.themes.map(\.name)).utf8))
            return
        }
        let exists = FileManager.default.fileExists(atPath: url.path)
        if !exists {
            print(printable("\(url.path): no such file; every setting has its default (`byline config --print` shows them)"))
        } else if problems.isEmpty {
            print(printable("\(url.path): no problems"))
        }
        if !problems.isEmpty { throw ExitCode.failure }
    }
}
