import ArgumentParser
import Foundation
import NcursesTerminal

/// Commands whose common forms are read without the argument parser, which a start would
/// otherwise spend a sixth of a `byline similar` in (reflecting over every command's
/// options). Each gives nil for any other shape, and the parser reads the line.
let plainStarts: [([String]) -> (any ParsableCommand)?] = [
    { ReadCommand.plainStart(arguments: $0) },
    { SearchCommand.plainStart(arguments: $0) },
    { SimilarCommand.plainStart(arguments: $0) },
]

// Errors are one line: "byline: <file or URL>: <what is wrong>", then a non-zero exit.
do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let problem = SubcommandGuess.problem(arguments: arguments) {
        throw CommandFailure(problem)
    }
    if var command = plainStarts.lazy.compactMap({ $0(arguments) }).first {
        try command.run()
    } else {
        var command = try Byline.parseAsRoot()
        try command.run()
    }
} catch let failure as CommandFailure {
    TerminalRestorer.restore()
    FileHandle.standardError.write(Data("byline: \(printable(failure.description))\n".utf8))
    exit(1)
} catch {
    TerminalRestorer.restore()
    Byline.exit(withError: error)
}
