import ArgumentParser
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

    @Option(help: "Seconds one request may take.")
    var timeout: Double = 20

    @Option(help: "How many feeds to download at once.")
    var jobs: Int = 8

    @Option(help: ArgumentHelp(
        "Fetch story pages for the full text, for this run over each feed's fullStory setting.",
        discussion: "auto: when the feed gives only a summary; always: every story; never: keep the feed's text.",
        valueName: "auto|always|never"))
    var fullStory: FullStoryMode?

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let list = try places.subscriptionsFile.load()
        let (chosen, unknown) = list.select(feeds)
        for name in unknown { warn("byline: no subscription matches \(name)") }
        guard !chosen.isEmpty else {
            if unknown.isEmpty { print("No subscriptions yet: add one with `byline add URL`.") }
            throw unknown.isEmpty ? ExitCode.success : ExitCode.failure
        }
        let fetcher = FeedFetcher(
            library: Library(folder: places.libraryFolder), reader: .standard, converter: .standard,
            limits: FetchLimits(timeout: timeout), concurrency: jobs, subscriptionsFile: places.subscriptionsFile,
            fullStory: fullStory)
        let progress = ProgressLine(onTerminal: isatty(STDOUT_FILENO) == 1)
        let report = waitFor { await fetcher.fetchAll(subscriptions: chosen) { progress.show($0) } }
        progress.finish(report)
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
            if outcome.failure != nil || !outcome.pageFailures.isEmpty { clear() }
            if outcome.failure != nil { warn("byline: " + outcome.line) }
            for failure in outcome.pageFailures { warn("byline: " + failure.line) }
            let full = progress.fullStories > 0 ? ", \(progress.fullStories) full stories" : ""
            write("\r\u{1B}[K\(progress.done) / \(progress.total) feeds\(full)")
        } else if outcome.failure != nil {
            warn("byline: " + outcome.line)
        } else {
            print(printable(outcome.line))
            for failure in outcome.pageFailures { warn("byline: " + failure.line) }
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
