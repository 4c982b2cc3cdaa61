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
        // Something of that name is there: it is opened. `byline seeds`, the README's first
        // command, is one letter from `feeds`, and was refused with a guess.
        if fileExists(first) { return nil }
        if let guess = NearestWord.to(first, among: names) {
            return "\(first): no such command; did you mean `byline \(guess)`?"
        }
        return "\(first): no such command or folder (commands: \(names.joined(separator: ", ")); `byline --help` says more)"
    }

    static var names: [String] {
        Byline.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }
}
