import BylineUI
import Foundation

/// Opens a web address with `$BROWSER` or `xdg-open`, whichever there is.
///
/// The reader waits for the command, with the terminal handed over, so a terminal browser
/// (lynx, w3m) can use the screen, as newsboat does. `xdg-open` returns at once; a
/// graphical browser named directly in `$BROWSER` keeps the reader waiting until it exits.
enum Browser {
    /// The command that opened `url`, or why none did.
    static func open(_ url: String) -> Result<String, BrowserProblem> {
        guard url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://") else {
            return .failure(.notAWebAddress)
        }
        let environment = ProcessInfo.processInfo.environment
        var commands: [[String]] = []
        // $BROWSER may list several commands separated by colons, each with an optional %s.
        for entry in (environment["BROWSER"] ?? "").split(separator: ":") where !entry.isEmpty {
            let words = entry.split(separator: " ").map(String.init)
            commands.append(words.contains { $0.contains("%s") }
                ? words.map { $0.replacingOccurrences(of: "%s", with: url) } : words + [url])
        }
        commands.append(["xdg-open", url])
        for command in commands {
            guard let program = executable(named: command[0], path: environment["PATH"] ?? "/usr/bin:/bin") else { continue }
            let process = Process()
            process.executableURL = program
            process.arguments = Array(command.dropFirst())
            do {
                try process.run()
                process.waitUntilExit()
            } catch {
                return .failure(.couldNotStart(command: command[0], FailureReason(error.localizedDescription)))
            }
            if process.terminationStatus == 0 { return .success(command[0]) }
            return .failure(.failed(command: command[0], status: process.terminationStatus))
        }
        return .failure(.noBrowser)
    }

    private static func executable(named name: String, path: String) -> URL? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return URL(fileURLWithPath: candidate) }
        }
        return nil
    }
}
