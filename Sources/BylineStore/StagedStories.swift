import Foundation

/// Story files written ahead of their save, unnamed, by the thread that made them.
///
/// A fetch saves one feed at a time under the writers' lock, and creating a file is most
/// of a save's cost (for a cold fetch of 50,000 stories, `perf` put 29% of all the CPU
/// in the kernel's `openat`). Written unnamed (`O_TMPFILE`), a file is in nobody's way
/// until it is linked to its name, so the feed's reading thread writes it while other
/// feeds are saved, and the save only gives it its name (`Library.save(files:pending:staged:)`).
/// Nothing changes after a crash: an unnamed file leaves nothing behind, and every file
/// still takes its name only after the flush.
///
/// A save takes a file only when its bytes are the bytes it was written with; files the
/// save did not take (another copy of Byline saved the story first) are dropped when this
/// is released. Each file holds a descriptor until then, within the process's share
/// (`UnnamedFiles`): stories beyond it are written by the save as before.
public final class StagedStories: @unchecked Sendable {
    private let lock = NSLock()
    private var batch: AtomicFileBatch
    private var files: [String: (bytes: [UInt8], file: AtomicFileBatch.Written)] = [:]

    private init(batch: consuming AtomicFileBatch) {
        self.batch = batch
    }

    /// Writes `stories` (serialised story files and their names in the library's folder of
    /// fetched stories) unnamed, as many as may be; nil when none could be.
    public static func write(_ stories: [(bytes: [UInt8], fileName: String)], in library: Library) -> StagedStories? {
        guard !stories.isEmpty, let folder = try? library.fetchedFolder(),
              let batch = try? AtomicFileBatch(folder: folder, removingLeftovers: false) else { return nil }
        let staged = StagedStories(batch: batch)
        for (bytes, fileName) in stories where staged.files[fileName] == nil && StoryFileName.isBylineName(fileName) {
            // Past the share of descriptors (or on a failed write) the save writes the rest.
            guard let file = try? staged.batch.writeUnnamed(bytes, as: fileName) else { break }
            staged.files[fileName] = (bytes, file)
        }
        return staged.files.isEmpty ? nil : staged
    }

    /// How many files are written and not yet taken.
    var count: Int { lock.withLock { files.count } }

    /// The file written for `fileName`, if its bytes are `bytes`; it is then the caller's
    /// to place or discard.
    func take(_ fileName: String, bytes: [UInt8]) -> AtomicFileBatch.Written? {
        lock.withLock {
            guard let staged = files[fileName], staged.bytes == bytes else { return nil }
            files[fileName] = nil
            return staged.file
        }
    }

    deinit {
        for (_, staged) in files { batch.discard(staged.file) }
    }
}
