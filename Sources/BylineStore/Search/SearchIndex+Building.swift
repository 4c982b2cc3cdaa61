#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation
import StorySearch

extension SearchIndex {
    /// Bytes a worker of a build holds before it writes its part out: the build's memory
    /// stays a few such parts, whatever the library's size. Parts are merged as they are
    /// read, so smaller parts cost the merge little.
    static let partBudget = 2 << 20

    /// Stories a worker of a build reads between giving back the listing's pages: some
    /// 2 MiB of pages at most (see `BuildFiles.releasePages`).
    static let pagesReleasedEvery = 32

    /// Builds the index from every story file, in parallel parts that are then merged,
    /// and saves it as the new base (dropping the recent file).
    ///
    /// - Parameter progress: stories indexed so far and in all; called from worker threads.
    public static func build(_ library: Library, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        let started = CheckTime.now()
        let files = try BuildFiles.scanning(root: library.folder.path, stamped: false)
        try library.writerLock.withLock { () throws(LibraryError) in
            try writeBase(library, files: files, checked: started, progress: progress)
        }
        switch open(library) {
        case .success(let index): return index
        case .failure(.missing): throw LibraryError(path: basePath(library), reason: "the search index just saved is gone")
        case .failure(.damaged(let reason)): throw LibraryError(path: basePath(library), reason: reason)
        }
    }

