import BylineCore
import BylineStore
import BylineUI
import Foundation
import Glibc

/// Saves read and star marks on a thread of its own, so a key that marks stories is
/// drawn before they are saved: saving rewrites the whole reading-state file under the
/// writers' lock (re-read, apply, write, fsync, rename), which for a library of 100,000
/// read stories takes far longer than a frame.
///
/// Changes are saved in the order they were made. Changes made while a save runs wait
/// and are saved together, once, by the next: `A` then `U` then `A` costs one or two
/// saves, not three. `finish` waits until every change is saved, so quitting loses none.
/// Each save also leaves the read-rows cache of the file it wrote (`ReadingState.apply`),
/// so the next start takes its marks by row instead of looking up every path.
final class MarksWriter: @unchecked Sendable {
    /// Changes to one library's marks, in the order made.
    private struct Batch {
        var readingState: ReadingState
        var marks: MarkBatch
    }

    /// Changes as the reader hands them over: stories marked together (`A`, `U`) come
    /// as their rows in a listing, named (their paths read) only here, one at a time,
    /// as the save writes them.
    enum Part {
        case changes([ReadingChange])
        case marked(StoriesAtRows, read: Bool)
    }

    private let condition = NSCondition()
    private var waiting: [Batch] = []
    private var saving = false
    private var started = false
    private let mailbox: Mailbox

    init(mailbox: Mailbox) {
        self.mailbox = mailbox
    }

    /// Saves `changes` to `readingState` in the background; a failure is posted as
    /// `Action.marksNotSaved`. When the saved file turns out damaged (the store sets it
    /// aside and keeps its intact marks with these changes), `.damagedAndSavedAgain` is
    /// posted, and the reader hands over every mark it holds to be saved again.
    ///
    /// The reader's own sets are not kept here: holding them would make its next mark copy
    /// the whole set (100,000 ids after `A`) on the key's path.
    func save(_ part: Part, to readingState: ReadingState) {
        condition.lock()
        defer { condition.unlock() }
        // Marks made while a save runs join the batch waiting for the next: each story's
        // last mark wins, so `A` and `U` pressed in turn over 100,000 stories while a save
        // runs leave one set of rows waiting, not a change per story per press.
        let joined = waiting.last?.readingState.stateFolder == readingState.stateFolder
            && Self.add(part, to: &waiting[waiting.count - 1].marks)
        if !joined {
            var marks = MarkBatch()
            _ = Self.add(part, to: &marks)
            waiting.append(Batch(readingState: readingState, marks: marks))
        }
        condition.signal()
        guard !started else { return }
        started = true
        Thread { [self] in loop() }.start()
    }

    /// Adds `part` to `marks`; false (nothing added) for rows of another listing.
    private static func add(_ part: Part, to marks: inout MarkBatch) -> Bool {
        switch part {
        case .changes(let changes):
            for change in changes { marks.add(change) }
            return true
        case .marked(let stories, let read):
            return marks.add(stories, read: read)
        }
    }

    /// Waits until every change handed over is saved.
    func finish() {
        condition.lock()
        defer { condition.unlock() }
        while saving || !waiting.isEmpty { condition.wait() }
    }

    private func loop() {
        let comm = open("/proc/thread-self/comm", O_WRONLY)
        if comm >= 0 {
            _ = "byline marks".withCString { write(comm, $0, strlen($0)) }
            close(comm)
        }
        // Saving gives way to the thread drawing the screen on a busy machine: a save of
        // 100,000 marks takes a core for a while (on Linux, niceness is per thread).
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, getpriority(which, 0) + 10)
        while true {
            condition.lock()
            while waiting.isEmpty { condition.wait() }
            let batch = waiting.removeFirst()
            saving = true
            condition.unlock()
            if let problem = Self.save(batch) { mailbox.post(.marksNotSaved(problem)) }
            condition.lock()
            saving = false
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Saves a batch; what went wrong, if anything.
    private static func save(_ batch: Batch) -> MarksProblem? {
        do {
            guard let problem = try batch.readingState.apply(batch.marks) else { return nil }
            return .damagedAndSavedAgain(FailureReason(problem))
        } catch {
            return .notSaved(FailureReason("\(error)"))
        }
    }
}
