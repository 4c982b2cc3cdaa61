import ArgumentParser
import BylineFeeds
import Foundation
import NcursesTerminal

/// Commands whose common forms are read without the argument parser, which a start would
/// otherwise spend some 3 ms of CPU in (reflecting over every command's options). Each
/// gives nil for any other shape, and the parser reads the line.
let plainStarts: [([String]) -> (any PlainCommand)?] = [
    { ReadCommand.plainStart(arguments: $0) },
    { SearchInvocation(plain: $0) },
    { SimilarInvocation(plain: $0) },
    { FetchCommand.plainStart(arguments: $0) },
]

extension ReadCommand: PlainCommand {}
extension FetchCommand: PlainCommand {}

// `byline fetch` starts loading libcurl first of all (see `HTTPClient.prepare`): the load
// is most of the time before an unchanged refetch's first request. (Not from a C
// constructor: the Swift runtime's own start waits on the loader's lock meanwhile.)
if CommandLine.arguments.dropFirst().first == "fetch" { HTTPClient.prepare() }

// Errors are one line: "byline: <file or URL>: <what is wrong>", then a non-zero exit.
do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if let problem = SubcommandGuess.problem(arguments: arguments) {
        throw CommandFailure(problem)
    }
    if let command = plainStarts.lazy.compactMap({ $0(arguments) }).first {
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