    /// Writes a new base from the files (under the writers' lock).
    ///
    /// The files are split into one run per worker, in path order; each worker indexes
    /// its run straight from the files' bytes and writes a part whenever it holds
    /// `partBudget` bytes. Parts hold consecutive stories, so merging them copies each
    /// word's postings as they are.
    ///
    /// - Parameter checked: when the listing of `files` began: the base is dated just
    ///   before it, so a file added since is found by the next folder check.
    static func writeBase(_ library: Library, files: BuildFiles, checked: CheckTime,
                          progress: @Sendable (Int, Int) -> Void) throws(LibraryError) {
        removeLeftovers(library)
        Memory.returnLargeBlocks()
        let order = files.pathOrder()
        let target = basePath(library)
        let root = library.folder.path
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4, files.count / 512))
        let runs = (0..<workers).map { files.count * $0 / workers..<files.count * ($0 + 1) / workers }
        let parts = Locked([[String]](repeating: [], count: workers))
        let failure = Locked<LibraryError?>(nil)
        let done = Locked(0)
        /// Indexes one worker's run; its last stories, unless it had to write parts or
        /// shares the build with other workers, are handed back to be written as the base.
        @Sendable func index(_ worker: Int) -> SearchSegmentBuilder? {
            var builder = SearchSegmentBuilder(reserving: partBudget)
            var reader = StoryFileBuffer()
            var written: [String] = []
            defer { parts.update { $0[worker] = written } }
            func writePart() -> Bool {
                let path = library.stateFolder.appendingPathComponent(".search-part-\(worker)-\(written.count)").path
                do {
                    // A part lives only until the merge: it need not reach the disk.
                    try write(builder, to: path, generation: UInt64.random(in: 1...UInt64.max), durably: false)
                } catch {
                    failure.update { $0 = $0 ?? error }
                    return false
                }
                written.append(path)
                // The old part's memory goes before the next one's is set aside.
                builder = SearchSegmentBuilder()
                builder = SearchSegmentBuilder(reserving: partBudget)
                return true
            }
            var sinceProgress = 0
            for index in runs[worker] {
                let number = Int(order[index])
                add(files.path(number), stamp: files.knownStamp(number), to: &builder, reader: &reader, root: root)
                sinceProgress += 1
                // The listing's pages read so far (paths, stamps) need not stay. Its rows
                // are in list order, not path order, so each path read is a page of its
                // own and maps the 64 KiB around it: they go often.
                if sinceProgress % pagesReleasedEvery == 0 { files.releasePages() }
                if sinceProgress == 256 {
                    let count = done.update { value -> Int in
                        value += sinceProgress
                        return value
                    }
                    progress(count, files.count)
                    sinceProgress = 0
                    if failure.value != nil { return nil }
                }
                if builder.memory > partBudget, !writePart() { return nil }
            }
            if workers == 1 && written.isEmpty { return builder }
            if !builder.isEmpty { _ = writePart() }
            return nil
        }
        var whole: SearchSegmentBuilder?
        if workers == 1 {
            whole = index(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { _ = index($0) }
        }
        files.releasePages()
        progress(files.count, files.count)
        let all = parts.value.flatMap { $0 }
        defer { for part in all { unlink(part) } }
        if let error = failure.value { throw error }
        // The workers' memory goes back before the merge takes its own.
        Memory.giveBack()
        let generation = UInt64.random(in: 1...UInt64.max)
        if let whole {
            try write(whole, to: target, generation: generation, durably: true)
        } else {
            try merge(all, into: target, generation: generation, library: library)
        }
        checked.mark(target)
        unlink(recentPath(library))
        AtomicFile.syncFolder(library.stateFolder.path)
        Memory.giveBack()
    }

    /// Writes a builder's segment to `path`, replacing it at once. A part (not `durably`) stores no
    /// quick prefixes: it lives only until the parts are merged.
    private static func write(_ builder: SearchSegmentBuilder, to path: String, generation: UInt64,
                              durably: Bool) throws(LibraryError) {
        var file = try SegmentFile(target: path)
        do { file = try builder.write(to: file, generation: generation, quick: durably ? .standard : .none) } catch {
            file.discard()
            throw error as? LibraryError ?? LibraryError(path: path, reason: "\(error)")
        }
        try file.commit(durably: durably)
    }

    /// Reads and adds one story file; a file that cannot be read or parsed is left out
    /// (the library reports it).
    ///
    /// - Parameter stamp: the file's stamp as the folder's listing saw it; nil to take it
    ///   from the file as read.
    static func add(_ path: String, stamp: FileStamp?, to builder: inout SearchSegmentBuilder,
                    reader: inout StoryFileBuffer, root: String) {
        var used = stamp
        guard let added = reader.read(root + "/" + path, { bytes, read in
            used = used ?? read
            return builder.add(fileBytes: bytes, path: path, stamp: used ?? read)
        }), let used else { return }
        guard !added, case .success(let story) = StoryFileParser.parse(reader.bytes) else { return }
        builder.add(SearchDocument(story: story), path: path, stamp: used)
    }

    /// Reads and adds story files (a check's few changed files, a writer's saved ones).
    static func add(_ files: some Collection<(path: String, stamp: FileStamp?)>, to builder: inout SearchSegmentBuilder, library: Library) {
        var reader = StoryFileBuffer()
        let root = library.folder.path
        for file in files { add(file.path, stamp: file.stamp, to: &builder, reader: &reader, root: root) }
    }

    /// Merges segment files into a new one at `target`.
    static func merge(_ paths: [String], into target: String, generation: UInt64, library: Library,
                      removed: [Set<UInt32>] = []) throws(LibraryError) {
        var mapped: [MappedFile] = []
        for path in paths {
            switch MappedFile.open(path) {
            case .success(let file): mapped.append(file)
            case .failure(.missing): throw LibraryError(path: path, reason: "the file is gone")
            case .failure(.failed(let reason)): throw LibraryError(path: path, reason: reason)
            }
        }
        try merge(mapped, into: target, generation: generation, removed: removed)
    }

    static func merge(_ mapped: [MappedFile], into target: String, generation: UInt64, removed: [Set<UInt32>] = [],
                      baseGeneration: UInt64 = 0, deleted: [UInt32] = [], extra: SearchSegment? = nil) throws(LibraryError) {
        var inputs: [SearchSegmentMerger.Input] = []
        for (index, file) in mapped.enumerated() {
            do {
                inputs.append(.init(segment: try SearchSegment(file.bytes), removed: index < removed.count ? removed[index] : []))
            } catch {
                throw LibraryError(path: target, reason: "a part of the search index is damaged: \(error.reason)")
            }
        }
        if let extra { inputs.append(.init(segment: extra)) }
        var file = try SegmentFile(target: target)
        do {
            file = try SearchSegmentMerger.merge(inputs, into: file, generation: generation,
                                                 baseGeneration: baseGeneration, deleted: deleted) {
                for input in mapped { input.release() }
            }
        } catch {
            file.discard()
            throw error as? LibraryError ?? LibraryError(path: target, reason: "\(error)")
        }
        try file.commit()
    }

    /// Temporary files a killed build or save left behind. Called under the writers' lock,
    /// so no other writer is making one now.
    static func removeLeftovers(_ library: Library) {
        let folder = library.stateFolder.path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(".search-") || name.hasPrefix("..search-") {
            unlink(folder + "/" + name)
        }
    }
}

/// A value shared by the workers of a build.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()

    init(_ value: Value) { stored = value }

    var value: Value { lock.withLock { stored } }

    @discardableResult
    func update<T>(_ body: (inout Value) -> T) -> T { lock.withLock { body(&stored) } }
}
