#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation
import StorySearch

extension SearchIndex {
    /// Changes that many files or more (or a quarter of the library) rebuild the index
    /// rather than amend it.
    static let rebuildAt = 1_000

    /// Follows stories a writer just saved, removed or put back (fetch, sync, `f`,
    /// following a link, delete, clean, undo): each file at `ids` is read again and
    /// indexed, or dropped when it is gone. Only the small recent file is rewritten. Does
    /// nothing when the library has no search index yet: the first search builds it.
    public static func update(_ ids: [StoryID], in library: Library) throws(LibraryError) {
        guard !ids.isEmpty else { return }
        try library.writerLock.withLock { () throws(LibraryError) in
            guard case .success(let current) = open(library) else { return }
            var builder = SearchSegmentBuilder()
            let paths = Set(ids.map(\.path)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            add(paths.map { (path: $0, stamp: FileStamp?.none) }, to: &builder, library: library)
            try apply(builder, changed: Set(ids.map(\.path)), to: current, checked: nil, library: library)
        }
    }

    /// As `update`, for writers that have the stories they saved at hand.
    public static func record(saved: [(id: StoryID, story: Story)], removed: [StoryID] = [], in library: Library) throws(LibraryError) {
        try update(saved.map(\.id) + removed, in: library)
    }

    /// The index as a command needs it: as it is when no folder of the library changed
    /// since the index was last checked against the files (see `CheckTime`), which takes
    /// a look at each folder rather than a `stat` of every story; else `upToDate`.
    /// A story rewritten in place, its folder untouched, is found by the reader's check.
    public static func current(_ library: Library, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        if case .success(let index) = open(library),
           try !StoryFolderScan.anyFolderChanged(root: library.folder.path, since: index.checkedStamp,
                                                  knownFolders: library.knownFoldersPath) {
            return index
        }
        return try upToDate(library, progress: progress)
    }

    /// The index, checked against the library folder first: files added, changed or
    /// removed since it was written are indexed or dropped, and a missing or damaged index
    /// is built.
    public static func upToDate(_ library: Library, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        if case .failure = open(library), let index = try buildMissing(library, progress: progress) { return index }
        let checked = CheckTime.now()
        return try upToDate(library, files: BuildFiles.scanning(root: library.folder.path, knownFolders: library.knownFoldersPath),
                            checked: checked, progress: progress)
    }

    /// Builds the index that is missing (or damaged), listing the folder only once it holds
    /// the writers' lock: a thread that waits for another's build (the reader's check and
    /// its "More on this" both ask) holds no listing meanwhile. Nil when the index is there
    /// after all: built meanwhile, and checked against the folders it was built from
    /// (`current`), else left to the caller to check against every file.
    private static func buildMissing(_ library: Library, progress: @Sendable (Int, Int) -> Void) throws(LibraryError) -> SearchIndex? {
        let built = try library.writerLock.withLock { () throws(LibraryError) -> Bool in
            if case .success = open(library) { return false }
            let checked = CheckTime.now()
            let files = try BuildFiles.scanning(root: library.folder.path, knownFolders: library.knownFoldersPath, stamped: false)
            try writeBase(library, files: files, checked: checked, progress: progress)
            return true
        }
        if built { return try reopened(library) }
        if case .success(let index) = open(library),
           try !StoryFolderScan.anyFolderChanged(root: library.folder.path, since: index.checkedStamp,
                                                  knownFolders: library.knownFoldersPath) {
            return index
        }
        return nil
    }

    /// As `upToDate(_:progress:)`, against the story index's listing just checked against
    /// the folder (by a `load()` begun at `checked`), so the folder is not walked twice.
    /// This is what the reader's background check runs.
    ///
    /// The common answer, "nothing changed", is found holding nothing per story: paths and
    /// stamps are compared as bytes, the story index is looked up through its file
    /// (`IndexProbe`) and both indexes' pages are given back as it goes, so memory stays
    /// flat at any library size. Only when something changed are paths made into strings.
    public static func upToDate(_ library: Library, listing: IndexedListing, checked: CheckTime) throws(LibraryError) -> SearchIndex {
        guard case .success(let index) = open(library), index.count == listing.count else {
            return try upToDate(library, files: BuildFiles(listing), checked: checked)
        }
        // A base written before common prefixes' best stories were stored ranks every
        // first letter typed the long way: it is built again, once.
        if !index.stories.segments[0].storesQuickPrefixes {
            try library.writerLock.withLock { () throws(LibraryError) in
                guard case .success(let now) = open(library), !now.stories.segments[0].storesQuickPrefixes else { return }
                try writeBase(library, files: BuildFiles(listing), checked: checked, progress: { _, _ in })
            }
            return try reopened(library)
        }
        // Every story of the search index listed with the same stamp. Paths are unique on
        // both sides, so when all of them are, and the counts agree, none is missing.
        var current = 0, looked = 0
        var probe = IndexProbe(listing)
        index.stories.forEachStory { ref in
            looked += 1
            // Each lookup reads a page of the story index's own (a hash table): they go often.
            if looked % 512 == 0 {
                listing.releasePages()
                index.releasePages()
            }
            let segment = index.stories.segments[ref.segment]
            if let (_, stamp) = probe.find(segment.pathBytes(ref.story)), stamp == segment.stamp(ref.story) {
                current += 1
            }
        }
        listing.releasePages()
        index.releasePages()
        guard current == listing.count else {
            return try upToDate(library, files: BuildFiles(listing), checked: checked)
        }
        // Nothing to do but remember that the folders were seen as they are now.
        try? library.writerLock.withLock { () throws(LibraryError) in
            if index.isStillOnDisk { checked.mark(basePath(library)) }
        }
        return index
    }

    /// As `upToDate(_:progress:)`, against a listing of the folder already made.
    public static func upToDate(_ library: Library, files found: [(path: String, stamp: FileStamp)], checked: CheckTime,
                                progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        try upToDate(library, files: BuildFiles(found), checked: checked, progress: progress)
    }

    private static func upToDate(_ library: Library, files: BuildFiles, checked: CheckTime,
                                 progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        let count = files.count
        guard case .success(let index) = open(library) else {
            let built = try library.writerLock.withLock { () throws(LibraryError) -> Bool in
                // Built by another thread (the reader's check and its search both ask) or
                // program while this one waited for the lock: checked against, not built again.
                if case .success = open(library) { return false }
                try writeBase(library, files: files, checked: checked, progress: progress)
                return true
            }
            return built ? try reopened(library) : try upToDate(library, files: files, checked: checked, progress: progress)
        }
        // Files and indexed stories are both walked in path order, side by side: each
        // index page is read once, in turn, rather than a binary search of the story table
        // per file, which maps pages all over it (some 14 MB at 100,000 stories).
        let order = files.pathOrder()
        files.releasePages()
        let segments = index.stories.segments
        var next = [Int](repeating: 0, count: segments.count)
        // Base stories a later segment replaces or removes (see `SearchLibrary`).
        let replaced = Set(segments.dropFirst().flatMap(\.deleted))
        func isLive(_ segment: Int, _ story: Int) -> Bool { segment > 0 || !replaced.contains(UInt32(story)) }
        var changed: [(path: String, stamp: FileStamp)] = []
        var gone: [String] = []
        let most = max(rebuildAt, count / 4)
        // The story index's rows are read through its file: in path order they lie all
        // over it, and read through the mapping they held some 10 MB between releases.
        var rows = files.listing.map { IndexRowsReader($0) }
        func withFile(_ number: Int, _ body: (UnsafeRawBufferPointer, FileStamp) -> Bool) -> Bool {
            guard rows != nil else { return body(files.pathBytes(number), files.stamp(number)) }
            let stamp = rows?.stamp(number) ?? StoryFolderScan.unknownStamp
            return rows?.withPath(number) { body($0, stamp) } ?? false
        }
        for (position, number) in order.enumerated() {
            if position % 256 == 0 {
                files.releasePages()
                index.releasePages()
            }
            let isCurrent = withFile(Int(number)) { path, fileStamp in
                var stamp: FileStamp?
                for segment in segments.indices {
                    // Live stories before this path are files no longer there.
                    while next[segment] < segments[segment].storyCount,
                          BuildFiles.order(segments[segment].pathBytes(next[segment]), path) < 0 {
                        if isLive(segment, next[segment]) { gone.append(segments[segment].path(next[segment])) }
                        next[segment] += 1
                    }
                    if next[segment] < segments[segment].storyCount,
                       BuildFiles.order(segments[segment].pathBytes(next[segment]), path) == 0 {
                        if isLive(segment, next[segment]) {
                            stamp = segments[segment].stamp(next[segment])
                        }
                        next[segment] += 1
                    }
                }
                if let stamp, stamp == fileStamp { return true }
                changed.append((String(decoding: path, as: UTF8.self), fileStamp))
                return false
            }
            if isCurrent { continue }
            if changed.count + gone.count > most { break }
        }
        // Live stories after the last file are gone too.
        if changed.count + gone.count <= most {
            for segment in segments.indices {
                for story in next[segment]..<segments[segment].storyCount where isLive(segment, story) {
                    gone.append(segments[segment].path(story))
                }
            }
        }
        index.releasePages()
        if changed.isEmpty && gone.isEmpty {
            // Nothing to do but remember that the folders were seen as they are now.
            try? library.writerLock.withLock { () throws(LibraryError) in
                if index.isStillOnDisk { checked.mark(basePath(library)) }
            }
            return index
        }
        try library.writerLock.withLock { () throws(LibraryError) in
            // Rebuilding beats amending when much of the library changed.
            if changed.count + gone.count > max(rebuildAt, count / 4) {
                try writeBase(library, files: files, checked: checked, progress: progress)
                return
            }
            // Another writer may have replaced the index since: amend the one there now.
            guard case .success(let now) = open(library) else {
                try writeBase(library, files: files, checked: checked, progress: progress)
                return
            }
            var builder = SearchSegmentBuilder()
            add(changed.map { (path: $0.path, stamp: Optional($0.stamp)) }, to: &builder, library: library)
            try apply(builder, changed: Set(changed.map(\.path) + gone), to: now, checked: checked, library: library)
        }
        return try reopened(library)
    }

    static func reopened(_ library: Library) throws(LibraryError) -> SearchIndex {
        switch open(library) {
        case .success(let index): return index
        case .failure(.missing): throw LibraryError(path: basePath(library), reason: "the search index just saved is gone")
        case .failure(.damaged(let reason)): throw LibraryError(path: basePath(library), reason: reason)
        }
    }

    /// Replaces the stories at `changed` paths with those in `builder` (under the lock).
    ///
    /// - Parameter checked: for a check of the whole folder, when it began; nil for a
    ///   writer's few files, which leave the base dated as it was.
    private static func apply(_ builder: SearchSegmentBuilder, changed: Set<String>, to current: SearchIndex, checked: CheckTime?,
                              library: Library) throws(LibraryError) {
        guard let base = current.stories.segments.first else { return }
        let recent = current.stories.segments.count > 1 ? current.stories.segments[1] : nil
        var deleted = Set(recent?.deleted ?? [])
        var recentRemoved = Set<UInt32>()
        for (looked, path) in changed.enumerated() {
            if let story = base.storyNumber(path: path) { deleted.insert(UInt32(story)) }
            if let story = recent?.storyNumber(path: path) { recentRemoved.insert(UInt32(story)) }
            // Each lookup is a binary search all over the base's story table, and each
            // page it touches maps 64 KB around it: a hundred changed files held some
            // 6 MB of it at once at 100,000 stories.
            if looked % 4 == 3 { current.releasePages() }
        }
        current.releasePages()
        let added: [UInt8]
        do { added = try builder.write(to: SegmentBytes(), generation: 1).bytes } catch {
            throw LibraryError(path: recentPath(library), reason: "\(error)")
        }
        let baseDate = current.checkedStamp
        do {
            try added.withUnsafeBytes { raw in
                let addedSegment = try SearchSegment(raw)
                let recentCount = (recent?.storyCount ?? 0) - recentRemoved.count + builder.count
                if recentCount > max(2 * rebuildAt, base.storyCount / 8) {
                    // The recent file has grown: fold everything into a new base.
                    try merge(current.files, into: basePath(library), generation: UInt64.random(in: 1...UInt64.max),
                              removed: [deleted, recentRemoved], extra: addedSegment)
                    if let checked { checked.mark(basePath(library)) } else { CheckTime.date(basePath(library), as: baseDate) }
                    unlink(recentPath(library))
                    AtomicFile.syncFolder(library.stateFolder.path)
                } else {
                    try merge(Array(current.files.dropFirst()), into: recentPath(library), generation: UInt64.random(in: 1...UInt64.max),
                              removed: [recentRemoved], baseGeneration: base.generation, deleted: deleted.sorted(), extra: addedSegment)
                    if let checked { checked.mark(basePath(library)) }
                }
            }
        } catch let error as LibraryError {
            throw error
        } catch {
            throw LibraryError(path: recentPath(library), reason: "\(error)")
        }
    }
}
