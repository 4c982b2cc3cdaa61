import BylineConfig
import BylineCore
import BylineFeeds
import FeedParsing
import BylineStore
import Foundation

/// Retention applied to a library: which fetched stories have outlived `[retention] keep`
/// or their feed's own `keep`, and removing them. `byline clean` and `byline fetch` use it.
enum LibraryCleaning {
    struct Plan {
        var expired: [LibraryEntry]
        /// Settings that could not be used, one line each.
        var problems: [String]
    }

    static func plan(_ library: Library, retention: RetentionSettings, subscriptions: [Subscription],
                     subscriptionsPath: String, now: Date = Date()) throws -> Plan {
        var problems: [String] = []
        var perFeed: [String: Double?] = [:]
        for subscription in subscriptions {
            guard let text = subscription.keep else { continue }
            if let period = RetentionPeriod(text) {
                perFeed[subscription.url] = period.seconds
            } else {
                problems.append("\(subscriptionsPath): feed \(subscription.url): keep: \"\(text)\" is not a period: use \(RetentionPeriod.spelling); its stories are kept")
                perFeed[subscription.url] = .some(nil)
            }
        }
        let keep = retention.keep.seconds
        guard let shortest = RetentionRule.shortest(keep: keep, perFeed: perFeed) else { return Plan(expired: [], problems: problems) }
        let contents: LibraryContents
        do { contents = try library.load() } catch { throw CommandFailure("\(error)") }
        let starred = (try? library.readingState.load())?.marks.starred ?? []
        var candidates: [RetentionRule.Candidate] = []
        var entries: [StoryID: LibraryEntry] = [:]
        for entry in contents.entries where Library.isSavedByByline(entry.id) {
            let fetched = Date(timeIntervalSince1970: TimeInterval(entry.stamp.modifiedSeconds))
            let newest = max(entry.publishedDate ?? fetched, fetched)
            // Too young for any period: no need to read which feed it came from.
            guard now.timeIntervalSince(newest) > shortest else { continue }
            let feed = perFeed.isEmpty ? nil : (try? library.story(entry.id).get())?.feed
            candidates.append(RetentionRule.Candidate(id: entry.id, published: entry.publishedDate, fetched: fetched,
                                                      feed: feed, starred: starred.contains(entry.id)))
            entries[entry.id] = entry
        }
        let expired = RetentionRule.expired(candidates, keep: keep, perFeed: perFeed, now: now)
        return Plan(expired: expired.compactMap { entries[$0] }, problems: problems)
    }

    /// Removes the plan's stories for good; the ones that could not be removed, with why.
    static func remove(_ plan: Plan, from library: Library) -> (removed: Int, failures: [String]) {
        do {
            let failures = try library.remove(plan.expired.map(\.id), keepForUndo: false)
            return (plan.expired.count - failures.count, failures.map { "\($0)" })
        } catch {
            // The lock could not be taken: nothing was removed.
            return (0, ["\(error)"])
        }
    }
}
