import BylineCore
import Foundation

/// Catches a mistyped subcommand before it is taken for a folder to open: `byline fecth`
/// says "did you mean `fetch`?" rather than "no such folder".
enum SubcommandGuess {
    /// A one-line complaint about the first argument, or nil when it is fine: a
    /// subcommand, an option, something that exists, or a path written as one.
    static func problem(arguments: [String], fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !names.contains(first) else { return nil }
        // Written as a path (`./fecth`, `~/news`): the reader asked for a folder.
        if first.contains("/") || first.hasPrefix("~") || first.hasPrefix(".") { return nil }
        if let guess = NearestWord.to(first, among: names) {
            let folder = fileExists(first) ? "; to open the folder of that name, write ./\(first)" : ""
            return "\(first): no such command; did you mean `byline \(guess)`?\(folder)"
        }
        if fileExists(first) { return nil }
        return "\(first): no such command or folder (commands: \(names.joined(separator: ", ")); `byline --help` says more)"
    }

    static var names: [String] {
        Byline.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }
}
