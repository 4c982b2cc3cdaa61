import BylineCore
import BylineStore
import BylineUI
import Foundation

/// A search the reader asked for, with the listing its answer must name rows of.
struct PendingSearch: Sendable {
    var request: SearchRequest
    var stories: [StorySummary]
    var library: Library
    var mailbox: Mailbox
}

extension BackgroundWork {
    /// The most stories a search lists; the header says how many match in all.
    static let searchRows = 1_000

    /// Runs the `/` search off the run loop, one search at a time: while one runs, only
    /// the latest query typed waits, and the ones typed in between are never run.
    func search(_ request: SearchRequest, stories: [StorySummary], in library: Library, mailbox: Mailbox) {
        pendingSearch.withLock { $0 = PendingSearch(request: request, stories: stories, library: library, mailbox: mailbox) }
        startSearching()
    }

    private func startSearching() {
        guard searching.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        run { [self] in
            while let next = pendingSearch.withLock({ pending -> PendingSearch? in
                defer { pending = nil }
                return pending
            }) {
                next.mailbox.post(.searched(next.request, Self.answer(next)))
            }
            searching.store(false, ordering: .releasing)
            // A search asked for between the last look and now would wait forever.
            if pendingSearch.withLock({ $0 != nil }) { startSearching() }
        }
    }

    /// The library's search index; one never built (or damaged) is built first.
    private static func index(of library: Library) -> Result<SearchIndex, FailureReason> {
        if case .success(let index) = SearchIndex.open(library) { return .success(index) }
        do { return .success(try SearchIndex.upToDate(library)) } catch { return .failure(FailureReason("\(error)")) }
    }

    private static func answer(_ search: PendingSearch) -> Result<SearchFound, FailureReason> {
        let index: SearchIndex
        switch Self.index(of: search.library) {
        case .success(let opened): index = opened
        case .failure(let reason): return .failure(reason)
        }
        let answer = index.search(search.request.query, asYouType: true, limit: searchRows)
        // Rows of the listing the reader shows, in rank order.
        var rank: [StoryID: Int] = [:]
        rank.reserveCapacity(answer.stories.count)
        for (position, story) in answer.stories.enumerated() { rank[story.id] = position }
        var rows = [Int](repeating: -1, count: answer.stories.count)
        for (row, story) in search.stories.enumerated() {
            if let position = rank[story.id] { rows[position] = row }
        }
        return .success(SearchFound(rows: rows.filter { $0 >= 0 }, total: answer.total, isEstimate: answer.isEstimate))
    }

    /// "More on this" for a story the reader opened.
    func findSimilar(_ id: StoryID, in library: Library, mailbox: Mailbox) {
        run {
            guard case .success(let story) = library.story(id), case .success(let index) = Self.index(of: library) else {
                return
            }
            let similar = index.similar(to: story, id: id).map { SimilarStory(id: $0.id, title: $0.title) }
            mailbox.post(.similarFound(id, similar))
        }
    }
}
