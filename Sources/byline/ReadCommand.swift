import ArgumentParser
import BylineConfig
import BylineCore
import BylineFeeds
import FeedParsing
import BylineStore
import BylineUI
import Foundation
import NcursesTerminal

/// `byline [PATH] [--theme NAME]`: opens the reader on a library.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Open the reader (the default command).",
        discussion: "With no PATH, opens your library (under $XDG_DATA_HOME/byline/library), or the bundled seeds/ while that is empty.")

    @Argument(help: "A folder of .txt story files.")
    var path: String?

    @Option(help: "The theme to start with (default, dark, light, mono, or one of yours).")
    var theme: String?

    /// For start-up benchmarks: draw the first screen, then quit.
    @Flag(name: .customLong("exit-after-first-frame"), help: .hidden)
    var exitAfterFirstFrame = false

    /// The reader as `byline` or `byline PATH` opens it, made without the argument parser:
    /// parsing a command line with it runs and maps in 1 MiB of its code, at every start.
    /// Nil for anything else (options, subcommands, help), which the parser reads.
    static func plainStart(arguments: [String]) -> ReadCommand? {
        var exitAfterFirstFrame = false
        var rest = arguments[...]
        if rest.first == "--exit-after-first-frame" {
            exitAfterFirstFrame = true
            rest = rest.dropFirst()
        }
        guard rest.count <= 1 else { return nil }
        if let path = rest.first, path.isEmpty || path.hasPrefix("-") || SubcommandGuess.names.contains(path) { return nil }
        var command = ReadCommand()
        command.path = rest.first
        command.theme = nil
        command.exitAfterFirstFrame = exitAfterFirstFrame
        return command
    }

    func run() throws {
        // Curses needs a terminal on both ends; say so plainly rather than draw garbage.
        guard isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure("standard output is not a terminal; for text output use `byline list` or `byline show FILE`")
        }
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure("standard input is not a terminal; the reader needs a keyboard")
        }
        // The reader runs for hours: a buffer its searches and checks free goes back to the
        // system, rather than count as its memory from then on (see `Memory`).
        Memory.returnLargeBlocks()
        let choice = try LibraryChoice.choose(path: path)
        let library = Library(folder: choice.folder)
        // With an index, the reader opens on it at once and checks the folder behind it
        // (a library of 100,000 stories takes a second to stat); without one, it reads
        // the folder first.
        let indexed = library.indexedContents()
        let contents: LibraryContents
        do {
            // Without an index every story file is read first: say how far that has got.
            contents = try indexed ?? library.load(progress: ListCommand.indexingProgress)
            if indexed == nil, contents.report.parsed >= 5000 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        } catch {
            throw CommandFailure("\(error)")
        }
        let environment = ProcessInfo.processInfo.environment
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let catalog = ThemeCatalog.load(configFolder: LibraryLocation.configFolder(), noColor: noColor)
        let configuration = ConfigLoading.load()
        let (keyMap, keyProblems) = KeyMap.standard.rebound(by: configuration.keys)
        let configProblems = configuration.problems + keyProblems
            + ConfigLoading.themeProblems(configuration, catalog: catalog)
        let choices = ReaderChoices.load()
        var themeIndex = choices.theme(configured: configuration.theme.name).flatMap(catalog.index(named:))
            ?? configuration.theme.name.flatMap(catalog.index(named:)) ?? 0
        var themeProblems = catalog.problems
        if let theme {
            if let index = catalog.index(named: theme) {
                themeIndex = index
            } else if let problem = catalog.problemsByName[theme.lowercased()] {
                // The theme asked for is broken: say where, and read with the default.
                themeProblems = [problem] + themeProblems.filter { $0 != problem }
            } else {
                throw CommandFailure("no theme named \(theme); available: \(catalog.themes.map(\.name).joined(separator: ", "))")
            }
        }
        let listing = StoryRows(contents.listing)
        let marks: ListedReadingState
        do {
            // By row of the listing: a library of 100,000 read stories holds no set of ids.
            marks = try library.readingState.load(listedIn: listing)
        } catch {
            // Unreadable (not damaged: that is set aside and reported): read without marks.
            marks = ListedReadingState(readRows: RowSet(rows: listing.count),
                                       problem: "\(error); starting with no read or starred marks")
        }
        let fetchesInto = choice.isBundledSeeds ? LibraryLocation.defaultLibrary() : choice.folder
        var state = AppState(
            library: LibraryPlace(folder: library.folder, fetchesInto: fetchesInto),
            listing: listing,
            problems: contents.problems.map(\.message),
            readRows: marks.readRows, unlistedRead: marks.unlistedRead, starred: marks.starred,
            screen: ScreenSize(width: 80, height: 24),
            themes: catalog.themes, timeZone: ReaderTimeZone.current(), now: Date())
        state.themeIndex = themeIndex
        // The listing came from the index: read the folder behind it, and show what changed.
        state.checksFolderOnStart = indexed != nil && !exitAfterFirstFrame
        state.keyMap = keyMap
        state.sourceFolders = Self.sourceFolders(library: Library(folder: fetchesInto))
        // Following two feeds or more, the day starts with which have news (see LayoutSettings.Start).
        state.opensOnSources = configuration.layout.start == .sources
            && ((try? FeedPlaces.standardSubscriptions.load().subscriptions.count) ?? 0) >= 2
        state.room = ReadingRoom(split: choices.split(configured: configuration.layout.split),
                                 measure: configuration.layout.measure, centred: configuration.layout.align == .centre)
        state.message = .opening(themeProblems: themeProblems, readingProblem: marks.problem, skippedFiles: state.problems,
                                  keyMap: state.keyMap)
        if let configLine = ConfigLoading.summary(configProblems) { state.message = StatusMessage(configLine, isError: true) }
        // A [sync] table makes `R` sync; a broken one leaves `R` fetching the feeds.
        let syncAccount = (try? SyncSetup.account()) ?? nil
        state.syncsWithServer = syncAccount != nil
        let backgroundWork = BackgroundWork(subscriptions: FeedPlaces.standardSubscriptions, fetch: configuration.fetch,
                                            sync: syncAccount, retention: configuration.retention)
        let session = ReaderSession(state: state, backgroundWork: backgroundWork, configuration: configuration,
                                    exitAfterFirstFrame: exitAfterFirstFrame)
        try session.run()
        // Ended by a signal: the terminal is back; exit as the shell expects (130 for
        // Ctrl-C, 143 for SIGTERM), so scripts can tell.
        let signal = TerminalRestorer.pendingSignal
        if signal != 0 { throw ExitCode(128 + signal) }
    }

    /// The folder of each subscription filed in one, by the name its stories carry as
    /// their source (the name given in feeds.toml, else the feed's own title).
    static func sourceFolders(library: Library) -> [String: String] {
        guard let subscriptions = try? FeedPlaces.standardSubscriptions.load().subscriptions,
              subscriptions.contains(where: { $0.folder != nil }) else { return [:] }
        let states = FeedBookkeeping(library: library).stateFile.load()
        var folders: [String: String] = [:]
        for subscription in subscriptions {
            guard let folder = subscription.folder,
                  let name = subscription.title ?? states[subscription.url]?.title else { continue }
            folders[name] = folder
        }
        return folders
    }
}
