import ArgumentParser
import Foundation
import NcursesTerminal

// Errors are one line: "byline: <file or URL>: <what is wrong>", then a non-zero exit.
do {
    if let problem = SubcommandGuess.problem(arguments: Array(CommandLine.arguments.dropFirst())) {
        throw CommandFailure(problem)
    }
    if let reading = ReadCommand.plainStart(arguments: Array(CommandLine.arguments.dropFirst())) {
        try reading.run()
    } else if let fetching = FetchCommand.plainStart(arguments: Array(CommandLine.arguments.dropFirst())) {
        try fetching.run()
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
