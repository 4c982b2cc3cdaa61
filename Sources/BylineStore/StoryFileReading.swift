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
    static func records(root: String, files: [StoryFolderScan.Found]) -> [LibraryIndex.Record] {
        let threads = min(mostThreads, ProcessInfo.processInfo.activeProcessorCount, max(1, files.count / 32))
        // Each thread reads every `threads`-th file into results of its own; they are handed
        // over once, under a lock, and put back in file order after all threads finish.
        let finished = Mutex<[Int: [LibraryIndex.Record?]]>([:])
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let mine = stride(from: thread, to: files.count, by: threads).map { record(root: root, file: files[$0]) }
            finished.withLock { $0[thread] = mine }
        }
        let perThread = finished.withLock { $0 }
        return files.indices.compactMap { index in perThread[index % threads]?[index / threads] ?? nil }
    }

    /// One file's record: an entry for a story, a problem for anything else.
    static func record(root: String, file: StoryFolderScan.Found) -> LibraryIndex.Record? {
        let id = StoryID(file.path)
        switch FileBytes.contents(of: root + "/" + file.path) {
        case .failure(.missing):
            return nil
        case .failure(.failed(let reason)):
            return .problem(LibraryProblem(id: id, problem: .unreadable(reason), stamp: file.stamp))
        case .success(let bytes):
            switch StoryFileParser.parse(bytes) {
            case .success(let story): return .story(LibraryEntry(id: id, story: story, stamp: file.stamp))
            case .failure(let problem): return .problem(LibraryProblem(id: id, problem: problem, stamp: file.stamp))
            }
        }
    }
}
