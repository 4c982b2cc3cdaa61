import BylineCore
import Dispatch
import Foundation
import Synchronization

/// Reads and parses the story files that are new or changed since the index was written,
/// a few at a time.
enum StoryFileReading {
    /// Parsing is the costly part of a cold start; a few threads share it, leaving a core
    /// for everything else on a small machine.
    static let mostThreads = 4

    /// The index records for `files`; a file gone since the folder was scanned is left out.
    ///
    /// - Parameter progress: told (files read, files in all) now and then, from any thread.
    static func records(root: String, files: [StoryFolderScan.Found],
                        progress: (@Sendable (Int, Int) -> Void)? = nil) -> [LibraryIndex.Record] {
        let threads = min(mostThreads, ProcessInfo.processInfo.activeProcessorCount, max(1, files.count / 32))
        // Each thread reads every `threads`-th file into results of its own; they are handed
        // over once, under a lock, and put back in file order after all threads finish.
        let finished = Mutex<[Int: [LibraryIndex.Record?]]>([:])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let mine = stride(from: thread, to: files.count, by: threads).map { index in
                // Each thread reads every `threads`-th file: thread 0 speaks for them all.
                if thread == 0, index % 2048 == 0 { progress?(index, files.count) }
                return record(root: root, file: files[index])
            }
            finished.withLock { $0[thread] = mine }
        }
        let perThread = finished.withLock { $0 }
        return files.indices.compactMap { index in perThread[index % threads]?[index / threads] ?? nil }
    }

    /// One file's record: an entry for a story, a problem for anything else. A file found
    /// with `StoryFolderScan.unknownStamp` is stamped as it is read.
    ///
    /// - Parameter opening: the file's folder, open, and its name in it: opened so, the
    ///   kernel looks up one name, not every folder from the root down.
    static func record(root: String, file: StoryFolderScan.Found, opening: (folder: Int32, name: String)? = nil) -> LibraryIndex.Record? {
        switch parsed(root: root, file: file, opening: opening) {
        case nil: return nil
        case .problem(let problem)?: return .problem(problem)
        case .story(let story, let stamp)?: return .story(LibraryEntry(id: StoryID(file.path), story: story, stamp: stamp))
        }
    }

    /// A file read and parsed for the index (`StoryFileParser.parseForIndex`).
    enum Parsed {
        /// A story, and the file's stamp as it was read.
        case story(Story, FileStamp)
        case problem(LibraryProblem)
    }

    /// As `record`, with a story as parsed: an index built from the files alone takes
    /// what it keeps of it straight into bytes, without an entry between.
    static func parsed(root: String, file: StoryFolderScan.Found, opening: (folder: Int32, name: String)? = nil) -> Parsed? {
        let id = StoryID(file.path)
        // Joined only when needed: a file opened in its open folder needs no path.
        func path() -> String { root + "/" + file.path }
        var stamp = file.stamp
        switch FileBytes.contents(of: opening?.name ?? path(), in: opening?.folder ?? AT_FDCWD, opened: { if file.stamp == StoryFolderScan.unknownStamp { stamp = StoryFolderScan.stamp($0) } }) {
        case .failure(.missing):
            return nil
        case .failure(.failed(let reason)):
            if stamp == StoryFolderScan.unknownStamp { stamp = Library.indexStamp(path()) ?? stamp }
            return .problem(LibraryProblem(id: id, problem: .unreadable(reason), stamp: stamp))
        case .success(let bytes):
            switch StoryFileParser.parseForIndex(bytes) {
            case .success(let story): return .story(story, stamp)
            case .failure(let problem): return .problem(LibraryProblem(id: id, problem: problem, stamp: stamp))
            }
        }
    }
}
