import BylineConfig
import BylineCore
import BylineStore
import FeedParsing
import Foundation

/// Retention applied to a library: which fetched stories have outlived `[retention] keep`
/// or their feed's own `keep`, and removing them. `byline clean`, `byline fetch` and the
/// reader's `R` use it, so the three never disagree about what goes.
///
/// Only stories Byline saved are candidates (a file the reader wrote never is), and a
/// starred story stays whatever its age. When the starred marks cannot be read whole,
/// nothing is removed: an old starred story must never go because its mark was unreadable.
public enum LibraryCleaning {
    public struct Plan: Sendable {
        public var expired: [LibraryEntry]
        /// Settings or marks that could not be used, one line each.
        public var problems: [String]
    }

    /// What one cleaning did: the stories removed, and the ones that could not be.
    public struct Outcome: Equatable, Sendable {
        public var removed: Int
        public var problems: [String]

        public init(removed: Int, problems: [String]) {
            self.removed = removed
            self.problems = problems
        }

        /// "removed 3 old stories (older than the retention period)", or nil for none.
        public var sentence: String? {
            removed == 0 ? nil : "removed \(removed) old \(removed == 1 ? "story" : "stories") (older than the retention period)"
        }
    }

    public static func plan(_ library: Library, retention: RetentionSettings, subscriptions: [Subscription],
                            subscriptionsPath: String, now: Date = Date()) throws(LibraryError) -> Plan {
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
        let starred: Set<StoryID>
        do {
            let state = try library.readingState.load()
            if let problem = state.problem {
                return Plan(expired: [], problems: problems + ["\(problem); no old story removed until the starred marks read whole"])
            }
            starred = state.marks.starred
        } catch {
            return Plan(expired: [], problems: problems + ["\(error); no old story removed until the starred marks can be read"])
        }
        // From the index: only rows old enough for the shortest period are checked against
        // their files, and only files changed since they were indexed are read.
        let aged = try library.stories(olderThan: shortest, now: now)
        let periods = Array(perFeed.values) + [keep]
        var candidates: [RetentionRule.Candidate] = []
        var entries: [StoryID: LibraryEntry] = [:]
        for story in aged {
            let age = now.timeIntervalSince(max(story.published ?? story.fetched, story.fetched))
            // Which feed it came from matters only when its age is past some periods in use
            // and not others: only then is its file read to find out.
            let decided = periods.allSatisfy { period in period.map { age > $0 } == true }
                || periods.allSatisfy { period in period.map { age <= $0 } ?? true }
            let feed = decided ? nil : (story.story ?? (try? library.story(story.id).get()))?.feed
            candidates.append(RetentionRule.Candidate(id: story.id, published: story.published, fetched: story.fetched,
                                                      feed: feed, starred: starred.contains(story.id)))
            entries[story.id] = story.entry
        }
        let expired = RetentionRule.expired(candidates, keep: keep, perFeed: perFeed, now: now)
        return Plan(expired: expired.compactMap { entries[$0] }, problems: problems)
    }

    /// Removes the plan's stories for good; the ones that could not be removed, with why.
    public static func remove(_ plan: Plan, from library: Library) -> (removed: Int, failures: [String]) {
        // Nothing to remove: the library's lock is not even taken.
        guard !plan.expired.isEmpty else { return (0, []) }
        do {
            // One lock and one index rewrite for the whole batch.
            let failures = try library.remove(plan.expired.map(\.id), keepForUndo: false)
            return (plan.expired.count - failures.count, failures.map { "\($0)" })
        } catch {
            // The lock could not be taken: nothing was removed.
            return (0, ["\(error)"])
        }
    }

    /// Plans and removes at once, as after a fetch: every problem comes back as a line.
    public static func clean(_ library: Library, retention: RetentionSettings, subscriptions: [Subscription],
                             subscriptionsPath: String, now: Date = Date()) -> Outcome {
        do {
            let plan = try plan(library, retention: retention, subscriptions: subscriptions,
                                subscriptionsPath: subscriptionsPath, now: now)
            let (removed, failures) = remove(plan, from: library)
            return Outcome(removed: removed, problems: plan.problems + failures)
        } catch {
            return Outcome(removed: 0, problems: ["\(error)"])
        }
    }
}
