#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation
import StorySearch

extension SearchIndex {
    /// Adds stories a writer just saved (fetch, `f`, following a link) and drops removed
    /// ones, rewriting only the small recent file. Does nothing when the library has no
    /// search index yet: the first search builds it from the files.
    public static func record(saved: [(id: StoryID, story: Story)], removed: [StoryID] = [], in library: Library) throws(LibraryError) {
        guard !saved.isEmpty || !removed.isEmpty else { return }
        try library.writerLock.withLock { () throws(LibraryError) in
            var builder = SearchSegmentBuilder()
            for (id, story) in saved {
                var info = stat()
                guard lstat(library.folder.path + "/" + id.path, &info) == 0 else { continue }
                builder.add(SearchDocument(story: story), path: id.path, stamp: SearchStamp(FileStamp(info)))
            }
            try apply(builder, changed: Set(saved.map(\.id.path) + removed.map(\.path)), library: library)
        }
    }

    /// The index, checked against the library folder first: files added, changed or
    /// removed since it was written are indexed or dropped, and a missing or damaged index
    /// is built. This is what the background check and `byline search` run.
    public static func upToDate(_ library: Library, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        let found = try StoryFolderScan.run(root: library.folder.path)
        return try upToDate(library, files: found.map { ($0.path, $0.stamp) }, progress: progress)
    }

    /// As `upToDate(_:progress:)`, against a listing of the folder already made (the
    /// story index's entries), so the folder is not walked twice.
    public static func upToDate(_ library: Library, files found: [(path: String, stamp: FileStamp)],
                                progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        guard case .success(let index) = open(library) else { return try build(library, found: found, progress: progress) }
        var changed: [(path: String, stamp: FileStamp)] = []
        var present = Set<String>()
        present.reserveCapacity(found.count)
        for file in found {
            present.insert(file.path)
            if let ref = index.stories.ref(path: file.path), index.stories.segments[ref.segment].stamp(ref.story).fileStamp == file.stamp {
                continue
            }
            changed.append(file)
        }
        var gone: [String] = []
        index.stories.forEachStory { ref in
            let path = index.stories.segments[ref.segment].path(ref.story)
            if !present.contains(path) { gone.append(path) }
        }
        return try bringUpToDate(index, changed: changed, gone: gone, storyCount: found.count, library: library) { () throws(LibraryError) in
            try build(library, found: found, progress: progress)
        }
    }

    /// As `upToDate(_:files:progress:)`, against the story index's listing of the folder
    /// (which the background check has just brought up to date). Paths and stamps are
    /// compared as bytes, the story index is looked up through its file (`IndexProbe`)
    /// and the search index's pages are given back as it goes, so a check that finds the
    /// search index current holds nothing per story: memory stays flat at any library size.
    public static func upToDate(_ library: Library, listing: IndexedListing,
                                progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        guard case .success(let index) = open(library) else {
            return try build(library, found: listing.fileStamps(), progress: progress)
        }
        func releasePages() {
            listing.releasePages()
            for file in index.files { file.release() }
        }
        // Every story of the search index that is listed with the same stamp; the rest are gone.
        var current = 0, looked = 0
        var gone: [String] = []
        var probe = IndexProbe(listing)
        index.stories.forEachStory { ref in
            looked += 1
            if looked % IndexedListing.rowsBetweenReleases == 0 { releasePages() }
            let segment = index.stories.segments[ref.segment]
            let path = segment.pathBytes(ref.story)
            guard let (_, stamp) = probe.find(path) else {
                gone.append(String(decoding: path, as: UTF8.self))
                return
            }
            if stamp == segment.stamp(ref.story).fileStamp { current += 1 }
        }
        // Paths are unique on both sides, so when every listed story was found current,
        // none is missing: the common case needs no second pass.
        var changed: [(path: String, stamp: FileStamp)] = []
        if current != listing.count {
            for row in 0..<listing.count {
                // The search index is looked up at random here: its pages go back more often.
                if row % 256 == 0 { releasePages() }
                let path = listing.id(at: row).path
                if let ref = index.stories.ref(path: path),
                   index.stories.segments[ref.segment].stamp(ref.story).fileStamp == listing.stamp(at: row) { continue }
                changed.append((path, listing.stamp(at: row)))
            }
        }
        releasePages()
        return try bringUpToDate(index, changed: changed, gone: gone, storyCount: listing.count, library: library) { () throws(LibraryError) in
            try build(library, found: listing.fileStamps(), progress: progress)
        }
    }

