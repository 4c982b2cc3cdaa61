import ArgumentParser
import BylineConfig
import BylineFeeds
import BylineStore
import FeedParsing
import Foundation

/// `byline fetch [FEED…]`: downloads the subscriptions and saves their stories.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Fetch feeds and save their stories in the library.")

    @Argument(help: "Feeds to fetch, by URL or title (default: all of them).")
    var feeds: [String] = []

    @Option(help: "Seconds one request may take (default: [fetch] timeout in config.toml, or 20).")
    var timeout: Double?

    @Option(help: "How many feeds to download at once (default: [fetch] jobs in config.toml, or 8).")
    var jobs: Int?

    @Option(help: ArgumentHelp(
        "Fetch story pages for the full text, for this run over each feed's fullStory setting.",
        discussion: "auto: when the feed gives only a summary; always: every story; never: keep the feed's text.",
        valueName: "auto|always|never"))
    var fullStory: FullStoryMode?

    @OptionGroup var places: FeedPlaces

    /// `byline fetch` with its own options, made without the argument parser, as
    /// `ReadCommand.plainStart` makes the reader: setting the parser up for one command
    /// line was a tenth of an unchanged refetch. Nil for anything else (help, an unknown
    /// or misspelt option, a value that does not read), which the parser reads and
    /// answers as ever.
    static func plainStart(arguments: [String]) -> FetchCommand? {
        guard arguments.first == "fetch" else { return nil }
        var command = FetchCommand()
        (command.feeds, command.timeout, command.jobs, command.fullStory) = ([], nil, nil, nil)
        var places = FeedPlaces()
        places.library = nil
        var rest = arguments.dropFirst()[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("-") else {
                command.feeds.append(argument)
                continue
            }
            // `--name value` or `--name=value`.
            let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            guard let value = parts.count == 2 ? String(parts[1]) : rest.popFirst(), !value.hasPrefix("-") else { return nil }
            switch name {
            case "--library":
                places.library = value
            case "--jobs":
                guard let jobs = Int(value) else { return nil }
                command.jobs = jobs
            case "--timeout":
                guard let timeout = Double(value) else { return nil }
                command.timeout = timeout
            case "--full-story":
                guard let mode = FullStoryMode(rawValue: value) else { return nil }
                command.fullStory = mode
            default:
                return nil
            }
        }
        command.places = places
        return command
    }

    func run() throws {
        HTTPClient.prepare()
        // Read once: each reading of the config file, the feeds list or the library's place
        // builds the process environment again.
        let configuration = ConfigLoading.load()
        let subscriptionsFile = places.subscriptionsFile
        let libraryFolder = places.libraryFolder
        // While sync is on, the server fetches the feeds: fetching them here too would save
        // each story again under a name of its own, beside the synced copy. So `fetch` syncs,
        // as `R` does in the reader. (A broken [sync] table leaves fetch fetching.)
        if (try? SyncSetup.account(configuration)) ?? nil != nil {
            guard feeds.isEmpty else {
                throw CommandFailure("sync is on: your feed server fetches every feed; run `byline sync`")
            }
            warn("byline: sync is on: fetching through your feed server (byline sync)")
            try SyncCommand.parse(places.library.map { ["--library", $0] } ?? []).run()
            return
        }
        let list = try subscriptionsFile.load()
        let (chosen, unknown) = list.select(feeds)
        for name in unknown { warn("byline: no subscription matches \(name)") }
        guard !chosen.isEmpty else {
            if unknown.isEmpty { print("No subscriptions yet: add one with `byline add URL`.") }
            throw unknown.isEmpty ? ExitCode.success : ExitCode.failure
        }
        for problem in configuration.problems where problem.key?.hasPrefix("fetch.") == true { warn("byline: \(problem)") }
        let fetcher = FeedFetcher(
            library: Library(folder: libraryFolder), reader: .standard, converter: .standard,
            limits: FetchLimits(timeout: timeout ?? Double(configuration.fetch.timeout)),
            concurrency: jobs ?? configuration.fetch.jobs, subscriptionsFile: subscriptionsFile,
            fullStory: fullStory)
        let progress = ProgressLine(onTerminal: isatty(STDOUT_FILENO) == 1)
        let states = fetcher.readStates()
        let report = waitFor { await fetcher.fetchAll(subscriptions: chosen, states: states) { progress.show($0) } }
        progress.finish(report)
        // Retention after each fetch, so old stories go without a separate step.
        let cleaned = LibraryCleaning.clean(Library(folder: libraryFolder), retention: configuration.retention,
                                            subscriptions: list.subscriptions, subscriptionsPath: subscriptionsFile.url.path)
        for problem in cleaned.problems { warn("byline: \(problem)") }
        if let sentence = cleaned.sentence { print(sentence.prefix(1).uppercased() + sentence.dropFirst()) }
        if !report.failures.isEmpty || !unknown.isEmpty { throw ExitCode.failure }
    }
}

/// Shows fetch progress: on a terminal one line rewritten in place (`12 / 100 feeds`),
/// with failures printed above it; elsewhere one plain line per feed.
struct ProgressLine: Sendable {
    let onTerminal: Bool

    func show(_ progress: FetchProgress) {
        let outcome = progress.latest
        if onTerminal {
            if outcome.failure != nil || !outcome.pageFailures.isEmpty || !outcome.skippedLines.isEmpty { clear() }
            if outcome.failure != nil { warn("byline: " + outcome.line) }
            for failure in outcome.pageFailures { warn("byline: " + failure.line) }
            for line in outcome.skippedLines { warn("byline: " + line) }
            let full = progress.fullStories > 0 ? ", \(progress.fullStories) full stories" : ""
            write("\r\u{1B}[K\(progress.done) / \(progress.total) feeds\(full)")
        } else if outcome.failure != nil {
            warn("byline: " + outcome.line)
        } else {
            print(printable(outcome.line))
            for failure in outcome.pageFailures { warn("byline: " + failure.line) }
            for line in outcome.skippedLines { warn("byline: " + line) }
        }
    }

    func finish(_ report: FetchReport) {
        if onTerminal { clear() }
        print(report.summary)
    }

    private func clear() { write("\r\u{1B}[K") }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
