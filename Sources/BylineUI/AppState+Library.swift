import BylineCore
import Foundation

/// The library's listing: asking for it to be read, taking a listing when it arrives,
/// and switching to another library when the listing is another folder's.
extension AppState {
    /// The screen is up: show the story under the cursor, and read the folder behind an
    /// index the reader opened on.
    mutating func start() -> [Effect] {
        var effects = selectionChanged()
        if opensOnSources { openSourcesAtStart() }
        if checksFolderOnStart {
            effects.append(.readLibrary(askToRead(library.folder, onlyIfChanged: true)))
        }
        return effects
    }

    /// A numbered request to read `folder` (see `LibraryRead`).
    mutating func askToRead(_ folder: URL, onlyIfChanged: Bool = false) -> LibraryRead {
        libraryReads += 1
        return LibraryRead(folder: folder, number: libraryReads, onlyIfChanged: onlyIfChanged)
    }

    /// A read of a library folder came back with its whole listing.
    mutating func take(_ read: LibraryRead, _ result: Result<LibraryListing, FailureReason>) -> [Effect] {
        take(read, result.map(ReadFound.listing))
    }

    /// A read of the library shown came back with what changed in it.
    mutating func take(_ read: LibraryRead, _ changes: LibraryChanges) -> [Effect] {
        take(read, .success(.changes(changes)))
    }

    private enum ReadFound {
        case listing(LibraryListing)
        case changes(LibraryChanges)
    }

    private mutating func take(_ read: LibraryRead, _ result: Result<ReadFound, FailureReason>) -> [Effect] {
        var effects: [Effect] = []
        // A read that finishes after a newer one was shown is older news: dropped.
        if read.number >= shownRead {
            switch result {
            case .failure(let reason):
                message = StatusMessage(reason.description, isError: true)
            case .success(.listing(let listing)):
                shownRead = read.number
                if read.folder != library.folder { switchLibrary(to: read.folder, listing: listing) }
                effects = show(listing)
            case .success(.changes(let changes)):
                // Changes to a library no longer shown say nothing about this one.
                guard read.folder == library.folder else { break }
                shownRead = read.number
                effects = show(changes)
            }
        }
        // Feeds fetched wait for this read: their report shows with the stories they added.
        if let waiting = refresh, let number = waiting.read, read.number >= number {
            refresh = nil
            if case .success = result, let report = waiting.report { message = StatusMessage(report.sentence) }
        }
        return effects
    }

    /// From now on the reader shows, and effects act on, the library in `folder` (a
    /// fetch filled the reader's own library while the bundled seeds were shown). Its
    /// read and starred marks come with its listing.
    mutating func switchLibrary(to folder: URL, listing: LibraryListing) {
        library.folder = folder
        if let marks = listing.marks { replaceMarks(read: marks.read, starred: marks.starred) }
    }

    /// Shows a new listing, keeping the cursor and the story on screen where they can be.
    mutating func show(_ listing: LibraryListing) -> [Effect] {
        replaceStories(listing.stories)
        problems = listing.problems
        keepSelectionVisible()
        // Any story may have changed on disk (a fetch rewrites updated items in place):
        // forget what was read and read the one on screen again.
        loaded = [:]
        return storyOnScreenAfterChanges { _ in true }
    }

    /// Lays changes found in the library over the listing they are from, keeping the
    /// cursor and the story on screen where they can be. Only stories that changed are
    /// forgotten and read again.
    mutating func show(_ found: LibraryChanges) -> [Effect] {
        replaceStories(found.base.applying(found.changes))
        problems = found.problems
        keepSelectionVisible()
        let touched = found.changes.touched
        if loaded.keys.contains(where: touched.contains) { loaded = loaded.filter { !touched.contains($0.key) } }
        return storyOnScreenAfterChanges(reloading: touched.contains)
    }

    /// The story on screen after the listing changed: read again when `reloading` says
    /// it may have changed; when it is gone (deleted, or the listing is another
    /// library's), back to the list, showing what the cursor is on.
    private mutating func storyOnScreenAfterChanges(reloading: (StoryID) -> Bool) -> [Effect] {
        guard let shown = reader?.id else { return [] }
        if summary(for: shown) == nil {
            focus = .list
            history = []
            reader = nil
            return selectionChanged()
        }
        return reloading(shown) ? [.loadStory(shown)] : []
    }

    /// A story fetched from the web was saved into the library: it joins the list, and
    /// opens when asked (a new file), or is read again when it is the one on screen.
    mutating func storySaved(_ summary: StorySummary, openIt: Bool) -> [Effect] {
        loaded[summary.id] = nil
        replaceStories(stories.adding(summary))
        if openIt { return open(summary.id, pushingHistory: reader != nil && focus == .reader) }
        if reader?.id == summary.id { return [.loadStory(summary.id)] }
        return []
    }
}
