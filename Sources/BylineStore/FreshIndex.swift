import BylineCore
import Dispatch
import Foundation
import Synchronization

/// An index built from a library's files alone, when it has none (a folder copied in by
/// hand, an index deleted or damaged): every story file read once, a few at a time.
///
/// Built to stay small at any library size: a story's strings live only while its file is
/// parsed. What the index keeps of it goes at once into compact form: a fixed-size slot
/// per file here (stamp, date, where its bytes went), its title key and details into two
/// spill files, its lookup keys as hashes. `write` then streams the index file from those
/// (`FreshIndex+Writing.swift`), so 100,000 stories never sit in memory as values.
final class FreshIndex: @unchecked Sendable {
    /// What became of one file.
    enum Kind: UInt8 {
        /// Not read yet, or gone since the folder was scanned.
        case absent
        case story
        case problem
    }

    /// One file's part of the index, in the order the folder scan found the files.
    struct Slot {
        var stamp: FileStamp
        /// Seconds since 1970; meaningful only when `hasDate`.
        var date: Double = 0
        var hasDate = false
        var kind = Kind.absent
        var keyOffset: UInt32 = 0, keyLength: UInt32 = 0
        var detailsOffset: UInt32 = 0, detailsLength: UInt32 = 0
    }

    /// The files' paths (relative to the library), one after another: also the index's
    /// paths blob, so a row points at its path where the scan put it.
    private(set) var paths: [UInt8] = []
    private var pathEnds: [UInt32] = []
    var slots: [Slot] = []
    let keys: SpillFile
    let details: SpillFile
    /// The link lookup's keys, each a hash and the file it names (12 bytes): three or so a
    /// story, the most there is of anything, so they wait on disk to be sorted in parts.
    let links: SpillFile
    /// Files that are not stories, in no order.
    private(set) var problems: [LibraryProblem] = []
    /// Set when a spill file could not be written: the caller builds the index the old way.
    private(set) var failed = false
    /// How the blobs are put together in list order when the index is written.
    var gathering = Gathering()

    /// Nil when no spill file can be made in any of `folders`.
    init?(spillingIn folders: [String]) {
        guard let keys = SpillFile.make(in: folders), let details = SpillFile.make(in: folders),
              let links = SpillFile.make(in: folders) else { return nil }
        self.keys = keys
        self.details = details
        self.links = links
    }

    /// Adds a file the folder scan found.
    func add(_ file: StoryFolderScan.Found) {
        paths.append(contentsOf: file.path.utf8)
        pathEnds.append(UInt32(truncatingIfNeeded: paths.count))
        slots.append(Slot(stamp: file.stamp))
    }

    /// Adds a file the folder scan found by its folder's prefix and name's bytes
    /// (`StoryFolderScan.visit`'s `eachName`), to be stamped as it is read.
    func add(prefix: String, name: UnsafeRawBufferPointer) {
        paths.append(contentsOf: prefix.utf8)
        paths.append(contentsOf: name)
        pathEnds.append(UInt32(truncatingIfNeeded: paths.count))
        slots.append(Slot(stamp: StoryFolderScan.unknownStamp))
    }

    var fileCount: Int { slots.count }
    var storyCount: Int { slots.reduce(0) { $0 + ($1.kind == .story ? 1 : 0) } }

    func pathRange(_ file: Int) -> Range<Int> { (file == 0 ? 0 : Int(pathEnds[file - 1]))..<Int(pathEnds[file]) }
    func path(_ file: Int) -> String { String(decoding: paths[pathRange(file)], as: UTF8.self) }

    // MARK: - Reading the files

    /// Files a thread takes at a time: few enough to share the work evenly, enough that
    /// handing them out and writing their bytes costs little.
    private static let batchSize = 64

