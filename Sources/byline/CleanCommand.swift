import ArgumentParser
import BylineFeeds
import FeedParsing
import BylineStore
import Foundation

/// `byline clean [--dry-run]`: removes fetched stories older than the retention period.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove fetched stories older than [retention] keep in config.toml (or a feed's own keep).",
        discussion: "Starred stories and story files you wrote are never removed.")

    @Flag(help: "Only list what would be removed.")
    var dryRun = false

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let configuration = ConfigLoading.load()
        for problem in configuration.problems where problem.key?.hasPrefix("retention.") == true { warn("byline: \(problem)") }
        let subscriptions = (try? places.subscriptionsFile.load().subscriptions) ?? []
        let library = Library(folder: places.libraryFolder)
        let plan: LibraryCleaning.Plan
        do {
            plan = try LibraryCleaning.plan(library, retention: configuration.retention, subscriptions: subscriptions,
                                            subscriptionsPath: places.subscriptionsFile.url.path)
        } catch {
            throw CommandFailure("\(error)")
        }
        for problem in plan.problems { warn("byline: \(problem)") }
        let verb = dryRun ? "would remove" : "removed"
        var out = ""
        for entry in plan.expired {
            out += printable("\(verb) \(library.folder.appendingPathComponent(entry.id.path).path)  \(entry.title)") + "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        let (removed, failures) = dryRun ? (plan.expired.count, []) : LibraryCleaning.remove(plan, from: library)
        for failure in failures { warn("byline: \(failure)") }
        let count = removed
        if configuration.retention.keep == .forever && !subscriptions.contains(where: { $0.keep != nil }) {
            print("Nothing to clean: stories are kept for ever (set [retention] keep in config.toml, e.g. \"90d\")")
        } else {
            print("\(dryRun ? "Would remove" : "Removed") \(count) \(count == 1 ? "story" : "stories")")
        }
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
