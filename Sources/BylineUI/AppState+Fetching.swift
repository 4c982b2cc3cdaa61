import BylineCore

/// What fetching brings back: a page made into a story, or the feeds fetched by `R`, and
/// the words the status line gives each outcome.
extension AppState {
    /// `f`: the whole story was saved (in place, or beside a file Byline did not write,
    /// which then opens), or the reason it was not.
    mutating func fullStoryFetched(_ id: StoryID, url: String, _ result: Result<SavedStory, FetchProblem>) -> [Effect] {
        switch result {
        case .failure(let problem):
            message = StatusMessage(problem.sentence(url: url, story: id, linkTitle: ""), isError: true)
            return []
        case .success(let saved):
            let effects = storySaved(saved.summary, openIt: saved.isNewFile)
            message = StatusMessage("Fetched the full story (\(saved.paragraphs) paragraphs)")
            return effects
        }
    }

    /// A link to a story not in the library: the story was saved and opens, or the
    /// reason it was not.
    mutating func linkedStoryFetched(url: String, title: String, _ result: Result<SavedStory, FetchProblem>) -> [Effect] {
        switch result {
        case .failure(.alreadyInLibrary(let id)) where summary(for: id) != nil:
            message = StatusMessage("Already in the library: “\(summary(for: id)?.title ?? title)”")
            return open(id, pushingHistory: reader != nil && focus == .reader)
        case .failure(.notAStory(let kind)):
            // `o` opens what the link led to; the followed link stays selected for it.
            offeredForBrowser = url
            message = StatusMessage(FetchProblem.notAStory(kind).sentence(url: url, story: nil, linkTitle: title), isError: true)
            return []
        case .failure(let problem):
            message = StatusMessage(problem.sentence(url: url, story: nil, linkTitle: title), isError: true)
            return []
        case .success(let saved):
            let effects = storySaved(saved.summary, openIt: true)
            message = StatusMessage("Saved “\(saved.summary.title)” from \(url)")
            return effects
        }
    }

    /// `R` is over: on success the library the feeds went into is read again, and the
    /// report waits for that listing (see `RefreshProgress.report`).
    mutating func feedsFetched(_ result: Result<FeedsReport, RefreshProblem>) -> [Effect] {
        switch result {
        case .failure(let problem):
            refresh = nil
            message = StatusMessage(problem.sentence, isError: true)
            return []
        case .success(let report):
            let read = askToRead(library.fetchesInto)
            var progress = refresh ?? RefreshProgress(done: 0, total: 0)
            progress.report = report
            progress.read = read.number
            refresh = progress
            return [.readLibrary(read)]
        }
    }
}