    /// Reads and parses every file added, on a few threads.
    ///
    /// - Parameter progress: told (files read, files in all) now and then, from any thread
    ///   but one at a time, each report further on than the last; the whole is told last,
    ///   once, before this returns.
    func read(root: String, progress: (@Sendable (Int, Int) -> Void)?) {
        let total = slots.count
        let threads = min(StoryFileReading.mostThreads, max(2, ProcessInfo.processInfo.activeProcessorCount),
                          max(1, total / Self.batchSize))
        let next = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        // Told under the lock, so reports from two threads never cross or go back.
        let reports = Mutex(IndexingProgress(total: total))
        let shared = Mutex<(problems: [LibraryProblem], failed: Bool)>(([], false))
        slots.withUnsafeMutableBufferPointer { buffer in
            // Each file's slot is written by the one thread that read the file.
            let slots = SharedSlots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                var batch = Batch()
                var folder = OpenFolder(root: root)
                defer { folder.finish() }
                while true {
                    let start = next.wrappingAdd(Self.batchSize, ordering: .relaxed).oldValue
                    guard start < total else { break }
                    let end = min(start + Self.batchSize, total)
                    batch.clear()
                    for file in start..<end {
                        slots.buffer[file].stamp = read(file: file, root: root, stamp: slots.buffer[file].stamp,
                                                        folder: &folder, into: &batch)
                    }
                    let failed = !store(batch, in: slots.buffer)
                    shared.withLock { shared in
                        shared.problems += batch.problems
                        shared.failed = shared.failed || failed
                    }
                    let finished = done.wrappingAdd(end - start, ordering: .relaxed).newValue
                    if let progress { reports.withLock { if $0.shouldTell(finished) { progress(finished, total) } } }
                }
            }
        }
        (problems, failed) = shared.withLock { ($0.problems, $0.failed) }
        // The whole, told here after every thread is done: last, and before the caller
        // goes on to draw the library.
        if let progress, reports.withLock({ $0.finish() }) { progress(total, total) }
    }

    /// The folder a thread is reading files in, kept open: files are read folder by folder,
    /// and each is opened by its name in it rather than by a path walked from the root.
    private struct OpenFolder {
        let root: String
        private var prefix = ""
        private var fd: Int32 = -1

        init(root: String) { self.root = root }

        /// A descriptor of the folder `prefix` (relative to the root; empty for the root
        /// itself); nil when it cannot be opened, and the file is opened by its path.
        mutating func descriptor(_ prefix: Substring) -> Int32? {
            if fd >= 0, prefix.utf8.elementsEqual(self.prefix.utf8) { return fd }
            finish()
            fd = open(prefix.isEmpty ? root : root + "/" + prefix, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            self.prefix = String(prefix)
            return fd >= 0 ? fd : nil
        }

        mutating func finish() {
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    private struct SharedSlots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Slot>
    }

    /// What one thread made of its files, before it is stored.
    private struct Batch {
        var keys: [UInt8] = []
        var details: [UInt8] = []
        /// Per story: its file, its key's and details' ranges in the batch, its date.
        var stories: [(file: Int, key: Range<Int>, details: Range<Int>, date: Double?)] = []
        /// (hash, file) pairs, 12 bytes each, as the links spill file holds them.
        var links: [UInt8] = []
        var problems: [LibraryProblem] = []
        var problemFiles: [Int] = []

        mutating func clear() {
            keys.removeAll(keepingCapacity: true)
            details.removeAll(keepingCapacity: true)
            stories.removeAll(keepingCapacity: true)
            links.removeAll(keepingCapacity: true)
            problems.removeAll(keepingCapacity: true)
            problemFiles.removeAll(keepingCapacity: true)
        }
    }

    /// Reads one file into `batch`: what `IndexWriter` writes of its entry, as bytes.
    /// Returns its stamp, taken as it was read when the folder scan did not take it.
    private func read(file: Int, root: String, stamp: FileStamp, folder: inout OpenFolder, into batch: inout Batch) -> FileStamp {
        let path = path(file)
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let opening = folder.descriptor(slash.map { path[..<$0] } ?? "").map {
            (folder: $0, name: slash.map { String(path[path.index(after: $0)...]) } ?? path)
        }
        switch StoryFileReading.parsed(root: root, file: StoryFolderScan.Found(path: path, stamp: stamp), opening: opening) {
        case nil:
            return stamp
        case .problem(let problem)?:
            batch.problems.append(problem)
            batch.problemFiles.append(file)
            return problem.stamp
        case .story(let story, let stamp)?:
            // What `IndexWriter` writes of `LibraryEntry(id:story:stamp:)`, written from
            // the story itself: no entry and summary built and copied per file.
            let titleKey = TitleKey(story.title).value
            let keyStart = batch.keys.count, detailsStart = batch.details.count
            batch.keys.append(contentsOf: titleKey.utf8)
            IndexDetails.encode(title: story.title, kicker: story.kicker, source: story.displaySource, author: story.author,
                                published: story.published, url: story.url, headerID: story.id, links: story.relatedLinks,
                                into: &batch.details)
            // A date the index cannot hold is none (`IndexWriter.checkedDate`).
            let date = story.publishedDate?.timeIntervalSince1970
            batch.stories.append((file, keyStart..<batch.keys.count, detailsStart..<batch.details.count,
                                  date.flatMap { $0.isFinite && abs($0) < IndexLayout.latestDateSeconds ? $0 : nil }))
            IndexLayout.forEachLinkKey(url: story.url, titleKey: titleKey) { hash in
                batch.links.appendLittleEndian(hash)
                batch.links.appendLittleEndian(UInt32(file))
            }
            return stamp
        }
    }

    /// Writes a batch's bytes to the spill files and fills its files' slots; false when
    /// the bytes could not be written.
    private func store(_ batch: Batch, in slots: UnsafeMutableBufferPointer<Slot>) -> Bool {
        let keyBase = keys.reserve(batch.keys.count)
        let detailsBase = details.reserve(batch.details.count)
        let linksBase = links.reserve(batch.links.count)
        guard batch.links.withUnsafeBytes({ links.write($0, at: linksBase) }) == 0 else { return false }
        // Offsets in the index are 32 bits: a blob past 4 GB cannot be written.
        guard keyBase + batch.keys.count <= Int(UInt32.max), detailsBase + batch.details.count <= Int(UInt32.max),
              batch.keys.withUnsafeBytes({ keys.write($0, at: keyBase) }) == 0,
              batch.details.withUnsafeBytes({ details.write($0, at: detailsBase) }) == 0 else { return false }
        for story in batch.stories {
            slots[story.file].kind = .story
            slots[story.file].keyOffset = UInt32(keyBase + story.key.lowerBound)
            slots[story.file].keyLength = UInt32(story.key.count)
            slots[story.file].detailsOffset = UInt32(detailsBase + story.details.lowerBound)
            slots[story.file].detailsLength = UInt32(story.details.count)
            if let date = story.date {
                slots[story.file].date = date
                slots[story.file].hasDate = true
            }
        }
        for file in batch.problemFiles { slots[file].kind = .problem }
        return true
    }
}