    /// Indexes the `changed` files and drops the `gone` ones, or rebuilds the index with
    /// `rebuild` when much of the library changed.
    private static func bringUpToDate(_ index: SearchIndex, changed: [(path: String, stamp: FileStamp)], gone: [String],
                                      storyCount: Int, library: Library,
                                      rebuild: () throws(LibraryError) -> SearchIndex) throws(LibraryError) -> SearchIndex {
        guard !changed.isEmpty || !gone.isEmpty else { return index }
        // Rebuilding beats amending when much of the library changed.
        if changed.count + gone.count > max(SearchIndex.batchSize, storyCount / 4) {
            return try rebuild()
        }
        try library.writerLock.withLock { () throws(LibraryError) in
            var builder = SearchSegmentBuilder()
            add(changed, to: &builder, library: library)
            try apply(builder, changed: Set(changed.map(\.path) + gone), library: library)
        }
        return try reopened(library)
    }

    private static func build(_ library: Library, found: [(path: String, stamp: FileStamp)],
                              progress: @Sendable (Int, Int) -> Void) throws(LibraryError) -> SearchIndex {
        try library.writerLock.withLock { () throws(LibraryError) in
            try writeBase(library, files: found, progress: progress)
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
    private static func apply(_ builder: SearchSegmentBuilder, changed: Set<String>, library: Library) throws(LibraryError) {
        guard case .success(let current) = open(library), let base = current.stories.segments.first else { return }
        let recent = current.stories.segments.count > 1 ? current.stories.segments[1] : nil
        var deleted = Set(recent?.deleted ?? [])
        var recentRemoved = Set<UInt32>()
        for path in changed {
            if let story = base.storyNumber(path: path) { deleted.insert(UInt32(story)) }
            if let story = recent?.storyNumber(path: path) { recentRemoved.insert(UInt32(story)) }
        }
        let added: [UInt8]
        do { added = try builder.write(to: SegmentBytes(), generation: 1).bytes } catch {
            throw LibraryError(path: recentPath(library), reason: "\(error)")
        }
        do {
            try added.withUnsafeBytes { raw in
                let addedSegment = try SearchSegment(raw)
                let recentCount = (recent?.storyCount ?? 0) - recentRemoved.count + builder.count
                if recentCount > max(2 * batchSize, base.storyCount / 8) {
                    // The recent file has grown: fold everything into a new base.
                    try merge(current.files, into: basePath(library), generation: UInt64.random(in: 1...UInt64.max),
                              removed: [deleted, recentRemoved], extra: addedSegment)
                    unlink(recentPath(library))
                    AtomicFile.syncFolder(library.stateFolder.path)
                } else {
                    try merge(Array(current.files.dropFirst()), into: recentPath(library), generation: UInt64.random(in: 1...UInt64.max),
                              removed: [recentRemoved], baseGeneration: base.generation, deleted: deleted.sorted(), extra: addedSegment)
                }
            }
        } catch let error as LibraryError {
            throw error
        } catch {
            throw LibraryError(path: recentPath(library), reason: "\(error)")
        }
    }
}

extension FileStamp {
    init(_ info: stat) {
        self.init(size: Int64(info.st_size), modifiedSeconds: Int64(info.st_mtim.tv_sec), modifiedNanoseconds: Int64(info.st_mtim.tv_nsec))
    }
}
