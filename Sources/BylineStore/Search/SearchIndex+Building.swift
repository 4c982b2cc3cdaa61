#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation
import StorySearch

extension SearchIndex {
    /// Stories a build indexes at once: memory for one batch stays a few megabytes.
    static let batchSize = 1_000

    /// Builds the index from every story file, in parallel batches that are then merged,
    /// and saves it as the new base (dropping the recent file).
    ///
    /// - Parameter progress: stories indexed so far and in all; called from worker threads.
    public static func build(_ library: Library, progress: @Sendable (Int, Int) -> Void = { _, _ in }) throws(LibraryError) -> SearchIndex {
        let found = try StoryFolderScan.run(root: library.folder.path)
        try library.writerLock.withLock { () throws(LibraryError) in
            try writeBase(library, files: found.map { ($0.path, $0.stamp) }, progress: progress)
        }
        switch open(library) {
        case .success(let index): return index
        case .failure(.missing): throw LibraryError(path: basePath(library), reason: "the search index just saved is gone")
        case .failure(.damaged(let reason)): throw LibraryError(path: basePath(library), reason: reason)
        }
    }

    /// Writes a new base from the files (under the writers' lock).
    static func writeBase(_ library: Library, files: [(path: String, stamp: FileStamp)],
                          progress: @Sendable (Int, Int) -> Void) throws(LibraryError) {
        removeLeftovers(library)
        let files = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let batches = stride(from: 0, to: files.count, by: batchSize).map { $0..<min($0 + batchSize, files.count) }
        let target = basePath(library)
        let generation = UInt64.random(in: 1...UInt64.max)
        if batches.count <= 1 {
            var builder = SearchSegmentBuilder()
            add(files, to: &builder, library: library)
            progress(files.count, files.count)
            var file = try SegmentFile(target: target)
            do { file = try builder.write(to: file, generation: generation) } catch {
                file.discard()
                throw error as? LibraryError ?? LibraryError(path: target, reason: "\(error)")
            }
            try file.commit()
        } else {
            let parts = try writeBatches(library, files: files, batches: batches, progress: progress)
            defer { for part in parts { unlink(part) } }
            try merge(parts, into: target, generation: generation, library: library)
        }
        unlink(recentPath(library))
        AtomicFile.syncFolder(library.stateFolder.path)
    }

    /// Indexes each batch into a temporary segment file, two or more batches at once.
    private static func writeBatches(_ library: Library, files: [(path: String, stamp: FileStamp)], batches: [Range<Int>],
                                     progress: @Sendable (Int, Int) -> Void) throws(LibraryError) -> [String] {
        let results = Locked([Result<String, LibraryError>?](repeating: nil, count: batches.count))
        let done = Locked(0)
        let total = files.count
        DispatchQueue.concurrentPerform(iterations: batches.count) { number in
            var builder = SearchSegmentBuilder()
            add(files[batches[number]], to: &builder, library: library)
            let path = library.stateFolder.appendingPathComponent(".search-part-\(number)").path
            let result: Result<String, LibraryError>
            do {
                var file = try SegmentFile(target: path)
                do { file = try builder.write(to: file, generation: UInt64(number + 1)) } catch {
                    file.discard()
                    throw error as? LibraryError ?? LibraryError(path: path, reason: "\(error)")
                }
                try file.commit()
                result = .success(path)
            } catch {
                result = .failure(error as? LibraryError ?? LibraryError(path: path, reason: "\(error)"))
            }
            results.update { $0[number] = result }
            let count = done.update { value -> Int in
                value += batches[number].count
                return value
            }
            progress(count, total)
        }
        var parts: [String] = []
        var failure: LibraryError?
        for result in results.value {
            switch result {
            case .success(let path)?: parts.append(path)
            case .failure(let error)?: failure = failure ?? error
            case nil: break
            }
        }
        if let failure {
            for part in parts { unlink(part) }
            throw failure
        }
        return parts
    }

    /// Reads and adds story files; a file that cannot be read or parsed is left out (the
    /// library reports it).
    static func add(_ files: some Collection<(path: String, stamp: FileStamp)>, to builder: inout SearchSegmentBuilder, library: Library) {
        for file in files {
            guard case .success(let bytes) = FileBytes.contents(of: library.folder.path + "/" + file.path) else { continue }
            if let document = SearchDocument(fileBytes: bytes) {
                builder.add(document, path: file.path, stamp: SearchStamp(file.stamp))
            } else if case .success(let story) = StoryFileParser.parse(bytes) {
                builder.add(SearchDocument(story: story), path: file.path, stamp: SearchStamp(file.stamp))
            }
        }
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

extension SearchStamp {
    init(_ stamp: FileStamp) {
        self.init(size: stamp.size, modifiedSeconds: stamp.modifiedSeconds, modifiedNanoseconds: stamp.modifiedNanoseconds)
    }

    var fileStamp: FileStamp {
        FileStamp(size: size, modifiedSeconds: modifiedSeconds, modifiedNanoseconds: modifiedNanoseconds)
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
