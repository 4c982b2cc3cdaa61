#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

/// The reading state's side of sync: the journal of marks made here and not yet sent,
/// kept as `mark-journal` beside `reading-state`, under the same writers' lock.
///
/// The journal exists once a library has synced; from then on every change the reader
/// applies is journaled too, in the same lock, so a mark made offline, between syncs or
/// during one is sent at the next sync. Each write is atomic, so `kill -9` at any moment
/// leaves the old journal or the new one.
extension ReadingState {
    var journalPath: String { stateFolder.appendingPathComponent("mark-journal").path }

    /// Whether marks are being journaled for a sync server.
    public var isJournaling: Bool { access(journalPath, F_OK) == 0 }

    /// Starts journaling (the first sync of a library calls this).
    public func startJournal() throws(LibraryError) {
        try writerLock.withLock { () throws(LibraryError) in
            guard !isJournaling else { return }
            try AtomicFile.save(MarkJournalFile.encode(MarkJournal()), to: journalPath)
        }
    }

    /// The marks waiting to be sent.
    public func pendingMarks() throws(LibraryError) -> MarkJournal {
        try writerLock.withLock { () throws(LibraryError) in try readJournal() }
    }

    /// Drops the marks the server now has (see `MarkJournal.removing(sent:)`).
    public func markSent(_ sent: MarkJournal) throws(LibraryError) {
        guard !sent.isEmpty else { return }
        try writerLock.withLock { () throws(LibraryError) in
            let journal = try readJournal()
            try AtomicFile.save(MarkJournalFile.encode(journal.removing(sent: sent)), to: journalPath)
        }
    }

    /// Applies the server's marks: `changes` sees the saved marks and the journal as they
    /// are under the lock (a mark the reader made a moment ago included) and says what to
    /// change. These changes come from the server, so they are not journaled.
    @discardableResult
    public func applyFromServer(
        _ changes: (ReadingMarks, MarkJournal) -> [ReadingChange]
    ) throws(LibraryError) -> [ReadingChange] {
        try writerLock.withLock { () throws(LibraryError) in
            var loaded = try readRepairing()
            let found = changes(loaded.marks, try readJournal())
            guard !found.isEmpty else { return [] }
            for change in found { loaded.marks.apply(change) }
            try AtomicFile.save(ReadingStateFile.encode(loaded.marks), to: path)
            return found
        }
    }

    /// Adds `changes` to the journal when journaling. Call with the lock held.
    func journalForSync(_ changes: [ReadingChange]) throws(LibraryError) {
        guard isJournaling, !changes.isEmpty else { return }
        let journal = changes.reduce(into: try readJournal()) { $0.record($1) }
        try AtomicFile.save(MarkJournalFile.encode(journal), to: journalPath)
    }

    /// The journal; a damaged one is set aside (never silently lost) and starts empty.
    /// Call with the lock held.
    private func readJournal() throws(LibraryError) -> MarkJournal {
        switch FileBytes.contents(of: journalPath, limit: FileBytes.largestBookkeeping) {
        case .failure(.missing): return MarkJournal()
        case .failure(.failed(let reason)): throw LibraryError(path: journalPath, reason: "cannot be read: \(reason)")
        case .success(let bytes):
            switch MarkJournalFile.decode(bytes) {
            case .success(let journal): return journal
            case .failure:
                let kept = journalPath + ".damaged-" + Self.timestamp(Date())
                guard rename(journalPath, kept) == 0 else { throw .system("set aside the damaged file", journalPath, errno: errno) }
                // A fresh one at once, so journaling goes on.
                try AtomicFile.save(MarkJournalFile.encode(MarkJournal()), to: journalPath)
                return MarkJournal()
            }
        }
    }
}
