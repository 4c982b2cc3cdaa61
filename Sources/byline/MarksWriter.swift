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
final class MarksWriter: @unchecked Sendable {
    /// Changes to one library's marks, and the marks the reader held when it made them:
    /// saved again whole when the file turns out damaged (see `ReadingState.apply`).
    private struct Batch {
        var readingState: ReadingState
        var changes: [ReadingChange]
        var read: Set<StoryID>
        var starred: Set<StoryID>
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
    /// `Action.marksNotSaved`.
    func save(_ changes: [ReadingChange], to readingState: ReadingState, read: Set<StoryID>, starred: Set<StoryID>) {
        guard !changes.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        if let last = waiting.last, last.readingState.stateFolder == readingState.stateFolder {
            waiting[waiting.count - 1].changes += changes
            waiting[waiting.count - 1].read = read
            waiting[waiting.count - 1].starred = starred
        } else {
            waiting.append(Batch(readingState: readingState, changes: changes, read: read, starred: starred))
        }
        condition.signal()
        guard !started else { return }
        started = true
        Thread { [self] in loop() }.start()
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

    /// Saves a batch; what went wrong, if anything. When the saved state turns out
    /// damaged (the store sets the file aside and keeps only these changes), the marks
    /// the reader holds are saved again, so none are lost.
    private static func save(_ batch: Batch) -> MarksProblem? {
        do {
            let saved = try batch.readingState.apply(batch.changes)
            guard let problem = saved.problem else { return nil }
            let marks = batch.read.map(ReadingChange.markRead) + batch.starred.map(ReadingChange.star)
            _ = try batch.readingState.apply(marks)
            return .damagedAndSavedAgain(FailureReason(problem))
        } catch {
            return .notSaved(FailureReason("\(error)"))
        }
    }
}
