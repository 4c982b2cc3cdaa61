#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

/// The read and starred marks of one library, kept in its state folder across runs.
///
/// Each change is applied under the writers' lock to what is on disk right then (re-read,
/// apply, write a temporary file, flush, rename), so two running copies of Byline never
/// overwrite each other's changes and the file is always whole. A damaged file loses only
/// its damaged lines, and says so: reading it (`load`, as `list` does) changes nothing on
/// disk; the next change, made by a writer under the lock, keeps the damaged file beside
/// as `reading-state.damaged-<time>` and saves every intact mark with the change.
public struct ReadingState: Sendable {
    public let stateFolder: URL

    public init(stateFolder: URL) {
        self.stateFolder = stateFolder
    }

    var path: String { stateFolder.appendingPathComponent("reading-state").path }
    var writerLock: WriterLock { WriterLock(stateFolder: stateFolder.path) }

    /// The saved marks (empty before the first change). Read-only: a damaged file gives
    /// the marks of its intact lines and a problem saying what was lost, and stays as it is.
    public func load() throws(LibraryError) -> LoadedReadingState {
        let decoded = try read()
        guard let damage = decoded.damage else { return LoadedReadingState(marks: decoded.marks) }
        let problem = "\(DisplayText.oneLine(path)): damaged (\(damage.reason)); \(Self.lost(decoded)); "
            + "it will be kept aside at the next change"
        return LoadedReadingState(marks: decoded.marks, problem: problem)
    }

    /// Applies one change to the saved marks and returns them, with the other copies'
    /// changes included.
    @discardableResult
    public func apply(_ change: ReadingChange) throws(LibraryError) -> LoadedReadingState {
        try apply([change])
    }

    /// Applies several changes at once, in order.
    @discardableResult
    public func apply(_ changes: [ReadingChange]) throws(LibraryError) -> LoadedReadingState {
        return try writerLock.withLock { () throws(LibraryError) in
            var loaded = try readRepairing()
            // Journaled first: killed between the two writes, the change is still sent at
            // the next sync (and comes back from the server), never lost.
            try journalForSync(changes)
            for change in changes { loaded.marks.apply(change) }
            try AtomicFile.save(ReadingStateFile.encode(loaded.marks), to: path)
            return loaded
        }
    }

    /// The saved marks, with any damage; throws when the file cannot be read at all.
    private func read() throws(LibraryError) -> ReadingStateFile.Decoded {
        switch FileBytes.contents(of: path, limit: FileBytes.largestBookkeeping) {
        case .failure(.missing): return ReadingStateFile.Decoded()
        case .failure(.failed(let reason)): throw LibraryError(path: path, reason: "cannot be read: \(reason)")
        case .success(let bytes): return ReadingStateFile.decode(bytes)
        }
    }

    /// Reads the marks; a damaged file is renamed aside and its intact marks go on.
    /// Call with the lock held: only a writer sets a file aside.
    func readRepairing() throws(LibraryError) -> LoadedReadingState {
        let decoded = try read()
        guard let damage = decoded.damage else { return LoadedReadingState(marks: decoded.marks) }
        let kept = path + ".damaged-" + Self.timestamp(Date())
        guard rename(path, kept) == 0 else { throw .system("set aside the damaged file", path, errno: errno) }
        let problem = "\(DisplayText.oneLine(path)): damaged (\(damage.reason)); kept as "
            + "\(DisplayText.oneLine(kept)); \(Self.lost(decoded))"
        return LoadedReadingState(marks: decoded.marks, problem: problem)
    }

    /// "2 unreadable lines lost, 353 marks kept".
    private static func lost(_ decoded: ReadingStateFile.Decoded) -> String {
        let kept = decoded.marks.read.count + decoded.marks.starred.count
        let lines = decoded.lostLines == 1 ? "1 unreadable line lost" : "\(decoded.lostLines) unreadable lines lost"
        return "\(lines), \(kept == 1 ? "1 mark" : "\(kept) marks") kept"
    }

    /// `20261127T161620.123Z`: sorts by time, and two damaged files in one second differ.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let millis = (c.nanosecond ?? 0) / 1_000_000
        let fraction = String(millis + 1000).dropFirst()
        return "\(c.year ?? 0)\(two(c.month))\(two(c.day))T\(two(c.hour))\(two(c.minute))\(two(c.second)).\(fraction)Z"
    }
}

/// Read and starred marks as loaded, with a message when a damaged file was set aside.
public struct LoadedReadingState: Equatable, Sendable {
    public var marks: ReadingMarks
    /// One line for the reader when the saved file was damaged, else `nil`.
    public var problem: String?

    public init(marks: ReadingMarks, problem: String? = nil) {
        self.marks = marks
        self.problem = problem
    }
}
