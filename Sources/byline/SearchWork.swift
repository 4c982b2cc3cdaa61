import BylineCore
import BylineStore
import BylineUI
import Foundation

extension BackgroundWork {
    /// The most stories a search lists; the header says how many match in all.
    static let searchRows = 1_000

    /// Runs the `/` search off the run loop, one search at a time: while one runs, only
    /// the latest query typed waits, and the ones typed in between are never run.
    func search(_ request: SearchRequest, stories: StoryRows, in library: Library, mailbox: Mailbox) {
        searchThread.submit { [self] in
            mailbox.post(.searched(request, answer(request, stories: stories, in: library)))
        }
    }

    /// The library's search index, opened once and kept while its files stay the same
    /// (`SearchIndex.isStillOnDisk`: opening reads its tables and marks replaced stories,
    /// a cost per query otherwise); one never built (or damaged) is built first. A failure
    /// is not kept: the next request tries again.
    private func index(of library: Library) -> Result<SearchIndex, FailureReason> {
        openIndex.withLock { kept in
            if let index = kept, index.isStillOnDisk { return .success(index) }
            kept = nil
            if case .success(let index) = SearchIndex.open(library) {
                kept = index
                return .success(index)
            }
            do {
                let index = try SearchIndex.upToDate(library)
                kept = index
                return .success(index)
            } catch {
                return .failure(FailureReason("\(error)"))
            }
        }
    }

    private func answer(_ request: SearchRequest, stories: StoryRows, in library: Library)
        -> Result<SearchFound, FailureReason> {
        let index: SearchIndex
        switch self.index(of: library) {
        case .success(let opened): index = opened
        case .failure(let reason): return .failure(reason)
        }
        // The pages this query read are given back once the reader stops typing (see
        // `givePagesBack`): kept open, the index would grow this program's memory by
        // every page any query ever read; given back after every answer, each key would
        // fault in again the pages the key before read.
        defer { givePagesBack(index, stories) }
        // Rows of the listing the reader shows, in rank order; stories it no longer lists
        // are neither shown nor counted.
        let answer = index.searchRows(request.query, asYouType: true, limit: Self.searchRows, in: stories.listing)
        return .success(SearchFound(rows: answer.rows, total: answer.total, isEstimate: answer.isEstimate))
    }

    /// How long the search thread waits, after its last request, before it gives back
    /// the pages its searches and their screens read.
    static let searchIdle: TimeInterval = 1
    /// How much this program's memory may grow through pages kept between keys before
    /// they are given back at once, typing or not.
    static let searchPagesKept = 2 << 20

    /// Gives back the index pages searches read, and the story-index pages their answers'
    /// screens read (each answer puts other rows on screen, from pages all over the story
    /// index), once no search has run for `searchIdle`, or at once when they have grown
    /// the program's memory by `searchPagesKept`: between the keys of a word typed the
    /// pages stay, so the next key finds them (and the buffers they were read into) warm.
    private func givePagesBack(_ index: SearchIndex, _ stories: StoryRows) {
        let giveBack: @Sendable () -> Void = { [self] in
            index.releasePages()
            stories.releasePages()
            residentAfterSearch.withLock { $0 = ResidentMemory.bytes() }
        }
        let resident = ResidentMemory.bytes()
        if resident - residentAfterSearch.withLock({ $0 }) > Self.searchPagesKept {
            giveBack()
        } else {
            searchThread.whenIdle(after: Self.searchIdle, giveBack)
        }
    }

    /// `/` was pressed: opens the index and works out where its stories are in the
    /// listing shown, while the reader types the first letter, so that letter is answered
    /// as fast as the rest. A search asked meanwhile replaces this (it does the same first).
    func prepareSearch(stories: StoryRows, in library: Library) {
        searchThread.submit { [self] in
            guard case .success(let index) = self.index(of: library) else { return }
            defer { givePagesBack(index, stories) }
            index.prepare(for: stories.listing)
        }
    }

    /// "More on this" for a story the reader shows. One at a time, once the reader has
    /// stopped on a story for a moment, on a thread that gives way to drawing: a reader
    /// moving down the list previews a story a key, and wants none of those worked on.
    func findSimilar(_ id: StoryID, in library: Library, mailbox: Mailbox) {
        // Asked again for the story being worked on (the reader came back to it): once is enough.
        guard similarAsked.withLock({ asked in
            defer { asked = id }
            return asked != id
        }) else { return }
        similarThread.submit { [self] in
            defer { similarAsked.withLock { asked in if asked == id { asked = nil } } }
            guard case .success(let story) = library.story(id), case .success(let index) = self.index(of: library) else {
                return
            }
            defer { index.releasePages() }
            let similar = index.similar(to: story, id: id).map { SimilarStory(id: $0.id, title: $0.title) }
            mailbox.post(.similarFound(id, similar))
        }
    }
}
